/*
 * Register-level model of the reset behaviour of an AMD CIK/VI GPU
 *
 * See amd-gpu-model.h for what is modelled.  Configuration space is a byte
 * array with a per-byte write mask; BAR5 is a dword array; the SMC-indirect
 * registers that matter have their own fields and every other SMC address
 * lives in a hash table that reads 0 until written.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "amd-gpu-model.h"

#define ALL_ONES            0xffffffffU
#define CLASS_DISPLAY_VGA   0x0300
#define BAR5_OFFSET         (PCI_BASE_ADDRESS_0 + 4 * AMD_MMIO_BAR)
#define CMD_WRITABLE        (PCI_COMMAND_IO | PCI_COMMAND_MEMORY | \
                             PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | \
                             PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE)
#define CMD_DRIVER          (PCI_COMMAND_IO | PCI_COMMAND_MEMORY | \
                             PCI_COMMAND_MASTER)

struct AMDGPUModel {
    GMutex lock;
    AMDGPUModelClock now_ns;
    void *clock_opaque;

    uint8_t config[AMD_GPU_MODEL_CONFIG_SIZE];
    uint8_t wmask[AMD_GPU_MODEL_CONFIG_SIZE];
    uint32_t *bar5;                 /* AMD_GPU_MODEL_BAR5_SIZE / 4 dwords */
    uint32_t vram_mb;

    /* SMC */
    uint32_t smc_reset_cntl;        /* ixSMC_SYSCON_RESET_CNTL */
    uint32_t smc_clock_cntl;        /* ixSMC_SYSCON_CLOCK_CNTL_0 */
    uint32_t smc_pc;                /* ixSMC_PC_C */
    uint32_t rcu_misc;              /* ixRCU_MISC_CTRL */
    bool fuse;                      /* ixCC_RCU_FUSES DRV_RST_MODE */
    GHashTable *smc_other;          /* any other ix address */

    /* reset state */
    bool driver_loaded;
    bool reset_pending;             /* a config reset has happened */
    int64_t reset_time_ns;
    int64_t ready_delay_ns;
    bool last_whole_gpu;
    unsigned config_resets;
    unsigned ignored_config_resets;
    unsigned bus_resets;

    /* faults */
    bool stuck;
    bool all_ones;
    bool vanish_after_reset;
    bool vanished;

    GArray *log;                    /* of AMDGPUModelAccess */
};

static int64_t amd_gpu_model_default_clock(void *opaque)
{
    return g_get_monotonic_time() * 1000;
}

/* Helpers below run with the lock held */

static int64_t model_now(AMDGPUModel *m)
{
    return m->now_ns(m->clock_opaque);
}

static bool model_dead(AMDGPUModel *m)
{
    return m->all_ones || m->vanished;
}

static uint32_t size_mask(unsigned size)
{
    return size == 4 ? ALL_ONES : (1U << (size * 8)) - 1;
}

static void model_log(AMDGPUModel *m, AMDGPUModelAccessKind kind,
                      uint32_t offset, unsigned size, uint32_t value)
{
    AMDGPUModelAccess entry = {
        .kind = kind,
        .offset = offset,
        .size = size,
        .value = value,
        .time_ns = model_now(m),
    };

    g_array_append_val(m->log, entry);
}

static void config_set(AMDGPUModel *m, uint32_t offset, uint32_t value,
                       unsigned size, uint32_t wmask)
{
    unsigned i;

    for (i = 0; i < size; i++) {
        m->config[offset + i] = value >> (i * 8);
        m->wmask[offset + i] = wmask >> (i * 8);
    }
}

static uint32_t config_get(AMDGPUModel *m, uint32_t offset, unsigned size)
{
    uint32_t value = 0;
    unsigned i;

    for (i = 0; i < size; i++) {
        value |= (uint32_t)m->config[offset + i] << (i * 8);
    }
    return value;
}

static bool model_smc_running(AMDGPUModel *m)
{
    return !(m->smc_clock_cntl & SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK) &&
           m->smc_pc >= AMD_SMC_FIRMWARE_PC_MIN;
}

static bool model_smc_stopped(AMDGPUModel *m)
{
    return (m->smc_reset_cntl & SMC_SYSCON_RESET_CNTL__rst_reg_MASK) &&
           (m->smc_clock_cntl & SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK);
}

