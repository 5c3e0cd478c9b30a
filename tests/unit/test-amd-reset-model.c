/*
 * Self-checks of the register model (amd-gpu-model.c): the rules it
 * enforces, config space as the vfio-user server exposes it, its VBIOS
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bswap.h"
#include "hw/pci/pci_regs.h"
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
        AMDGPUModel *navi21 = amd_gpu_model_new(0x73bf);

        g_assert_cmpint(amd_gpu_model_chip(fury), ==,
                        AMD_GPU_MODEL_CHIP_FIJI);
        g_assert_cmpint(amd_gpu_model_chip(vega), ==,
                        AMD_GPU_MODEL_CHIP_VEGA10);
        g_assert_cmpint(amd_gpu_model_chip(navi21), ==,
                        AMD_GPU_MODEL_CHIP_OTHER);
        amd_gpu_model_free(fury);
        amd_gpu_model_free(vega);
        amd_gpu_model_free(navi21);
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

/* SOC15: one device ID of each chip, and the registers' short names */
#define SOC15_VEGA10    0x687f          /* RX Vega 64 */
#define SOC15_VEGA12    0x69af          /* Vega12 */
#define SOC15_VEGA20    0x66af          /* Radeon VII */
#define SOC15_NAVI10    0x731f          /* RX 5700 */
#define SOC15_NAVI12    0x7360          /* Navi12 */
#define SOC15_NAVI14    0x7340          /* RX 5500 */

#define S_INDEX2        AMD_GPU_MODEL_mmPCIE_INDEX2
#define S_DATA2         AMD_GPU_MODEL_mmPCIE_DATA2
#define S_SCRATCH(n)    (AMD_GPU_MODEL_mmBIOS_SCRATCH_0 + 4 * (n))
#define S_STRAP0        AMD_GPU_MODEL_mmRCC_BIF_STRAP0
#define S_MEMSIZE       AMD_GPU_MODEL_mmRCC_CONFIG_MEMSIZE
#define S_BACO_CNTL     AMD_GPU_MODEL_mmBACO_CNTL
#define S_C2P33         AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_33
#define S_C2P35         AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_35
#define S_C2P64         AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_64
#define S_SOL           AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_81
#define S_C2P66         AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_66
#define S_C2P82         AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_82
#define S_C2P90         AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_90
#define FW_SMU9         AMD_GPU_MODEL_smnMP1_FIRMWARE_FLAGS_SMU9
#define FW_SMU11        AMD_GPU_MODEL_smnMP1_FIRMWARE_FLAGS_SMU11
#define MODE1_RST       AMD_GPU_MODEL_GFX_CTRL_CMD_ID_MODE1_RST
#define PSP_READY       AMD_GPU_MODEL_GFX_CMD_RESPONSE_MASK
#define PSP_ACK         AMD_GPU_MODEL_PSP_MODE1_ACK
#define BOOT_READY      AMD_GPU_MODEL_PSP_BOOTLOADER_READY
#define GUI_HUNG        AMD_GPU_MODEL_ATOM_S3_ASIC_GUI_ENGINE_HUNG
#define DEVCTL          (AMD_GPU_MODEL_SOC15_EXP_CAP + 0x08)
#define LNKCTL          (AMD_GPU_MODEL_SOC15_EXP_CAP + 0x10)
#define DEVCTL2         (AMD_GPU_MODEL_SOC15_EXP_CAP + 0x28)
#define LNKCTL2         (AMD_GPU_MODEL_SOC15_EXP_CAP + 0x30)
#define REBAR_CTRL      (AMD_GPU_MODEL_SOC15_REBAR_CAP + 8)
#define PMCSR           (AMD_GPU_MODEL_SOC15_PM_CAP + 4)

static int64_t soc15_clock_ns(void *opaque)
{
    TestEnv *env = opaque;

    return env->now_ns;
}

/*
 * A SOC15 model on a fake clock (the engine's device table need not list
 * the chip: only the model and the clock of @env are used)
 */
static TestEnv *soc15_env_new(uint16_t device)
{
    TestEnv *env = g_new0(TestEnv, 1);

    env->now_ns = START_NS;
    env->model = amd_gpu_model_new(device);
    amd_gpu_model_set_clock(env->model, soc15_clock_ns, env);
    g_assert_true(amd_gpu_model_is_soc15(env->model));
    return env;
}

/* SMN read as amdgpu_device_indirect_rreg() does it */
static uint32_t smn_read(AMDGPUModel *m, uint32_t addr)
{
    amd_gpu_model_mmio_write(m, S_INDEX2, addr);
    amd_gpu_model_mmio_read(m, S_INDEX2);
    return amd_gpu_model_mmio_read(m, S_DATA2);
}

/* A guest driver ran, BAR5 at 0xfe800000; the log starts empty */
static void soc15_guest_ran(TestEnv *env)
{
    AMDGPUModel *m = env->model;

    amd_gpu_model_config_write(m, 0x24, 0xfe800000, 4);
    amd_gpu_model_load_driver(m);
    amd_gpu_model_log_clear(m);
}

/* Model self-checks, SOC15: chips by device ID, sizes */
static void test_model_soc15_chips(void)
{
    static const struct {
        uint16_t device;
        AMDGPUModelChip chip;
    } ids[] = {
        { 0x6860, AMD_GPU_MODEL_CHIP_VEGA10 },
        { 0x686f, AMD_GPU_MODEL_CHIP_VEGA10 },
        { 0x6870, AMD_GPU_MODEL_CHIP_OTHER },
        { 0x687e, AMD_GPU_MODEL_CHIP_OTHER },
        { 0x687f, AMD_GPU_MODEL_CHIP_VEGA10 },
        { 0x699f, AMD_GPU_MODEL_CHIP_POLARIS },
        { 0x69a0, AMD_GPU_MODEL_CHIP_VEGA12 },
        { 0x69af, AMD_GPU_MODEL_CHIP_VEGA12 },
        { 0x69b0, AMD_GPU_MODEL_CHIP_OTHER },
        { 0x669f, AMD_GPU_MODEL_CHIP_OTHER },
        { 0x66a0, AMD_GPU_MODEL_CHIP_VEGA20 },
        { 0x66af, AMD_GPU_MODEL_CHIP_VEGA20 },
        { 0x66b0, AMD_GPU_MODEL_CHIP_OTHER },
        { 0x730f, AMD_GPU_MODEL_CHIP_FIJI },
        { 0x7310, AMD_GPU_MODEL_CHIP_NAVI10 },
        { 0x731f, AMD_GPU_MODEL_CHIP_NAVI10 },
        { 0x7320, AMD_GPU_MODEL_CHIP_OTHER },
        { 0x733f, AMD_GPU_MODEL_CHIP_OTHER },
        { 0x7340, AMD_GPU_MODEL_CHIP_NAVI14 },
        { 0x734f, AMD_GPU_MODEL_CHIP_NAVI14 },
        { 0x7350, AMD_GPU_MODEL_CHIP_OTHER },
        { 0x7360, AMD_GPU_MODEL_CHIP_NAVI12 },
        { 0x736f, AMD_GPU_MODEL_CHIP_NAVI12 },
        { 0x7370, AMD_GPU_MODEL_CHIP_OTHER },
        { 0x73bf, AMD_GPU_MODEL_CHIP_OTHER },       /* Navi21 */
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(ids); i++) {
        AMDGPUModel *m = amd_gpu_model_new(ids[i].device);
        bool soc15 = ids[i].chip >= AMD_GPU_MODEL_CHIP_VEGA10;

        g_test_message("device 0x%04x", ids[i].device);
        g_assert_cmpint(amd_gpu_model_chip(m), ==, ids[i].chip);
        g_assert_cmpint(amd_gpu_model_is_soc15(m), ==, soc15);
        g_assert_cmphex(amd_gpu_model_bar5_size(m), ==,
                        soc15 ? AMD_GPU_MODEL_SOC15_BAR5_SIZE :
                        AMD_GPU_MODEL_BAR5_SIZE);
        g_assert_cmpuint(amd_gpu_model_config_size(m), ==,
                         soc15 ? AMD_GPU_MODEL_SOC15_CONFIG_SIZE :
                         AMD_GPU_MODEL_CONFIG_SIZE);
        g_assert_cmpuint(AMD_GPU_MODEL_SOC15_BAR5_SIZE, ==, 0x80000);
        g_assert_cmpuint(AMD_GPU_MODEL_SOC15_CONFIG_SIZE, ==, 4096);
        amd_gpu_model_free(m);
    }
}

