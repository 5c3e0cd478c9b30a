/*
 * Self-checks of the register model (amd-gpu-model.c): the rules it
 * enforces, config space as the vfio-user server exposes it, its VBIOS
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bswap.h"
#include "test-amd-reset-env.h"

/* Model self-checks: config space, as the vfio-user server exposes it */
static void test_model_config_space(void)
{
    AMDGPUModel *m = amd_gpu_model_new(0x692b);
    uint8_t buf[8];
    static const AMDGPUModelAccess split[] = {
        CFG_R(0x01, 1, 0x10),
        CFG_R(0x02, 2, 0x692b),
        CFG_R(0x04, 4, 0x00000000),
        CFG_R(0x08, 1, 0x00),
    };
    g_autofree char *expected = format_table(split, ARRAY_SIZE(split));
    g_autofree char *actual = NULL;
    uint32_t off;

    g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 4), ==, 0x692b1002);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x02, 2), ==, 0x692b);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x01, 1), ==, 0x10);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x06, 2), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 4), ==, 0x03000000);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x0e, 1), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x2c, 4), ==,
                    AMD_GPU_MODEL_SUBSYS_ID << 16 |
                    AMD_GPU_MODEL_SUBSYS_VENDOR);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x34, 1), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x3d, 1), ==, 0);

    /* command: only the implemented bits stick */
    amd_gpu_model_config_write(m, 0x04, 0xffff, 2);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x04, 2), ==, 0x0547);
    amd_gpu_model_config_write(m, 0x04, 0x02, 1);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x04, 2), ==, 0x0502);
    amd_gpu_model_config_write(m, 0x06, 0xffff, 2);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x06, 2), ==, 0);

    /* BAR0..BAR4 absent, BAR5 256 KiB 32-bit memory, no ROM */
    for (off = 0x10; off < 0x24; off += 4) {
        amd_gpu_model_config_write(m, off, ALL_ONES, 4);
        g_assert_cmphex(amd_gpu_model_config_read(m, off, 4), ==, 0);
    }
    amd_gpu_model_config_write(m, 0x24, ALL_ONES, 4);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x24, 4), ==, 0xfffc0000);
    amd_gpu_model_config_write(m, 0x24, 0xfe812345, 4);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x24, 4), ==, 0xfe800000);
    amd_gpu_model_config_write(m, 0x26, 0xffff, 2);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x24, 4), ==, 0xfffc0000);
    amd_gpu_model_config_write(m, 0x30, ALL_ONES, 4);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x30, 4), ==, 0);
    amd_gpu_model_config_write(m, 0x3c, 0x0b, 1);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x3c, 2), ==, 0x000b);

    /* the reset trigger is write-only */
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x7c, 4), ==, 0);

    /* byte buffer: naturally aligned pieces, little endian */
    amd_gpu_model_config_write(m, 0x04, 0, 2);
    amd_gpu_model_log_clear(m);
    g_assert_cmpuint(amd_gpu_model_log_count(m), ==, 0);
    g_assert_true(amd_gpu_model_config_access(m, 0x01, buf, 8, false));
    actual = amd_gpu_model_log_format(m, 0, SIZE_MAX);
    g_assert_cmpstr(actual, ==, expected);
    g_assert_cmphex(buf[0], ==, 0x10);
    g_assert_cmphex(buf[1], ==, 0x2b);
    g_assert_cmphex(buf[2], ==, 0x69);
    g_assert_cmphex(buf[7], ==, 0x00);
    buf[0] = 0x06;
    buf[1] = 0x04;
    g_assert_true(amd_gpu_model_config_access(m, 0x04, buf, 2, true));
    g_assert_cmphex(amd_gpu_model_get_command(m), ==, 0x0406);
    g_assert_false(amd_gpu_model_config_access(m, 0xfe, buf, 4, false));
    g_assert_cmpuint(amd_gpu_model_log_count(m), ==, 5);

    /*
     * all-ones device: vendor ID, device ID and interrupt pin come from
     * the kernel's copy, every other byte from the (absent) chip
     */
    amd_gpu_model_set_all_ones(m, true);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 2), ==, 0x1002);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x02, 2), ==, 0x692b);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 4), ==, 0x692b1002);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x3c, 4), ==, 0xffff00ff);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 1), ==, 0xff);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 4), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x04, 2), ==, 0xffff);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5428), ==, ALL_ONES);
    amd_gpu_model_config_write(m, 0x04, 0, 2);
    amd_gpu_model_set_all_ones(m, false);
    g_assert_cmphex(amd_gpu_model_get_command(m), ==, 0x0406);
    amd_gpu_model_free(m);
}