static bool model_in_reset(AMDGPUModel *m)
{
    if (!m->reset_pending) {
        return false;
    }
    if (m->stuck) {
        return true;
    }
    return model_now(m) - m->reset_time_ns < m->ready_delay_ns;
}

static uint32_t smc_get(AMDGPUModel *m, uint32_t ix)
{
    switch (ix) {
    case ixSMC_SYSCON_RESET_CNTL:
        return m->smc_reset_cntl;
    case ixSMC_SYSCON_CLOCK_CNTL_0:
        return m->smc_clock_cntl;
    case ixSMC_PC_C:
        return m->smc_pc;
    case ixRCU_MISC_CTRL:
        return m->rcu_misc;
    case ixCC_RCU_FUSES:
        return m->fuse ? CC_RCU_FUSES__DRV_RST_MODE_MASK : 0;
    default:
        return GPOINTER_TO_UINT(g_hash_table_lookup(m->smc_other,
                                                    GUINT_TO_POINTER(ix)));
    }
}

static void smc_set(AMDGPUModel *m, uint32_t ix, uint32_t value)
{
    switch (ix) {
    case ixSMC_SYSCON_RESET_CNTL:
        m->smc_reset_cntl = value;
        if (value & SMC_SYSCON_RESET_CNTL__rst_reg_MASK) {
            /* held in reset; leaving reset does not reload any firmware */
            m->smc_pc = 0;
        }
        break;
    case ixSMC_SYSCON_CLOCK_CNTL_0:
        m->smc_clock_cntl = value;
        break;
    case ixSMC_PC_C:
    case ixCC_RCU_FUSES:
        /* read-only */
        break;
    case ixRCU_MISC_CTRL:
        m->rcu_misc = value;
        break;
    default:
        g_hash_table_insert(m->smc_other, GUINT_TO_POINTER(ix),
                            GUINT_TO_POINTER(value));
        break;
    }
}

static void model_config_reset(AMDGPUModel *m)
{
    bool misc = m->rcu_misc & RCU_MISC_CTRL__REG_DRV_RST_MODE_MASK;

    if (!model_smc_running(m)) {
        /* without the SMC firmware nobody acts on the trigger */
        m->ignored_config_resets++;
        return;
    }
    m->config_resets++;
    m->last_whole_gpu = !(misc ^ m->fuse);
    m->driver_loaded = false;
    m->reset_pending = true;
    m->reset_time_ns = model_now(m);
    if (m->vanish_after_reset) {
        m->vanished = true;
    }
}

static uint32_t do_config_read(AMDGPUModel *m, uint32_t offset, unsigned size)
{
    uint32_t value;

    g_assert(size == 1 || size == 2 || size == 4);
    g_assert(offset % size == 0 && offset < AMD_GPU_MODEL_CONFIG_SIZE);

    value = model_dead(m) ? size_mask(size) : config_get(m, offset, size);
    model_log(m, AMD_GPU_MODEL_CFG_READ, offset, size, value);
    return value;
}

static void do_config_write(AMDGPUModel *m, uint32_t offset, uint32_t value,
                            unsigned size)
{
    unsigned i;

    g_assert(size == 1 || size == 2 || size == 4);
    g_assert(offset % size == 0 && offset < AMD_GPU_MODEL_CONFIG_SIZE);

    value &= size_mask(size);
    model_log(m, AMD_GPU_MODEL_CFG_WRITE, offset, size, value);
    if (model_dead(m)) {
        return;
    }
    if (offset == AMD_PCI_CONFIG_RESET && size == 4 &&
        value == AMD_PCI_CONFIG_RESET_MAGIC) {
        model_config_reset(m);
        return;
    }
    for (i = 0; i < size; i++) {
        uint8_t mask = m->wmask[offset + i];
        uint8_t byte = value >> (i * 8);

        m->config[offset + i] = (m->config[offset + i] & ~mask) |
                                (byte & mask);
    }
}

static bool model_decodes_mmio(AMDGPUModel *m)
{
    return m->config[PCI_COMMAND] & PCI_COMMAND_MEMORY;
}