/* Model self-checks, SOC15: configuration space after host boot */
static void test_model_soc15_config_space(void)
{
    TestEnv *env = soc15_env_new(SOC15_NAVI10);
    AMDGPUModel *m = env->model;
    uint8_t ids[4] = { 0 };
    uint8_t cap, n = 0;
    uint32_t off;

    g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 4), ==, 0x731f1002);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x04, 4), ==, 0x00100000);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 4), ==, CLASS_REV);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x34, 1), ==, 0x50);

    /* the capability list: PM, PCI Express, MSI */
    for (cap = amd_gpu_model_config_read(m, 0x34, 1); cap && n < 4;
         cap = amd_gpu_model_config_read(m, cap + 1, 1)) {
        ids[n++] = amd_gpu_model_config_read(m, cap, 1);
    }
    g_assert_cmpuint(n, ==, 3);
    g_assert_cmphex(ids[0], ==, 0x01);
    g_assert_cmphex(ids[1], ==, 0x10);
    g_assert_cmphex(ids[2], ==, 0x05);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x50, 4), ==, 0x00036401);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x54, 2), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x64, 4), ==, 0x0002a010);
    g_assert_cmphex(amd_gpu_model_config_read(m, DEVCTL, 2), ==, 0x2930);
    g_assert_cmphex(amd_gpu_model_config_read(m, LNKCTL, 2), ==, 0x0040);
    g_assert_cmphex(amd_gpu_model_config_read(m, DEVCTL2, 2), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_read(m, LNKCTL2, 2), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0xa0, 4), ==, 0x00800005);
    /* Resizable BAR: 256 MB to 8 GB, BAR 0, one BAR, 8 GB set */
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x100, 4), ==, 0x00010015);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x104, 4), ==, 0x0003f000);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x108, 4), ==, 0x00000d20);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0xffc, 4), ==, 0);

    /* BAR0..BAR4 absent, BAR5 512 KiB 32-bit memory */
    for (off = 0x10; off < 0x24; off += 4) {
        amd_gpu_model_config_write(m, off, ALL_ONES, 4);
        g_assert_cmphex(amd_gpu_model_config_read(m, off, 4), ==, 0);
    }
    amd_gpu_model_config_write(m, 0x24, ALL_ONES, 4);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x24, 4), ==, 0xfff80000);

    /* writable bits */
    amd_gpu_model_config_write(m, PMCSR, 0xffff, 2);
    g_assert_cmphex(amd_gpu_model_config_read(m, PMCSR, 2), ==, 0x0003);
    g_assert_cmpuint(amd_gpu_model_power_state(m), ==, 3);
    amd_gpu_model_config_write(m, PMCSR, 0, 1);
    g_assert_cmpuint(amd_gpu_model_power_state(m), ==, 0);
    amd_gpu_model_config_write(m, 0x50, 0, 4);      /* header: not PMCSR */
    g_assert_cmpuint(amd_gpu_model_pmcsr_writes(m), ==, 2);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x50, 4), ==, 0x00036401);
    amd_gpu_model_config_write(m, DEVCTL, 0xffff, 2);
    g_assert_cmphex(amd_gpu_model_config_read(m, DEVCTL, 2), ==, 0x7fff);
    amd_gpu_model_config_write(m, LNKCTL, 0xffff, 2);
    g_assert_cmphex(amd_gpu_model_config_read(m, LNKCTL, 2), ==, 0x0fff);
    amd_gpu_model_config_write(m, DEVCTL2, 0x0400, 2);
    amd_gpu_model_config_write(m, LNKCTL2, 0x0003, 2);
    g_assert_cmphex(amd_gpu_model_config_peek(m, DEVCTL2, 2), ==, 0x0400);
    g_assert_cmphex(amd_gpu_model_config_peek(m, LNKCTL2, 2), ==, 0x0003);
    amd_gpu_model_config_write(m, REBAR_CTRL, ALL_ONES, 4);
    g_assert_cmphex(amd_gpu_model_config_read(m, REBAR_CTRL, 4), ==,
                    0x00003f20);
    amd_gpu_model_config_write(m, 0x104, 0, 4);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x104, 4), ==, 0x0003f000);
    /* no config reset trigger at 0x7c */
    amd_gpu_model_load_driver(m);
    amd_gpu_model_config_write(m, 0x7c, AMD_PCI_CONFIG_RESET_MAGIC, 4);
    g_assert_cmpuint(amd_gpu_model_config_resets(m), ==, 0);
    g_assert_cmpuint(amd_gpu_model_ignored_config_resets(m), ==, 0);
    g_assert_true(amd_gpu_model_driver_loaded(m));

    /* a power cycle: what the host configured at boot */
    amd_gpu_model_power_cycle(m);
    g_assert_cmphex(amd_gpu_model_config_peek(m, DEVCTL, 2), ==,
                    AMD_GPU_MODEL_SOC15_DEVCTL_HOST);
    g_assert_cmphex(amd_gpu_model_config_peek(m, LNKCTL, 2), ==,
                    AMD_GPU_MODEL_SOC15_LNKCTL_HOST);
    g_assert_cmphex(amd_gpu_model_config_peek(m, DEVCTL2, 2), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_peek(m, LNKCTL2, 2), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_peek(m, REBAR_CTRL, 4), ==,
                    AMD_GPU_MODEL_SOC15_REBAR_SIZE_HOST << 8 | 0x20);
    g_assert_cmphex(amd_gpu_model_config_peek(m, 0x04, 2), ==, 0);
    env_free(env);
}

/* Model self-checks, SOC15: 4 KiB through the vfio-user accessors */
static void test_model_soc15_config_access(void)
{
    TestEnv *env = soc15_env_new(SOC15_VEGA20);
    AMDGPUModel *m = env->model;
    AMDGPUModel *tonga = amd_gpu_model_new(DEV_W7100);
    g_autofree uint8_t *buf = g_malloc0(AMD_GPU_MODEL_SOC15_CONFIG_SIZE);
    uint32_t off;
    static const AMDGPUModelAccess split[] = {
        CFG_R(0xff, 1, 0x00),
        CFG_R(0x100, 2, 0x0015),
    };

    g_assert_true(amd_gpu_model_config_access(m, 0, buf,
                                              AMD_GPU_MODEL_SOC15_CONFIG_SIZE,
                                              false));
    g_assert_cmpuint(amd_gpu_model_log_count(m), ==,
                     AMD_GPU_MODEL_SOC15_CONFIG_SIZE / 4);
    for (off = 0; off < AMD_GPU_MODEL_SOC15_CONFIG_SIZE; off += 4) {
        g_assert_cmphex(ldl_le_p(buf + off), ==,
                        amd_gpu_model_config_peek(m, off, 4));
    }
    g_assert_cmphex(ldl_le_p(buf), ==, 0x66af1002);
    g_assert_cmphex(ldl_le_p(buf + 0x100), ==, 0x00010015);

    /* naturally aligned pieces across 0x100 */
    amd_gpu_model_log_clear(m);
    g_assert_true(amd_gpu_model_config_access(m, 0xff, buf, 3, false));
    {
        g_autofree char *want = format_table(split, ARRAY_SIZE(split));
        g_autofree char *got = amd_gpu_model_log_format(m, 0, SIZE_MAX);

        g_assert_cmpstr(got, ==, want);
    }

    /* writes in extended space; the end of the range */
    stl_le_p(buf, 0x00000a20);
    g_assert_true(amd_gpu_model_config_access(m, REBAR_CTRL, buf, 4, true));
    g_assert_cmphex(amd_gpu_model_config_peek(m, REBAR_CTRL, 4), ==,
                    0x00000a20);
    g_assert_true(amd_gpu_model_config_access(m, 0xffc, buf, 4, false));
    g_assert_true(amd_gpu_model_config_access(m, 0x1000, buf, 0, false));
    g_assert_false(amd_gpu_model_config_access(m, 0xffe, buf, 4, false));
    g_assert_false(amd_gpu_model_config_access(m, 0x1001, buf, 0, false));
    g_assert_false(amd_gpu_model_config_access(tonga, 0x100, buf, 4, false));

    /* BAR5: 512 KiB */
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    stl_le_p(buf, 0x12345678);
    g_assert_true(amd_gpu_model_mmio_access(m, 0x7fffc, buf, 4, true));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x7fffc), ==, 0x12345678);
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, 0x7fffc), ==, 0x12345678);
    g_assert_false(amd_gpu_model_mmio_access(m, 0x7fffc, buf, 8, false));
    g_assert_false(amd_gpu_model_mmio_access(tonga, 0x40000, buf, 4,
                                             false));
    amd_gpu_model_free(tonga);
    env_free(env);
}

/* Model self-checks, SOC15: BAR5 after host boot */
static void test_model_soc15_power_on(void)
{
    TestEnv *env = soc15_env_new(SOC15_NAVI14);
    AMDGPUModel *m = env->model;

    g_assert_true(amd_gpu_model_is_clean(m));
    g_assert_false(amd_gpu_model_driver_loaded(m));
    g_assert_false(amd_gpu_model_in_reset(m));
    g_assert_false(amd_gpu_model_smc_running(m));
    g_assert_true(amd_gpu_model_smc_stopped(m));
    g_assert_false(amd_gpu_model_bars_lost(m));
    g_assert_cmpuint(amd_gpu_model_power_state(m), ==, 0);
    g_assert_cmphex(amd_gpu_model_get_command(m), ==, 0);

    /* decode off: all-ones */
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==, ALL_ONES);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);

    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_STRAP0), ==, 0x80);
    g_assert_cmphex(smn_read(m, FW_SMU11), ==, 0);
    g_assert_cmphex(amd_gpu_model_scratch(m, 7), ==,
                    AMD_GPU_MODEL_SCRATCH7_POSTED);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SCRATCH(7)), ==,
                    AMD_GPU_MODEL_SCRATCH7_POSTED);

    /* read-only registers; BACO_CNTL stored but BACO_MODE */
    amd_gpu_model_mmio_write(m, S_MEMSIZE, 0);
    amd_gpu_model_mmio_write(m, S_STRAP0, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_STRAP0), ==, 0x80);
    amd_gpu_model_set_strap(m, false);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_STRAP0), ==, 0);
    amd_gpu_model_set_strap(m, true);
    amd_gpu_model_mmio_write(m, S_BACO_CNTL, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_BACO_CNTL), ==, 0xfffffeff);
    g_assert_false(amd_gpu_model_in_baco(m));

    /* scratch registers, and the CIK/VI offsets are plain storage */
    amd_gpu_model_mmio_write(m, S_SCRATCH(3), GUI_HUNG);
    g_assert_cmphex(amd_gpu_model_scratch(m, 3), ==, GUI_HUNG);
    amd_gpu_model_set_scratch(m, 15, 0x1515);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SCRATCH(15)), ==, 0x1515);
    amd_gpu_model_mmio_write(m, 0x200, 0xc0000004);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 0);
    amd_gpu_model_mmio_write(m, 0x204, 5);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, 5);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x200), ==, 0xc0000004);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5428), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x1724), ==, 0);
    amd_gpu_model_mmio_write(m, S_C2P66, 0x18);
    amd_gpu_model_mmio_write(m, S_C2P82, 0x82);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P66), ==, 0x18);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P82), ==, 0x82);

    /* storage fill: plain registers only */
    amd_gpu_model_set_storage_fill(m, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P66), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x204), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_BACO_CNTL), ==, 0xfffffeff);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SCRATCH(3)), ==, GUI_HUNG);
    g_assert_cmphex(smn_read(m, 0x03b10b14), ==, ALL_ONES);
    g_assert_cmphex(smn_read(m, FW_SMU11), ==, 0);
    g_assert_true(amd_gpu_model_is_clean(m));

    /* clean is what the registers say */
    amd_gpu_model_mmio_write(m, S_SOL, 0x2);
    g_assert_false(amd_gpu_model_is_clean(m));
    amd_gpu_model_mmio_write(m, S_SOL, 0);
    amd_gpu_model_mmio_write(m, S_C2P35, 0);
    g_assert_false(amd_gpu_model_is_clean(m));
    amd_gpu_model_mmio_write(m, S_C2P35, BOOT_READY);
    g_assert_true(amd_gpu_model_is_clean(m));

    /* a power cycle: as after host boot */
    amd_gpu_model_load_driver(m);
    amd_gpu_model_power_cycle(m);
    g_assert_true(amd_gpu_model_is_clean(m));
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, S_SOL), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, S_C2P64), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, S_C2P90), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, S_BACO_CNTL), ==, 0);
    g_assert_cmphex(amd_gpu_model_smn_peek(m, FW_SMU11), ==, 0);
    env_free(env);
}

