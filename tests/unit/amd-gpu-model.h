/*
 * Register-level model of the reset behaviour of an AMD CIK/VI GPU
 *
 * The model implements the part of a GCN 1.1 / GCN 1.2 chip that the AMD
 * reset quirk (hw/vfio/amd-reset.c) touches: a 256-byte PCI configuration
 * space with the config reset trigger at 0x7c, the BAR5 register aperture
 * with the SMC index/data pair and CONFIG_MEMSIZE, the SMC-indirect
 * registers that tell whether the SMC firmware runs, and the hardware bug
 * the quirk exists for: bus reset and FLR do nothing.  It also records
 * every access, so that tests can check the exact register sequence.
 *
 * Every public function takes the model's lock, so a vfio-user server
 * thread and a test thread may use the same model.  The clock callback is
 * called with the lock held and must not call back into the model.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef TESTS_UNIT_AMD_GPU_MODEL_H
#define TESTS_UNIT_AMD_GPU_MODEL_H

#define AMD_GPU_MODEL_CONFIG_SIZE       256
#define AMD_GPU_MODEL_BAR5_SIZE         0x40000
#define AMD_GPU_MODEL_VRAM_MB           0x2000      /* CONFIG_MEMSIZE */
#define AMD_GPU_MODEL_FIRMWARE_PC       0x20400     /* PC of a running SMC */
#define AMD_GPU_MODEL_SUBSYS_VENDOR     0x1002
#define AMD_GPU_MODEL_SUBSYS_ID         0x0b0c

typedef struct AMDGPUModel AMDGPUModel;

typedef int64_t (*AMDGPUModelClock)(void *opaque);

typedef enum AMDGPUModelAccessKind {
    AMD_GPU_MODEL_CFG_READ,
    AMD_GPU_MODEL_CFG_WRITE,
    AMD_GPU_MODEL_MMIO_READ,        /* BAR5, always 32 bits */
    AMD_GPU_MODEL_MMIO_WRITE,
} AMDGPUModelAccessKind;

/* One entry of the access log */
typedef struct AMDGPUModelAccess {
    AMDGPUModelAccessKind kind;
    uint32_t offset;
    unsigned size;                  /* 1, 2 or 4 bytes */
    uint32_t value;                 /* value read or written */
    int64_t time_ns;                /* model clock at the access */
} AMDGPUModelAccess;

/*
 * Create a model with PCI device ID @device_id, in the state the chip is
 * in after host boot with the VBIOS posted and the host driver unbound:
 * SMC firmware running, no guest driver loaded, command register 0, fuse
 * bit 0, CONFIG_MEMSIZE ready at once after a config reset.  The clock is
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
 * AMD_PCI_CONFIG_RESET_MAGIC there is a config reset.
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
 * is in reset, otherwise the VRAM size in MB).  Every other offset is plain
 * storage that reads back what was written (0 initially).  Like a real
 * device behind vfio-pci, BAR5 only decodes while the command register has
 * PCI_COMMAND_MEMORY set: otherwise reads return all-ones and writes are
 * dropped (still logged).
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
 * Put the chip in the state a guest driver leaves it in: SMC out of reset,
 * clock on, PC in the firmware, memory decode and bus master on, the
 * "guest driver loaded" flag set.
 */
void amd_gpu_model_load_driver(AMDGPUModel *m);

/* State queries; none of them is logged */
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

/* Access log */
size_t amd_gpu_model_log_count(AMDGPUModel *m);
/* Copies entry @i to @entry; false if there is no such entry */
bool amd_gpu_model_log_get(AMDGPUModel *m, size_t i,
                           AMDGPUModelAccess *entry);
void amd_gpu_model_log_clear(AMDGPUModel *m);

/*
 * "cfg r2 0x00 0x1002", "cfg w4 0x7c 0x39d5e86b", "mmio r 0x5428 0x2000",
 * "mmio w 0x200 0x80000004".  The caller frees the string.
 */
char *amd_gpu_model_access_format(const AMDGPUModelAccess *entry);
/* Entries [@start, @start + @count), one line each, clamped to the log */
char *amd_gpu_model_log_format(AMDGPUModel *m, size_t start, size_t count);

#endif /* TESTS_UNIT_AMD_GPU_MODEL_H */