static uint32_t do_mmio_read(AMDGPUModel *m, uint32_t offset)
{
    uint32_t value;

    g_assert(offset % 4 == 0 && offset < AMD_GPU_MODEL_BAR5_SIZE);

    if (model_dead(m) || !model_decodes_mmio(m)) {
        value = ALL_ONES;
    } else if (offset == mmSMC_IND_DATA_0) {
        value = smc_get(m, m->bar5[mmSMC_IND_INDEX_0 / 4]);
    } else if (offset == mmCONFIG_MEMSIZE) {
        value = model_in_reset(m) ? ALL_ONES : m->vram_mb;
    } else {
        value = m->bar5[offset / 4];
    }
    model_log(m, AMD_GPU_MODEL_MMIO_READ, offset, 4, value);
    return value;
}

static void do_mmio_write(AMDGPUModel *m, uint32_t offset, uint32_t value)
{
    g_assert(offset % 4 == 0 && offset < AMD_GPU_MODEL_BAR5_SIZE);

    model_log(m, AMD_GPU_MODEL_MMIO_WRITE, offset, 4, value);
    if (model_dead(m) || !model_decodes_mmio(m)) {
        return;
    }
    if (offset == mmSMC_IND_DATA_0) {
        smc_set(m, m->bar5[mmSMC_IND_INDEX_0 / 4], value);
    } else if (offset != mmCONFIG_MEMSIZE) {
        m->bar5[offset / 4] = value;
    }
}

AMDGPUModel *amd_gpu_model_new(uint16_t device_id)
{
    AMDGPUModel *m = g_new0(AMDGPUModel, 1);

    g_mutex_init(&m->lock);
    m->now_ns = amd_gpu_model_default_clock;
    m->bar5 = g_new0(uint32_t, AMD_GPU_MODEL_BAR5_SIZE / 4);
    m->vram_mb = AMD_GPU_MODEL_VRAM_MB;
    m->smc_other = g_hash_table_new(g_direct_hash, g_direct_equal);
    m->log = g_array_new(false, true, sizeof(AMDGPUModelAccess));

    config_set(m, PCI_VENDOR_ID, AMD_RESET_VENDOR_ID, 2, 0);
    config_set(m, PCI_DEVICE_ID, device_id, 2, 0);
    config_set(m, PCI_COMMAND, 0, 2, CMD_WRITABLE);
    /* status: no capability list, nothing to report */
    config_set(m, PCI_CLASS_PROG, 0, 1, 0);
    config_set(m, PCI_CLASS_DEVICE, CLASS_DISPLAY_VGA, 2, 0);
    config_set(m, PCI_HEADER_TYPE, PCI_HEADER_TYPE_NORMAL, 1, 0);
    /* BAR0..BAR4 absent: read 0, no writable bit */
    config_set(m, BAR5_OFFSET, PCI_BASE_ADDRESS_SPACE_MEMORY |
               PCI_BASE_ADDRESS_MEM_TYPE_32, 4,
               ~(uint32_t)(AMD_GPU_MODEL_BAR5_SIZE - 1));
    config_set(m, PCI_SUBSYSTEM_VENDOR_ID, AMD_GPU_MODEL_SUBSYS_VENDOR, 2, 0);
    config_set(m, PCI_SUBSYSTEM_ID, AMD_GPU_MODEL_SUBSYS_ID, 2, 0);
    config_set(m, PCI_INTERRUPT_LINE, 0, 1, 0xff);
    config_set(m, PCI_INTERRUPT_PIN, 0, 1, 0);

    /* after host boot: VBIOS posted, SMC firmware running */
    m->smc_pc = AMD_GPU_MODEL_FIRMWARE_PC;
    return m;
}

void amd_gpu_model_free(AMDGPUModel *m)
{
    if (!m) {
        return;
    }
    g_array_free(m->log, true);
    g_hash_table_destroy(m->smc_other);
    g_free(m->bar5);
    g_mutex_clear(&m->lock);
    g_free(m);
}

void amd_gpu_model_set_clock(AMDGPUModel *m, AMDGPUModelClock now_ns,
                             void *opaque)
{
    g_mutex_lock(&m->lock);
    m->now_ns = now_ns ? now_ns : amd_gpu_model_default_clock;
    m->clock_opaque = now_ns ? opaque : NULL;
    g_mutex_unlock(&m->lock);
}

uint32_t amd_gpu_model_config_read(AMDGPUModel *m, uint32_t offset,
                                   unsigned size)
{
    uint32_t value;

    g_mutex_lock(&m->lock);
    value = do_config_read(m, offset, size);
    g_mutex_unlock(&m->lock);
    return value;
}