/* Model self-checks: BAR5, SMC and the config reset rules */
static void test_model_reset_rules(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDGPUModel *m = env->model;
    uint8_t buf[8] = { 0x78, 0x56, 0x34, 0x12, 0xef, 0xbe, 0xad, 0xde };
    g_autofree char *line = NULL;
    AMDGPUModelAccess e;

    /* decode off: BAR5 reads all-ones, writes dropped */
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5428), ==, ALL_ONES);
    amd_gpu_model_mmio_write(m, 0x1000, 0x1234);
    amd_gpu_model_config_write(m, 0x24, 0xfe800000, 4);
    amd_gpu_model_config_write(m, 0x04, 0x0002, 2);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x1000), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5428), ==, 0x2000);
    amd_gpu_model_mmio_write(m, 0x5428, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5428), ==, 0x2000);

    /* plain storage and the buffer accessor */
    g_assert_true(amd_gpu_model_mmio_access(m, 0x1000, buf, 8, true));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x1004), ==, 0xdeadbeef);
    g_assert_false(amd_gpu_model_mmio_access(m, 0x1002, buf, 4, false));
    g_assert_false(amd_gpu_model_mmio_access(m, AMD_GPU_MODEL_BAR5_SIZE - 4,
                                             buf, 8, false));
    memset(buf, 0, sizeof(buf));
    g_assert_true(amd_gpu_model_mmio_access(m, 0x1000, buf, 4, false));
    g_assert_cmphex(ldl_le_p(buf), ==, 0x12345678);

    /* SMC-indirect: fuse read-only, misc and other addresses stored */
    amd_gpu_model_set_fuse(m, true);
    amd_gpu_model_mmio_write(m, 0x200, 0xc00c0000);
    amd_gpu_model_mmio_write(m, 0x204, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0x40);
    amd_gpu_model_mmio_write(m, 0x200, 0xc0000010);
    amd_gpu_model_mmio_write(m, 0x204, 0x2);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0x2);
    amd_gpu_model_mmio_write(m, 0x200, 0xc0000004);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0);
    amd_gpu_model_mmio_write(m, 0x204, 0x80);
    g_assert_cmphex(amd_gpu_model_smc_peek(m, 0xc0000004), ==, 0x80);

    /* after host boot the SMC waits for a driver; start it as one would */
    g_assert_false(amd_gpu_model_smc_running(m));
    g_assert_true(amd_gpu_model_smc_stopped(m));
    amd_gpu_model_set_smc_running(m, true);

    /* SMC running; fuse 1 ^ misc 1 -> whole GPU */
    g_assert_true(amd_gpu_model_smc_running(m));
    g_assert_false(amd_gpu_model_driver_loaded(m));
    amd_gpu_model_set_ready_delay_ns(m, 50000);
    amd_gpu_model_config_write(m, 0x7c, AMD_PCI_CONFIG_RESET_MAGIC, 4);
    g_assert_cmpuint(amd_gpu_model_config_resets(m), ==, 1);
    g_assert_true(amd_gpu_model_last_reset_whole_gpu(m));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5428), ==, ALL_ONES);
    /* the PCI registers survive it: BAR5 answers right away */
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x24, 4), ==, 0xfe800000);
    g_assert_cmphex(amd_gpu_model_get_command(m), ==, 0x0002);
    env->now_ns += 49999;
    g_assert_true(amd_gpu_model_in_reset(m));
    env->now_ns += 1;
    g_assert_false(amd_gpu_model_in_reset(m));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5428), ==, 0x2000);
    /* the SMC keeps running across the config reset */
    g_assert_true(amd_gpu_model_smc_running(m));

    /* SMC reset holds PC at 0; a config reset is then ignored */
    amd_gpu_model_mmio_write(m, 0x200, 0x80000000);
    amd_gpu_model_mmio_write(m, 0x204, 1);
    amd_gpu_model_mmio_write(m, 0x200, 0x80000370);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0);
    amd_gpu_model_set_smc_pc(m, AMD_GPU_MODEL_FIRMWARE_PC);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0);
    g_assert_false(amd_gpu_model_smc_running(m));
    g_assert_false(amd_gpu_model_smc_stopped(m));
    amd_gpu_model_config_write(m, 0x7c, AMD_PCI_CONFIG_RESET_MAGIC, 4);
    amd_gpu_model_config_write(m, 0x7c, 0x12345678, 4);
    g_assert_cmpuint(amd_gpu_model_config_resets(m), ==, 1);
    g_assert_cmpuint(amd_gpu_model_ignored_config_resets(m), ==, 1);

    /* log entries carry the clock and format as documented */
    g_assert_true(amd_gpu_model_log_get(m, amd_gpu_model_log_count(m) - 2,
                                        &e));
    g_assert_cmpint(e.time_ns, ==, env->now_ns);
    line = amd_gpu_model_access_format(&e);
    g_assert_cmpstr(line, ==, "cfg w4 0x7c 0x39d5e86b");
    g_assert_false(amd_gpu_model_log_get(m, amd_gpu_model_log_count(m), &e));
    env_free(env);
}