/* Model self-checks, SOC15: what a guest driver leaves behind */
static void test_model_soc15_load_driver(void)
{
    TestEnv *env = soc15_env_new(SOC15_NAVI12);
    AMDGPUModel *m = env->model;

    amd_gpu_model_load_driver(m);
    g_assert_true(amd_gpu_model_driver_loaded(m));
    g_assert_false(amd_gpu_model_is_clean(m));
    g_assert_true(amd_gpu_model_smc_running(m));
    g_assert_false(amd_gpu_model_smc_stopped(m));
    g_assert_cmphex(amd_gpu_model_get_command(m), ==,
                    PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==,
                    AMD_GPU_MODEL_SOC15_SOL);
    g_assert_cmphex(AMD_GPU_MODEL_SOC15_SOL, !=, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, 0x80000000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 1);
    g_assert_cmphex(smn_read(m, FW_SMU11), ==, 0x1);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);

    /* the SMU halts: FIRMWARE_FLAGS clear, a stale response stays */
    amd_gpu_model_set_smc_running(m, false);
    g_assert_false(amd_gpu_model_smc_running(m));
    g_assert_cmphex(smn_read(m, FW_SMU11), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 1);
    g_assert_false(amd_gpu_model_is_clean(m));
    env_free(env);
}

/* Model self-checks, SOC15: the SMN window and FIRMWARE_FLAGS */
static void test_model_soc15_smn(void)
{
    static const struct {
        uint16_t device;
        uint32_t fw, other;
    } chips[] = {
        { SOC15_VEGA10, FW_SMU9, FW_SMU11 },
        { SOC15_VEGA12, FW_SMU9, FW_SMU11 },
        { SOC15_VEGA20, FW_SMU11, FW_SMU9 },
        { SOC15_NAVI10, FW_SMU11, FW_SMU9 },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(chips); i++) {
        TestEnv *env = soc15_env_new(chips[i].device);
        AMDGPUModel *m = env->model;
        uint32_t fw = chips[i].fw, other = chips[i].other;
        const AMDGPUModelAccess seq[] = {
            MMIO_W(S_INDEX2, fw),
            MMIO_R(S_INDEX2, fw),
            MMIO_R(S_DATA2, 0x1),
        };

        g_test_message("device 0x%04x", chips[i].device);
        soc15_guest_ran(env);
        g_assert_cmphex(smn_read(m, fw), ==, 0x1);
        assert_log_tail(env, 0, seq, ARRAY_SIZE(seq));

        /* read-only */
        amd_gpu_model_mmio_write(m, S_DATA2, 0);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_DATA2), ==, 0x1);
        g_assert_cmphex(amd_gpu_model_smn_peek(m, fw), ==, 0x1);

        /* the other SMU's address is plain storage */
        g_assert_cmphex(smn_read(m, other), ==, 0);
        amd_gpu_model_mmio_write(m, S_DATA2, 0x55);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_DATA2), ==, 0x55);
        g_assert_cmphex(amd_gpu_model_smn_peek(m, other), ==, 0x55);
        g_assert_cmphex(smn_read(m, fw), ==, 0x1);

        /* a mode1 stops the SMU */
        amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
        g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 1);
        g_assert_cmphex(amd_gpu_model_smn_peek(m, fw), ==, 0);
        g_assert_cmphex(amd_gpu_model_smn_peek(m, other), ==, 0x55);
        g_assert_false(amd_gpu_model_smc_running(m));
        env_free(env);
    }
}

/*
 * Model self-checks, SOC15: a PSP mode1 through vfio-pci, the BARs lost
 * until a command write with memory decode, and the chip clean after it
 */
static void test_model_soc15_mode1(void)
{
    TestEnv *env = soc15_env_new(SOC15_NAVI10);
    AMDGPUModel *m = env->model;
    int64_t t0;
    static const AMDGPUModelAccess seq[] = {
        MMIO_R(S_SOL, AMD_GPU_MODEL_SOC15_SOL),
        MMIO_W(S_SCRATCH(3), GUI_HUNG),
        MMIO_R(S_C2P64, 0x80000000),
        MMIO_W(S_C2P64, 0x00070000),
        /* vfio's copy: decode on, BAR5 where it was */
        CFG_R(0x04, 2, 0x0007),
        CFG_R(0x24, 4, 0xfe800000),
        /* the chip's side: no BAR; all-ones is no acknowledge */
        MMIO_R(S_C2P33, ALL_ONES),
        MMIO_W(0x1000, 0x1234),
        SLEEP(500000),
        CFG_W(0x04, 2, 0x0000),
        MMIO_R(S_MEMSIZE, ALL_ONES),
        CFG_W(0x04, 2, 0x0002),
        MMIO_R(S_C2P33, 0x80000000),
        MMIO_R(S_MEMSIZE, 0x2000),
        MMIO_R(S_C2P35, 0x80000000),
        MMIO_R(0x1000, 0),
        MMIO_R(S_SOL, 0),
        MMIO_W(S_SCRATCH(3), 0),
    };

    soc15_guest_ran(env);
    amd_gpu_model_mmio_write(m, S_SCRATCH(6), 0x66);
    amd_gpu_model_log_clear(m);

    /* amdgpu_device_mode1_reset(), psp_v11_0.c mode1 reset */
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==,
                    AMD_GPU_MODEL_SOC15_SOL);
    amd_gpu_model_mmio_write(m, S_SCRATCH(3), GUI_HUNG);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, 0x80000000);
    env->now_ns += 1000;
    t0 = env->now_ns;
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 1);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(m), ==, 0);
    g_assert_cmpint(amd_gpu_model_last_mode1_time_ns(m), ==, t0);
    g_assert_false(amd_gpu_model_driver_loaded(m));
    g_assert_true(amd_gpu_model_bars_lost(m));
    g_assert_true(amd_gpu_model_in_reset(m));
    g_assert_false(amd_gpu_model_is_clean(m));

    /* vfio shows its copy; BAR5 does not decode */
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x04, 2), ==, 0x0007);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x24, 4), ==, 0xfe800000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, ALL_ONES);
    amd_gpu_model_mmio_write(m, 0x1000, 0x1234);

    /* the chip's PCI Express and ReBAR settings are its defaults */
    g_assert_cmphex(amd_gpu_model_config_peek(m, DEVCTL, 2), ==,
                    AMD_GPU_MODEL_SOC15_DEVCTL_RESET);
    g_assert_cmphex(AMD_GPU_MODEL_SOC15_DEVCTL_RESET, ==, 0x2810);
    g_assert_cmphex(amd_gpu_model_config_peek(m, LNKCTL, 2), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_peek(m, REBAR_CTRL, 4), ==,
                    0x00000820);

    /* after the mandated 500 ms, decode on without memory: still lost */
    amd_gpu_model_log_sleep(m, 500000);
    env->now_ns += 500 * MS;
    amd_gpu_model_config_write(m, 0x04, 0, 2);
    g_assert_true(amd_gpu_model_bars_lost(m));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, ALL_ONES);
    g_assert_cmpuint(amd_gpu_model_bar_restores(m), ==, 0);

    /* vfio_bar_restore() */
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_cmpuint(amd_gpu_model_bar_restores(m), ==, 1);
    g_assert_false(amd_gpu_model_bars_lost(m));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, PSP_ACK);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x1000), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==, 0);
    g_assert_cmphex(amd_gpu_model_scratch(m, 3), ==, GUI_HUNG);
    amd_gpu_model_mmio_write(m, S_SCRATCH(3), 0);
    assert_log_tail(env, 0, seq, ARRAY_SIZE(seq));

    /* as after host boot; the scratch registers kept their values */
    g_assert_true(amd_gpu_model_is_clean(m));
    g_assert_false(amd_gpu_model_in_reset(m));
    g_assert_true(amd_gpu_model_smc_stopped(m));
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, S_C2P64), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, S_C2P90), ==, 0);
    g_assert_cmphex(amd_gpu_model_smn_peek(m, FW_SMU11), ==, 0);
    g_assert_cmphex(amd_gpu_model_scratch(m, 6), ==, 0x66);
    g_assert_cmphex(amd_gpu_model_config_peek(m, DEVCTL, 2), ==, 0x2810);

    /* nothing to reset now: the PSP ignores the command */
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 1);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(m), ==, 1);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, MODE1_RST);

    /* a second guest and a second mode1; bus resets stay ignored */
    amd_gpu_model_bus_reset(m);
    g_assert_cmpuint(amd_gpu_model_bus_resets(m), ==, 1);
    amd_gpu_model_load_driver(m);
    g_assert_false(amd_gpu_model_is_clean(m));
    env->now_ns += 10 * MS;
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 2);
    g_assert_cmpint(amd_gpu_model_last_mode1_time_ns(m), ==, env->now_ns);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_cmpuint(amd_gpu_model_bar_restores(m), ==, 2);
    env->now_ns += 450 * MS;
    g_assert_true(amd_gpu_model_is_clean(m));

    /* a power cycle brings back the host's settings */
    amd_gpu_model_power_cycle(m);
    g_assert_cmphex(amd_gpu_model_config_peek(m, DEVCTL, 2), ==, 0x2930);
    g_assert_cmphex(amd_gpu_model_config_peek(m, LNKCTL, 2), ==, 0x0040);
    g_assert_cmphex(amd_gpu_model_config_peek(m, REBAR_CTRL, 4), ==,
                    0x00000d20);
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, S_C2P33), ==, 0);
    env_free(env);
}

/* Model self-checks, SOC15: the PCI Express state a mode1 resets */
static void test_model_soc15_mode1_config(void)
{
    TestEnv *env = soc15_env_new(SOC15_VEGA10);
    AMDGPUModel *m = env->model;

    soc15_guest_ran(env);
    /* a guest's settings */
    amd_gpu_model_config_write(m, DEVCTL, 0x5f3f, 2);
    amd_gpu_model_config_write(m, LNKCTL, 0x0143, 2);
    amd_gpu_model_config_write(m, DEVCTL2, 0x0400, 2);
    amd_gpu_model_config_write(m, LNKCTL2, 0x0003, 2);
    amd_gpu_model_config_write(m, REBAR_CTRL, 0x0000b20, 4);
    amd_gpu_model_config_write(m, 0xa2, 0x0081, 2);     /* MSI enable */
    amd_gpu_model_config_write(m, 0xa4, 0xfee00000, 4);
    amd_gpu_model_config_write(m, 0xac, 0x4021, 2);
    amd_gpu_model_config_write(m, 0x3c, 0x0b, 1);

    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 1);
    g_assert_cmphex(amd_gpu_model_config_read(m, DEVCTL, 2), ==, 0x2810);
    g_assert_cmphex(amd_gpu_model_config_read(m, LNKCTL, 2), ==, 0x0000);
    g_assert_cmphex(amd_gpu_model_config_read(m, DEVCTL2, 2), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_read(m, LNKCTL2, 2), ==, 0);
    g_assert_cmphex(amd_gpu_model_config_read(m, REBAR_CTRL, 4), ==,
                    0x00000820);
    /* what vfio-pci virtualizes stays */
    g_assert_cmphex(amd_gpu_model_config_read(m, 0xa2, 2), ==, 0x0081);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0xa4, 4), ==, 0xfee00000);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0xac, 2), ==, 0x4021);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x3c, 1), ==, 0x0b);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x24, 4), ==, 0xfe800000);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x04, 2), ==, 0x0007);
    g_assert_cmpuint(amd_gpu_model_power_state(m), ==, 0);

    /* whoever reset it writes them back */
    amd_gpu_model_config_write(m, DEVCTL, 0x2930, 2);
    amd_gpu_model_config_write(m, LNKCTL, 0x0040, 2);
    amd_gpu_model_config_write(m, REBAR_CTRL, 0x00000d20, 4);
    g_assert_cmphex(amd_gpu_model_config_peek(m, DEVCTL, 2), ==, 0x2930);
    g_assert_cmphex(amd_gpu_model_config_peek(m, LNKCTL, 2), ==, 0x0040);
    g_assert_cmphex(amd_gpu_model_config_peek(m, REBAR_CTRL, 4), ==,
                    0x00000d20);
    /* a 4-byte write of the command register restores the BARs too */
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 4);
    g_assert_cmpuint(amd_gpu_model_bar_restores(m), ==, 1);
    env_free(env);
}