void amd_gpu_model_config_write(AMDGPUModel *m, uint32_t offset,
                                uint32_t value, unsigned size)
{
    g_mutex_lock(&m->lock);
    do_config_write(m, offset, value, size);
    g_mutex_unlock(&m->lock);
}

bool amd_gpu_model_config_access(AMDGPUModel *m, uint32_t offset,
                                 uint8_t *buf, size_t len, bool is_write)
{
    if (offset > AMD_GPU_MODEL_CONFIG_SIZE ||
        len > AMD_GPU_MODEL_CONFIG_SIZE - offset) {
        return false;
    }

    g_mutex_lock(&m->lock);
    while (len) {
        unsigned size = 1;
        uint32_t value = 0;
        unsigned i;

        if (offset % 4 == 0 && len >= 4) {
            size = 4;
        } else if (offset % 2 == 0 && len >= 2) {
            size = 2;
        }
        if (is_write) {
            for (i = 0; i < size; i++) {
                value |= (uint32_t)buf[i] << (i * 8);
            }
            do_config_write(m, offset, value, size);
        } else {
            value = do_config_read(m, offset, size);
            for (i = 0; i < size; i++) {
                buf[i] = value >> (i * 8);
            }
        }
        offset += size;
        buf += size;
        len -= size;
    }
    g_mutex_unlock(&m->lock);
    return true;
}

uint32_t amd_gpu_model_mmio_read(AMDGPUModel *m, uint32_t offset)
{
    uint32_t value;

    g_mutex_lock(&m->lock);
    value = do_mmio_read(m, offset);
    g_mutex_unlock(&m->lock);
    return value;
}

void amd_gpu_model_mmio_write(AMDGPUModel *m, uint32_t offset,
                              uint32_t value)
{
    g_mutex_lock(&m->lock);
    do_mmio_write(m, offset, value);
    g_mutex_unlock(&m->lock);
}

bool amd_gpu_model_mmio_access(AMDGPUModel *m, uint32_t offset,
                               uint8_t *buf, size_t len, bool is_write)
{
    if (offset % 4 || len % 4 || offset > AMD_GPU_MODEL_BAR5_SIZE ||
        len > AMD_GPU_MODEL_BAR5_SIZE - offset) {
        return false;
    }

    g_mutex_lock(&m->lock);
    for (; len; offset += 4, buf += 4, len -= 4) {
        if (is_write) {
            do_mmio_write(m, offset, ldl_le_p(buf));
        } else {
            stl_le_p(buf, do_mmio_read(m, offset));
        }
    }
    g_mutex_unlock(&m->lock);
    return true;
}

void amd_gpu_model_bus_reset(AMDGPUModel *m)
{
    g_mutex_lock(&m->lock);
    /* the hardware bug: neither bus reset nor FLR resets anything */
    m->bus_resets++;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_load_driver(AMDGPUModel *m)
{
    g_mutex_lock(&m->lock);
    m->smc_reset_cntl &= ~SMC_SYSCON_RESET_CNTL__rst_reg_MASK;
    m->smc_clock_cntl &= ~SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK;
    m->smc_pc = AMD_GPU_MODEL_FIRMWARE_PC;
    config_set(m, PCI_COMMAND, CMD_DRIVER, 2, CMD_WRITABLE);
    m->driver_loaded = true;
    g_mutex_unlock(&m->lock);
}

bool amd_gpu_model_driver_loaded(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->driver_loaded;
}

bool amd_gpu_model_smc_running(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return model_smc_running(m);
}

bool amd_gpu_model_smc_stopped(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return model_smc_stopped(m);
}

bool amd_gpu_model_is_clean(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return !m->driver_loaded && model_smc_stopped(m);
}

bool amd_gpu_model_in_reset(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return model_in_reset(m);
}

unsigned amd_gpu_model_config_resets(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->config_resets;
}

unsigned amd_gpu_model_ignored_config_resets(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->ignored_config_resets;
}

unsigned amd_gpu_model_bus_resets(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->bus_resets;
}

bool amd_gpu_model_last_reset_whole_gpu(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->last_whole_gpu;
}

int64_t amd_gpu_model_last_reset_time_ns(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->reset_time_ns;
}

uint16_t amd_gpu_model_get_command(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return config_get(m, PCI_COMMAND, 2);
}

uint32_t amd_gpu_model_smc_peek(AMDGPUModel *m, uint32_t ix)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return smc_get(m, ix);
}

