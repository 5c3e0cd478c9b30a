/*
 * Device-specific reset for AMD GPUs that ignore PCI bus reset and FLR
 *
 * GCN 1.1 (CIK) and GCN 1.2 (VI) chips can be brought back to a state a
 * guest driver can initialise in two ways, which AMD's amdgpu driver
 * chooses between per chip and board:
 *
 * - the "PCI config reset" (a magic value written to config offset 0x7c)
 *   followed by a reset of the SMC (System Management Controller), so that
 *   the guest driver loads its firmware again;
 * - BACO, "bus active, chip off": the chip except its PCIe interface is
 *   powered down and up again by a sequence of register commands, run from
 *   per-chip tables.
 *
 * SOC15 (Vega10, Vega12, Vega20) and NV (Navi10, Navi12, Navi14) chips
 * have a PSP (Platform Security Processor) that resets the whole chip on
 * command: "mode1", which amdgpu uses when the board has no BACO.
 *
 * Three layers, each calling only the one below it:
 *
 * - policy (amd-reset-policy.c): amd_reset_probe() finds the device's
 *   family from its physical ID (amd-reset-ids.c) and checks that the
 *   device is what the family's generation needs, from config space
 *   alone; at the first reset that needs them, amd_reset_choose() reads
 *   what the choice depends on and fills the AMDResetDevice with the
 *   methods to run, in order; amd_reset_run() walks one reset through the
 *   engine's steps;
 * - data: a generation (amd-reset-cik-vi.c, amd-reset-soc15.c)
 *   describes what is the same for all its chips: the register map, the
 *   BAR5 size, the check whether a chip needs a reset, the methods it
 *   can run and how amdgpu chooses between them; a family is a
 *   generation plus its tables (amd-reset-vi-baco.c) and where its
 *   VBIOS keeps its caps;
 * - engine (amd-reset.c, amd-reset-baco.c, and the methods of a
 *   generation, such as mode1 in amd-reset-soc15.c): the steps of a
 *   reset: the generation's check, so that a chip is reset only when a
 *   guest driver left it dirty, and the methods, a chip-wide one only
 *   when QEMU owns its reach; it reaches the GPU only through
 *   AMDResetOps, so the same code runs against a vfio device in QEMU and
 *   against a register model in unit tests.
 *
 * To add a generation: a new AMDResetGeneration with its register map,
 * "does this chip need a reset" check and choice, new AMDResetMethod
 * values with their AMDResetMethodOps, and families pointing at it; no
 * branch of the engine changes.
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

/* The register aperture */
#define AMD_MMIO_BAR                    5

/* What a read returns from a device that does not answer */
#define AMD_ALL_ONES                    0xffffffffU
#define AMD_NS_PER_US                   1000

typedef enum AMDResetMethod {
    AMD_RESET_METHOD_NONE,
    AMD_RESET_METHOD_CONFIG,        /* PCI config reset, then SMC reset */
    AMD_RESET_METHOD_BACO,          /* bus active, chip off: enter, exit */
    AMD_RESET_METHOD_MODE1,         /* the PSP resets the whole chip */
    AMD_RESET_METHOD__MAX,
} AMDResetMethod;

/* A device runs at most this many methods, the next when one times out */
#define AMD_RESET_MAX_METHODS           2

typedef enum AMDResetResult {
    AMD_RESET_DONE,                 /* reset done */
    AMD_RESET_CLEAN,                /* no driver ran on the chip: untouched */
    AMD_RESET_TIMEOUT,              /* a wait did not end in time */
    AMD_RESET_GONE,                 /* device reads all-ones */
    AMD_RESET_NOT_OWNED,            /* a function not QEMU's: untouched */
    AMD_RESET_REFUSED,              /* the device cannot be reset as asked */
    AMD_RESET_NOT_USED,             /* deferred probe: no AMD GPU */
    AMD_RESET_FIRMWARE,             /* firmware in no state to reset from */
} AMDResetResult;

/*
 * Deadlines and delays, in microseconds.  amd_reset_timings holds the
 * values QEMU uses; tests may give a device other ones.
 */