/* Model self-checks, SOC15: the mode1 delays on the model's clock */
static void test_model_soc15_mode1_delays(void)
{
    TestEnv *env = soc15_env_new(SOC15_VEGA20);
    AMDGPUModel *m = env->model;
    int64_t t0;

    /* the defaults */
    g_assert_cmpint(AMD_GPU_MODEL_MODE1_ACK_DELAY_NS, ==, 300 * MS);
    g_assert_cmpint(AMD_GPU_MODEL_MODE1_MEMSIZE_DELAY_NS, ==, 300 * MS);
    g_assert_cmpint(AMD_GPU_MODEL_MODE1_BOOTLOADER_DELAY_NS, ==, 450 * MS);
    soc15_guest_ran(env);
    t0 = env->now_ns;
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, ALL_ONES);
    env->now_ns = t0 + 300 * MS - 1;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, ALL_ONES);
    env->now_ns = t0 + 300 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, PSP_ACK);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    env->now_ns = t0 + 450 * MS - 1;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, 0);
    g_assert_false(amd_gpu_model_is_clean(m));
    env->now_ns = t0 + 450 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);
    g_assert_true(amd_gpu_model_is_clean(m));

    /* other delays, each on its own */
    amd_gpu_model_set_mode1_delays_ns(m, 100 * MS, 200 * MS, 300 * MS);
    amd_gpu_model_load_driver(m);
    env->now_ns += MS;
    t0 = env->now_ns;
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    env->now_ns = t0 + 100 * MS - 1;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, 0);
    env->now_ns = t0 + 100 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, PSP_ACK);
    g_assert_true(amd_gpu_model_in_reset(m));
    env->now_ns = t0 + 200 * MS - 1;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, ALL_ONES);
    env->now_ns = t0 + 200 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    g_assert_false(amd_gpu_model_in_reset(m));
    env->now_ns = t0 + 300 * MS - 1;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, 0);
    g_assert_false(amd_gpu_model_is_clean(m));
    env->now_ns = t0 + 300 * MS;
    g_assert_true(amd_gpu_model_is_clean(m));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);

    /* the BARs lost but the delays over: not clean until restored */
    amd_gpu_model_load_driver(m);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    env->now_ns += 1000 * MS;
    g_assert_false(amd_gpu_model_is_clean(m));
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, S_C2P35), ==, BOOT_READY);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_true(amd_gpu_model_is_clean(m));

    /* a stuck chip stays in reset */
    amd_gpu_model_load_driver(m);
    amd_gpu_model_set_stuck(m, true);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    env->now_ns += 10000 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, ALL_ONES);
    g_assert_false(amd_gpu_model_is_clean(m));
    amd_gpu_model_set_stuck(m, false);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    env_free(env);
}

/* Model self-checks, SOC15: the PSP ignores a mode1 it is not ready for */
static void test_model_soc15_mode1_refused(void)
{
    TestEnv *env = soc15_env_new(SOC15_NAVI14);
    AMDGPUModel *m = env->model;

    /* after host boot: no sOS */
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(m), ==, 1);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, MODE1_RST);
    /* sOS up, but the PSP not ready for a command */
    amd_gpu_model_mmio_write(m, S_SOL, 0x1);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(m), ==, 2);
    g_assert_false(amd_gpu_model_bars_lost(m));

    /* the PSP never answers, or reports an error status */
    amd_gpu_model_load_driver(m);
    amd_gpu_model_set_psp_state(m, true, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, 0);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(m), ==, 3);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, 0);
    amd_gpu_model_load_driver(m);
    amd_gpu_model_set_psp_state(m, true, 0x80000005);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, 0x80000005);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(m), ==, 4);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 0);
    g_assert_true(amd_gpu_model_driver_loaded(m));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==,
                    AMD_GPU_MODEL_SOC15_SOL);

    /* decode off: the write never reaches the PSP */
    amd_gpu_model_set_psp_state(m, false, 0);
    amd_gpu_model_load_driver(m);
    amd_gpu_model_config_write(m, 0x04, 0, 2);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(m), ==, 4);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 0);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_cmpuint(amd_gpu_model_bar_restores(m), ==, 0);

    /* another value is stored, and then the PSP is not ready either */
    amd_gpu_model_mmio_write(m, S_C2P64, 0x00010000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, 0x00010000);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(m), ==, 5);

    /* ready again */
    amd_gpu_model_mmio_write(m, S_C2P64, PSP_READY);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 1);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(m), ==, 5);
    env_free(env);
}

/* Model self-checks, SOC15: the PSP and bus faults */
static void test_model_soc15_faults(void)
{
    TestEnv *env = soc15_env_new(SOC15_NAVI10);
    AMDGPUModel *m = env->model;

    /* the chip resets, the acknowledge never comes */
    amd_gpu_model_set_mode1_never_acked(m, true);
    soc15_guest_ran(env);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    env->now_ns += 10000 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);
    g_assert_true(amd_gpu_model_is_clean(m));
    amd_gpu_model_set_mode1_never_acked(m, false);

    /* the bootloader never gets ready */
    amd_gpu_model_set_bootloader_never_ready(m, true);
    amd_gpu_model_load_driver(m);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    env->now_ns += 10000 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P33), ==, PSP_ACK);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, 0);
    g_assert_false(amd_gpu_model_is_clean(m));
    amd_gpu_model_set_bootloader_never_ready(m, false);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 2);

    /* off the bus after the mode1: vfio's IDs and pin only */
    amd_gpu_model_set_off_bus_after_mode1(m, true);
    amd_gpu_model_load_driver(m);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 4), ==, CLASS_REV);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 3);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 4), ==, 0x731f1002);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x04, 2), ==, 0xffff);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 4), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x3c, 4), ==, 0xffff00ff);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x100, 4), ==, ALL_ONES);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_cmpuint(amd_gpu_model_bar_restores(m), ==, 2);
    env->now_ns += 10000 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==, ALL_ONES);
    /* only a power cycle helps */
    amd_gpu_model_power_cycle(m);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 4), ==, CLASS_REV);
    g_assert_true(amd_gpu_model_is_clean(m));
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);
    /* or turning the fault off */
    amd_gpu_model_load_driver(m);
    amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==, ALL_ONES);
    amd_gpu_model_set_off_bus_after_mode1(m, false);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==, ALL_ONES);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==, 0);
    env_free(env);

    /* all-ones from the start */
    env = soc15_env_new(SOC15_VEGA10);
    m = env->model;
    amd_gpu_model_set_all_ones(m, true);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 4), ==, 0x687f1002);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x34, 1), ==, 0xff);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(amd_gpu_model_get_command(m), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, ALL_ONES);
    amd_gpu_model_set_all_ones(m, false);
    amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);

    /* falls off the bus after three more accesses */
    amd_gpu_model_set_all_ones_after(m, 3);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 4), ==, CLASS_REV);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x64, 4), ==, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 4), ==, 0x687f1002);
    amd_gpu_model_set_all_ones_after(m, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    env_free(env);
}

#define S_THM9          AMD_GPU_MODEL_mmTHM_BACO_CNTL_SMU9
#define S_THM11         AMD_GPU_MODEL_mmTHM_BACO_CNTL_SMU11
#define S_FUSE_INDEX    AMD_GPU_MODEL_mmSMU9_FUSE_INDEX
#define S_FUSE_DATA     AMD_GPU_MODEL_mmSMU9_FUSE_DATA
#define BACO_MODE       AMD_GPU_MODEL_BACO_CNTL_BACO_MODE
#define SMU_OK          AMD_GPU_MODEL_SMU_RESULT_OK
#define SMU_UNKNOWN     AMD_GPU_MODEL_SMU_RESULT_UNKNOWN_CMD
#define SMU_REJECTED    AMD_GPU_MODEL_SMU_RESULT_REJECTED
#define SMU_BUSY        AMD_GPU_MODEL_SMU_RESULT_BUSY
#define MSG_TEST        AMD_GPU_MODEL_SMU_MSG_TEST
#define MSG_VERSION     AMD_GPU_MODEL_SMU_MSG_GET_SMU_VERSION

/*
 * One SMU message as smu9_send_msg_to_smc_with_parameter() and
 * smu_cmn_send_smc_msg_with_param() send it: response cleared, argument,
 * message; then the response, on the model's clock without a wait
 */
static uint32_t smu_send(AMDGPUModel *m, uint32_t msg, uint32_t arg)
{
    amd_gpu_model_mmio_write(m, S_C2P90, 0);
    amd_gpu_model_mmio_write(m, S_C2P82, arg);
    amd_gpu_model_mmio_write(m, S_C2P66, msg);
    return amd_gpu_model_mmio_read(m, S_C2P90);
}

/* The SOC15 chips' SMU interface, as the ppsmc headers give it */
typedef struct SMUChip {
    uint16_t device;
    uint32_t fw_flags;
    uint32_t thm;
    uint32_t enter, exit;           /* exit 0: none */
    uint32_t version;
} SMUChip;

static const SMUChip smu_chips[] = {
    { SOC15_VEGA10, FW_SMU9, S_THM9, 0x1e, 0,
      AMD_GPU_MODEL_SMU_VERSION_VEGA10 },
    { SOC15_VEGA12, FW_SMU9, S_THM9, 0x25, 0,
      AMD_GPU_MODEL_SMU_VERSION_VEGA12 },
    { SOC15_VEGA20, FW_SMU11, S_THM11, 0x25, 0x58,
      AMD_GPU_MODEL_SMU_VERSION_VEGA20 },
    { SOC15_NAVI10, FW_SMU11, S_THM11, 0x18, 0x19,
      AMD_GPU_MODEL_SMU_VERSION_NAVI10 },
    { SOC15_NAVI12, FW_SMU11, S_THM11, 0x18, 0x19,
      AMD_GPU_MODEL_SMU_VERSION_NAVI12 },
    { SOC15_NAVI14, FW_SMU11, S_THM11, 0x18, 0x19,
      AMD_GPU_MODEL_SMU_VERSION_NAVI14 },
};