#define THREAD_ACCESSES 20000

static gpointer mmio_thread(gpointer opaque)
{
    AMDGPUModel *m = opaque;
    uint32_t i;

    for (i = 0; i < THREAD_ACCESSES; i++) {
        amd_gpu_model_mmio_write(m, 0x2000 + (i % 64) * 4, i);
    }
    return NULL;
}

/* A vfio-user server thread and the test thread share one model */
static void test_model_threads(void)
{
    AMDGPUModel *m = amd_gpu_model_new(0x692b);
    GThread *thread;
    size_t i, n, reads = 0, writes = 0;
    uint32_t next = 0;

    amd_gpu_model_load_driver(m);
    thread = g_thread_new("amd-gpu-model", mmio_thread, m);
    for (i = 0; i < THREAD_ACCESSES; i++) {
        g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 2), ==, 0x1002);
    }
    g_thread_join(thread);

    n = amd_gpu_model_log_count(m);
    g_assert_cmpuint(n, ==, 2 * THREAD_ACCESSES);
    for (i = 0; i < n; i++) {
        AMDGPUModelAccess e;

        g_assert_true(amd_gpu_model_log_get(m, i, &e));
        if (e.kind == AMD_GPU_MODEL_CFG_READ) {
            reads++;
        } else {
            /* the writer's entries stay complete and in its order */
            g_assert_cmpint(e.kind, ==, AMD_GPU_MODEL_MMIO_WRITE);
            g_assert_cmphex(e.value, ==, next);
            next++;
            writes++;
        }
    }
    g_assert_cmpuint(reads, ==, THREAD_ACCESSES);
    g_assert_cmpuint(writes, ==, THREAD_ACCESSES);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x2000 +
                                            (THREAD_ACCESSES - 1) % 64 * 4),
                    ==, THREAD_ACCESSES - 1);
    amd_gpu_model_free(m);
}


