/*
 * Register-level model of the reset behaviour of an AMD GPU
 *
 * The model implements the part of a GCN 1.1 / GCN 1.2 (CIK/VI) chip that
 * the AMD reset engine (hw/vfio/amd-reset*.c) touches, as the register
 * headers of amdgpu describe it, seen through the host kernel's vfio-pci:
 *
 *  - a 256-byte PCI configuration space with the config reset trigger at
 *    0x7c; vendor ID, device ID and interrupt pin come from the kernel's
 *    copy (vfio-pci virtualizes them), so they read as usual even when the
 *    chip is gone, while every other byte reaches the chip;
 *  - the BAR5 register aperture with the SMC index/data pair,
 *    CONFIG_MEMSIZE, the BACO strap, BACO_CNTL, BIOS_SCRATCH_0..15, and
 *    plain storage for every other register;
 *  - the SMC-indirect registers that tell whether the SMC firmware runs,
 *    the SPLL change handshake and Polaris's self-clearing bits;
 *  - BACO ("bus active, chip off") for Tonga, Fiji and Polaris: the chip
 *    powers down only after its own preparation tables and the enter
 *    table ran in order (the model's stand-in for analog behaviour nobody
 *    documents), and powers up as the exit table asks;
 *  - a VBIOS image for the ROM BAR, built from a layout the tests choose;
 *  - the hardware bug the reset exists for: bus reset and FLR do nothing.
 *
 * and, for the SOC15 chips (Vega10, Vega12, Vega20, Navi10, Navi12,
 * Navi14; the SOC15 section below has the details):
 *
 *  - a 4 KiB configuration space with the PM, PCI Express and MSI
 *    capabilities and the Resizable BAR extended capability;
 *  - a 512 KiB BAR5 with the SMN index/data pair (PCIE_INDEX2/DATA2),
 *    BIOS_SCRATCH_0..15, RCC_CONFIG_MEMSIZE, RCC_BIF_STRAP0, BACO_CNTL,
 *    THM_BACO_CNTL, the PSP registers of MP0, the SMU mailbox of MP1,
 *    Vega10/12's BACO fuse pair, and plain storage for every other
 *    register;
 *  - MP1's FIRMWARE_FLAGS in SMN space, and plain storage for every other
 *    SMN address;
 *  - the SMU's answers to the mailbox, and BACO as each chip's driver
 *    sequence drives it (the "SOC15 SMU and BACO" section below);
 *  - what a Linux or a Windows guest leaves behind at shutdown;
 *  - an atomfirmware VBIOS with the PowerPlay BACO cap;
 *  - the PSP mode1 reset, with the delays of the PSP's answers and what
 *    vfio-pci makes of it: the chip loses its BARs and its PCI Express
 *    and Resizable BAR settings, and BAR5 decodes again only once
 *    userspace writes the command register with memory decode on;
 *  - bus reset and FLR do nothing here either.
 *
 * It also records every access, so that tests can check the exact
 * register sequence.
 *
 * Every public function takes the model's lock, so a vfio-user server
 * thread and a test thread may use the same model.  The clock callback is
 * called with the lock held and must not call back into the model.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef TESTS_UNIT_AMD_GPU_MODEL_H
#define TESTS_UNIT_AMD_GPU_MODEL_H

#include "hw/vfio/amd-reset.h"
#include "hw/vfio/amd-reset-cik-vi.h"

#define AMD_GPU_MODEL_CONFIG_SIZE       256
#define AMD_GPU_MODEL_BAR5_SIZE         0x40000
#define AMD_GPU_MODEL_VRAM_MB           0x2000      /* CONFIG_MEMSIZE */
#define AMD_GPU_MODEL_FIRMWARE_PC       0x20400     /* PC of a running SMC */
#define AMD_GPU_MODEL_SUBSYS_VENDOR     0x1002
#define AMD_GPU_MODEL_SUBSYS_ID         0x0b0c
#define AMD_GPU_MODEL_ROM_SIZE          0x10000     /* default VBIOS image */
#define AMD_GPU_MODEL_SCRATCH_COUNT     16          /* BIOS_SCRATCH_0..15 */
#define AMD_GPU_MODEL_SCRATCH7_POSTED   0x00000200  /* ASIC_INIT_COMPLETE */

/* The chip, from the PCI device ID (amdgpu_drv.c pciidlist) */
typedef enum AMDGPUModelChip {
    AMD_GPU_MODEL_CHIP_OTHER,       /* not listed there: no BACO */
    AMD_GPU_MODEL_CHIP_CIK,         /* Bonaire, Hawaii */
    AMD_GPU_MODEL_CHIP_TONGA,
    AMD_GPU_MODEL_CHIP_FIJI,
    AMD_GPU_MODEL_CHIP_POLARIS,     /* Polaris10/11/12 */
    /* SOC15 (amdgpu_drv.c CHIP_VEGA10 .. CHIP_NAVI12), from here on */
    AMD_GPU_MODEL_CHIP_VEGA10,      /* 0x6860-0x686f, 0x687f; SMU9 */
    AMD_GPU_MODEL_CHIP_VEGA12,      /* 0x69a0-0x69af; SMU9 */
    AMD_GPU_MODEL_CHIP_VEGA20,      /* 0x66a0-0x66af; SMU11 */
    AMD_GPU_MODEL_CHIP_NAVI10,      /* 0x7310-0x731f; SMU11 */
    AMD_GPU_MODEL_CHIP_NAVI12,      /* 0x7360-0x736f; SMU11 */
    AMD_GPU_MODEL_CHIP_NAVI14,      /* 0x7340-0x734f; SMU11 */
} AMDGPUModelChip;