/* Model self-checks, SOC15: the SMU's answers per chip */
static void test_model_soc15_smu_ids(void)
{
    size_t i;

    g_assert_cmphex(AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_VEGA10, ==, 0x1e);
    g_assert_cmphex(AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_VEGA12, ==, 0x25);
    g_assert_cmphex(AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_VEGA20, ==, 0x25);
    g_assert_cmphex(AMD_GPU_MODEL_SMU_MSG_EXIT_BACO_VEGA20, ==, 0x58);
    g_assert_cmphex(AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_NAVI, ==, 0x18);
    g_assert_cmphex(AMD_GPU_MODEL_SMU_MSG_EXIT_BACO_NAVI, ==, 0x19);
    for (i = 0; i < ARRAY_SIZE(smu_chips); i++) {
        const SMUChip *c = &smu_chips[i];
        TestEnv *env = soc15_env_new(c->device);
        AMDGPUModel *m = env->model;
        static const uint32_t others[] = {
            0x00, 0x03, 0x05, 0x06, 0x07, 0x0c, 0x18, 0x19, 0x1e, 0x25,
            0x33, 0x45, 0x58, 0x7f, 0x100, ALL_ONES,
        };
        const AMDGPUModelAccess seq[] = {
            MMIO_W(S_C2P90, 0),
            MMIO_W(S_C2P82, 0x1234),
            MMIO_W(S_C2P66, MSG_TEST),
            MMIO_R(S_C2P90, SMU_OK),
        };
        size_t j;

        g_test_message("device 0x%04x", c->device);
        soc15_guest_ran(env);
        g_assert_true(amd_gpu_model_smu_features_enabled(m));
        g_assert_cmpuint(amd_gpu_model_smu_messages(m), ==, 0);
        g_assert_cmphex(smu_send(m, MSG_TEST, 0x1234), ==, SMU_OK);
        assert_log_tail(env, 0, seq, ARRAY_SIZE(seq));
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P82), ==, 0x1234);
        g_assert_cmpuint(amd_gpu_model_smu_messages(m), ==, 1);
        g_assert_cmphex(amd_gpu_model_last_smu_message(m), ==, MSG_TEST);

        /* GetSmuVersion: the version in C2PMSG_82 */
        g_assert_cmphex(smu_send(m, MSG_VERSION, 0), ==, SMU_OK);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P82), ==, c->version);
        g_assert_cmphex(c->version, !=, 0);

        /* ExitBaco outside BACO; none on Vega10/12 */
        if (c->exit) {
            g_assert_cmphex(smu_send(m, c->exit, 0), ==, SMU_REJECTED);
        }

        /* every ID but the chip's own is unknown */
        for (j = 0; j < ARRAY_SIZE(others); j++) {
            uint32_t id = others[j];

            if (id == c->enter || id == c->exit) {
                continue;
            }
            g_assert_cmphex(smu_send(m, id, 0), ==, SMU_UNKNOWN);
            g_assert_cmphex(amd_gpu_model_last_smu_message(m), ==, id);
        }
        g_assert_false(amd_gpu_model_in_baco(m));

        /* the SMU halted: no answer, C2PMSG_90 keeps what it holds */
        amd_gpu_model_set_smc_running(m, false);
        g_assert_cmphex(smn_read(m, c->fw_flags), ==, 0);
        amd_gpu_model_mmio_write(m, S_C2P90, 0x77);
        amd_gpu_model_mmio_write(m, S_C2P66, MSG_TEST);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 0x77);
        g_assert_cmphex(smu_send(m, MSG_VERSION, 0x55), ==, 0);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P82), ==, 0x55);
        g_assert_cmphex(amd_gpu_model_last_smu_message(m), ==, MSG_VERSION);
        amd_gpu_model_set_smc_running(m, true);
        g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, SMU_OK);

        /* decode off: the write never reaches the SMU and is not counted */
        j = amd_gpu_model_smu_messages(m);
        amd_gpu_model_config_write(m, 0x04, 0, 2);
        amd_gpu_model_mmio_write(m, S_C2P66, MSG_TEST);
        g_assert_cmpuint(amd_gpu_model_smu_messages(m), ==, j);
        env_free(env);
    }

    /* after host boot the SMU does not run: no answer */
    {
        TestEnv *env = soc15_env_new(SOC15_NAVI10);
        AMDGPUModel *m = env->model;

        amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
        g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, 0);
        g_assert_cmphex(smu_send(m, 0x18, 0), ==, 0);
        g_assert_cmpuint(amd_gpu_model_smu_messages(m), ==, 2);
        g_assert_false(amd_gpu_model_in_baco(m));
        env_free(env);
    }
}

/* Model self-checks, SOC15: the SMU's answer delay and its faults */
static void test_model_soc15_smu_faults(void)
{
    TestEnv *env = soc15_env_new(SOC15_VEGA20);
    AMDGPUModel *m = env->model;
    int64_t t0;

    g_assert_cmpint(AMD_GPU_MODEL_SMU_DELAY_NS, ==, 0);
    g_assert_cmpint(AMD_GPU_MODEL_BACO_EXIT_DELAY_NS, ==, MS);
    soc15_guest_ran(env);

    /* the answer comes after the delay */
    amd_gpu_model_set_smu_delay_ns(m, 10 * MS);
    t0 = env->now_ns;
    g_assert_cmphex(smu_send(m, MSG_VERSION, 0), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P82), ==, 0);
    /* busy with it: a second message is dropped */
    amd_gpu_model_mmio_write(m, S_C2P66, MSG_TEST);
    g_assert_cmpuint(amd_gpu_model_smu_messages(m), ==, 2);
    env->now_ns = t0 + 10 * MS - 1;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 0);
    env->now_ns = t0 + 10 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, SMU_OK);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P82), ==,
                    AMD_GPU_MODEL_SMU_VERSION_VEGA20);
    env->now_ns += 100 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P82), ==,
                    AMD_GPU_MODEL_SMU_VERSION_VEGA20);
    /* the SMU stops before it answers: no answer */
    g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, 0);
    amd_gpu_model_set_smc_running(m, false);
    env->now_ns += 100 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 0);
    amd_gpu_model_set_smc_running(m, true);
    amd_gpu_model_set_smu_delay_ns(m, 0);

    /* no answer though FIRMWARE_FLAGS says it runs */
    amd_gpu_model_set_smu_no_answer(m, true);
    g_assert_cmphex(smn_read(m, FW_SMU11), ==, 0x1);
    g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, 0);
    env->now_ns += 1000 * MS;
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 0);
    amd_gpu_model_set_smu_no_answer(m, false);
    g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, SMU_OK);
    env_free(env);
}

/* Model self-checks, SOC15: what a Linux or a Windows guest leaves */
static void test_model_soc15_shutdown(void)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(smu_chips); i++) {
        const SMUChip *c = &smu_chips[i];
        TestEnv *env = soc15_env_new(c->device);
        AMDGPUModel *m = env->model;

        g_test_message("device 0x%04x", c->device);
        /* Linux in a VM: MP1 kept, features off, messages answered */
        soc15_guest_ran(env);
        amd_gpu_model_guest_shutdown(m, AMD_GPU_MODEL_SHUTDOWN_LINUX);
        g_assert_false(amd_gpu_model_smu_features_enabled(m));
        g_assert_true(amd_gpu_model_smc_running(m));
        g_assert_cmphex(smn_read(m, c->fw_flags), ==, 0x1);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 1);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==,
                        AMD_GPU_MODEL_SOC15_SOL);
        g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, SMU_OK);
        g_assert_cmphex(smu_send(m, MSG_VERSION, 0), ==, SMU_OK);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P82), ==, c->version);
        g_assert_false(amd_gpu_model_is_clean(m));

        /* Windows: MP1 unloaded, a stale 1, no answers; mode1 works */
        soc15_guest_ran(env);
        amd_gpu_model_guest_shutdown(m, AMD_GPU_MODEL_SHUTDOWN_WINDOWS);
        g_assert_false(amd_gpu_model_smc_running(m));
        g_assert_cmphex(smn_read(m, c->fw_flags), ==, 0);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 1);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==,
                        AMD_GPU_MODEL_SOC15_SOL);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, PSP_READY);
        amd_gpu_model_mmio_write(m, S_C2P66, MSG_TEST);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, 1);
        g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, 0);
        g_assert_cmphex(smu_send(m, c->enter, 0), ==, 0);
        g_assert_false(amd_gpu_model_in_baco(m));
        amd_gpu_model_mmio_write(m, S_C2P64, MODE1_RST);
        g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 1);
        env_free(env);
    }
}

/* A soc15_baco_program_registers() entry, values already shifted */
typedef enum BacoOp { RMW, WRITE, WAIT, DELAY_MS } BacoOp;

typedef struct BacoStep {
    BacoOp op;
    uint32_t reg;
    uint32_t mask;
    uint32_t val;                   /* DELAY_MS: the delay */
} BacoStep;

#define DOORBELL_CNTL   AMD_GPU_MODEL_mmBIF_DOORBELL_CNTL
#define BIF_FB_EN       AMD_GPU_MODEL_mmBIF_FB_EN

/* vega10_baco.c pre_baco_tbl (Vega12: DOORBELL_MONITOR_EN := 0) */
static const BacoStep vega10_pre[] = {
    { RMW, DOORBELL_CNTL, 0x10, 0x10 },
    { WRITE, BIF_FB_EN, 0, 0 },
    { RMW, S_BACO_CNTL, 0x20, 0x20 },       /* BACO_DSTATE_BYPASS */
    { RMW, S_BACO_CNTL, 0x40, 0x40 },       /* BACO_RST_INTR_MASK */
};

/* vega10_baco.c enter_baco_tbl (Vega12: a 0 ms delay) */
static const BacoStep vega10_enter[] = {
    { WAIT, S_THM9, 0x80000000, 0x80000000 },
    { RMW, S_BACO_CNTL, 0x1, 0x1 },         /* BACO_EN */
    { RMW, S_BACO_CNTL, 0x2, 0x2 },         /* BACO_BIF_LCLK_SWITCH */
    { RMW, S_BACO_CNTL, 0x4, 0x4 },         /* BACO_DUMMY_EN */
    { RMW, S_THM9, 0x10, 0x10 },            /* BACO_SOC_VDCI_RESET */
    { RMW, S_THM9, 0x20, 0x20 },            /* BACO_SMNCLK_MUX */
    { RMW, S_THM9, 0x2, 0x2 },              /* BACO_ISO_EN */
    { RMW, S_THM9, 0x80, 0x80 },            /* BACO_AEB_ISO_EN */
    { RMW, S_THM9, 0x200, 0x200 },          /* BACO_ANA_ISO_EN */
    { RMW, S_THM9, 0x40, 0x40 },            /* BACO_SOC_REFCLK_OFF */
    { RMW, S_BACO_CNTL, 0x8, 0x8 },         /* BACO_POWER_OFF */
    { DELAY_MS, 0, 0, 5 },
    { RMW, S_THM9, 0x8, 0x8 },              /* BACO_RESET_EN */
    { RMW, S_THM9, 0x4, 0 },                /* BACO_PWROKRAW_CNTL */
    { WAIT, S_BACO_CNTL, 0x100, 0x100 },    /* BACO_MODE */
};

