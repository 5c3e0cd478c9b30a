/*
 * Device-specific reset for AMD GCN 1.1 (CIK) and GCN 1.2 (VI) GPUs
 *
 * These chips ignore PCI bus reset and FLR.  They can be brought back to a
 * state a guest driver can initialise in two ways, which AMD's amdgpu
 * driver chooses between per chip and board:
 *
 * - the "PCI config reset" (a magic value written to config offset 0x7c)
 *   followed by a reset of the SMC (System Management Controller), so that
 *   the guest driver loads its firmware again;
 * - BACO, "bus active, chip off": the chip except its PCIe interface is
 *   powered down and up again by a sequence of register commands, run from
 *   per-chip tables.
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

/* BAR5 (register aperture), byte offsets (Linux "mm" index x 4) */
#define AMD_MMIO_BAR                    5
#define AMD_MMIO_BAR_SIZE               0x40000     /* CIK and VI */
#define mmSMC_IND_INDEX_0               0x200       /* GCK_SMC_IND_INDEX */
#define mmSMC_IND_DATA_0                0x204       /* GCK_SMC_IND_DATA */
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

/* BACO: bif_5_0 (VI); BIF 4.1 (CIK) lacks BACO_BIF_SCLK_SWITCH */
#define mmBACO_CNTL                     0x5394
#define   BACO_CNTL__BACO_EN_MASK                       0x00000001
#define   BACO_CNTL__BACO_EN__SHIFT                     0
#define   BACO_CNTL__BACO_BCLK_OFF_MASK                 0x00000002
#define   BACO_CNTL__BACO_BCLK_OFF__SHIFT               1
#define   BACO_CNTL__BACO_ISO_DIS_MASK                  0x00000004
#define   BACO_CNTL__BACO_ISO_DIS__SHIFT                2
#define   BACO_CNTL__BACO_POWER_OFF_MASK                0x00000008
#define   BACO_CNTL__BACO_POWER_OFF__SHIFT              3
#define   BACO_CNTL__BACO_RESET_EN_MASK                 0x00000010
#define   BACO_CNTL__BACO_RESET_EN__SHIFT               4
#define   BACO_CNTL__BACO_MODE_MASK                     0x00000040
#define   BACO_CNTL__BACO_ANA_ISO_DIS_MASK              0x00000080
#define   BACO_CNTL__BACO_ANA_ISO_DIS__SHIFT            7
#define   BACO_CNTL__RCU_BIF_CONFIG_DONE_MASK           0x00000100
#define   BACO_CNTL__PWRGOOD_BF_MASK                    0x00000200
#define   BACO_CNTL__PWRGOOD_GPIO_MASK                  0x00000400
#define   BACO_CNTL__PWRGOOD_MEM_MASK                   0x00000800
#define   BACO_CNTL__PWRGOOD_DVO_MASK                   0x00001000
#define   BACO_CNTL__BACO_BIF_SCLK_SWITCH_MASK          0x00040000
#define   BACO_CNTL__BACO_BIF_SCLK_SWITCH__SHIFT        18
#define mmCC_BIF_BX_FUSESTRAP0          0x535c
#define   CC_BIF_BX_FUSESTRAP0__STRAP_BIF_PX_CAPABLE_MASK 0x00000002
#define mmBIF_FB_EN                     0x5490
#define mmBIOS_SCRATCH_0                0x1724      /* _n at 0x1724 + 4n */
#define mmBIOS_SCRATCH_6                0x173c
#define mmBIOS_SCRATCH_7                0x1740

/* Defaults, in microseconds */
#define AMD_RESET_SETTLE_US             100         /* after the trigger */
#define AMD_RESET_READY_TIMEOUT_US      100000      /* CONFIG_MEMSIZE poll */
#define AMD_RESET_POLL_US               10          /* between two polls */
#define AMD_BACO_WAIT_TIMEOUT_US        100000      /* one WAIT step */
#define AMD_BACO_TOTAL_US               500000      /* enter + gap + exit */
#define AMD_BACO_GAP_US                 20000       /* regulator off -> on */
#define AMD_BACO_POLL_US                1000        /* between two reads */

/*
 * Reset methods.  AMD_RESET_METHOD_NONE ends a family's list of methods
 * when it has fewer than AMD_RESET_MAX_METHODS.
 */