/*
 * SOC15 chips
 *
 * Configuration space (AMD_GPU_MODEL_SOC15_CONFIG_SIZE bytes): vendor and
 * device ID, command register, BAR5 and interrupt line/pin as on CIK/VI;
 * status has PCI_STATUS_CAP_LIST set, class 0x030000.  BAR5 (0x24) is a
 * 512 KiB 32-bit memory BAR; BAR0..BAR4 are absent as on CIK/VI (the
 * model has no VRAM or doorbell BARs).  The capability pointer (0x34)
 * leads to:
 *  - 0x50: PM (ID 1, next 0x64, PMC version 3); PMCSR at 0x54 with the
 *    power state (bits 1:0) writable.  The state is stored only: BAR5
 *    decodes in every state.
 *  - 0x64: PCI Express (ID 0x10, next 0xa0, version 2, endpoint):
 *    DevCtl (0x6c) bits 0-14 and LnkCtl (0x74) bits 0-11 writable, bit 15
 *    of DevCtl (FLR, which the chip ignores) reads 0; DevCtl2 (0x8c) and
 *    LnkCtl2 (0x94) are stored; the capability and status registers are
 *    read-only.
 *  - 0xa0: MSI (ID 5, next 0), 64-bit, enable bit and message
 *    address/data writable.  vfio-pci virtualizes it, so it keeps its
 *    values across a mode1; the model delivers no interrupt.
 *  - 0x100: Resizable BAR (ID 0x0015, version 1, next 0): capability
 *    (0x104) with the sizes 256 MB to 8 GB (bits 12-17, sizes 8..13 in
 *    the PCI Express encoding), control (0x108) with BAR index 0, one
 *    resizable BAR and the size (bits 13:8) writable.  The model does not
 *    implement the BAR it sizes (BAR0, VRAM).
 * Everything else reads 0 and ignores writes; 0x7c is no reset trigger.
 * Host firmware and kernel configure DevCtl, LnkCtl and the BAR size at
 * boot (the _HOST values below: MaxPayload 256, MaxReadReq 512, relaxed
 * ordering, no snoop, extended tags, common clock, an 8 GB VRAM BAR):
 * amd_gpu_model_new() and amd_gpu_model_power_cycle() give those.  A mode1
 * puts the chip's own defaults (_RESET: MaxPayload 128, no extended tags,
 * no common clock, 256 MB) back, and DevCtl2/LnkCtl2 to 0, their values
 * after boot; restoring them is the job of whoever resets the chip.
 *
 * BAR5 (AMD_GPU_MODEL_SOC15_BAR5_SIZE bytes, decoded as on CIK/VI only
 * while the command register has PCI_COMMAND_MEMORY set, and not while
 * the BARs are lost, below).  None of the CIK/VI registers exist: every
 * offset not listed here is plain storage (set_storage_fill() applies):
 *  - PCIE_INDEX2 (stored) selects the SMN address PCIE_DATA2 reads and
 *    writes (amdgpu_device_indirect_rreg/wreg());
 *  - BIOS_SCRATCH_0..15: stored, kept by a mode1 (amd_gpu_model_scratch()
 *    works on them); BIOS_SCRATCH_7 has ASIC_INIT_COMPLETE after host
 *    boot as on CIK/VI;
 *  - RCC_CONFIG_MEMSIZE: read-only, the VRAM size in MB, all-ones while
 *    the chip is in reset after a mode1;
 *  - RCC_BIF_STRAP0: read-only, STRAP_PX_CAPABLE as set_strap() sets it
 *    (set by default), the other bits 0;
 *  - BACO_CNTL: stored, BACO_MODE (bit 8) read-only, set while the chip
 *    is in BACO (below);
 *  - THM_BACO_CNTL (Vega10/12 at _SMU9, the others at _SMU11; the other
 *    chip's offset is plain storage) and the fuse pair: below;
 *  - MP0_SMN_C2PMSG_33 (mode1 acknowledge), _35 (bootloader ready), _64
 *    (PSP GFX control) and _81 (sOS sign of life): stored, and the PSP
 *    changes them as below;
 *  - MP1_SMN_C2PMSG_66, _82, _90 (the SMU mailbox): _66 and _82 are
 *    plain storage that the SMU reads and answers in (below); _90 is 0
 *    after host boot, 1 after a driver ran and 0 after a mode1, holds the
 *    SMU's last answer, and is not plain storage for set_storage_fill().
 * SMN: MP1 FIRMWARE_FLAGS (at the SMU9 address on Vega10/12, at the SMU11
 * one on the others) is read-only with INTERRUPTS_ENABLED set while the
 * SMU firmware runs (set_smc_running(), smc_running() and smc_stopped()
 * work on that bit); every other SMN address is plain storage.
 *
 * States:
 *  - After host boot (new, power_cycle): no driver, command register 0,
 *    D0, SOL 0, C2PMSG_35 bootloader ready, C2PMSG_64, C2PMSG_33 and
 *    C2PMSG_90 0, FIRMWARE_FLAGS 0, MEMSIZE valid.  is_clean() is true.
 *  - amd_gpu_model_load_driver(): a guest amdgpu ran and left sOS and the
 *    SMU running: SOL AMD_GPU_MODEL_SOC15_SOL, C2PMSG_64 response flag
 *    with status 0 (ready for a command), C2PMSG_33 0, bootloader ready,
 *    INTERRUPTS_ENABLED set, C2PMSG_90 1, memory decode, IO and bus
 *    master on.  is_clean() is false.
 *  - PSP mode1 (psp_v3_1.c / psp_v11_0.c mode1 reset): a BAR5 write of
 *    GFX_CTRL_CMD_ID_MODE1_RST to C2PMSG_64 while SOL is not 0 and
 *    C2PMSG_64 reads the response flag with status 0 resets the chip at
 *    once (mode1_resets(), last_mode1_time_ns()).  In any other state the
 *    PSP ignores the command (mode1_refused()); C2PMSG_64 stores every
 *    value written but the mode1 command that starts a reset.  At the
 *    reset: SOL, C2PMSG_64, C2PMSG_33, C2PMSG_35, C2PMSG_90 and
 *    FIRMWARE_FLAGS become 0, the driver is gone, MEMSIZE reads all-ones,
 *    the PCI Express and ReBAR registers take their _RESET values, and
 *    the BARs are lost (below).  Then, on the model's clock from the
 *    command: MEMSIZE valid after the memsize delay, C2PMSG_33 reads
 *    AMD_GPU_MODEL_PSP_MODE1_ACK after the ack delay, C2PMSG_35
 *    bootloader ready after the bootloader delay
 *    (set_mode1_delays_ns(); AMD_GPU_MODEL_MODE1_*_DELAY_NS by default).
 *    Plain storage (BAR5 and SMN), PCIE_INDEX2, BACO_CNTL and the
 *    scratch registers keep their values.
 *  - BARs lost: the chip's own config space is reset, but vfio-pci keeps
 *    showing its copy of the command register and the BARs, so config
 *    reads return what was last written there, while BAR5 reads return
 *    all-ones and writes are dropped (still logged).  A config write to
 *    the command register with PCI_COMMAND_MEMORY set restores them
 *    (vfio_pci_config.c vfio_basic_config_write() -> vfio_bar_restore()):
 *    bar_restores() counts it, BAR5 decodes again.  A command write
 *    without memory decode leaves them lost.
 *  - Once the delays passed and the BARs are restored, is_clean() is true
 *    again: the chip is as after host boot, but C2PMSG_33 keeps the
 *    acknowledge and the PCI Express and ReBAR registers their _RESET
 *    values.
 * Faults: set_psp_state() (C2PMSG_64 reads a fixed value, so the PSP is
 * never ready or reports an error), set_mode1_never_acked() (the chip
 * resets but C2PMSG_33 never gets the acknowledge),
 * set_bootloader_never_ready(), set_off_bus_after_mode1() (from the mode1
 * command on the chip reads all-ones everywhere, like set_all_ones());
 * set_all_ones(), set_all_ones_after() and set_stuck() (MEMSIZE stays
 * all-ones after a mode1) work as on CIK/VI.  The config reset is not
 * modelled on SOC15; bus reset is ignored as on CIK/VI.
 */
#define AMD_GPU_MODEL_SOC15_CONFIG_SIZE 4096
#define AMD_GPU_MODEL_SOC15_BAR5_SIZE   0x80000
#define AMD_GPU_MODEL_SOC15_SOL         0x00000001  /* sOS sign of life */