/* vega10_baco.c exit_baco_tbl */
static const BacoStep vega10_exit[] = {
    { RMW, S_BACO_CNTL, 0x8, 0 },           /* BACO_POWER_OFF */
    { DELAY_MS, 0, 0, 10 },
    { RMW, S_THM9, 0x40, 0 },               /* BACO_SOC_REFCLK_OFF */
    { RMW, S_THM9, 0x200, 0 },              /* BACO_ANA_ISO_EN */
    { RMW, S_THM9, 0x80, 0 },               /* BACO_AEB_ISO_EN */
    { RMW, S_THM9, 0x2, 0 },                /* BACO_ISO_EN */
    { RMW, S_THM9, 0x4, 0x4 },              /* BACO_PWROKRAW_CNTL */
    { RMW, S_THM9, 0x20, 0 },               /* BACO_SMNCLK_MUX */
    { RMW, S_THM9, 0x10, 0 },               /* BACO_SOC_VDCI_RESET */
    { RMW, S_THM9, 0x100, 0x100 },          /* BACO_EXIT */
    { RMW, S_THM9, 0x8, 0 },                /* BACO_RESET_EN */
    { WAIT, S_THM9, 0x100, 0 },             /* BACO_EXIT */
    { RMW, S_THM9, 0x40000000, 0 },         /* BACO_SB_AXI_FENCE */
    { RMW, S_BACO_CNTL, 0x4, 0 },           /* BACO_DUMMY_EN */
    { RMW, S_BACO_CNTL, 0x2, 0 },           /* BACO_BIF_LCLK_SWITCH */
    { RMW, S_BACO_CNTL, 0x1, 0 },           /* BACO_EN */
    { WAIT, S_BACO_CNTL, 0x100, 0 },        /* BACO_MODE */
};

/* vega10_baco.c clean_baco_tbl */
static const BacoStep vega10_clean[] = {
    { WRITE, S_SCRATCH(6), 0, 0 },
    { WRITE, S_SCRATCH(7), 0, 0 },
};

/*
 * Run @steps as common_baco.c does (WAIT: 1 ms polls on the fake clock,
 * at most 5000); false if a WAIT timed out.  @delay0: the Vega12 table's
 * delay, which puts its 5 in the register field, so it is 0 ms.
 */
static bool baco_run(TestEnv *env, const BacoStep *steps, size_t n,
                     bool delay0)
{
    AMDGPUModel *m = env->model;
    size_t i;

    for (i = 0; i < n; i++) {
        const BacoStep *st = &steps[i];
        uint32_t v;
        int tries;

        switch (st->op) {
        case RMW:
            v = amd_gpu_model_mmio_read(m, st->reg);
            amd_gpu_model_mmio_write(m, st->reg, (v & ~st->mask) | st->val);
            break;
        case WRITE:
            amd_gpu_model_mmio_write(m, st->reg, st->val);
            break;
        case WAIT:
            for (tries = 0;
                 (amd_gpu_model_mmio_read(m, st->reg) & st->mask) != st->val;
                 tries++) {
                if (tries == 5000) {
                    return false;
                }
                env->now_ns += MS;
            }
            break;
        case DELAY_MS:
            env->now_ns += delay0 ? 0 : st->val * MS;
            break;
        }
    }
    return true;
}

/* The chip after a BACO: a power cycle of all but the PCIe interface */
static void assert_after_baco(TestEnv *env, uint32_t fw_flags,
                              uint32_t last_answer)
{
    AMDGPUModel *m = env->model;

    g_assert_false(amd_gpu_model_in_baco(m));
    g_assert_false(amd_gpu_model_driver_loaded(m));
    g_assert_false(amd_gpu_model_smc_running(m));
    g_assert_false(amd_gpu_model_smu_features_enabled(m));
    g_assert_false(amd_gpu_model_bars_lost(m));
    g_assert_true(amd_gpu_model_is_clean(m));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_SOL), ==, 0);
    g_assert_cmphex(smn_read(m, fw_flags), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P35), ==, BOOT_READY);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P64), ==, 0);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_MEMSIZE), ==, 0x2000);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_BACO_CNTL) & BACO_MODE, ==,
                    0);
    /* bus active: config space and the BARs stay */
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x24, 4), ==, 0xfe800000);
    g_assert_cmphex(amd_gpu_model_get_command(m), ==,
                    PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    g_assert_cmphex(amd_gpu_model_config_read(m, DEVCTL, 2), ==,
                    AMD_GPU_MODEL_SOC15_DEVCTL_HOST);
    g_assert_cmphex(amd_gpu_model_config_read(m, REBAR_CTRL, 4) >> 8 & 0x3f,
                    ==, AMD_GPU_MODEL_SOC15_REBAR_SIZE_HOST);
    g_assert_cmpuint(amd_gpu_model_bar_restores(m), ==, 0);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(m), ==, 0);
    /* no SMU to answer; the last answer stays */
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, last_answer);
    g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, 0);
}

/* Model self-checks, SOC15: a Vega10/12 BACO, register by register */
static void test_model_soc15_baco_vega10(void)
{
    static const uint16_t devices[] = { SOC15_VEGA10, SOC15_VEGA12 };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(devices); i++) {
        TestEnv *env = soc15_env_new(devices[i]);
        AMDGPUModel *m = env->model;
        bool vega12 = devices[i] == SOC15_VEGA12;
        uint32_t enter = vega12 ? 0x25 : 0x1e;
        BacoStep pre[ARRAY_SIZE(vega10_pre)];
        int64_t t0;

        g_test_message("device 0x%04x", devices[i]);
        memcpy(pre, vega10_pre, sizeof(pre));
        if (vega12) {
            pre[0].val = 0;                 /* vega12_baco.c */
        }
        soc15_guest_ran(env);
        amd_gpu_model_set_scratch(m, 6, 0x66);
        amd_gpu_model_set_scratch(m, 7, 0x77);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM9), ==, 0x4);
        g_assert_true(baco_run(env, pre, ARRAY_SIZE(pre), false));
        g_assert_false(amd_gpu_model_in_baco(m));

        /* IN: EnterBaco, the idle bit, the enter table */
        g_assert_cmphex(smu_send(m, enter, 0), ==, SMU_OK);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM9), ==, 0x80000004);
        g_assert_true(baco_run(env, vega10_enter, ARRAY_SIZE(vega10_enter),
                               vega12));
        g_assert_true(amd_gpu_model_in_baco(m));
        g_assert_cmpuint(amd_gpu_model_baco_entries(m), ==, 1);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_BACO_CNTL), ==,
                        0x16f);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM9), ==, 0x800002fa);
        /* in BACO the SMU is busy; it has no ExitBaco */
        g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, SMU_BUSY);
        g_assert_cmphex(smu_send(m, 0x58, 0), ==, SMU_BUSY);
        g_assert_cmphex(smu_send(m, 0x19, 0), ==, SMU_BUSY);

        /* OUT: 20 ms, the exit table; BACO_EXIT self-clears */
        env->now_ns += 20 * MS;
        g_assert_true(baco_run(env, vega10_exit, 10, false));
        t0 = env->now_ns;
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM9) & 0x100, ==,
                        0x100);
        g_assert_true(baco_run(env, vega10_exit + 10, 1, false));
        env->now_ns = t0 + MS - 1;
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM9) & 0x100, ==,
                        0x100);
        env->now_ns = t0 + MS;
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM9) & 0x100, ==, 0);
        g_assert_true(amd_gpu_model_in_baco(m));
        g_assert_true(baco_run(env, vega10_exit + 11,
                               ARRAY_SIZE(vega10_exit) - 11, false));
        g_assert_cmpuint(amd_gpu_model_baco_cycles(m), ==, 1);
        /* the scratch registers stay until the clean table */
        g_assert_cmphex(amd_gpu_model_scratch(m, 6), ==, 0x66);
        g_assert_cmphex(amd_gpu_model_scratch(m, 7), ==, 0x77);
        g_assert_true(baco_run(env, vega10_clean, ARRAY_SIZE(vega10_clean),
                               false));
        g_assert_cmphex(amd_gpu_model_scratch(m, 6), ==, 0);
        g_assert_cmphex(amd_gpu_model_scratch(m, 7), ==, 0);
        assert_after_baco(env, FW_SMU9, SMU_BUSY);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM9), ==, 0x4);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_BACO_CNTL), ==, 0x60);

        /* and again, after the next guest */
        soc15_guest_ran(env);
        g_assert_cmphex(smu_send(m, enter, 0), ==, SMU_OK);
        g_assert_true(baco_run(env, vega10_enter, ARRAY_SIZE(vega10_enter),
                               false));
        env->now_ns += 20 * MS;
        g_assert_true(baco_run(env, vega10_exit, ARRAY_SIZE(vega10_exit),
                               false));
        g_assert_cmpuint(amd_gpu_model_baco_entries(m), ==, 2);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(m), ==, 2);
        env_free(env);
    }
}

