/*
 * Register-level model of the reset behaviour of an AMD CIK/VI GPU
 *
 * The model implements the part of a GCN 1.1 / GCN 1.2 chip that the AMD
 * reset engine (hw/vfio/amd-reset*.c) touches, as the register headers of
 * amdgpu describe it, seen through the host kernel's vfio-pci:
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
    AMD_GPU_MODEL_CHIP_CIK,         /* Bonaire, Hawaii: no BACO modelled */
    AMD_GPU_MODEL_CHIP_TONGA,
    AMD_GPU_MODEL_CHIP_FIJI,
    AMD_GPU_MODEL_CHIP_POLARIS,     /* Polaris10/11/12 */
} AMDGPUModelChip;

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
 * strap clear and a V0 table without the cap.  The clock is
 * g_get_monotonic_time() in nanoseconds until amd_gpu_model_set_clock().
 */
AMDGPUModel *amd_gpu_model_new(uint16_t device_id);
void amd_gpu_model_free(AMDGPUModel *m);

/* @now_ns == NULL restores the default clock */
void amd_gpu_model_set_clock(AMDGPUModel *m, AMDGPUModelClock now_ns,
                             void *opaque);

/*
 * PCI configuration space.  @size is 1, 2 or 4, @offset is aligned to
 * @size and below AMD_GPU_MODEL_CONFIG_SIZE; values are little endian.
 * Writable: command register (IO, MEMORY, MASTER, PARITY, SERR,
 * INTX_DISABLE), BAR5 address bits, interrupt line.  Everything else
 * ignores writes.  Offset 0x7c reads 0; a 4-byte write of
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
 * AMD_GPU_MODEL_BAR5_SIZE.  0x200 is the SMC index (stored), 0x204 the SMC
 * data register, 0x5428 CONFIG_MEMSIZE (read-only: all-ones while the chip
 * is in reset, otherwise the VRAM size in MB), 0x535c CC_BIF_BX_FUSESTRAP0
 * (read-only, STRAP_BIF_PX_CAPABLE 0x2), 0x5394 BACO_CNTL (below),
 * 0x1724 + 4n BIOS_SCRATCH_n.  Every other offset is plain storage that
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
 * stored (bit 18 BACO_BIF_SCLK_SWITCH on VI only); the others read 0.
 * A powered chip reads 0x1f84: PWRGOOD bits and RCU_BIF_CONFIG_DONE set,
 * BACO_ISO_DIS and BACO_ANA_ISO_DIS set (isolation off, as the exit table
 * leaves them), the other control bits clear.
 *  - Enter: a Tonga, Fiji or Polaris chip powers down (BACO_MODE set, all
 *    PWRGOOD bits and RCU_BIF_CONFIG_DONE clear) at the BACO_POWER_OFF
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
 * VBIOS posted, SMC running, not worn out, not in BACO.  Counters, the
 * log, the VBIOS image and the fault knobs are kept.
 */
void amd_gpu_model_power_cycle(AMDGPUModel *m);

/*
 * Put the chip in the state a guest driver leaves it in: SMC out of reset,
 * clock on, PC in the firmware, memory decode and bus master on, the
 * "guest driver loaded" flag set.
 */
void amd_gpu_model_load_driver(AMDGPUModel *m);

/* State queries; none of them is logged */
AMDGPUModelChip amd_gpu_model_chip(AMDGPUModel *m);
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
bool amd_gpu_model_is_clean(AMDGPUModel *m);        /* no driver, SMC off */
bool amd_gpu_model_in_reset(AMDGPUModel *m);        /* MEMSIZE all-ones */
unsigned amd_gpu_model_config_resets(AMDGPUModel *m);
unsigned amd_gpu_model_ignored_config_resets(AMDGPUModel *m);
unsigned amd_gpu_model_bus_resets(AMDGPUModel *m);
/* Scope of the last effective config reset: true = whole GPU */
bool amd_gpu_model_last_reset_whole_gpu(AMDGPUModel *m);
int64_t amd_gpu_model_last_reset_time_ns(AMDGPUModel *m);
uint16_t amd_gpu_model_get_command(AMDGPUModel *m);

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
void amd_gpu_model_set_command(AMDGPUModel *m, uint16_t cmd);

/*
 * Every plain-storage register, in BAR5 and SMC-indirect, reads @value
 * from now on until it is written (scratch, index, status and modelled
 * registers excepted).  Tests use all-ones so that each bit a
 * read-modify-write clears shows in the value written.
 */
void amd_gpu_model_set_storage_fill(AMDGPUModel *m, uint32_t value);

/* CC_BIF_BX_FUSESTRAP0.STRAP_BIF_PX_CAPABLE */
void amd_gpu_model_set_strap(AMDGPUModel *m, bool baco_capable);

/*
 * BACO faults: the chip never powers down (BACO_MODE never sets), or once
 * down never gets its power back (PWRGOOD_BF and the others never set).
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
 * with one entry at usStateArrayOffset) or V0 (ATOM_PPLIB: ulPlatformCaps
 * at +21).  @layout returns where each part went, so that tests can
 * corrupt them.
 */
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
 * Replace the ROM with a default image of the chip's format, with or
 * without the BACO cap
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
 * The interrupt pin the device reports in PCI_INTERRUPT_PIN: 0 (the
 * default) for none, 1 for INTA# to 4 for INTD#.  Like vendor and device
 * ID, it is served from the kernel's copy, so it survives all_ones.
 */
void amd_gpu_model_set_interrupt_pin(AMDGPUModel *m, uint8_t pin);

#endif /* TESTS_UNIT_AMD_GPU_MODEL_H */