/* BAR5 byte offsets (nbio_6_1/7_4/2_3, mp_9_0/11_0 register headers) */
#define AMD_GPU_MODEL_mmPCIE_INDEX2             0x00038
#define AMD_GPU_MODEL_mmPCIE_DATA2              0x0003c
#define AMD_GPU_MODEL_mmBIOS_SCRATCH_0          0x00130     /* + 4n */
#define AMD_GPU_MODEL_mmBIOS_SCRATCH_3          0x0013c
#define   AMD_GPU_MODEL_ATOM_S3_ASIC_GUI_ENGINE_HUNG    0x20000000
#define AMD_GPU_MODEL_mmRCC_BIF_STRAP0          0x03480
#define   AMD_GPU_MODEL_STRAP_PX_CAPABLE                0x00000080
#define AMD_GPU_MODEL_mmRCC_CONFIG_MEMSIZE      0x0378c
#define AMD_GPU_MODEL_mmBIF_DOORBELL_CNTL       0x03870
#define AMD_GPU_MODEL_mmBIF_FB_EN               0x0387c
#define AMD_GPU_MODEL_mmBACO_CNTL               0x038ac
#define   AMD_GPU_MODEL_BACO_CNTL_BACO_EN               0x00000001
#define   AMD_GPU_MODEL_BACO_CNTL_BACO_BIF_LCLK_SWITCH  0x00000002
#define   AMD_GPU_MODEL_BACO_CNTL_BACO_DUMMY_EN         0x00000004
#define   AMD_GPU_MODEL_BACO_CNTL_BACO_POWER_OFF        0x00000008
#define   AMD_GPU_MODEL_BACO_CNTL_BACO_DSTATE_BYPASS    0x00000020
#define   AMD_GPU_MODEL_BACO_CNTL_BACO_RST_INTR_MASK    0x00000040
#define   AMD_GPU_MODEL_BACO_CNTL_BACO_MODE             0x00000100
#define AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_33       0x58184
#define AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_35       0x5818c
#define AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_64       0x58200
#define AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_81       0x58244
#define AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_66       0x58a08
#define AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_82       0x58a48
#define AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_90       0x58a68
/* THM_BACO_CNTL: thm_9_0 (Vega10/12) and thm_11_0_2 (Vega20, Navi1x) */
#define AMD_GPU_MODEL_mmTHM_BACO_CNTL_SMU9      0x599f0
#define AMD_GPU_MODEL_mmTHM_BACO_CNTL_SMU11     0x59a04
#define   AMD_GPU_MODEL_THM_BACO_MODE                   0x00000001
#define   AMD_GPU_MODEL_THM_BACO_ISO_EN                 0x00000002
#define   AMD_GPU_MODEL_THM_BACO_PWROKRAW_CNTL          0x00000004
#define   AMD_GPU_MODEL_THM_BACO_RESET_EN               0x00000008
#define   AMD_GPU_MODEL_THM_BACO_SOC_VDCI_RESET         0x00000010
#define   AMD_GPU_MODEL_THM_BACO_SMNCLK_MUX             0x00000020
#define   AMD_GPU_MODEL_THM_BACO_SOC_REFCLK_OFF         0x00000040
#define   AMD_GPU_MODEL_THM_BACO_AEB_ISO_EN             0x00000080
#define   AMD_GPU_MODEL_THM_BACO_EXIT                   0x00000100
#define   AMD_GPU_MODEL_THM_BACO_ANA_ISO_EN             0x00000200
#define   AMD_GPU_MODEL_THM_BACO_SB_AXI_FENCE           0x40000000
#define   AMD_GPU_MODEL_THM_BACO_SOC_DOMAIN_IDLE        0x80000000
/* SMU11: what the driver ORs in before EnterBaco, and the exit status */
#define   AMD_GPU_MODEL_THM11_BACO_ENTER                0x80000000
#define   AMD_GPU_MODEL_THM11_BACO_EXIT_BUSY            0x00000100
/* Vega10/12 BACO fuse pair (smu9_baco.c: WREG32 0x12074, RREG32 0x12075) */
#define AMD_GPU_MODEL_mmSMU9_FUSE_INDEX         0x481d0
#define AMD_GPU_MODEL_mmSMU9_FUSE_DATA          0x481d4
#define   AMD_GPU_MODEL_SMU9_FUSE_BACO_QUERY            0xfff0003b

/* PSP GFX interface (psp_gfx_if.h) and the PSP's answers */
#define AMD_GPU_MODEL_GFX_CMD_RESPONSE_MASK     0x80000000
#define AMD_GPU_MODEL_GFX_CMD_STATUS_MASK       0x0000ffff
#define AMD_GPU_MODEL_GFX_CTRL_CMD_ID_MODE1_RST 0x00070000
#define AMD_GPU_MODEL_PSP_MODE1_ACK             0x80000000  /* C2PMSG_33 */
#define AMD_GPU_MODEL_PSP_BOOTLOADER_READY      0x80000000  /* C2PMSG_35 */

/* SMN addresses: MP1_Public | smnMP1_FIRMWARE_FLAGS */
#define AMD_GPU_MODEL_smnMP1_FIRMWARE_FLAGS_SMU9    0x03b10028
#define AMD_GPU_MODEL_smnMP1_FIRMWARE_FLAGS_SMU11   0x03b10024
#define   AMD_GPU_MODEL_MP1_FIRMWARE_FLAGS_INTERRUPTS_ENABLED  0x00000001

/* SMU responses in C2PMSG_90 (the ppsmc headers, smu_cmn.c) */
#define AMD_GPU_MODEL_SMU_RESULT_OK             0x01
#define AMD_GPU_MODEL_SMU_RESULT_FAILED         0xff
#define AMD_GPU_MODEL_SMU_RESULT_UNKNOWN_CMD    0xfe
#define AMD_GPU_MODEL_SMU_RESULT_REJECTED       0xfd    /* prerequisites */
#define AMD_GPU_MODEL_SMU_RESULT_BUSY           0xfc    /* another command */

/*
 * SMU message IDs (vega10_ppsmc.h, vega12_ppsmc.h, vega20_ppsmc.h,
 * smu_v11_0_ppsmc.h); Vega10 and Vega12 have no ExitBaco
 */
#define AMD_GPU_MODEL_SMU_MSG_TEST              0x01
#define AMD_GPU_MODEL_SMU_MSG_GET_SMU_VERSION   0x02
#define AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_VEGA10 0x1e
#define AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_VEGA12 0x25
#define AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_VEGA20 0x25
#define AMD_GPU_MODEL_SMU_MSG_EXIT_BACO_VEGA20  0x58
#define AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_NAVI   0x18
#define AMD_GPU_MODEL_SMU_MSG_EXIT_BACO_NAVI    0x19

/*
 * What GetSmuVersion returns in C2PMSG_82: made-up but plausible PMFW
 * versions in the 0x00MMmmpp form the drivers print (major.minor.patch);
 * Vega20's is above 0x283400, the version soc15.c requires for BACO with
 * RAS.  Not taken from any real board.
 */