typedef struct AMDResetTimings {
    uint32_t settle_us;             /* after the config reset trigger */
    uint32_t ready_timeout_us;      /* deadline for CONFIG_MEMSIZE */
    uint32_t ready_poll_us;         /* between two reads of CONFIG_MEMSIZE */
    uint32_t baco_wait_timeout_us;  /* deadline of one WAIT step */
    uint32_t baco_total_us;         /* deadline of a whole BACO cycle */
    uint32_t baco_gap_us;           /* between enter and exit */
    uint32_t baco_poll_us;          /* between two reads of a WAIT */
    uint32_t psp_wait_timeout_us;   /* deadline of one PSP wait */
    uint32_t bootloader_timeout_us; /* deadline for the PSP bootloader */
    uint32_t psp_poll_us;           /* between two reads of a PSP wait */
    uint32_t mode1_total_us;        /* deadline of a whole mode1 */
} AMDResetTimings;

extern const AMDResetTimings amd_reset_timings;

/*
 * How a register is reached: a BAR5 byte offset, or an SMC-indirect
 * address written to the generation's SMC index register, the value then
 * read or written through its SMC data register, or an SMN (System
 * Management Network) address, the same through the SMN index/data pair.
 */
typedef enum AMDRegAccess {
    AMD_REG_MMIO,
    AMD_REG_SMC,
    AMD_REG_SMN,
} AMDRegAccess;

/*
 * One command of a register table, as amdgpu's powerplay runs them
 * (hwmgr/common_baco.c, struct baco_cmd_entry), in its field order plus
 * the access kind:
 *
 *   WRITE      reg := val << shift
 *   RMW        reg := (reg & ~mask) | (val << shift)   (not masked)
 *   WAITFOR    poll until (reg & mask) == val          (val unshifted)
 *              a read of all-ones never ends a wait
 *   DELAY_US   sleep timeout microseconds
 *   SMU_MSG    send the SMU message reg with the argument val through the
 *              generation's mailbox, as amdgpu's smu_cmn.c does: wait
 *              for the mailbox to be idle (response not 0), clear the
 *              response, write the argument, then the message, wait for
 *              the response; anything but 1 (OK) fails the step, no
 *              answer too.  With mask AMD_SMU_MSG_NO_ARG the argument
 *              register is left as it is (smu9_send_msg_to_smc())
 *
 * As in amdgpu, a WAITFOR has no timeout of its own: the engine bounds it
 * by the wait its method gives the table, from AMDResetTimings
 * (baco_wait_timeout_us for BACO; psp_wait_timeout_us and
 * bootloader_timeout_us for mode1).
 */
typedef enum AMDRegCmd {
    AMD_REG_CMD_WRITE,
    AMD_REG_CMD_RMW,
    AMD_REG_CMD_WAITFOR,
    AMD_REG_CMD_DELAY_US,
    AMD_REG_CMD_SMU_MSG,
} AMDRegCmd;

/* SMU responses (the ppsmc headers' PPSMC_Result_*; 0: no answer yet) */
#define AMD_SMU_RESULT_NONE             0x00
#define AMD_SMU_RESULT_OK               0x01
#define AMD_SMU_RESULT_FAILED           0xff
#define AMD_SMU_RESULT_UNKNOWN_CMD      0xfe
#define AMD_SMU_RESULT_REJECTED         0xfd
#define AMD_SMU_RESULT_BUSY             0xfc
#define AMD_SMU_MSG_NO_ARG              0x1

typedef struct AMDRegStep {
    uint8_t cmd;                    /* AMDRegCmd */
    uint8_t access;                 /* AMDRegAccess */
    uint32_t reg;
    uint32_t mask;
    uint32_t shift;
    uint32_t timeout;
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
 * numbered across parts); it stops at the first failed WAITFOR.  Unused
 * parts are empty.
 */
typedef struct AMDRegTable {
    const char *name;
    AMDRegSteps parts[AMD_REG_TABLE_MAX_PARTS];
} AMDRegTable;

/*
 * A chip's BACO sequence, in the phases of amdgpu's <chip>_baco_set_state():
 * to enter, the preparation tables (a failure does not stop the next
 * one), then the enter table, which decides whether the chip entered
 * BACO; to leave, the exit table and, after a successful exit, the clean
 * table.  The exit runs even if the enter failed, as in amdgpu.  A check
 * table, if any, runs first: when it fails, nothing is written and the
 * BACO is not tried (the firmware BACO needs is not running).
 */