typedef enum AMDResetMethod {
    AMD_RESET_METHOD_NONE,
    AMD_RESET_METHOD_CONFIG,        /* PCI config reset, then SMC reset */
    AMD_RESET_METHOD_BACO,          /* bus active, chip off: enter, exit */
} AMDResetMethod;

#define AMD_RESET_MAX_METHODS           2

/* x-amd-reset-method */
typedef enum AMDResetMethodChoice {
    AMD_RESET_METHOD_CHOICE_AUTO,   /* as amdgpu chooses */
    AMD_RESET_METHOD_CHOICE_BACO,
    AMD_RESET_METHOD_CHOICE_CONFIG,
    AMD_RESET_METHOD_CHOICE__MAX,
} AMDResetMethodChoice;

/*
 * One command of a register table, as amdgpu's powerplay runs them
 * (common_baco.c).  @reg is a BAR5 byte offset, or with AMD_REG_IX an
 * SMC-indirect address reached through SMC_IND_INDEX_0/DATA_0.
 *
 *   WRITE      reg := val
 *   RMW        reg := (reg & ~mask) | (val << shift)   (val not masked)
 *   WAIT       poll until (reg & mask) == val          (val unshifted)
 *   DELAY_US   sleep val microseconds
 */
typedef enum AMDRegOp {
    AMD_REG_WRITE,
    AMD_REG_RMW,
    AMD_REG_WAIT,
    AMD_REG_DELAY_US,
} AMDRegOp;

#define AMD_REG_IX                      0x1         /* AMDRegStep.flags */

typedef struct AMDRegStep {
    uint8_t op;                     /* AMDRegOp */
    uint8_t flags;
    uint8_t shift;
    uint32_t reg;
    uint32_t mask;
    uint32_t val;
} AMDRegStep;

/* Steps that several tables share */
typedef struct AMDRegSteps {
    const AMDRegStep *steps;
    size_t count;
} AMDRegSteps;

#define AMD_REG_TABLE_MAX_PARTS         6

/*
 * A named table: its parts' steps, run in order as one list (steps are
 * numbered across parts); it stops at the first failed WAIT.  Unused
 * parts are empty.
 */
typedef struct AMDRegTable {
    const char *name;
    AMDRegSteps parts[AMD_REG_TABLE_MAX_PARTS];
} AMDRegTable;

/*
 * A chip's BACO sequence.  Enter: every table runs, failures of the
 * preparation tables are ignored, only the last table decides whether the
 * chip entered BACO.  Exit: the tables run until one fails (the clean
 * table runs only after a successful exit table).  The exit runs even if
 * the enter failed, after AMD_BACO_GAP_US.
 */
typedef struct AMDBacoSequence {
    const AMDRegTable *enter;
    size_t enter_count;
    const AMDRegTable *exit;
    size_t exit_count;
} AMDBacoSequence;

/* Where the BACO platform cap lives in the VBIOS PowerPlay table */
typedef enum AMDPPTableFormat {
    AMD_PPTABLE_V0,                 /* ATOM_PPLIB (CIK, Topaz) */
    AMD_PPTABLE_V1,                 /* ATOM_Tonga (Tonga, Fiji, Polaris) */
} AMDPPTableFormat;

/* A family of chips: its reset methods in order of preference, as data */
typedef struct AMDResetFamily {
    const char *name;
    AMDResetMethod methods[AMD_RESET_MAX_METHODS];
    const AMDBacoSequence *baco;    /* NULL: no BACO */
    AMDPPTableFormat pptable;
    uint32_t settle_us;             /* wait after the config reset trigger */
    uint32_t ready_timeout_us;      /* deadline for CONFIG_MEMSIZE */
    uint32_t baco_wait_timeout_us;  /* deadline of one WAIT step */
    uint32_t baco_total_us;         /* deadline of a whole BACO cycle */
    uint32_t baco_gap_us;           /* between enter and exit */
    uint32_t baco_poll_us;          /* between two reads of a WAIT */
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
    AMD_RESET_TIMEOUT,              /* a wait did not end in time */
    AMD_RESET_GONE,                 /* device reads all-ones */
} AMDResetResult;

