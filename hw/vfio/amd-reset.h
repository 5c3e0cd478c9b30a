/*
 * Device-specific reset for AMD GCN 1.1 (CIK) and GCN 1.2 (VI) GPUs
 *
 * These chips ignore PCI bus reset and FLR.  They can be brought back to a
 * state a guest driver can initialise by the AMD "PCI config reset" (a magic
 * value written to config offset 0x7c) followed by a reset of the SMC
 * (System Management Controller), so that the guest driver loads its
 * firmware again.
 *
 * The engine below knows registers, not QEMU devices: it reaches the GPU
 * only through AMDResetOps, so the same code runs against a vfio device in
 * QEMU and against a register model in unit tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_VFIO_AMD_RESET_H
#define HW_VFIO_AMD_RESET_H

#include "qapi/qapi-types-common.h"

#define AMD_RESET_VENDOR_ID             0x1002

/* PCI configuration space */
#define AMD_PCI_CONFIG_RESET            0x7c        /* write-only trigger */
#define AMD_PCI_CONFIG_RESET_MAGIC      0x39d5e86b

/* BAR5 (register aperture), byte offsets */
#define AMD_MMIO_BAR                    5
#define mmSMC_IND_INDEX_0               0x200
#define mmSMC_IND_DATA_0                0x204
#define mmCONFIG_MEMSIZE                0x5428

/* SMC-indirect registers (through SMC_IND_INDEX_0 / SMC_IND_DATA_0) */
#define ixSMC_SYSCON_RESET_CNTL         0x80000000
#define   SMC_SYSCON_RESET_CNTL__rst_reg_MASK           0x00000001
#define ixSMC_SYSCON_CLOCK_CNTL_0       0x80000004
#define   SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK      0x00000001
#define ixSMC_PC_C                      0x80000370
#define ixRCU_MISC_CTRL                 0xc0000010
#define   RCU_MISC_CTRL__REG_DRV_RST_MODE_MASK          0x00000002
#define ixCC_RCU_FUSES                  0xc00c0000
#define   CC_RCU_FUSES__DRV_RST_MODE_MASK               0x00000040

/* SMC firmware is loaded at 0x20000; a PC past this runs the firmware */
#define AMD_SMC_FIRMWARE_PC_MIN         0x20100

/* Defaults, in microseconds */
#define AMD_RESET_SETTLE_US             100         /* after the trigger */
#define AMD_RESET_READY_TIMEOUT_US      100000      /* CONFIG_MEMSIZE poll */
#define AMD_RESET_POLL_US               10          /* between two polls */

/* How a family of chips is reset */
typedef enum AMDResetMethod {
    AMD_RESET_METHOD_CONFIG_SMC,    /* PCI config reset, then SMC reset */
} AMDResetMethod;

/* A family of chips: one reset method and its parameters */
typedef struct AMDResetFamily {
    const char *name;
    AMDResetMethod method;
    uint32_t settle_us;             /* wait after the config reset trigger */
    uint32_t ready_timeout_us;      /* deadline for CONFIG_MEMSIZE */
} AMDResetFamily;

/* One PCI device ID of the default table */
typedef struct AMDResetDeviceId {
    uint16_t vendor;
    uint16_t device;
    const AMDResetFamily *family;
    const char *name;               /* pci.ids name */
} AMDResetDeviceId;

typedef enum AMDResetResult {
    AMD_RESET_DONE,                 /* reset done, SMC stopped */
    AMD_RESET_SKIPPED,              /* the kernel can reset the device */
    AMD_RESET_NO_SMC,               /* SMC firmware not running: untouched */
    AMD_RESET_TIMEOUT,              /* device did not leave reset in time */
    AMD_RESET_GONE,                 /* device reads all-ones */
} AMDResetResult;

/*
 * Register access and time.  Config accesses are 1, 2 or 4 bytes wide and
 * reach the physical device; MMIO accesses are 32-bit accesses to BAR5.
 * clock_ns() is monotonic; sleep_us() may sleep longer than asked.
 */
typedef struct AMDResetOps {
    uint32_t (*config_read)(void *opaque, uint32_t offset, unsigned size);
    void (*config_write)(void *opaque, uint32_t offset, uint32_t value,
                         unsigned size);
    uint32_t (*mmio_read)(void *opaque, uint32_t offset);
    void (*mmio_write)(void *opaque, uint32_t offset, uint32_t value);
    int64_t (*clock_ns)(void *opaque);
    void (*sleep_us)(void *opaque, uint32_t us);
} AMDResetOps;

typedef struct AMDResetDevice {
    const AMDResetOps *ops;
    void *opaque;
    const char *name;               /* for traces */
    const AMDResetFamily *family;
    bool kernel_reset;              /* the kernel offers a working reset */
} AMDResetDevice;

/* Run the family's reset method.  Never blocks past the family deadline. */
AMDResetResult amd_reset_run(const AMDResetDevice *dev);
const char *amd_reset_result_str(AMDResetResult result);

/* Device table (hw/vfio/amd-reset-ids.c) */
extern const AMDResetDeviceId amd_reset_ids[];
extern const size_t amd_reset_ids_count;
extern const AMDResetFamily amd_reset_family_generic;

const AMDResetDeviceId *amd_reset_lookup(uint16_t vendor, uint16_t device);

/*
 * Pick the family for the physical @vendor:@device under the x-amd-reset
 * @policy.  Returns false with @errp set when the policy cannot apply to
 * the device; otherwise true, with *@family NULL when no AMD reset is used.
 */
bool amd_reset_select(OnOffAuto policy, uint16_t vendor, uint16_t device,
                      const AMDResetFamily **family, Error **errp);

#endif /* HW_VFIO_AMD_RESET_H */