typedef struct AMDBacoSequence {
    const AMDRegTable *check;
    const AMDRegTable *prep;
    size_t prep_count;
    const AMDRegTable *enter;
    const AMDRegTable *exit;
    const AMDRegTable *clean;
} AMDBacoSequence;

/* Where the BACO platform cap lives in the VBIOS PowerPlay table */
typedef enum AMDPPTableFormat {
    AMD_PPTABLE_V0,                 /* ATOM_PPLIB (CIK, Topaz) */
    AMD_PPTABLE_V1,                 /* ATOM_Tonga (Tonga, Fiji, Polaris) */
    AMD_PPTABLE_ATOMFW,             /* atomfirmware (Vega) */
    AMD_PPTABLE_ATOMFW_BAMACO,      /* the same, BACO or MACO (Navi1x) */
} AMDPPTableFormat;

/*
 * The registers a generation's firmware checks and methods use, as BAR5
 * byte offsets (0: the generation has no such register)
 */
typedef struct AMDRegMap {
    uint32_t smc_index;             /* SMC index/data pair */
    uint32_t smc_data;
    uint32_t smn_index;             /* SMN index/data pair */
    uint32_t smn_data;
    uint32_t smu_msg;               /* SMU mailbox: message, argument, */
    uint32_t smu_arg;               /* response */
    uint32_t smu_resp;
    uint32_t memsize;               /* reads all-ones while in reset */
    uint32_t baco_cntl;             /* BACO control and status */
    uint32_t baco_mode;             /* its "in BACO" bit */
    uint32_t strap;                 /* the BACO strap register */
    uint32_t strap_baco;            /* its "board is BACO capable" bit */
} AMDRegMap;

typedef struct AMDResetDevice AMDResetDevice;
typedef struct AMDResetReport AMDResetReport;
typedef struct AMDResetConfig AMDResetConfig;

/*
 * How a generation runs one method.  @last is false when another method
 * follows if this one times out.  A @chip_wide method resets every
 * function of the chip (the HD audio function too), as a bus reset
 * would; the engine runs it only when QEMU owns them all.
 */
typedef struct AMDResetMethodOps {
    bool chip_wide;
    AMDResetResult (*run)(const AMDResetDevice *dev, bool last,
                          AMDResetReport *report);
} AMDResetMethodOps;

/* What is the same for every chip of a generation */
typedef struct AMDResetGeneration {
    const char *name;
    const AMDRegMap *regs;
    uint64_t bar5_min;              /* BAR5 sizes of its chips */
    uint64_t bar5_max;
    /*
     * Does the chip need a reset, as amdgpu's
     * <generation>_need_reset_on_init() asks: AMD_RESET_DONE if a driver
     * left it dirty, AMD_RESET_CLEAN if not (nothing to reset: the chip
     * is as after power-on), AMD_RESET_GONE, or AMD_RESET_FIRMWARE with
     * report->err set when its firmware is in a state no method of the
     * generation can reset from.  Runs at every reset, right before the
     * methods.
     */
    AMDResetResult (*need_reset)(const AMDResetDevice *dev,
                                 AMDResetReport *report);
    /*
     * The method that resets the GPU function alone, for when QEMU does
     * not own the chip's other functions; NONE if the generation has none
     */
    AMDResetMethod local_method;
    /*
     * A secondary bus reset can leave the chip unusable, so that no
     * method brings it back: QEMU must start none that reaches it
     */
    bool no_bus_reset;
    /*
     * Fill dev->methods as amdgpu's <generation>_asic_reset_method()
     * chooses, under the user's @cfg; false with @errp set when @cfg
     * cannot apply to the device.
     */
    bool (*choose)(AMDResetDevice *dev, const AMDResetConfig *cfg,
                   Error **errp);
    /* indexed by AMDResetMethod; NULL: the generation has no such method */
    const AMDResetMethodOps *methods[AMD_RESET_METHOD__MAX];
} AMDResetGeneration;