/* Model self-checks: BACO registers, strap, storage, faults */
static void test_model_baco_rules(void)
{
    AMDGPUModel *m = amd_gpu_model_new(DEV_W7100);
    AMDGPUModel *hawaii = amd_gpu_model_new(DEV_HAWAII);
    AMDGPUModel *polaris = amd_gpu_model_new(DEV_RX580);
    unsigned i;

    g_assert_cmpint(amd_gpu_model_chip(m), ==, AMD_GPU_MODEL_CHIP_TONGA);
    g_assert_cmpint(amd_gpu_model_chip(hawaii), ==, AMD_GPU_MODEL_CHIP_CIK);
    g_assert_cmpint(amd_gpu_model_chip(polaris), ==,
                    AMD_GPU_MODEL_CHIP_POLARIS);
    {
        AMDGPUModel *fury = amd_gpu_model_new(DEV_FURY);
        AMDGPUModel *vega = amd_gpu_model_new(0x687f);

        g_assert_cmpint(amd_gpu_model_chip(fury), ==,
                        AMD_GPU_MODEL_CHIP_FIJI);
        g_assert_cmpint(amd_gpu_model_chip(vega), ==,
                        AMD_GPU_MODEL_CHIP_OTHER);
        amd_gpu_model_free(fury);
        amd_gpu_model_free(vega);
    }
    amd_gpu_model_config_write(m, 0x04, 0x0002, 2);
    amd_gpu_model_config_write(hawaii, 0x04, 0x0002, 2);
    amd_gpu_model_config_write(polaris, 0x04, 0x0002, 2);

    /* powered, not isolated; strap on the BACO chips only */
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5394), ==, 0x1f84);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x535c), ==, 0x2);
    g_assert_cmphex(amd_gpu_model_mmio_read(hawaii, 0x535c), ==, 0);
    amd_gpu_model_mmio_write(m, 0x535c, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x535c), ==, 0x2);
    amd_gpu_model_set_strap(m, false);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x535c), ==, 0);
    amd_gpu_model_set_strap(m, true);

    /* status bits are read-only; bit 18 exists on VI only */
    amd_gpu_model_mmio_write(m, 0x5394, 0x40000 | 0x40 | 0x84);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5394), ==, 0x41f84);
    amd_gpu_model_mmio_write(hawaii, 0x5394, 0x40000 | 0x84);
    g_assert_cmphex(amd_gpu_model_mmio_read(hawaii, 0x5394), ==, 0x1f84);

    /* enter_baco alone, without the chip's tables: it stays powered */
    amd_gpu_model_mmio_write(m, 0x5394, 0x4000b);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5394), ==, 0x41f0b);
    g_assert_false(amd_gpu_model_in_baco(m));
    g_assert_cmpuint(amd_gpu_model_baco_entries(m), ==, 0);

    /* the SPLL acknowledges change requests */
    amd_gpu_model_mmio_write(m, 0x200, 0xc050015c);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0);
    amd_gpu_model_mmio_write(m, 0x204, 0xffffffff);     /* read-only */
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0);
    for (i = 22; i <= 23; i++) {
        amd_gpu_model_smc_poke(m, 0xc0500144, 1u << i);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0x2);
        amd_gpu_model_smc_poke(m, 0xc0500144, ~(1u << 22 | 1u << 23));
        g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0);
    }

    /* Polaris's bit 4 clears itself; elsewhere it is storage */
    amd_gpu_model_mmio_write(polaris, 0x200, 0xc05002b0);
    amd_gpu_model_mmio_write(polaris, 0x204, 0x11);
    g_assert_cmphex(amd_gpu_model_mmio_read(polaris, 0x204), ==, 0x01);
    amd_gpu_model_mmio_write(m, 0x200, 0xc05002b0);
    amd_gpu_model_mmio_write(m, 0x204, 0x11);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0x11);

    /* storage fill: plain registers only */
    amd_gpu_model_set_storage_fill(m, 0xffffffff);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x2bb0), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_smc_peek(m, 0xc0500170), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5428), ==, 0x2000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x1740), ==,
                    AMD_GPU_MODEL_SCRATCH7_POSTED);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x535c), ==, 0x2);
    g_assert_cmphex(amd_gpu_model_smc_peek(m, ixSMC_PC_C), ==, 0);
    amd_gpu_model_mmio_write(m, 0x2bb0, 5);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x2bb0), ==, 5);

    /* back door reads without decode; the front door reads all-ones */
    amd_gpu_model_config_write(m, 0x04, 0, 2);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x2bb0), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, 0x2bb0), ==, 5);
    amd_gpu_model_config_write(m, 0x04, 0x0002, 2);

    /* falls off the bus after three more accesses */
    amd_gpu_model_set_all_ones_after(m, 3);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x2bb0), ==, 5);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 4), ==, CLASS_REV);
    amd_gpu_model_mmio_write(m, 0x2bb0, 6);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x2bb0), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 4), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 4), ==, 0x692b1002);
    amd_gpu_model_set_all_ones_after(m, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x2bb0), ==, 6);

    /* a power cycle: as after host boot */
    amd_gpu_model_mmio_write(m, 0x1740, 0);
    amd_gpu_model_power_cycle(m);
    g_assert_cmphex(amd_gpu_model_get_command(m), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, 0x5394), ==, 0x1f84);
    g_assert_cmphex(amd_gpu_model_scratch(m, 7), ==,
                    AMD_GPU_MODEL_SCRATCH7_POSTED);
    g_assert_false(amd_gpu_model_smc_running(m));
    g_assert_true(amd_gpu_model_smc_stopped(m));

    amd_gpu_model_free(m);
    amd_gpu_model_free(hawaii);
    amd_gpu_model_free(polaris);
}