#define AMD_GPU_MODEL_SMU_VERSION_VEGA10        0x001c2d00  /* 28.45.0 */
#define AMD_GPU_MODEL_SMU_VERSION_VEGA12        0x00271a00  /* 39.26.0 */
#define AMD_GPU_MODEL_SMU_VERSION_VEGA20        0x00283800  /* 40.56.0 */
#define AMD_GPU_MODEL_SMU_VERSION_NAVI10        0x002a3f00  /* 42.63.0 */
#define AMD_GPU_MODEL_SMU_VERSION_NAVI12        0x00342900  /* 52.41.0 */
#define AMD_GPU_MODEL_SMU_VERSION_NAVI14        0x00352800  /* 53.40.0 */

/* Default SMU answer and BACO exit delays */
#define AMD_GPU_MODEL_SMU_DELAY_NS              0LL
#define AMD_GPU_MODEL_BACO_EXIT_DELAY_NS        1000000LL

/* Default mode1 delays, from the command write */
#define AMD_GPU_MODEL_MODE1_ACK_DELAY_NS        300000000LL
#define AMD_GPU_MODEL_MODE1_MEMSIZE_DELAY_NS    300000000LL
#define AMD_GPU_MODEL_MODE1_BOOTLOADER_DELAY_NS 450000000LL

/* Configuration space */
#define AMD_GPU_MODEL_SOC15_PM_CAP              0x50
#define AMD_GPU_MODEL_SOC15_EXP_CAP             0x64
#define AMD_GPU_MODEL_SOC15_MSI_CAP             0xa0
#define AMD_GPU_MODEL_SOC15_REBAR_CAP           0x100
#define AMD_GPU_MODEL_SOC15_REBAR_SIZES         0x0003f000  /* 256M-8G */
#define AMD_GPU_MODEL_SOC15_DEVCTL_HOST         0x2930
#define AMD_GPU_MODEL_SOC15_DEVCTL_RESET        0x2810
#define AMD_GPU_MODEL_SOC15_LNKCTL_HOST         0x0040
#define AMD_GPU_MODEL_SOC15_LNKCTL_RESET        0x0000
#define AMD_GPU_MODEL_SOC15_REBAR_SIZE_HOST     13          /* 8 GB */
#define AMD_GPU_MODEL_SOC15_REBAR_SIZE_RESET    8           /* 256 MB */

typedef struct AMDGPUModel AMDGPUModel;

typedef int64_t (*AMDGPUModelClock)(void *opaque);

typedef enum AMDGPUModelAccessKind {
    AMD_GPU_MODEL_CFG_READ,
    AMD_GPU_MODEL_CFG_WRITE,
    AMD_GPU_MODEL_MMIO_READ,        /* BAR5, always 32 bits */
    AMD_GPU_MODEL_MMIO_WRITE,
    AMD_GPU_MODEL_SLEEP,            /* noted by the caller, value in us */
} AMDGPUModelAccessKind;

/* One entry of the access log */
typedef struct AMDGPUModelAccess {
    AMDGPUModelAccessKind kind;
    uint32_t offset;
    unsigned size;                  /* 1, 2 or 4 bytes; 0 for a sleep */
    uint32_t value;                 /* value read or written */
    int64_t time_ns;                /* model clock at the access */
} AMDGPUModelAccess;

/*
 * Create a model with PCI device ID @device_id, in the state the chip is
 * in after host boot with the VBIOS posted and the host driver unbound:
 * SMC stopped (no driver loaded its firmware yet), no guest driver
 * loaded, command register 0, fuse bit 0, CONFIG_MEMSIZE ready at once
 * after a config reset, BIOS_SCRATCH_7 ASIC_INIT_COMPLETE set and the
 * other scratch registers 0, not in BACO.
 * Tonga, Fiji and Polaris have the BACO strap set and a VBIOS with a V1
 * PowerPlay table that has the BACO cap; CIK and other chips have the
 * strap clear and a V0 table (format revision 6, as on real Bonaire and
 * Hawaii images) without the cap, as a board without BACO:
 * amd_gpu_model_set_strap() and amd_gpu_model_set_vbios_cap() make a
 * CIK board like the desktop Hawaii ones, which have both.  SOC15 chips
 * are in the state described above, with STRAP_PX_CAPABLE set and an
 * AMD_PPTABLE_ATOMFW image with the BACO cap.  The clock is
 * g_get_monotonic_time() in nanoseconds until amd_gpu_model_set_clock().
 */
AMDGPUModel *amd_gpu_model_new(uint16_t device_id);
void amd_gpu_model_free(AMDGPUModel *m);

/* @now_ns == NULL restores the default clock */
void amd_gpu_model_set_clock(AMDGPUModel *m, AMDGPUModelClock now_ns,
                             void *opaque);

/*
 * PCI configuration space.  @size is 1, 2 or 4, @offset is aligned to
 * @size and below amd_gpu_model_config_size(); values are little endian.
 * CIK/VI (SOC15: see above).  Writable: command register (IO, MEMORY,
 * MASTER, PARITY, SERR, INTX_DISABLE), BAR5 address bits, interrupt line.
 * Everything else ignores writes.  Offset 0x7c reads 0; a 4-byte write of
 * AMD_PCI_CONFIG_RESET_MAGIC there is a config reset.  Vendor ID, device
 * ID and interrupt pin are served from the kernel's copy: they never read
 * all-ones, even when the chip does.
 */
uint32_t amd_gpu_model_config_read(AMDGPUModel *m, uint32_t offset,
                                   unsigned size);
void amd_gpu_model_config_write(AMDGPUModel *m, uint32_t offset,
                                uint32_t value, unsigned size);

/*
 * Byte-buffer access to configuration space, split into naturally aligned
 * accesses of 4, 2 or 1 bytes.  Returns false, without any access, if the
 * range does not fit in configuration space.
 */
bool amd_gpu_model_config_access(AMDGPUModel *m, uint32_t offset,
                                 uint8_t *buf, size_t len, bool is_write);