/* A family of chips: its generation and its own tables and caps */
typedef struct AMDResetFamily {
    const char *name;
    const AMDResetGeneration *gen;
    const AMDBacoSequence *baco;    /* NULL: no BACO */
    AMDPPTableFormat pptable;
    uint32_t smu_fw_flags;          /* SMN address of its SMU's flags, or 0 */
    bool baco_auto;                 /* amdgpu's choice may take BACO */
    bool baco_fallback;             /* BACO only once the default timed out */
    bool baco_fuse;                 /* BACO also needs the SMU9 fuse bit */
} AMDResetFamily;

/* One PCI device ID of the default table */
typedef struct AMDResetDeviceId {
    uint16_t vendor;
    uint16_t device;
    const AMDResetFamily *family;
    const char *name;               /* pci.ids name */
} AMDResetDeviceId;

/* What the user asked for, and what the caller knows of the device */
struct AMDResetConfig {
    OnOffAuto policy;               /* x-amd-reset */
    AMDResetMethod method;          /* NONE: as amdgpu chooses */
    const char *no_rom;             /* non-NULL: read no ROM, and why */
    bool defer;                     /* no access before the first reset */
};

/*
 * Register access and time.  Config accesses are 1, 2 or 4 bytes wide and
 * reach the device as the host kernel presents it (vfio-pci serves vendor
 * ID, device ID and interrupt pin from its own copy, so they never read
 * all-ones); MMIO accesses are 32-bit accesses to BAR5, whose size is
 * mmio_size().  read_rom() returns a copy of the VBIOS image the guest is
 * given (the caller frees it), or NULL with *why set.  clock_ns() is
 * monotonic; sleep_us() may sleep longer than asked.
 *
 * config_write_raw() is a config write that reaches the device as the
 * host kernel presents it, past what QEMU emulates for the guest, to put
 * back what a reset of the chip's bus interface lost; NULL: config_write()
 * does.
 *
 * chip_owned() says whether QEMU owns every other function of the chip;
 * if not, it names one in @unowned.  restore_functions() gives those
 * functions back their BARs after a chip-wide reset.  Both may be NULL
 * for a device that is the whole chip.
 */
typedef struct AMDResetOps {
    uint32_t (*config_read)(void *opaque, uint32_t offset, unsigned size);
    void (*config_write)(void *opaque, uint32_t offset, uint32_t value,
                         unsigned size);
    void (*config_write_raw)(void *opaque, uint32_t offset, uint32_t value,
                             unsigned size);
    uint32_t (*mmio_read)(void *opaque, uint32_t offset);
    void (*mmio_write)(void *opaque, uint32_t offset, uint32_t value);
    uint64_t (*mmio_size)(void *opaque);
    uint8_t *(*read_rom)(void *opaque, size_t *len, const char **why);
    int64_t (*clock_ns)(void *opaque);
    void (*sleep_us)(void *opaque, uint32_t us);
    bool (*chip_owned)(void *opaque, char *unowned, size_t len);
    void (*restore_functions)(void *opaque);
} AMDResetOps;

/* VBIOS (ROM image) parsing: the BACO platform cap */
typedef enum AMDVbiosCap {
    AMD_VBIOS_CAP_UNKNOWN,          /* no image, or it cannot be parsed */
    AMD_VBIOS_CAP_ABSENT,
    AMD_VBIOS_CAP_PRESENT,
} AMDVbiosCap;

/*
 * A GPU: how to reach it, set by the caller; its family, set by
 * amd_reset_probe(); how it is reset, set by amd_reset_choose()
 */
struct AMDResetDevice {
    const AMDResetOps *ops;
    void *opaque;
    const char *name;               /* for traces */
    const AMDResetTimings *timings; /* NULL: amd_reset_timings */

    AMDResetConfig cfg;             /* as probed; defer: family unknown */
    uint16_t vendor;                /* physical ID */
    uint16_t device;
    const AMDResetFamily *family;   /* NULL: no AMD reset */
    /* run in order, the next when one times out; 0: not chosen yet */
    AMDResetMethod methods[AMD_RESET_MAX_METHODS];
    unsigned n_methods;
    const char *why;                /* why these methods */
    bool strap;                     /* what the choice was made from */
    AMDVbiosCap cap;
    const char *vbios_why;
};