/* Model self-checks: the ROM it serves, parsed by the engine */
static void test_model_vbios(void)
{
    AMDGPUModel *m = amd_gpu_model_new(DEV_W7100);
    AMDGPUModel *hawaii = amd_gpu_model_new(DEV_HAWAII);
    size_t len = amd_gpu_model_rom_size(m);
    g_autofree uint8_t *rom = g_malloc(AMD_GPU_MODEL_ROM_SIZE);
    const char *why;

    g_assert_cmpuint(len, ==, AMD_GPU_MODEL_ROM_SIZE);
    g_assert_true(amd_gpu_model_rom_read(m, 0, rom, len));
    g_assert_cmphex(rom[0], ==, 0x55);
    g_assert_cmphex(rom[1], ==, 0xaa);
    g_assert_cmphex(rom[2], ==, AMD_GPU_MODEL_ROM_SIZE / 512);
    g_assert_cmpmem(rom + 0x30, 10, " 761295520", 10);
    g_assert_cmpint(amd_vbios_baco_cap(rom, len, AMD_PPTABLE_V1, &why), ==,
                    AMD_VBIOS_CAP_PRESENT);

    g_assert_true(amd_gpu_model_rom_read(hawaii, 0, rom, len));
    g_assert_cmpint(amd_vbios_baco_cap(rom, len, AMD_PPTABLE_V0, &why), ==,
                    AMD_VBIOS_CAP_ABSENT);

    amd_gpu_model_set_vbios_cap(m, false);
    g_assert_true(amd_gpu_model_rom_read(m, 0, rom, len));
    g_assert_cmpint(amd_vbios_baco_cap(rom, len, AMD_PPTABLE_V1, &why), ==,
                    AMD_VBIOS_CAP_ABSENT);

    g_assert_true(amd_gpu_model_rom_read(m, len - 4, rom, 4));
    g_assert_false(amd_gpu_model_rom_read(m, len - 4, rom, 5));
    g_assert_false(amd_gpu_model_rom_read(m, len + 1, rom, 0));

    amd_gpu_model_set_vbios(m, NULL, 0);
    g_assert_cmpuint(amd_gpu_model_rom_size(m), ==, 0);
    g_assert_true(amd_gpu_model_rom_read(m, 0, rom, 0));
    g_assert_false(amd_gpu_model_rom_read(m, 0, rom, 1));
    amd_gpu_model_free(m);
    amd_gpu_model_free(hawaii);
}

void test_amd_reset_add_model(void)
{
    g_test_add_func("/vfio/amd-reset/model/config-space",
                    test_model_config_space);
    g_test_add_func("/vfio/amd-reset/model/reset-rules",
                    test_model_reset_rules);
    g_test_add_func("/vfio/amd-reset/model/baco-rules",
                    test_model_baco_rules);
    g_test_add_func("/vfio/amd-reset/model/vbios", test_model_vbios);
    g_test_add_func("/vfio/amd-reset/model/threads", test_model_threads);
}