void amd_gpu_model_smc_poke(AMDGPUModel *m, uint32_t ix, uint32_t value)
{
    g_mutex_lock(&m->lock);
    smc_set(m, ix, value);
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_smc_running(AMDGPUModel *m, bool running)
{
    g_mutex_lock(&m->lock);
    if (running) {
        m->smc_reset_cntl &= ~SMC_SYSCON_RESET_CNTL__rst_reg_MASK;
        m->smc_clock_cntl &= ~SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK;
        m->smc_pc = AMD_GPU_MODEL_FIRMWARE_PC;
    } else {
        m->smc_reset_cntl |= SMC_SYSCON_RESET_CNTL__rst_reg_MASK;
        m->smc_clock_cntl |= SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK;
        m->smc_pc = 0;
    }
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_smc_pc(AMDGPUModel *m, uint32_t pc)
{
    g_mutex_lock(&m->lock);
    if (!(m->smc_reset_cntl & SMC_SYSCON_RESET_CNTL__rst_reg_MASK)) {
        m->smc_pc = pc;
    }
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_stuck(AMDGPUModel *m, bool stuck)
{
    g_mutex_lock(&m->lock);
    m->stuck = stuck;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_all_ones(AMDGPUModel *m, bool all_ones)
{
    g_mutex_lock(&m->lock);
    m->all_ones = all_ones;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_vanish_after_reset(AMDGPUModel *m, bool vanish)
{
    g_mutex_lock(&m->lock);
    m->vanish_after_reset = vanish;
    if (!vanish) {
        m->vanished = false;
    }
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_fuse(AMDGPUModel *m, bool drv_rst_mode)
{
    g_mutex_lock(&m->lock);
    m->fuse = drv_rst_mode;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_ready_delay_ns(AMDGPUModel *m, int64_t delay_ns)
{
    g_mutex_lock(&m->lock);
    m->ready_delay_ns = delay_ns;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_command(AMDGPUModel *m, uint16_t cmd)
{
    g_mutex_lock(&m->lock);
    config_set(m, PCI_COMMAND, cmd & CMD_WRITABLE, 2, CMD_WRITABLE);
    g_mutex_unlock(&m->lock);
}

size_t amd_gpu_model_log_count(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->log->len;
}

bool amd_gpu_model_log_get(AMDGPUModel *m, size_t i,
                           AMDGPUModelAccess *entry)
{
    bool ret = false;

    g_mutex_lock(&m->lock);
    if (i < m->log->len) {
        *entry = g_array_index(m->log, AMDGPUModelAccess, i);
        ret = true;
    }
    g_mutex_unlock(&m->lock);
    return ret;
}

void amd_gpu_model_log_clear(AMDGPUModel *m)
{
    g_mutex_lock(&m->lock);
    g_array_set_size(m->log, 0);
    g_mutex_unlock(&m->lock);
}

char *amd_gpu_model_access_format(const AMDGPUModelAccess *entry)
{
    switch (entry->kind) {
    case AMD_GPU_MODEL_CFG_READ:
    case AMD_GPU_MODEL_CFG_WRITE:
        return g_strdup_printf("cfg %c%u 0x%02x 0x%x",
                               entry->kind == AMD_GPU_MODEL_CFG_READ ?
                               'r' : 'w', entry->size, entry->offset,
                               entry->value);
    case AMD_GPU_MODEL_MMIO_READ:
    case AMD_GPU_MODEL_MMIO_WRITE:
        return g_strdup_printf("mmio %c 0x%x 0x%x",
                               entry->kind == AMD_GPU_MODEL_MMIO_READ ?
                               'r' : 'w', entry->offset, entry->value);
    }
    g_assert_not_reached();
}

char *amd_gpu_model_log_format(AMDGPUModel *m, size_t start, size_t count)
{
    GString *str = g_string_new("");
    size_t i;

    g_mutex_lock(&m->lock);
    for (i = start; i < m->log->len && i - start < count; i++) {
        char *line = amd_gpu_model_access_format(
            &g_array_index(m->log, AMDGPUModelAccess, i));

        g_string_append_printf(str, "%s\n", line);
        g_free(line);
    }
    g_mutex_unlock(&m->lock);
    return g_string_free(str, false);
}