/* What a reset did, for the warning the user gets */
struct AMDResetReport {
    AMDResetMethod method;          /* the last method run */
    const char *table;              /* table of the step that timed out */
    unsigned step;                  /* its 1-based index in the table */
    uint32_t reg;                   /* BAR5 register it waited on, or 0 */
    uint32_t seen;                  /* what that register read last */
    int64_t elapsed_us;
    /* a chip-wide method was left out: a function QEMU does not own */
    char unowned[32];
    Error *err;                     /* REFUSED, FIRMWARE: why (caller frees) */
};

/*
 * Find @dev's family, reading config space only: its physical ID, its
 * family under @cfg->policy, whether the device is what the family's
 * generation needs (a display controller with the generation's BAR5),
 * and whether @cfg->method can apply to the family.  With @cfg->defer
 * it reads nothing and leaves all of it to the first reset.
 *
 * Returns false with @errp set when @cfg cannot apply to the device: the
 * device must not be used that way.  Otherwise true; dev->family is NULL
 * when no AMD reset is used (or, with @cfg->defer, not known yet), and
 * *@unfit is set when the device is listed but is not what its family
 * needs (the caller warns).
 */
bool amd_reset_probe(AMDResetDevice *dev, const AMDResetConfig *cfg,
                     Error **unfit, Error **errp);

/*
 * Choose @dev's methods, once: for a family with BACO, read the strap
 * (memory decode must be on) and, unless dev->cfg.no_rom, the VBIOS cap;
 * then the generation's choice under dev->cfg.method.  False with @errp
 * set when the device cannot be reset as asked.
 */
bool amd_reset_choose(AMDResetDevice *dev, Error **errp);

/*
 * Reset @dev if a guest driver left it dirty, with its methods in order,
 * probing and choosing them first if that is still to do
 * (amd-reset-policy.c).  Never blocks past the deadlines of dev->timings.
 * @report may be NULL.
 */
AMDResetResult amd_reset_run(AMDResetDevice *dev, AMDResetReport *report);

/*
 * The engine's steps of amd_reset_run(): amd_reset_start() turns memory
 * decode on and runs the generation's need check (AMD_RESET_DONE: the
 * chip needs a reset); amd_reset_methods() runs dev->methods;
 * amd_reset_stop() leaves the command register cleared.
 */
AMDResetResult amd_reset_start(const AMDResetDevice *dev,
                               AMDResetReport *report);
AMDResetResult amd_reset_methods(const AMDResetDevice *dev,
                                 AMDResetReport *report);
void amd_reset_stop(const AMDResetDevice *dev);
const char *amd_reset_result_str(AMDResetResult result);
const char *amd_reset_method_str(AMDResetMethod method);
const char *amd_reset_smu_result_str(uint32_t answer);

/* The timings of @dev */
const AMDResetTimings *amd_reset_dev_timings(const AMDResetDevice *dev);

/*
 * Whether the device still answers: its class code (which vfio-pci does
 * not virtualize) reads something other than all-ones.
 */
bool amd_reset_present(const AMDResetDevice *dev);

/* One read of an SMC-indirect register through @map's index/data pair */
uint32_t amd_reset_smc_read(const AMDResetDevice *dev, const AMDRegMap *map,
                            uint32_t ix);

/*
 * Select the SMN register @addr through @map's index/data pair, as
 * amdgpu's amdgpu_device_indirect_rreg() and _wreg(): the index written
 * and read back; returns the data register that then reaches it
 */
uint32_t amd_reset_smn_select(const AMDResetDevice *dev, const AMDRegMap *map,
                              uint32_t addr);

/* One read of an SMN register (amd_reset_smn_select(), then the data) */
uint32_t amd_reset_smn_read(const AMDResetDevice *dev, const AMDRegMap *map,
                            uint32_t addr);

/*
 * Run one register table (exposed for tests and the fuzzer).  Returns
 * true if every step ran; on a WAITFOR that does not end before
 * min(now + @wait_us, @deadline_ns), false with *@failed_step set to its
 * 0-based row in the table as amdgpu writes it, where each write of the
 * SMC index register is a row of its own (an SMN step, which writes its
 * index every time, is one row).  A WAITFOR that reads all-ones while the
 * device is gone sets *@gone.  A failed SMU_MSG sets *@answer (if not
 * NULL) to the SMU's response, AMD_SMU_RESULT_NONE when there was none.
 */