/*
 * BAR5, 32-bit accesses at 4-byte aligned offsets below
 * amd_gpu_model_bar5_size().  CIK/VI (SOC15: see above): 0x200 is the
 * SMC index (stored), 0x204 the SMC data register, 0x5428 CONFIG_MEMSIZE
 * (read-only: all-ones while the chip is in reset, otherwise the VRAM
 * size in MB), 0x535c CC_BIF_BX_FUSESTRAP0 (read-only,
 * STRAP_BIF_PX_CAPABLE 0x2), 0x5394 BACO_CNTL (below), 0x1724 + 4n
 * BIOS_SCRATCH_n.  Every other offset is plain storage that
 * reads back what was written (0 initially, see set_storage_fill()).
 * Like a real device behind vfio-pci, BAR5 only decodes while the command
 * register has PCI_COMMAND_MEMORY set: otherwise reads return all-ones and
 * writes are dropped (still logged).
 *
 * SMC-indirect registers (through 0x200/0x204) besides the SMC and RCU
 * ones: CG_SPLL_STATUS (ix 0xc050015c) reads SPLL_CHG_STATUS (0x2) set
 * while CG_SPLL_FUNC_CNTL_2 (ix 0xc0500144) requests a change
 * (SPLL_BYPASS_CHG 0x400000 or SPLL_CTLREQ_CHG 0x800000), and on Polaris
 * bit 4 of ix 0xc05002b0 and 0xc050032c reads back clear once it is
 * written (both after the status delay, set_status_delay_ns()).  Every
 * other address is plain storage.
 *
 * BACO_CNTL: bits 6 (BACO_MODE), 8 (RCU_BIF_CONFIG_DONE), 9 (PWRGOOD_BF)
 * and 10-12 (PWRGOOD_GPIO/MEM/DVO) are status; bits 0-5, 7 and 16-18 are
 * stored (bit 18 BACO_BIF_SCLK_SWITCH on VI only: BIF 4.1 of CIK has no
 * such bit, it reads 0 there); the others read 0.
 * A powered chip reads 0x1f84: PWRGOOD bits and RCU_BIF_CONFIG_DONE set,
 * BACO_ISO_DIS and BACO_ANA_ISO_DIS set (isolation off, as the exit table
 * leaves them), the other control bits clear.
 *  - Enter: a CIK, Tonga, Fiji or Polaris chip powers down (BACO_MODE
 *    set, all PWRGOOD bits and RCU_BIF_CONFIG_DONE clear) at the
 *    BACO_POWER_OFF
 *    write of its enter_baco table, if the writes of its own gpio,
 *    enable_fb_req_rej, use_bclk, turn_off_plls and (Fiji, Polaris)
 *    clk_req_b tables and of enter_baco were the last BAR5 writes, in the
 *    order of amdgpu's tables (index register writes aside), the control
 *    bits are as enter_baco leaves them and the strap says the board is
 *    BACO capable.  Any other BAR5 write starts the tracking over.
 *    Powering down loses the chip's state: SMC in reset with its clock off
 *    and PC 0, guest driver gone, config reset state (also "worn out")
 *    cleared.  Plain storage, the scratch registers and the SMC storage
 *    keep their values (amdgpu's headers give no power-on values).
 *  - Exit: BACO_RESET_EN set with BACO_BCLK_OFF and BACO_POWER_OFF clear
 *    brings the power back (PWRGOOD_BF); then BACO_ISO_DIS set gives
 *    PWRGOOD_GPIO/MEM/DVO; then BACO_ANA_ISO_DIS set with BACO_RESET_EN and
 *    (VI) BACO_BIF_SCLK_SWITCH clear gives RCU_BIF_CONFIG_DONE; then
 *    BACO_EN clear ends BACO (BACO_MODE clear): one BACO cycle.
 */
uint32_t amd_gpu_model_mmio_read(AMDGPUModel *m, uint32_t offset);
void amd_gpu_model_mmio_write(AMDGPUModel *m, uint32_t offset,
                              uint32_t value);

/*
 * Byte-buffer access to BAR5 for a vfio-user server: @offset and @len must
 * be multiples of 4 (the model has no sub-dword register semantics); the
 * range is split into 32-bit accesses.  Returns false, without any access,
 * otherwise.
 */
bool amd_gpu_model_mmio_access(AMDGPUModel *m, uint32_t offset,
                               uint8_t *buf, size_t len, bool is_write);

/* Bus reset or FLR: the chip ignores it (counted only) */
void amd_gpu_model_bus_reset(AMDGPUModel *m);

/*
 * Power cycle (host reboot): the chip as amd_gpu_model_new() makes it,
 * VBIOS posted, SMC running, not worn out, not in BACO; on SOC15 as after
 * host boot (above), back on the bus if it fell off after a mode1.
 * Counters, the log, the VBIOS image and the fault knobs are kept.
 */
void amd_gpu_model_power_cycle(AMDGPUModel *m);

/*
 * Put the chip in the state a guest driver leaves it in: SMC out of reset,
 * clock on, PC in the firmware, memory decode and bus master on, the
 * "guest driver loaded" flag set.  SOC15: see above; it also ends a mode1
 * in progress and restores lost BARs.
 */
void amd_gpu_model_load_driver(AMDGPUModel *m);

/* State queries; none of them is logged */
AMDGPUModelChip amd_gpu_model_chip(AMDGPUModel *m);
bool amd_gpu_model_is_soc15(AMDGPUModel *m);
/* AMD_GPU_MODEL_BAR5_SIZE (CIK/VI) or AMD_GPU_MODEL_SOC15_BAR5_SIZE */
uint32_t amd_gpu_model_bar5_size(AMDGPUModel *m);
/* AMD_GPU_MODEL_CONFIG_SIZE (CIK/VI) or AMD_GPU_MODEL_SOC15_CONFIG_SIZE */
uint32_t amd_gpu_model_config_size(AMDGPUModel *m);
bool amd_gpu_model_in_baco(AMDGPUModel *m);         /* BACO_MODE set */
unsigned amd_gpu_model_baco_entries(AMDGPUModel *m);  /* power-downs */
unsigned amd_gpu_model_baco_cycles(AMDGPUModel *m);   /* completed exits */
uint32_t amd_gpu_model_scratch(AMDGPUModel *m, unsigned n);
/*
 * BAR5 back door: what a read would return with memory decode on and the
 * chip on the bus; not logged, no side effect
 */
uint32_t amd_gpu_model_mmio_peek(AMDGPUModel *m, uint32_t offset);
bool amd_gpu_model_driver_loaded(AMDGPUModel *m);
bool amd_gpu_model_smc_running(AMDGPUModel *m);     /* clock on, PC >= min */
bool amd_gpu_model_smc_stopped(AMDGPUModel *m);     /* rst_reg, ck_disable */
/*
 * CIK/VI: no driver, SMC off.  SOC15: no driver, SOL 0, FIRMWARE_FLAGS 0,
 * bootloader ready, MEMSIZE valid, BARs not lost
 */
bool amd_gpu_model_is_clean(AMDGPUModel *m);
bool amd_gpu_model_in_reset(AMDGPUModel *m);        /* MEMSIZE all-ones */
unsigned amd_gpu_model_config_resets(AMDGPUModel *m);
unsigned amd_gpu_model_ignored_config_resets(AMDGPUModel *m);
unsigned amd_gpu_model_bus_resets(AMDGPUModel *m);
/* Scope of the last effective config reset: true = whole GPU */
bool amd_gpu_model_last_reset_whole_gpu(AMDGPUModel *m);
int64_t amd_gpu_model_last_reset_time_ns(AMDGPUModel *m);
uint16_t amd_gpu_model_get_command(AMDGPUModel *m);

/*
 * SOC15 queries: PSP mode1 resets started and commands the PSP ignored,
 * the clock at the last mode1 command, BAR restores by a command write,
 * whether the BARs are lost, PMCSR writes and the power state (0-3 for
 * D0-D3hot).  0 on CIK/VI.
 */