/* Model self-checks, SOC15: what keeps a Vega10 out of BACO */
static void test_model_soc15_baco_vega10_refused(void)
{
    TestEnv *env = soc15_env_new(SOC15_VEGA10);
    AMDGPUModel *m = env->model;
    BacoStep skip[ARRAY_SIZE(vega10_enter) - 1];
    size_t n = ARRAY_SIZE(vega10_enter);

    soc15_guest_ran(env);
    /* the enter table without EnterBaco: no idle bit, no BACO */
    g_assert_false(baco_run(env, vega10_enter, n, false));
    g_assert_false(amd_gpu_model_in_baco(m));
    env->now_ns += 20 * MS;
    g_assert_true(baco_run(env, vega10_exit, 12, false));

    /* a step left out (step 5), or another write in between */
    g_assert_cmphex(smu_send(m, 0x1e, 0), ==, SMU_OK);
    memcpy(skip, vega10_enter, 4 * sizeof(BacoStep));
    memcpy(skip + 4, vega10_enter + 5, (n - 5) * sizeof(BacoStep));
    g_assert_false(baco_run(env, skip, n - 1, false));
    g_assert_false(amd_gpu_model_in_baco(m));
    g_assert_true(baco_run(env, vega10_exit, 12, false));
    g_assert_true(baco_run(env, vega10_enter, 5, false));
    amd_gpu_model_mmio_write(m, S_SCRATCH(6), 0);
    g_assert_false(baco_run(env, vega10_enter + 5, n - 5, false));
    g_assert_false(amd_gpu_model_in_baco(m));
    g_assert_true(baco_run(env, vega10_exit, 12, false));
    /* the index register is not a write the chip follows */
    g_assert_true(baco_run(env, vega10_enter, 5, false));
    amd_gpu_model_mmio_write(m, S_INDEX2, FW_SMU9);
    g_assert_true(baco_run(env, vega10_enter + 5, n - 5, false));
    g_assert_true(amd_gpu_model_in_baco(m));
    env->now_ns += 20 * MS;
    g_assert_true(baco_run(env, vega10_exit, ARRAY_SIZE(vega10_exit),
                           false));
    g_assert_cmpuint(amd_gpu_model_baco_cycles(m), ==, 1);

    /* the fuse, the strap, the never-enters fault */
    soc15_guest_ran(env);
    amd_gpu_model_set_baco_fuse(m, false);
    g_assert_cmphex(smu_send(m, 0x1e, 0), ==, SMU_OK);
    g_assert_false(baco_run(env, vega10_enter, n, false));
    amd_gpu_model_set_baco_fuse(m, true);
    g_assert_true(baco_run(env, vega10_exit, 12, false));
    amd_gpu_model_set_strap(m, false);
    g_assert_cmphex(smu_send(m, 0x1e, 0), ==, SMU_OK);
    g_assert_false(baco_run(env, vega10_enter, n, false));
    amd_gpu_model_set_strap(m, true);
    g_assert_true(baco_run(env, vega10_exit, 12, false));
    amd_gpu_model_set_baco_never_enters(m, true);
    g_assert_cmphex(smu_send(m, 0x1e, 0), ==, SMU_OK);
    g_assert_false(baco_run(env, vega10_enter, n, false));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM9) & 0x80000000, ==,
                    0x80000000);
    amd_gpu_model_set_baco_never_enters(m, false);
    g_assert_true(baco_run(env, vega10_exit, 12, false));
    g_assert_cmpuint(amd_gpu_model_baco_entries(m), ==, 1);
    g_assert_true(amd_gpu_model_driver_loaded(m));

    /* never exits: BACO_EXIT stays set */
    amd_gpu_model_set_baco_never_exits(m, true);
    g_assert_true(baco_run(env, vega10_enter, n, false));
    g_assert_true(amd_gpu_model_in_baco(m));
    env->now_ns += 20 * MS;
    g_assert_false(baco_run(env, vega10_exit, ARRAY_SIZE(vega10_exit),
                            false));
    g_assert_true(amd_gpu_model_in_baco(m));
    amd_gpu_model_set_baco_never_exits(m, false);
    g_assert_true(baco_run(env, vega10_exit, ARRAY_SIZE(vega10_exit),
                           false));
    g_assert_false(amd_gpu_model_in_baco(m));

    /* a power cycle ends BACO too */
    soc15_guest_ran(env);
    g_assert_cmphex(smu_send(m, 0x1e, 0), ==, SMU_OK);
    g_assert_true(baco_run(env, vega10_enter, n, false));
    amd_gpu_model_power_cycle(m);
    g_assert_false(amd_gpu_model_in_baco(m));
    g_assert_cmphex(amd_gpu_model_mmio_peek(m, S_THM9), ==, 0x4);
    env_free(env);
}

/* vega20_baco.c / smu_v11_0.c: THM bit 31, then EnterBaco */
static uint32_t smu11_enter(AMDGPUModel *m, uint32_t msg)
{
    uint32_t v = amd_gpu_model_mmio_read(m, S_THM11);

    amd_gpu_model_mmio_write(m, S_THM11, v | 0x80000000);
    return smu_send(m, msg, 0);
}

/* Model self-checks, SOC15: a Vega20 BACO, by SMU messages */
static void test_model_soc15_baco_vega20(void)
{
    TestEnv *env = soc15_env_new(SOC15_VEGA20);
    AMDGPUModel *m = env->model;

    soc15_guest_ran(env);
    amd_gpu_model_set_scratch(m, 6, 0x66);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM11), ==, 0);
    g_assert_cmphex(smu11_enter(m, 0x25), ==, SMU_OK);
    g_assert_true(amd_gpu_model_in_baco(m));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_BACO_CNTL), ==, BACO_MODE);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM11), ==, 0x80000000);
    g_assert_cmpuint(amd_gpu_model_baco_entries(m), ==, 1);
    g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, SMU_BUSY);
    g_assert_cmphex(smu_send(m, 0x25, 0), ==, SMU_BUSY);
    g_assert_cmphex(smu_send(m, 0x19, 0), ==, SMU_BUSY);
    g_assert_true(amd_gpu_model_smc_running(m));
    /* ExitBaco: out at the answer */
    g_assert_cmphex(smu_send(m, 0x58, 0), ==, SMU_OK);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(m), ==, 1);
    g_assert_cmphex(amd_gpu_model_scratch(m, 6), ==, 0x66);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM11), ==, 0);
    amd_gpu_model_mmio_write(m, S_SCRATCH(6), 0);
    /* the ExitBaco answer: a stale 1 */
    assert_after_baco(env, FW_SMU11, SMU_OK);

    /* prerequisites: the THM bit, argument 0 (RAS is not modelled) */
    soc15_guest_ran(env);
    g_assert_cmphex(smu_send(m, 0x25, 0), ==, SMU_REJECTED);
    amd_gpu_model_mmio_write(m, S_THM11, 0x80000000);
    g_assert_cmphex(smu_send(m, 0x25, 1), ==, SMU_REJECTED);
    g_assert_false(amd_gpu_model_in_baco(m));
    /* bit 0x100 is not stored */
    amd_gpu_model_mmio_write(m, S_THM11, ALL_ONES);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM11), ==, 0xfffffeff);

    /* never enters: answered 1, BACO_MODE stays clear */
    amd_gpu_model_set_baco_never_enters(m, true);
    g_assert_cmphex(smu11_enter(m, 0x25), ==, SMU_OK);
    g_assert_false(amd_gpu_model_in_baco(m));
    g_assert_cmphex(smu_send(m, 0x58, 0), ==, SMU_REJECTED);
    amd_gpu_model_set_baco_never_enters(m, false);

    /* never exits: answered 1, BACO_MODE stays set */
    amd_gpu_model_set_baco_never_exits(m, true);
    g_assert_cmphex(smu11_enter(m, 0x25), ==, SMU_OK);
    g_assert_cmphex(smu_send(m, 0x58, 0), ==, SMU_OK);
    g_assert_true(amd_gpu_model_in_baco(m));
    amd_gpu_model_set_baco_never_exits(m, false);
    g_assert_cmphex(smu_send(m, 0x58, 0), ==, SMU_OK);
    g_assert_false(amd_gpu_model_in_baco(m));
    g_assert_cmpuint(amd_gpu_model_baco_entries(m), ==, 2);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(m), ==, 2);

    /* with a delay, the state changes at the answer */
    soc15_guest_ran(env);
    amd_gpu_model_set_smu_delay_ns(m, 5 * MS);
    g_assert_cmphex(smu11_enter(m, 0x25), ==, 0);
    g_assert_false(amd_gpu_model_in_baco(m));
    env->now_ns += 5 * MS;
    g_assert_true(amd_gpu_model_in_baco(m));
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_C2P90), ==, SMU_OK);
    env_free(env);
}

/* Model self-checks, SOC15: a Navi1x BACO, by SMU messages */
static void test_model_soc15_baco_navi(void)
{
    static const uint16_t devices[] = {
        SOC15_NAVI10, SOC15_NAVI12, SOC15_NAVI14,
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(devices); i++) {
        TestEnv *env = soc15_env_new(devices[i]);
        AMDGPUModel *m = env->model;
        int64_t t0;

        g_test_message("device 0x%04x", devices[i]);
        soc15_guest_ran(env);
        amd_gpu_model_set_scratch(m, 7, 0x77);
        g_assert_cmphex(smu11_enter(m, 0x18), ==, SMU_OK);
        env->now_ns += 10 * MS;
        g_assert_true(amd_gpu_model_in_baco(m));
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_BACO_CNTL), ==,
                        BACO_MODE);
        g_assert_cmphex(smu_send(m, MSG_VERSION, 0), ==, SMU_BUSY);
        g_assert_cmphex(smu_send(m, 0x58, 0), ==, SMU_BUSY);

        /* ExitBaco: THM bit 0x100 for the exit delay, then out */
        t0 = env->now_ns;
        g_assert_cmphex(smu_send(m, 0x19, 0), ==, SMU_OK);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM11), ==, 0x80000100);
        g_assert_true(amd_gpu_model_in_baco(m));
        g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, SMU_BUSY);
        g_assert_cmphex(smu_send(m, 0x19, 0), ==, SMU_BUSY);
        amd_gpu_model_mmio_write(m, S_SCRATCH(6), 0);
        amd_gpu_model_mmio_write(m, S_SCRATCH(7), 0);
        env->now_ns = t0 + MS - 1;
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM11), ==, 0x80000100);
        env->now_ns = t0 + MS;
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM11), ==, 0);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(m), ==, 1);
        assert_after_baco(env, FW_SMU11, SMU_BUSY);

        /* a longer exit; never exits */
        soc15_guest_ran(env);
        amd_gpu_model_set_baco_exit_delay_ns(m, 50 * MS);
        g_assert_cmphex(smu11_enter(m, 0x18), ==, SMU_OK);
        t0 = env->now_ns;
        g_assert_cmphex(smu_send(m, 0x19, 0), ==, SMU_OK);
        env->now_ns = t0 + 50 * MS - 1;
        g_assert_true(amd_gpu_model_in_baco(m));
        env->now_ns = t0 + 50 * MS;
        g_assert_false(amd_gpu_model_in_baco(m));
        soc15_guest_ran(env);
        amd_gpu_model_set_baco_never_exits(m, true);
        g_assert_cmphex(smu11_enter(m, 0x18), ==, SMU_OK);
        g_assert_cmphex(smu_send(m, 0x19, 0), ==, SMU_OK);
        env->now_ns += 10000 * MS;
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM11), ==, 0x80000100);
        g_assert_true(amd_gpu_model_in_baco(m));
        amd_gpu_model_set_baco_never_exits(m, false);
        g_assert_false(amd_gpu_model_in_baco(m));
        g_assert_cmpuint(amd_gpu_model_baco_cycles(m), ==, 3);
        env_free(env);
    }
}