bool amd_reset_run_table(const AMDResetDevice *dev, const AMDRegMap *map,
                         const AMDRegTable *table, uint32_t wait_us,
                         uint32_t poll_us, int64_t deadline_ns,
                         size_t *failed_step, bool *gone, uint32_t *answer);

/*
 * Read the BACO strap of @dev's generation; memory decode must be on.
 * False when the device reads all-ones.
 */
bool amd_reset_read_strap(const AMDResetDevice *dev);

/*
 * Find the BACO cap in the PowerPlay table of @rom (@len bytes, untrusted:
 * every offset is bounds checked).  On AMD_VBIOS_CAP_UNKNOWN, *@why says
 * what was wrong (a static string).
 */
AMDVbiosCap amd_vbios_baco_cap(const uint8_t *rom, size_t len,
                               AMDPPTableFormat format, const char **why);
const char *amd_vbios_cap_str(AMDVbiosCap cap);

/* The device table (amd-reset-ids.c) */
extern const AMDResetDeviceId amd_reset_ids[];
extern const size_t amd_reset_ids_count;

const AMDResetDeviceId *amd_reset_lookup(uint16_t vendor, uint16_t device);

/* Generations and families (amd-reset-cik-vi.c, amd-reset-soc15.c) */
extern const AMDResetGeneration amd_reset_gen_cik_vi;
extern const AMDResetFamily amd_reset_family_cik_vi;
extern const AMDResetFamily amd_reset_family_cik;
extern const AMDResetFamily amd_reset_family_tonga;
extern const AMDResetFamily amd_reset_family_fiji;
extern const AMDResetFamily amd_reset_family_polaris;
extern const AMDResetGeneration amd_reset_gen_soc15;
extern const AMDResetFamily amd_reset_family_soc15;
extern const AMDResetFamily amd_reset_family_vega10;
extern const AMDResetFamily amd_reset_family_vega12;
extern const AMDResetFamily amd_reset_family_vega20;
extern const AMDResetFamily amd_reset_family_navi10;
extern const AMDResetFamily amd_reset_family_navi12;
extern const AMDResetFamily amd_reset_family_navi14;

/*
 * The methods (amd-reset.c, amd-reset-baco.c, amd-reset-soc15.c) and
 * mode1's tables, as the engine runs them (exposed for tests)
 */
extern const AMDResetMethodOps amd_reset_config_ops;
extern const AMDResetMethodOps amd_reset_baco_ops;
extern const AMDResetMethodOps amd_reset_mode1_ops;

/*
 * Pick the family for the physical @vendor:@device under the x-amd-reset
 * @policy (exposed for tests).  Returns false with @errp set when the
 * policy cannot apply to the device; otherwise true, with *@family NULL
 * when no AMD reset is used.
 */
bool amd_reset_select(OnOffAuto policy, uint16_t vendor, uint16_t device,
                      const AMDResetFamily **family, Error **errp);

/*
 * Which reset of the kernel (or of a vfio-user server) is used instead of
 * QEMU's: what vfio reports and, where known, the device's sysfs
 * reset_method list
 */
typedef struct AMDKernelReset {
    bool reset_works;               /* VFIO_DEVICE_FLAGS_RESET */
    bool has_flr;
    bool has_pm_reset;
    const char *reset_method;       /* NULL: unknown */
} AMDKernelReset;

/*
 * The name of the kernel reset QEMU leaves @dev to, or NULL when QEMU
 * resets it: only one that resets these chips counts, a device-specific
 * reset (vendor-reset) or an FLR, not a PM or bus reset, which the chips
 * ignore (amd-reset-policy.c)
 */
const char *amd_reset_kernel_reset(const AMDKernelReset *k);

/*
 * The choices of amdgpu's vi_asic_reset_method() and, as far as QEMU has
 * its methods, soc15_asic_reset_method() and nv_asic_reset_method()
 * (amd-reset-policy.c)
 */
bool amd_reset_choose_vi(AMDResetDevice *dev, const AMDResetConfig *cfg,
                         Error **errp);
bool amd_reset_choose_soc15(AMDResetDevice *dev, const AMDResetConfig *cfg,
                            Error **errp);

#endif /* HW_VFIO_AMD_RESET_H */