unsigned amd_gpu_model_mode1_resets(AMDGPUModel *m);
unsigned amd_gpu_model_mode1_refused(AMDGPUModel *m);
int64_t amd_gpu_model_last_mode1_time_ns(AMDGPUModel *m);
unsigned amd_gpu_model_bar_restores(AMDGPUModel *m);
bool amd_gpu_model_bars_lost(AMDGPUModel *m);
unsigned amd_gpu_model_pmcsr_writes(AMDGPUModel *m);
unsigned amd_gpu_model_power_state(AMDGPUModel *m);

/*
 * Configuration space back door: what is stored (vfio-pci's copy of the
 * command register and the BARs), even when the chip reads all-ones; not
 * logged.  @size and @offset as for amd_gpu_model_config_read().
 */
uint32_t amd_gpu_model_config_peek(AMDGPUModel *m, uint32_t offset,
                                   unsigned size);

/* SOC15 back door to SMN address @addr (FIRMWARE_FLAGS too), not logged */
uint32_t amd_gpu_model_smn_peek(AMDGPUModel *m, uint32_t addr);

/* Back door to BIOS_SCRATCH_@n, not logged */
void amd_gpu_model_set_scratch(AMDGPUModel *m, unsigned n, uint32_t value);

/* Back door to the SMC-indirect registers, not logged */
uint32_t amd_gpu_model_smc_peek(AMDGPUModel *m, uint32_t ix);
void amd_gpu_model_smc_poke(AMDGPUModel *m, uint32_t ix, uint32_t value);

/*
 * Fault and timing knobs.  set_smc_running(false) puts the SMC in reset
 * with its clock off; set_smc_pc() moves the program counter (it stays 0
 * while rst_reg is set).  A stuck chip never leaves a config reset.  An
 * all-ones chip reads all-ones everywhere and ignores writes; a chip that
 * vanishes after reset does so from the next effective config reset on.
 * The ready delay is how long CONFIG_MEMSIZE reads all-ones after a config
 * reset, on the model's clock.
 */
void amd_gpu_model_set_smc_running(AMDGPUModel *m, bool running);
void amd_gpu_model_set_smc_pc(AMDGPUModel *m, uint32_t pc);
void amd_gpu_model_set_stuck(AMDGPUModel *m, bool stuck);
void amd_gpu_model_set_all_ones(AMDGPUModel *m, bool all_ones);
void amd_gpu_model_set_vanish_after_reset(AMDGPUModel *m, bool vanish);
void amd_gpu_model_set_fuse(AMDGPUModel *m, bool drv_rst_mode);
void amd_gpu_model_set_ready_delay_ns(AMDGPUModel *m, int64_t delay_ns);
/* Back door: no vfio BAR restore happens (SOC15) */
void amd_gpu_model_set_command(AMDGPUModel *m, uint16_t cmd);

/*
 * Every plain-storage register, in BAR5 and SMC-indirect, reads @value
 * from now on until it is written (scratch, index, status and modelled
 * registers excepted).  Tests use all-ones so that each bit a
 * read-modify-write clears shows in the value written.
 */
void amd_gpu_model_set_storage_fill(AMDGPUModel *m, uint32_t value);

/* CC_BIF_BX_FUSESTRAP0.STRAP_BIF_PX_CAPABLE; RCC_BIF_STRAP0 on SOC15 */
void amd_gpu_model_set_strap(AMDGPUModel *m, bool baco_capable);

/*
 * BACO faults: the chip never powers down (BACO_MODE never sets), or once
 * down never gets its power back (PWRGOOD_BF and the others never set).
 * SOC15: the SMU answers EnterBaco 1 but BACO_MODE never sets; the chip
 * never leaves BACO (Vega10/12: BACO_EXIT never clears; Vega20: ExitBaco
 * answered 1, BACO_MODE stays; Navi: ExitBaco answered 1, THM bit 0x100
 * and BACO_MODE stay set).
 */
void amd_gpu_model_set_baco_never_enters(AMDGPUModel *m, bool on);
void amd_gpu_model_set_baco_never_exits(AMDGPUModel *m, bool on);

/*
 * The chip falls off the bus after @accesses more register accesses
 * (config or BAR5, counted from this call): from then on it reads
 * all-ones except where the kernel serves config space from its copy.
 * 0 disarms it (and brings the chip back if it fell off).
 */
void amd_gpu_model_set_all_ones_after(AMDGPUModel *m, unsigned accesses);

/*
 * A slow chip: what the chip reports as done (BACO_MODE and the PWRGOOD
 * and RCU_BIF_CONFIG_DONE bits, one state change of BACO_CNTL per delay,
 * the SPLL acknowledge, Polaris's self-clearing bits) shows @delay_ns after
 * the write that asked for it, on the model's clock.  0 (the default):
 * at once.
 */
void amd_gpu_model_set_status_delay_ns(AMDGPUModel *m, int64_t delay_ns);

/*
 * "The config reset wears out" (the reported W7100 symptom): after
 * @resets effective config resets since the last power-up (host boot,
 * power cycle or BACO), the next one leaves the chip in reset for good:
 * CONFIG_MEMSIZE reads all-ones until a BACO cycle or a power cycle.
 * 0 (the default) never wears out.
 */
void amd_gpu_model_set_config_reset_wear(AMDGPUModel *m, unsigned resets);

/*
 * VBIOS images (the ROM BAR).  The builder lays out, little endian: the
 * 0x55 0xaa signature and the size in 512-byte units at 0, " 761295520"
 * at 0x30, the ATOM_ROM_HEADER offset at 0x48, the header with "ATOM"
 * and the master data table offset, the master data table whose entry 15
 * (PowerPlayInfo) gives the PowerPlay table, and the table in @format:
 * V1 (ATOM_Tonga: format revision 7, ulPlatformCaps at +19, a state array
 * with one entry at usStateArrayOffset), V0 (ATOM_PPLIB: ulPlatformCaps
 * at +21) or ATOMFW (the atomfirmware powerplayinfo table of Vega and
 * Navi: ATOM_Vega10_POWERPLAYTABLE, ATOM_VEGA20_POWERPLAYTABLE,
 * smu_11_0_powerplay_table, all packed with the u32 platform caps at +17;
 * the builder writes the common header, format revision 2, content
 * revision 1, no table revision at +4 (0), usTableSize at +5 and the caps,
 * AMD_GPU_MODEL_VBIOS_ATOMFW_SIZE bytes in all).  @baco_cap sets
 * 0x00020000 in V0/V1 and AMD_GPU_MODEL_ATOMFW_CAP_BACO (0x8) in ATOMFW;
 * @other_caps adds bits (AMD_GPU_MODEL_ATOMFW_CAP_MACO for a Navi MACO
 * cap).  @layout returns where each part went, so that tests can corrupt
 * them.
 */
#define AMD_GPU_MODEL_ATOMFW_CAP_BACO           0x00000008
#define AMD_GPU_MODEL_ATOMFW_CAP_MACO           0x00000010
#define AMD_GPU_MODEL_VBIOS_ATOMFW_CAPS         17
#define AMD_GPU_MODEL_VBIOS_ATOMFW_SIZE         21  /* to the caps' end */