/*
 * Register access and time.  Config accesses are 1, 2 or 4 bytes wide and
 * reach the device as the host kernel presents it (vfio-pci serves vendor
 * ID, device ID and interrupt pin from its own copy, so they never read
 * all-ones); MMIO accesses are 32-bit accesses to BAR5.  clock_ns() is
 * monotonic; sleep_us() may sleep longer than asked.
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
    AMDResetMethod method;          /* chosen at realize */
    bool baco_fallback;             /* BACO when the config reset times out */
    bool kernel_reset;              /* the kernel offers a working reset */
} AMDResetDevice;

/* What a reset did, for the warning the user gets */
typedef struct AMDResetReport {
    AMDResetMethod method;          /* the last method run */
    const char *table;              /* table of the step that timed out */
    unsigned step;                  /* its 1-based index in the table */
    int64_t elapsed_us;
} AMDResetReport;

/*
 * Run @dev's reset method.  Never blocks past the family's deadlines.
 * @report may be NULL.
 */
AMDResetResult amd_reset_run(const AMDResetDevice *dev,
                             AMDResetReport *report);
const char *amd_reset_result_str(AMDResetResult result);
const char *amd_reset_method_str(AMDResetMethod method);

/*
 * Run one register table (exposed for tests and the fuzzer).  Returns
 * true if every step ran; on a WAIT that does not end before
 * min(now + @wait_us, @deadline_ns), false with *@failed_step set to its
 * 0-based row in the table as amdgpu writes it, where each write of the
 * SMC index register is a row of its own.  A WAIT that reads all-ones
 * while the device is gone sets *@gone.
 */
bool amd_reset_run_table(const AMDResetDevice *dev, const AMDRegTable *table,
                         uint32_t wait_us, uint32_t poll_us,
                         int64_t deadline_ns, size_t *failed_step,
                         bool *gone);

/* VBIOS (ROM image) parsing: the BACO platform cap */
typedef enum AMDVbiosCap {
    AMD_VBIOS_CAP_UNKNOWN,          /* no image, or it cannot be parsed */
    AMD_VBIOS_CAP_ABSENT,
    AMD_VBIOS_CAP_PRESENT,
} AMDVbiosCap;

/*
 * Find the BACO cap in the PowerPlay table of @rom (@len bytes, untrusted:
 * every offset is bounds checked).  On AMD_VBIOS_CAP_UNKNOWN, *@why says
 * what was wrong (a static string).
 */
AMDVbiosCap amd_vbios_baco_cap(const uint8_t *rom, size_t len,
                               AMDPPTableFormat format, const char **why);

/* Device table (hw/vfio/amd-reset-ids.c) */
extern const AMDResetDeviceId amd_reset_ids[];
extern const size_t amd_reset_ids_count;
extern const char *const amd_reset_method_choice_str[];

const AMDResetDeviceId *amd_reset_lookup(uint16_t vendor, uint16_t device);

/*
 * Pick the family for the physical @vendor:@device under the x-amd-reset
 * @policy.  Returns false with @errp set when the policy cannot apply to
 * the device; otherwise true, with *@family NULL when no AMD reset is used.
 * x-amd-reset=on for an AMD device that is not listed gets the CIK family:
 * the config reset is the one method that needs no per-chip tables.
 */
bool amd_reset_select(OnOffAuto policy, uint16_t vendor, uint16_t device,
                      const AMDResetFamily **family, Error **errp);

/*
 * Choose the method for @family from the strap bit, the VBIOS cap and the
 * x-amd-reset-method @choice, as amdgpu does (vi_asic_reset_method()):
 * BACO when the family has it, the strap says the board is BACO capable
 * and the VBIOS has the BACO cap; otherwise the config reset.  Sets
 * *@method, *@baco_fallback (BACO may follow a config reset that times
 * out) and *@why (a static string for the trace).  Returns false with
 * @errp set when @choice cannot apply.
 */
bool amd_reset_choose(const AMDResetFamily *family, AMDResetMethodChoice choice,
                      bool strap, AMDVbiosCap cap, AMDResetMethod *method,
                      bool *baco_fallback, const char **why, Error **errp);

/*
 * Read the BACO strap (CC_BIF_BX_FUSESTRAP0.STRAP_BIF_PX_CAPABLE) with
 * memory decode briefly on.  False when the device reads all-ones.
 */
bool amd_reset_read_strap(const AMDResetDevice *dev);

#endif /* HW_VFIO_AMD_RESET_H */