/* Model self-checks, SOC15: the second EnterBaco rejected (Navi14) */
static void test_model_soc15_baco_reject(void)
{
    TestEnv *env = soc15_env_new(SOC15_NAVI14);
    AMDGPUModel *m = env->model;

    amd_gpu_model_set_smu_reject_enter_after(m, 1);
    soc15_guest_ran(env);
    g_assert_cmphex(smu11_enter(m, 0x18), ==, SMU_OK);
    g_assert_cmphex(smu_send(m, 0x19, 0), ==, SMU_OK);
    env->now_ns += MS;
    g_assert_cmpuint(amd_gpu_model_baco_cycles(m), ==, 1);
    /* BACO is no power-on: the count goes on */
    soc15_guest_ran(env);
    g_assert_cmphex(smu11_enter(m, 0x18), ==, SMU_REJECTED);
    g_assert_false(amd_gpu_model_in_baco(m));
    g_assert_cmphex(smu11_enter(m, 0x18), ==, SMU_REJECTED);
    g_assert_cmphex(smu_send(m, MSG_TEST, 0), ==, SMU_OK);
    /* a power cycle starts it over */
    amd_gpu_model_power_cycle(m);
    soc15_guest_ran(env);
    g_assert_cmphex(smu11_enter(m, 0x18), ==, SMU_OK);
    g_assert_true(amd_gpu_model_in_baco(m));
    g_assert_cmphex(smu_send(m, 0x19, 0), ==, SMU_OK);
    env->now_ns += MS;
    /* 0 disables it */
    amd_gpu_model_set_smu_reject_enter_after(m, 0);
    soc15_guest_ran(env);
    g_assert_cmphex(smu11_enter(m, 0x18), ==, SMU_OK);
    g_assert_cmpuint(amd_gpu_model_baco_entries(m), ==, 3);

    /* Vega10: rejected, so no idle bit and no BACO */
    env_free(env);
    env = soc15_env_new(SOC15_VEGA10);
    m = env->model;
    amd_gpu_model_set_smu_reject_enter_after(m, 1);
    soc15_guest_ran(env);
    g_assert_cmphex(smu_send(m, 0x1e, 0), ==, SMU_OK);
    g_assert_true(baco_run(env, vega10_enter, ARRAY_SIZE(vega10_enter),
                           false));
    env->now_ns += 20 * MS;
    g_assert_true(baco_run(env, vega10_exit, ARRAY_SIZE(vega10_exit),
                           false));
    soc15_guest_ran(env);
    g_assert_cmphex(smu_send(m, 0x1e, 0), ==, SMU_REJECTED);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, S_THM9), ==, 0x4);
    g_assert_false(baco_run(env, vega10_enter, ARRAY_SIZE(vega10_enter),
                            false));
    env_free(env);
}

/* Model self-checks, SOC15: Vega10/12's BACO fuse pair */
static void test_model_soc15_fuse(void)
{
    static const struct {
        uint16_t device;
        bool fuse;
    } chips[] = {
        { SOC15_VEGA10, true }, { SOC15_VEGA12, true },
        { SOC15_VEGA20, false }, { SOC15_NAVI10, false },
    };
    size_t i;

    g_assert_cmphex(S_FUSE_INDEX, ==, 0x12074 * 4);
    g_assert_cmphex(S_FUSE_DATA, ==, 0x12075 * 4);
    for (i = 0; i < ARRAY_SIZE(chips); i++) {
        TestEnv *env = soc15_env_new(chips[i].device);
        AMDGPUModel *m = env->model;
        uint32_t yes = chips[i].fuse ? 1 : 0x5a5a;

        g_test_message("device 0x%04x", chips[i].device);
        amd_gpu_model_config_write(m, 0x04, PCI_COMMAND_MEMORY, 2);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_FUSE_DATA), ==, 0);
        amd_gpu_model_mmio_write(m, S_FUSE_DATA, 0x5a5a);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_FUSE_DATA), ==, 0x5a5a);
        amd_gpu_model_mmio_write(m, S_FUSE_INDEX, 0xfff0003b);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_FUSE_INDEX), ==,
                        0xfff0003b);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_FUSE_DATA), ==, yes);
        amd_gpu_model_set_baco_fuse(m, false);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_FUSE_DATA), ==,
                        chips[i].fuse ? 0 : 0x5a5a);
        amd_gpu_model_set_baco_fuse(m, true);
        /* another index: plain storage */
        amd_gpu_model_mmio_write(m, S_FUSE_INDEX, 0xfff0003c);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_FUSE_DATA), ==, 0x5a5a);
        /* and the strap, as on CIK/VI */
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_STRAP0), ==, 0x80);
        amd_gpu_model_set_strap(m, false);
        g_assert_cmphex(amd_gpu_model_mmio_read(m, S_STRAP0), ==, 0);
        env_free(env);
    }
}

/* The caps of the PowerPlay table the ATOM headers of @rom lead to */
static uint32_t atomfw_caps(const uint8_t *rom, size_t *pp)
{
    size_t hdr = lduw_le_p(rom + 0x48);
    size_t mdt = lduw_le_p(rom + hdr + 0x20);

    g_assert_cmpmem(rom + hdr + 4, 4, "ATOM", 4);
    *pp = lduw_le_p(rom + mdt + 4 + 2 * 15);
    return ldl_le_p(rom + *pp + 17);
}

/* Model self-checks, SOC15: the atomfirmware VBIOS */
static void test_model_soc15_vbios(void)
{
    AMDGPUModelVbiosSpec spec = {
        .format = AMD_PPTABLE_ATOMFW,
        .baco_cap = true,
    };
    AMDGPUModelVbiosLayout l;
    g_autofree uint8_t *rom = amd_gpu_model_vbios_build(&spec, &l);
    g_autofree uint8_t *maco = NULL, *end = NULL, *none = NULL;
    size_t pp, i;

    g_assert_cmpint(AMD_PPTABLE_ATOMFW, ==, AMD_PPTABLE_V1 + 1);
    g_assert_cmphex(rom[0], ==, 0x55);
    g_assert_cmphex(rom[1], ==, 0xaa);
    g_assert_cmpmem(rom + 0x30, 10, " 761295520", 10);
    g_assert_cmpuint(l.size, ==, AMD_GPU_MODEL_ROM_SIZE);
    g_assert_cmpuint(lduw_le_p(rom + 0x48), ==, l.header);
    g_assert_cmpuint(lduw_le_p(rom + l.header + 0x20), ==, l.master_data);
    g_assert_cmphex(atomfw_caps(rom, &pp), ==, AMD_GPU_MODEL_ATOMFW_CAP_BACO);
    g_assert_cmpuint(pp, ==, l.powerplay);
    g_assert_cmpuint(l.caps, ==, pp + 17);
    g_assert_cmpuint(l.powerplay_size, ==, 21);
    g_assert_cmpuint(lduw_le_p(rom + pp), ==, 21);
    g_assert_cmpuint(lduw_le_p(rom + pp + 5), ==, 21);
    g_assert_cmphex(rom[pp + 2], ==, 2);
    g_assert_cmphex(rom[pp + 3], ==, 1);
    g_assert_cmpuint(l.state_array, ==, 0);

    spec.other_caps = AMD_GPU_MODEL_ATOMFW_CAP_MACO;
    spec.baco_cap = false;
    maco = amd_gpu_model_vbios_build(&spec, NULL);
    g_assert_cmphex(atomfw_caps(maco, &pp), ==, 0x10);
    spec.other_caps = 0;
    none = amd_gpu_model_vbios_build(&spec, NULL);
    g_assert_cmphex(atomfw_caps(none, &pp), ==, 0);
    spec.baco_cap = true;
    spec.size = 0x1000;
    spec.table_at_end = true;
    end = amd_gpu_model_vbios_build(&spec, &l);
    g_assert_cmphex(atomfw_caps(end, &pp), ==, 0x8);
    g_assert_cmpuint(l.caps + 4, ==, 0x1000);

    /* every SOC15 chip's own ROM: atomfirmware with the BACO cap */
    for (i = 0; i < ARRAY_SIZE(smu_chips); i++) {
        AMDGPUModel *m = amd_gpu_model_new(smu_chips[i].device);
        size_t len = amd_gpu_model_rom_size(m);
        g_autofree uint8_t *own = g_malloc(len);

        g_assert_cmpuint(len, ==, AMD_GPU_MODEL_ROM_SIZE);
        g_assert_true(amd_gpu_model_rom_read(m, 0, own, len));
        g_assert_cmpmem(own, len, rom, len);
        g_assert_cmphex(atomfw_caps(own, &pp), ==, 0x8);
        amd_gpu_model_set_vbios_cap(m, false);
        g_assert_true(amd_gpu_model_rom_read(m, 0, own, len));
        g_assert_cmphex(atomfw_caps(own, &pp), ==, 0);
        amd_gpu_model_free(m);
    }
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
    g_test_add_func("/vfio/amd-reset/model/soc15/chips",
                    test_model_soc15_chips);
    g_test_add_func("/vfio/amd-reset/model/soc15/config-space",
                    test_model_soc15_config_space);
    g_test_add_func("/vfio/amd-reset/model/soc15/config-access",
                    test_model_soc15_config_access);
    g_test_add_func("/vfio/amd-reset/model/soc15/power-on",
                    test_model_soc15_power_on);
    g_test_add_func("/vfio/amd-reset/model/soc15/load-driver",
                    test_model_soc15_load_driver);
    g_test_add_func("/vfio/amd-reset/model/soc15/smn",
                    test_model_soc15_smn);
    g_test_add_func("/vfio/amd-reset/model/soc15/mode1",
                    test_model_soc15_mode1);
    g_test_add_func("/vfio/amd-reset/model/soc15/mode1-config",
                    test_model_soc15_mode1_config);
    g_test_add_func("/vfio/amd-reset/model/soc15/mode1-delays",
                    test_model_soc15_mode1_delays);
    g_test_add_func("/vfio/amd-reset/model/soc15/mode1-refused",
                    test_model_soc15_mode1_refused);
    g_test_add_func("/vfio/amd-reset/model/soc15/faults",
                    test_model_soc15_faults);
    g_test_add_func("/vfio/amd-reset/model/soc15/smu-ids",
                    test_model_soc15_smu_ids);
    g_test_add_func("/vfio/amd-reset/model/soc15/smu-faults",
                    test_model_soc15_smu_faults);
    g_test_add_func("/vfio/amd-reset/model/soc15/shutdown",
                    test_model_soc15_shutdown);
    g_test_add_func("/vfio/amd-reset/model/soc15/baco-vega10",
                    test_model_soc15_baco_vega10);
    g_test_add_func("/vfio/amd-reset/model/soc15/baco-vega10-refused",
                    test_model_soc15_baco_vega10_refused);
    g_test_add_func("/vfio/amd-reset/model/soc15/baco-vega20",
                    test_model_soc15_baco_vega20);
    g_test_add_func("/vfio/amd-reset/model/soc15/baco-navi",
                    test_model_soc15_baco_navi);
    g_test_add_func("/vfio/amd-reset/model/soc15/baco-reject",
                    test_model_soc15_baco_reject);
    g_test_add_func("/vfio/amd-reset/model/soc15/fuse",
                    test_model_soc15_fuse);
    g_test_add_func("/vfio/amd-reset/model/soc15/vbios",
                    test_model_soc15_vbios);
}