typedef struct AMDGPUModelVbiosSpec {
    AMDPPTableFormat format;
    bool baco_cap;
    uint32_t other_caps;            /* further ulPlatformCaps bits */
    size_t size;                    /* image size; 0: ROM_SIZE */
    /* the last byte the parser needs is the last byte of the image */
    bool table_at_end;
} AMDGPUModelVbiosSpec;

typedef struct AMDGPUModelVbiosLayout {
    size_t size;                    /* of the image */
    size_t header;                  /* ATOM_ROM_HEADER */
    size_t master_data;             /* ATOM_MASTER_DATA_TABLE */
    size_t powerplay;               /* PowerPlay table */
    size_t powerplay_size;          /* its usStructureSize */
    size_t caps;                    /* ulPlatformCaps */
    size_t state_array;             /* V1 only, else 0 */
} AMDGPUModelVbiosLayout;

/* A new image (g_free() it); @layout may be NULL */
uint8_t *amd_gpu_model_vbios_build(const AMDGPUModelVbiosSpec *spec,
                                   AMDGPUModelVbiosLayout *layout);

/* The model's ROM: a copy of @rom, or none when @len is 0 */
void amd_gpu_model_set_vbios(AMDGPUModel *m, const uint8_t *rom,
                             size_t len);
/*
 * Replace the ROM with a default image of the chip's format (V1 on VI,
 * ATOMFW on SOC15, V0 on the others), with or without the BACO cap
 */
void amd_gpu_model_set_vbios_cap(AMDGPUModel *m, bool baco_cap);
size_t amd_gpu_model_rom_size(AMDGPUModel *m);
/*
 * Copy @len bytes at @offset of the ROM to @buf (for a vfio-user server's
 * ROM region); false, copying nothing, if the range is outside the image.
 * Not logged: the ROM is not a register.
 */
bool amd_gpu_model_rom_read(AMDGPUModel *m, uint32_t offset, uint8_t *buf,
                            size_t len);

/* Access log */
size_t amd_gpu_model_log_count(AMDGPUModel *m);
/*
 * Note a sleep of @us microseconds of the code under test in the log, so
 * that a sequence check sees where it waited (not a device access).
 */
void amd_gpu_model_log_sleep(AMDGPUModel *m, uint32_t us);
/* Copies entry @i to @entry; false if there is no such entry */
bool amd_gpu_model_log_get(AMDGPUModel *m, size_t i,
                           AMDGPUModelAccess *entry);
void amd_gpu_model_log_clear(AMDGPUModel *m);

/*
 * "cfg r2 0x00 0x1002", "cfg w4 0x7c 0x39d5e86b", "mmio r 0x5428 0x2000",
 * "mmio w 0x200 0x80000004", "sleep 20000".  The caller frees the string.
 */
char *amd_gpu_model_access_format(const AMDGPUModelAccess *entry);
/* Entries [@start, @start + @count), one line each, clamped to the log */
char *amd_gpu_model_log_format(AMDGPUModel *m, size_t start, size_t count);

/*
 * SOC15 mode1 delays from the command write, on the model's clock: until
 * C2PMSG_33 has the acknowledge, until MEMSIZE is valid, until C2PMSG_35
 * says the bootloader is ready.  They take effect for a mode1 in progress
 * too.
 */
void amd_gpu_model_set_mode1_delays_ns(AMDGPUModel *m, int64_t ack_ns,
                                       int64_t memsize_ns,
                                       int64_t bootloader_ns);

/*
 * SOC15 PSP and mode1 faults.  @forced: C2PMSG_64 reads @c2pmsg64
 * whatever happens (0: the PSP never answers; 0x80000005: status not 0),
 * and the mode1 precondition sees that value; false: back to normal.
 * The others are described above.
 */
void amd_gpu_model_set_psp_state(AMDGPUModel *m, bool forced,
                                 uint32_t c2pmsg64);
void amd_gpu_model_set_mode1_never_acked(AMDGPUModel *m, bool on);
void amd_gpu_model_set_bootloader_never_ready(AMDGPUModel *m, bool on);
/* false also brings a chip that fell off back */
void amd_gpu_model_set_off_bus_after_mode1(AMDGPUModel *m, bool on);

/*
 * SOC15 SMU and BACO
 *
 * The mailbox (smu9_smumgr.c, vega20_smumgr.c, smu_cmn.c): a decoded BAR5
 * write of C2PMSG_66 is a message with that ID and the argument C2PMSG_82
 * holds at that moment (smu_messages(), last_smu_message() count and keep
 * every such write).  The SMU takes it only while FIRMWARE_FLAGS has
 * INTERRUPTS_ENABLED set, set_smu_no_answer() is off and no earlier
 * message is still unanswered (a message written then is dropped: the
 * earlier answer still comes).  A message the SMU does not take gets no
 * answer: C2PMSG_90 keeps what it holds (0 after the driver cleared it,
 * "no answer"; a stale 1 after a Windows shutdown).  A message it takes is
 * answered set_smu_delay_ns() after the write (AMD_GPU_MODEL_SMU_DELAY_NS,
 * at once, by default): C2PMSG_90 then reads the result and C2PMSG_82 any
 * output.  Until then C2PMSG_90 reads what was last written to it.  The
 * answers:
 *  - in BACO (BACO_MODE set, or a Navi exit still running): ExitBaco as
 *    below, every other message AMD_GPU_MODEL_SMU_RESULT_BUSY;
 *  - TestMessage: OK;
 *  - GetSmuVersion: OK, C2PMSG_82 = AMD_GPU_MODEL_SMU_VERSION_<chip>;
 *  - EnterBaco (the chip's ID): REJECTED from the (n+1)th EnterBaco the
 *    SMU took since power-on (host boot or power_cycle(), not BACO) when
 *    set_smu_reject_enter_after(n) is set; otherwise as below;
 *  - ExitBaco (Vega20, Navi) outside BACO: REJECTED;
 *  - any other ID, and ExitBaco on Vega10/12 (which have none):
 *    AMD_GPU_MODEL_SMU_RESULT_UNKNOWN_CMD.
 * SMU features (smu_features_enabled()) are on after load_driver() and
 * off after a Linux shutdown; the answers above do not depend on them
 * (whether real firmware refuses EnterBaco with the BACO feature off is
 * unknown: set_smu_reject_enter_after() stands in for a refusal).
 *
 * BACO_MODE sets only if RCC_BIF_STRAP0 has STRAP_PX_CAPABLE (and, on
 * Vega10/12, set_baco_fuse() is on) and set_baco_never_enters() is off;
 * otherwise the SMU still answers EnterBaco OK.  Entering BACO counts in
 * baco_entries(), leaving it in baco_cycles().
 *
 * Vega10/12 (vega10_baco.c, vega12_baco.c), THM_BACO_CNTL at _SMU9 with
 * the thm_9_0 bits, power-on value PWROKRAW_CNTL:
 *  - EnterBaco answered OK: SOC_DOMAIN_IDLE (read-only) reads set until
 *    the chip leaves BACO or loses power, and the model starts following
 *    enter_baco_tbl's writes: steps 2-11, 13 and 14 (BACO_EN,
 *    BACO_BIF_LCLK_SWITCH, BACO_DUMMY_EN := 1 in BACO_CNTL; SOC_VDCI_RESET,
 *    SMNCLK_MUX, ISO_EN, AEB_ISO_EN, ANA_ISO_EN, SOC_REFCLK_OFF := 1 in
 *    THM; BACO_POWER_OFF := 1; RESET_EN := 1, PWROKRAW_CNTL := 0).  Each
 *    BAR5 write other than to PCIE_INDEX2 must be the next one, checked on
 *    its field; any other write starts the following over (it may then be
 *    step 2).  At the step-14 write, with the BACO_CNTL and THM bits as
 *    those steps leave them, the chip is in BACO.  The WAIT steps and the
 *    delay are not checked; the pre-table (doorbell, BIF_FB_EN, D-state
 *    bypass, interrupt mask) is not required.
 *  - Exit (exit_baco_tbl): a write that sets BACO_EXIT while it reads 0
 *    makes it read 1 for set_baco_exit_delay_ns() (then it self-clears);
 *    the power comes back if, at that write, the chip is in BACO with
 *    BACO_POWER_OFF clear, PWROKRAW_CNTL set and SOC_REFCLK_OFF,
 *    ANA_ISO_EN, AEB_ISO_EN, ISO_EN, SMNCLK_MUX and SOC_VDCI_RESET clear
 *    (steps 1-9).  Once BACO_EXIT has self-cleared after that, BACO_EN
 *    clear with RESET_EN, SB_AXI_FENCE, BACO_DUMMY_EN and
 *    BACO_BIF_LCLK_SWITCH clear (steps 11-16) ends BACO.  No SMU message.
 *    The 20 ms between power off and on is not checked.
 * Vega20 (vega20_baco.c), THM_BACO_CNTL at _SMU11, stored except bit 8:
 *  - EnterBaco 0x25 with argument 0 while THM has THM11_BACO_ENTER: OK,
 *    BACO_MODE set at the answer.  Without the THM bit or with another
 *    argument: REJECTED (the RAS variant, argument 1, is not modelled).
 *  - ExitBaco 0x58 in BACO: OK, and the chip leaves BACO at the answer.
 * Navi10/12/14 (smu_v11_0.c baco_set_state), THM as on Vega20:
 *  - EnterBaco 0x18: as on Vega20.
 *  - ExitBaco 0x19 in BACO: OK; THM11_BACO_EXIT_BUSY (read-only) reads
 *    set from the answer for set_baco_exit_delay_ns(), then clears and the
 *    chip leaves BACO (smu_v11_0_poll_baco_exit()).
 * Leaving BACO is a power cycle of all but the PCI Express interface
 * (BACO is bus active): SOL 0, FIRMWARE_FLAGS 0 (the SMU no longer runs),
 * C2PMSG_64 and _33 0, C2PMSG_35 bootloader ready, no driver, SMU
 * features off, THM_BACO_CNTL back to its power-on value (SMU11: 0),
 * BACO_MODE clear.  Kept: configuration space and the BARs (no BAR loss,
 * no vfio restore needed), the other BACO_CNTL bits, the scratch
 * registers (BIOS_SCRATCH_6/7 included: clearing them is the resetter's
 * job), PCIE_INDEX2, plain storage, and C2PMSG_90 with the last answer
 * (so 1: "1 does not prove the SMU is alive").  The chip is then
 * is_clean().  A mode1 ends a pending message and SOC_DOMAIN_IDLE.
 *
 * BACO capability (smu9_baco.c, vega20_baco.c, navi10_ppt.c): the strap;
 * on Vega10/12 the fuse pair: a read of AMD_GPU_MODEL_mmSMU9_FUSE_DATA
 * while AMD_GPU_MODEL_mmSMU9_FUSE_INDEX holds
 * AMD_GPU_MODEL_SMU9_FUSE_BACO_QUERY returns 1 (0 with set_baco_fuse()
 * off); both are plain storage otherwise, and on the other chips; the
 * VBIOS (amd_gpu_model_vbios_build(), AMD_PPTABLE_ATOMFW).
 */
typedef enum AMDGPUModelShutdown {
    /*
     * A Linux guest that detects the hypervisor (amdgpu_pci_shutdown()
     * keeps MP1 loaded in passthrough): SMU running with its features
     * disabled, answering messages; PSP sOS up, ready for a command
     */
    AMD_GPU_MODEL_SHUTDOWN_LINUX,
    /*
     * MP1 unloaded: INTERRUPTS_ENABLED clear, C2PMSG_90 left at 1 (stale),
     * no answers; PSP sOS still up, so a mode1 works
     */
    AMD_GPU_MODEL_SHUTDOWN_WINDOWS,
} AMDGPUModelShutdown;

/*
 * SOC15: the state the guest leaves behind, after
 * amd_gpu_model_load_driver() (without a call, the state is
 * load_driver()'s: SMU running, features on).  driver_loaded() stays true:
 * the chip still holds what the driver set up.
 */
void amd_gpu_model_guest_shutdown(AMDGPUModel *m, AMDGPUModelShutdown how);

/* SOC15 SMU queries: C2PMSG_66 writes that reached the chip, and the last */
unsigned amd_gpu_model_smu_messages(AMDGPUModel *m);
uint32_t amd_gpu_model_last_smu_message(AMDGPUModel *m);
bool amd_gpu_model_smu_features_enabled(AMDGPUModel *m);

/* SOC15 SMU and BACO knobs and faults, described above */
void amd_gpu_model_set_smu_delay_ns(AMDGPUModel *m, int64_t delay_ns);
void amd_gpu_model_set_baco_exit_delay_ns(AMDGPUModel *m, int64_t delay_ns);
/*
 * From the (@n + 1)th EnterBaco since power-on the SMU answers REJECTED
 * ("the reported Navi14 second-reset failure"); 0 (the default) disables
 */
void amd_gpu_model_set_smu_reject_enter_after(AMDGPUModel *m, unsigned n);
/* Messages get no answer though FIRMWARE_FLAGS says the SMU runs */
void amd_gpu_model_set_smu_no_answer(AMDGPUModel *m, bool on);
/* Vega10/12's fuse pair answers 1 (true, the default) or 0 */
void amd_gpu_model_set_baco_fuse(AMDGPUModel *m, bool on);

/*
 * The interrupt pin the device reports in PCI_INTERRUPT_PIN: 0 (the
 * default) for none, 1 for INTA# to 4 for INTD#.  Like vendor and device
 * ID, it is served from the kernel's copy, so it survives all_ones.
 */
void amd_gpu_model_set_interrupt_pin(AMDGPUModel *m, uint8_t pin);

#endif /* TESTS_UNIT_AMD_GPU_MODEL_H */
