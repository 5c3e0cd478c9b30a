/*
 * Unit tests for the AMD GPU reset engine, device table and policy
 *
 * The engine (hw/vfio/amd-reset.c) runs against the register model in
 * amd-gpu-model.c, driven by a fake clock that only advances when the
 * engine sleeps, so every test is deterministic and checks the exact
 * register sequence, the timing against the deadline and the state the
 * chip is left in.
 *
 * The expected sequences are written from the facts tables
 * (amd-baco-facts.md, "5.3 #4" = section 5.3, step 4), never from the
 * engine's tables: they are what the engine's tables are checked against.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bswap.h"
#include "hw/vfio/amd-reset.h"
#include "amd-gpu-model.h"

#define START_NS        1000000000LL    /* fake clock at the start */
#define ALL_ONES        0xffffffffU
#define CLASS_REV       0x03000000      /* config 0x08: VGA, revision 0 */
#define MS              1000000LL       /* in ns */

#define CFG_R(off, sz, val)     { AMD_GPU_MODEL_CFG_READ, off, sz, val, 0 }
#define CFG_W(off, sz, val)     { AMD_GPU_MODEL_CFG_WRITE, off, sz, val, 0 }
#define MMIO_R(off, val)        { AMD_GPU_MODEL_MMIO_READ, off, 4, val, 0 }
#define MMIO_W(off, val)        { AMD_GPU_MODEL_MMIO_WRITE, off, 4, val, 0 }
#define SLEEP(us)               { AMD_GPU_MODEL_SLEEP, 0, 0, us, 0 }

/* PCI device IDs of one chip of each kind */
#define DEV_HAWAII      0x67b0          /* R9 290X */
#define DEV_W7100       0x692b          /* Tonga */
#define DEV_FURY        0x7300          /* Fiji */
#define DEV_RX580       0x67df          /* Polaris10 */

typedef struct TestEnv {
    AMDGPUModel *model;
    int64_t now_ns;                 /* fake clock */
    unsigned sleeps;
    AMDResetFamily family;          /* copy, so tests may change it */
    AMDResetDevice dev;
    /* a chip that answers every BAR5 read with @frozen_value */
    bool frozen;
    uint32_t frozen_value;
    unsigned frozen_reads;
} TestEnv;

static uint32_t env_config_read(void *opaque, uint32_t offset, unsigned size)
{
    TestEnv *env = opaque;

    return amd_gpu_model_config_read(env->model, offset, size);
}

static void env_config_write(void *opaque, uint32_t offset, uint32_t value,
                             unsigned size)
{
    TestEnv *env = opaque;

    amd_gpu_model_config_write(env->model, offset, value, size);
}

static uint32_t env_mmio_read(void *opaque, uint32_t offset)
{
    TestEnv *env = opaque;

    g_assert_cmpuint(offset % 4, ==, 0);
    g_assert_cmpuint(offset, <, AMD_GPU_MODEL_BAR5_SIZE);
    if (env->frozen) {
        env->frozen_reads++;
        return env->frozen_value;
    }
    return amd_gpu_model_mmio_read(env->model, offset);
}

static void env_mmio_write(void *opaque, uint32_t offset, uint32_t value)
{
    TestEnv *env = opaque;

    g_assert_cmpuint(offset % 4, ==, 0);
    g_assert_cmpuint(offset, <, AMD_GPU_MODEL_BAR5_SIZE);
    if (!env->frozen) {
        amd_gpu_model_mmio_write(env->model, offset, value);
    }
}

static int64_t env_fake_clock_ns(void *opaque)
{
    TestEnv *env = opaque;

    return env->now_ns;
}

static void env_fake_sleep_us(void *opaque, uint32_t us)
{
    TestEnv *env = opaque;

    amd_gpu_model_log_sleep(env->model, us);
    env->now_ns += (int64_t)us * 1000;
    env->sleeps++;
}

static int64_t env_real_clock_ns(void *opaque)
{
    return g_get_monotonic_time() * 1000;
}

static void env_real_sleep_us(void *opaque, uint32_t us)
{
    TestEnv *env = opaque;

    amd_gpu_model_log_sleep(env->model, us);
    env->sleeps++;
    g_usleep(us);
}

static const AMDResetOps fake_ops = {
    .config_read = env_config_read,
    .config_write = env_config_write,
    .mmio_read = env_mmio_read,
    .mmio_write = env_mmio_write,
    .clock_ns = env_fake_clock_ns,
    .sleep_us = env_fake_sleep_us,
};

static const AMDResetOps real_ops = {
    .config_read = env_config_read,
    .config_write = env_config_write,
    .mmio_read = env_mmio_read,
    .mmio_write = env_mmio_write,
    .clock_ns = env_real_clock_ns,
    .sleep_us = env_real_sleep_us,
};

/*
 * A listed device running its family's config reset, fake clock shared by
 * the engine and the model
 */
static TestEnv *env_new(uint16_t device)
{
    const AMDResetDeviceId *id = amd_reset_lookup(AMD_RESET_VENDOR_ID,
                                                  device);
    TestEnv *env = g_new0(TestEnv, 1);

    g_assert_nonnull(id);
    env->now_ns = START_NS;
    env->model = amd_gpu_model_new(device);
    amd_gpu_model_set_clock(env->model, env_fake_clock_ns, env);
    env->family = *id->family;
    env->dev.ops = &fake_ops;
    env->dev.opaque = env;
    env->dev.name = "test-gpu";
    env->dev.family = &env->family;
    env->dev.method = AMD_RESET_METHOD_CONFIG;
    env->dev.baco_fallback = false;
    env->dev.kernel_reset = false;
    return env;
}

static void env_free(TestEnv *env)
{
    amd_gpu_model_free(env->model);
    g_free(env);
}

/*
 * Choose the method as the adapter does at realize: the strap from the
 * chip, the cap from the model's ROM, the user's @choice.  The log is
 * cleared afterwards.
 */
static void env_choose(TestEnv *env, AMDResetMethodChoice choice)
{
    size_t len = amd_gpu_model_rom_size(env->model);
    g_autofree uint8_t *rom = g_malloc0(len + 1);
    const char *why = NULL;
    AMDVbiosCap cap;
    bool strap;

    strap = amd_reset_read_strap(&env->dev);
    g_assert_true(amd_gpu_model_rom_read(env->model, 0, rom, len));
    cap = amd_vbios_baco_cap(rom, len, env->family.pptable, &why);
    g_assert_true(amd_reset_choose(&env->family, choice, strap, cap,
                                   &env->dev.method, &env->dev.baco_fallback,
                                   &why, &error_abort));
    g_assert_nonnull(why);
    amd_gpu_model_log_clear(env->model);
}

/*
 * The guest driver ran, then vfio_pci_pre_reset() turned decode and bus
 * master off (left as @cmd); the log starts empty.
 */
static void env_guest_ran(TestEnv *env, uint16_t cmd)
{
    amd_gpu_model_load_driver(env->model);
    amd_gpu_model_set_command(env->model, cmd);
    amd_gpu_model_log_clear(env->model);
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_smc_running(env->model));
}

static AMDResetResult env_run(TestEnv *env, AMDResetReport *report)
{
    AMDResetResult result;

    memset(report, 0, sizeof(*report));
    result = amd_reset_run(&env->dev, report);
    g_assert_nonnull(amd_reset_result_str(result));
    return result;
}

static AMDGPUModelAccess log_entry(TestEnv *env, size_t i)
{
    AMDGPUModelAccess entry;

    g_assert_true(amd_gpu_model_log_get(env->model, i, &entry));
    return entry;
}

static bool entry_is(const AMDGPUModelAccess *e, AMDGPUModelAccessKind kind,
                     uint32_t offset)
{
    return e->kind == kind && e->offset == offset;
}

/* Index of the first entry at or after @from that matches, or -1 */
static ssize_t log_find(TestEnv *env, size_t from,
                        AMDGPUModelAccessKind kind, uint32_t offset)
{
    size_t n = amd_gpu_model_log_count(env->model);
    size_t i;

    for (i = from; i < n; i++) {
        AMDGPUModelAccess e = log_entry(env, i);

        if (entry_is(&e, kind, offset)) {
            return i;
        }
    }
    return -1;
}

static size_t log_count_kind(TestEnv *env, size_t from,
                             AMDGPUModelAccessKind kind, int64_t offset)
{
    size_t n = amd_gpu_model_log_count(env->model);
    size_t count = 0;
    size_t i;

    for (i = from; i < n; i++) {
        AMDGPUModelAccess e = log_entry(env, i);

        if (e.kind == kind && (offset < 0 || e.offset == offset)) {
            count++;
        }
    }
    return count;
}

static char *format_table(const AMDGPUModelAccess *table, size_t len)
{
    GString *str = g_string_new("");
    size_t i;

    for (i = 0; i < len; i++) {
        char *line = amd_gpu_model_access_format(&table[i]);

        g_string_append_printf(str, "%s\n", line);
        g_free(line);
    }
    return g_string_free(str, false);
}

/*
 * Compare the log from @start on with @table, entry by entry, so that a
 * failure names the first step that differs, with the entries before it
 * for context.
 */
static void assert_log_tail(TestEnv *env, size_t start,
                            const AMDGPUModelAccess *table, size_t len)
{
    size_t n = amd_gpu_model_log_count(env->model);
    size_t i;

    for (i = 0; i < len && start + i < n; i++) {
        AMDGPUModelAccess e = log_entry(env, start + i);
        g_autofree char *want = amd_gpu_model_access_format(&table[i]);
        g_autofree char *got = amd_gpu_model_access_format(&e);

        if (strcmp(want, got)) {
            g_autofree char *before = amd_gpu_model_log_format(
                env->model, start + i - MIN(i, 3), MIN(i, 3));

            g_test_message("log entry %zu (expected entry %zu) differs; "
                           "before it:", start + i, i);
            g_test_message("%s", before);
        }
        g_assert_cmpstr(got, ==, want);
    }
    if (n - start != len) {
        g_autofree char *rest = amd_gpu_model_log_format(env->model,
                                                         start + i, 8);

        g_test_message("%zu log entries from %zu, expected %zu; next:",
                       n - start, start, len);
        g_test_message("%s", rest);
    }
    g_assert_cmpuint(n - start, ==, len);
}

/*
 * Config reset + SMC reset: exact register sequences.  Raw numbers on
 * purpose: they check the header's register definitions as well as the
 * engine.  The presence check reads class code and revision (0x08), which
 * vfio-pci does not virtualize, and the command register is left as a
 * real reset leaves it: 0.
 */

/* W7100, fuse 0, misc 0: the misc bit is flipped; decode was off */
static const AMDGPUModelAccess seq_w7100_toggle[] = {
    CFG_R(0x08, 4, 0x03000000),         /* class, revision: present */
    CFG_W(0x04, 2, 0x0002),             /* memory decode only */
    MMIO_W(0x200, 0x80000004),          /* SMC_SYSCON_CLOCK_CNTL_0 */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0x80000370),          /* SMC_PC_C */
    MMIO_R(0x204, 0x00020400),
    MMIO_W(0x200, 0xc00c0000),          /* CC_RCU_FUSES */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0xc0000010),          /* RCU_MISC_CTRL */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000002),          /* toggle: GFX only */
    MMIO_R(0x204, 0x00000002),          /* flush */
    CFG_W(0x7c, 4, 0x39d5e86b),         /* config reset */
    SLEEP(100),                         /* settle */
    MMIO_R(0x5428, 0x00002000),         /* CONFIG_MEMSIZE: ready */
    MMIO_W(0x200, 0x80000000),          /* SMC_SYSCON_RESET_CNTL */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),          /* rst_reg */
    MMIO_W(0x200, 0x80000004),          /* SMC_SYSCON_CLOCK_CNTL_0 */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),          /* ck_disable */
    CFG_W(0x04, 2, 0x0000),             /* decode off, as after a reset */
};

/* W7100, fuse 1, misc 0: already GFX only, no toggle; decode was on */
static const AMDGPUModelAccess seq_w7100_no_toggle[] = {
    CFG_R(0x08, 4, 0x03000000),
    CFG_W(0x04, 2, 0x0002),
    MMIO_W(0x200, 0x80000004),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0x80000370),
    MMIO_R(0x204, 0x00020400),
    MMIO_W(0x200, 0xc00c0000),
    MMIO_R(0x204, 0x00000040),
    MMIO_W(0x200, 0xc0000010),
    MMIO_R(0x204, 0x00000000),
    CFG_W(0x7c, 4, 0x39d5e86b),
    SLEEP(100),
    MMIO_R(0x5428, 0x00002000),
    MMIO_W(0x200, 0x80000000),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    MMIO_W(0x200, 0x80000004),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    CFG_W(0x04, 2, 0x0000),
};

/*
 * Hawaii, fuse 0, misc 0, ready 110 us after the trigger: the first poll
 * (after the 100 us settle time) still reads all-ones and is followed by
 * the presence check, the second one 10 us later succeeds.
 */
static const AMDGPUModelAccess seq_hawaii_toggle_two_polls[] = {
    CFG_R(0x08, 4, 0x03000000),
    CFG_W(0x04, 2, 0x0002),
    MMIO_W(0x200, 0x80000004),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0x80000370),
    MMIO_R(0x204, 0x00020400),
    MMIO_W(0x200, 0xc00c0000),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0xc0000010),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000002),
    MMIO_R(0x204, 0x00000002),
    CFG_W(0x7c, 4, 0x39d5e86b),
    SLEEP(100),
    MMIO_R(0x5428, 0xffffffff),         /* still in reset */
    CFG_R(0x08, 4, 0x03000000),         /* but present */
    SLEEP(10),
    MMIO_R(0x5428, 0x00002000),
    MMIO_W(0x200, 0x80000000),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    MMIO_W(0x200, 0x80000004),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    CFG_W(0x04, 2, 0x0000),
};

/* Hawaii, fuse 1, misc bit set plus another bit: toggle keeps the other */
static const AMDGPUModelAccess seq_hawaii_toggle_to_zero[] = {
    CFG_R(0x08, 4, 0x03000000),
    CFG_W(0x04, 2, 0x0002),
    MMIO_W(0x200, 0x80000004),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0x80000370),
    MMIO_R(0x204, 0x00020400),
    MMIO_W(0x200, 0xc00c0000),
    MMIO_R(0x204, 0x00000040),
    MMIO_W(0x200, 0xc0000010),
    MMIO_R(0x204, 0x00010002),
    MMIO_W(0x204, 0x00010000),
    MMIO_R(0x204, 0x00010000),
    CFG_W(0x7c, 4, 0x39d5e86b),
    SLEEP(100),
    MMIO_R(0x5428, 0x00002000),
    MMIO_W(0x200, 0x80000000),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    MMIO_W(0x200, 0x80000004),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    CFG_W(0x04, 2, 0x0000),
};

typedef struct SequenceCase {
    uint16_t device;
    const char *family;
    bool fuse;
    uint32_t misc;                  /* RCU_MISC_CTRL on entry */
    uint32_t misc_after;
    uint16_t cmd;                   /* command register on entry */
    int64_t ready_delay_ns;
    const AMDGPUModelAccess *expected;
    size_t expected_len;
} SequenceCase;

static const SequenceCase seq_cases[] = {
    {
        .device = DEV_W7100, .family = "Tonga",
        .fuse = false, .misc = 0, .misc_after = 0x2, .cmd = 0x0000,
        .expected = seq_w7100_toggle,
        .expected_len = ARRAY_SIZE(seq_w7100_toggle),
    }, {
        .device = DEV_W7100, .family = "Tonga",
        .fuse = true, .misc = 0, .misc_after = 0, .cmd = 0x0407,
        .expected = seq_w7100_no_toggle,
        .expected_len = ARRAY_SIZE(seq_w7100_no_toggle),
    }, {
        .device = DEV_HAWAII, .family = "CIK",
        .fuse = false, .misc = 0, .misc_after = 0x2, .cmd = 0x0000,
        .ready_delay_ns = 110000,
        .expected = seq_hawaii_toggle_two_polls,
        .expected_len = ARRAY_SIZE(seq_hawaii_toggle_two_polls),
    }, {
        .device = DEV_HAWAII, .family = "CIK",
        .fuse = true, .misc = 0x10002, .misc_after = 0x10000, .cmd = 0x0400,
        .expected = seq_hawaii_toggle_to_zero,
        .expected_len = ARRAY_SIZE(seq_hawaii_toggle_to_zero),
    },
};

static void test_sequence(const void *opaque)
{
    const SequenceCase *c = opaque;
    TestEnv *env = env_new(c->device);
    AMDResetReport report;
    AMDResetResult result;

    g_assert_cmpstr(env->family.name, ==, c->family);
    amd_gpu_model_set_fuse(env->model, c->fuse);
    amd_gpu_model_set_ready_delay_ns(env->model, c->ready_delay_ns);
    amd_gpu_model_smc_poke(env->model, ixRCU_MISC_CTRL, c->misc);
    env_guest_ran(env, c->cmd);

    result = env_run(env, &report);

    g_assert_cmpstr(amd_reset_result_str(result), ==,
                    amd_reset_result_str(AMD_RESET_DONE));
    g_assert_cmpint(result, ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_CONFIG);
    assert_log_tail(env, 0, c->expected, c->expected_len);

    g_assert_false(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_smc_stopped(env->model));
    g_assert_false(amd_gpu_model_smc_running(env->model));
    g_assert_true(amd_gpu_model_is_clean(env->model));
    g_assert_cmpuint(amd_gpu_model_smc_peek(env->model, ixSMC_PC_C), ==, 0);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_ignored_config_resets(env->model), ==, 0);
    g_assert_false(amd_gpu_model_last_reset_whole_gpu(env->model));
    g_assert_cmphex(amd_gpu_model_smc_peek(env->model, ixRCU_MISC_CTRL), ==,
                    c->misc_after);
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 0);
    env_free(env);
}

/* Ready after 1 ms or 10 ms: polls follow the fake clock */
typedef struct DelayCase {
    int64_t delay_us;
    unsigned polls;                 /* expected CONFIG_MEMSIZE reads */
} DelayCase;

static const DelayCase delay_cases[] = {
    { .delay_us = 1000, .polls = 91 },      /* 100 us + 90 x 10 us */
    { .delay_us = 10000, .polls = 991 },    /* 100 us + 990 x 10 us */
};

static void test_ready_delay(const void *opaque)
{
    const DelayCase *c = opaque;
    TestEnv *env = env_new(DEV_W7100);
    int64_t settle_ns = env->family.settle_us * 1000LL;
    int64_t poll_ns = AMD_RESET_POLL_US * 1000LL;
    int64_t trigger_ns, ready_ns, deadline_ns;
    unsigned polls = 0, expect_polls;
    AMDResetReport report;
    AMDGPUModelAccess e;
    ssize_t trigger;
    size_t i, n;

    g_assert_cmpuint(env->family.settle_us, ==, 100);
    g_assert_cmpuint(env->family.ready_timeout_us, ==, 100000);
    amd_gpu_model_set_ready_delay_ns(env->model, c->delay_us * 1000);
    env_guest_ran(env, 0);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);

    trigger = log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c);
    g_assert_cmpint(trigger, >, 0);
    trigger_ns = log_entry(env, trigger).time_ns;
    g_assert_cmpint(trigger_ns, ==,
                    amd_gpu_model_last_reset_time_ns(env->model));
    ready_ns = trigger_ns + c->delay_us * 1000;
    deadline_ns = trigger_ns + settle_ns +
                  env->family.ready_timeout_us * 1000LL;

    /* the count from the clock arithmetic and the hard-coded one agree */
    expect_polls = (c->delay_us * 1000 - settle_ns + poll_ns - 1) / poll_ns +
                   1;
    g_assert_cmpuint(expect_polls, ==, c->polls);

    n = amd_gpu_model_log_count(env->model);
    for (i = trigger + 1; i < n; i++) {
        e = log_entry(env, i);
        g_assert_cmpint(e.time_ns, <, deadline_ns);
        if (!entry_is(&e, AMD_GPU_MODEL_MMIO_READ, 0x5428)) {
            continue;
        }
        /* polls every 10 us from the end of the settle time */
        g_assert_cmpint(e.time_ns, ==, trigger_ns + settle_ns +
                        polls * poll_ns);
        polls++;
        if (e.time_ns < ready_ns) {
            AMDGPUModelAccess next = log_entry(env, i + 1);
            AMDGPUModelAccess sleep = log_entry(env, i + 2);

            g_assert_cmphex(e.value, ==, ALL_ONES);
            /* each all-ones poll checks that the device is still there */
            g_assert_true(entry_is(&next, AMD_GPU_MODEL_CFG_READ, 0x08));
            g_assert_cmpuint(next.size, ==, 4);
            g_assert_cmphex(next.value, ==, CLASS_REV);
            g_assert_cmpint(sleep.kind, ==, AMD_GPU_MODEL_SLEEP);
            g_assert_cmpuint(sleep.value, ==, AMD_RESET_POLL_US);
        } else {
            g_assert_cmphex(e.value, ==, AMD_GPU_MODEL_VRAM_MB);
            /* the first good poll is the last one, within one interval */
            g_assert_cmpint(e.time_ns, <, ready_ns + poll_ns);
            g_assert_cmpint(env->now_ns, ==, e.time_ns);
        }
    }
    g_assert_cmpuint(polls, ==, c->polls);
    g_assert_cmpuint(log_count_kind(env, trigger + 1,
                                    AMD_GPU_MODEL_MMIO_READ, 0x5428), ==,
                     c->polls);

    /* after the trigger only the final command write writes config space */
    g_assert_cmpuint(log_count_kind(env, trigger + 1,
                                    AMD_GPU_MODEL_CFG_WRITE, -1), ==, 1);
    e = log_entry(env, n - 1);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_CFG_WRITE, 0x04));
    g_assert_cmphex(e.value, ==, 0);
    g_assert_cmpint(e.time_ns, <, deadline_ns);

    g_assert_true(amd_gpu_model_is_clean(env->model));
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 1);
    env_free(env);
}

/* The kernel can reset the device: the engine does not touch it */
static void test_kernel_reset(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;

    env_guest_ran(env, 0);
    env->dev.kernel_reset = true;
    env->dev.method = AMD_RESET_METHOD_BACO;

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_SKIPPED);
    g_assert_cmpuint(amd_gpu_model_log_count(env->model), ==, 0);
    g_assert_cmpint(env->now_ns, ==, START_NS);
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_smc_running(env->model));
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    env_free(env);
}

/* SMC firmware not running: three ways, none gets a config reset */
typedef enum NoSmcCase {
    NO_SMC_STOPPED,                 /* rst_reg, clock off, PC 0 */
    NO_SMC_CLOCK_OFF,               /* PC in firmware but clock off */
    NO_SMC_PC_LOW,                  /* clock on, PC in the boot ROM */
} NoSmcCase;

static const NoSmcCase no_smc_cases[] = {
    NO_SMC_STOPPED, NO_SMC_CLOCK_OFF, NO_SMC_PC_LOW,
};

static void test_no_smc(const void *opaque)
{
    NoSmcCase c = *(const NoSmcCase *)opaque;
    TestEnv *env = env_new(DEV_HAWAII);
    uint32_t clock = 0, pc = AMD_GPU_MODEL_FIRMWARE_PC;
    AMDResetReport report;

    switch (c) {
    case NO_SMC_STOPPED:
        /* fresh chip after a completed reset: no driver, SMC stopped */
        amd_gpu_model_set_smc_running(env->model, false);
        clock = 1;
        pc = 0;
        break;
    case NO_SMC_CLOCK_OFF:
        amd_gpu_model_load_driver(env->model);
        amd_gpu_model_smc_poke(env->model, ixSMC_SYSCON_CLOCK_CNTL_0, 1);
        clock = 1;
        break;
    case NO_SMC_PC_LOW:
        amd_gpu_model_load_driver(env->model);
        pc = AMD_SMC_FIRMWARE_PC_MIN - 4;
        amd_gpu_model_set_smc_pc(env->model, pc);
        break;
    }
    amd_gpu_model_set_command(env->model, 0x0400);
    amd_gpu_model_log_clear(env->model);
    g_assert_false(amd_gpu_model_smc_running(env->model));

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_NO_SMC);

    {
        const AMDGPUModelAccess expected[] = {
            CFG_R(0x08, 4, 0x03000000),
            CFG_W(0x04, 2, 0x0002),
            MMIO_W(0x200, 0x80000004),
            MMIO_R(0x204, clock),
            MMIO_W(0x200, 0x80000370),
            MMIO_R(0x204, pc),
            CFG_W(0x04, 2, 0x0000),
        };

        assert_log_tail(env, 0, expected, ARRAY_SIZE(expected));
    }
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c), ==, -1);
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE,
                                    0x204), ==, 0);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_ignored_config_resets(env->model), ==, 0);
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0);
    g_assert_cmphex(amd_gpu_model_smc_peek(env->model, ixSMC_PC_C), ==, pc);
    g_assert_cmphex(amd_gpu_model_smc_peek(env->model,
                                           ixSMC_SYSCON_CLOCK_CNTL_0), ==,
                    clock);
    g_assert_cmpint(env->now_ns, ==, START_NS);
    env_free(env);
}

/* Never out of reset: TIMEOUT at the deadline, SMC stopped anyway */
static void test_stuck(void)
{
    TestEnv *env = env_new(DEV_W7100);
    int64_t poll_ns = AMD_RESET_POLL_US * 1000LL;
    int64_t trigger_ns, wait_ns, deadline_ns;
    ssize_t trigger, first_poll;
    AMDResetReport report;
    AMDGPUModelAccess e;
    size_t n;
    static const AMDGPUModelAccess tail[] = {
        CFG_R(0x08, 4, 0x03000000),
        MMIO_W(0x200, 0x80000000),
        MMIO_R(0x204, 0x00000000),
        MMIO_W(0x204, 0x00000001),
        MMIO_W(0x200, 0x80000004),
        MMIO_R(0x204, 0x00000000),
        MMIO_W(0x204, 0x00000001),
        CFG_W(0x04, 2, 0x0000),
    };

    amd_gpu_model_set_stuck(env->model, true);
    env_guest_ran(env, 0x0400);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_CONFIG);

    trigger = log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c);
    g_assert_cmpint(trigger, >, 0);
    trigger_ns = log_entry(env, trigger).time_ns;
    first_poll = log_find(env, trigger, AMD_GPU_MODEL_MMIO_READ, 0x5428);
    g_assert_cmpint(first_poll, ==, trigger + 2);   /* after the settle */
    wait_ns = log_entry(env, first_poll).time_ns;
    g_assert_cmpint(wait_ns, ==, trigger_ns + env->family.settle_us * 1000LL);
    deadline_ns = wait_ns + env->family.ready_timeout_us * 1000LL;

    g_assert_cmpint(env->now_ns, >=, deadline_ns);
    g_assert_cmpint(env->now_ns, <, deadline_ns + poll_ns);
    g_assert_cmpuint(log_count_kind(env, trigger, AMD_GPU_MODEL_MMIO_READ,
                                    0x5428), ==,
                     env->family.ready_timeout_us / AMD_RESET_POLL_US + 1);

    /* the last poll failed, then SMC reset, clock off, command 0 */
    n = amd_gpu_model_log_count(env->model);
    e = log_entry(env, n - ARRAY_SIZE(tail) - 1);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_MMIO_READ, 0x5428));
    g_assert_cmphex(e.value, ==, ALL_ONES);
    assert_log_tail(env, n - ARRAY_SIZE(tail), tail, ARRAY_SIZE(tail));

    g_assert_true(amd_gpu_model_smc_stopped(env->model));
    g_assert_true(amd_gpu_model_in_reset(env->model));
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 1);
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0);
    /* no fallback asked for: no BACO */
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_MMIO_READ, 0x5394), ==,
                    -1);
    env_free(env);
}

/* Same with real time: the engine's deadline bounds the wall clock */
static void test_stuck_real_clock(void)
{
    TestEnv *env = env_new(DEV_W7100);
    int64_t start, elapsed_us;
    AMDResetReport report;
    AMDResetResult result;

    amd_gpu_model_set_clock(env->model, NULL, NULL);
    env->dev.ops = &real_ops;
    env->family.ready_timeout_us = 20000;
    amd_gpu_model_set_stuck(env->model, true);
    env_guest_ran(env, 0);

    start = g_get_monotonic_time();
    result = env_run(env, &report);
    elapsed_us = g_get_monotonic_time() - start;

    g_assert_cmpint(result, ==, AMD_RESET_TIMEOUT);
    /* the deadline is a lower bound; the upper one is only generous */
    g_assert_cmpint(elapsed_us, >=, 20000);
    g_assert_cmpint(elapsed_us, <, 2 * G_USEC_PER_SEC);
    g_assert_true(amd_gpu_model_smc_stopped(env->model));
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 1);
    env_free(env);
}

/* Reads all-ones from the start: nothing is written */
static void test_all_ones(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;
    static const AMDGPUModelAccess expected[] = {
        CFG_R(0x08, 4, 0xffffffff),
    };

    env_guest_ran(env, 0);
    amd_gpu_model_set_all_ones(env->model, true);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_GONE);
    assert_log_tail(env, 0, expected, ARRAY_SIZE(expected));
    g_assert_cmpint(env->now_ns, ==, START_NS);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    env_free(env);
}

/*
 * Issue 9: the device vanished, but vfio-pci still serves vendor and
 * device ID (and the interrupt pin) from its copy.  A presence check on
 * them would go on poking a dead device; the engine must say GONE.
 */
static void test_gone_virtualized_ids(const void *opaque)
{
    AMDResetMethod method = GPOINTER_TO_INT(opaque);
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;
    static const AMDGPUModelAccess expected[] = {
        CFG_R(0x08, 4, 0xffffffff),     /* class, revision: gone */
    };

    env->dev.method = method;
    env_guest_ran(env, 0x0007);
    amd_gpu_model_set_all_ones(env->model, true);

    /* what the kernel shows of a removed device */
    g_assert_cmphex(amd_gpu_model_config_read(env->model, 0x00, 4), ==,
                    0x692b1002);
    g_assert_cmphex(amd_gpu_model_config_read(env->model, 0x00, 2), ==,
                    0x1002);
    g_assert_cmphex(amd_gpu_model_config_read(env->model, 0x04, 2), ==,
                    0xffff);
    amd_gpu_model_log_clear(env->model);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_GONE);
    assert_log_tail(env, 0, expected, ARRAY_SIZE(expected));
    g_assert_cmpint(env->now_ns, ==, START_NS);
    env_free(env);
}

/* Falls off the bus at the config reset: GONE at the first poll */
static void test_vanish_after_reset(void)
{
    TestEnv *env = env_new(DEV_W7100);
    int64_t trigger_ns;
    ssize_t trigger;
    AMDResetReport report;
    static const AMDGPUModelAccess tail[] = {
        CFG_W(0x7c, 4, 0x39d5e86b),
        SLEEP(100),
        MMIO_R(0x5428, 0xffffffff),
        CFG_R(0x08, 4, 0xffffffff),     /* gone: vendor ID would not say */
        CFG_W(0x04, 2, 0x0000),         /* lost */
    };

    amd_gpu_model_set_vanish_after_reset(env->model, true);
    env_guest_ran(env, 0);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_GONE);

    trigger = log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c);
    g_assert_cmpint(trigger, >, 0);
    assert_log_tail(env, trigger, tail, ARRAY_SIZE(tail));
    trigger_ns = log_entry(env, trigger).time_ns;
    /* no waiting past the settle time, far from the 100 ms deadline */
    g_assert_cmpint(env->now_ns - trigger_ns, ==,
                    env->family.settle_us * 1000LL);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 1);
    env_free(env);
}

/* The hardware bug: a bus reset (or FLR) leaves the driver's state */
static void test_bus_reset_is_noop(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;

    env_guest_ran(env, 0x0007);
    amd_gpu_model_bus_reset(env->model);

    g_assert_cmpuint(amd_gpu_model_bus_resets(env->model), ==, 1);
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_smc_running(env->model));
    g_assert_false(amd_gpu_model_is_clean(env->model));
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0x0007);
    g_assert_cmpuint(amd_gpu_model_log_count(env->model), ==, 0);

    /* the quirk does what the bus reset did not */
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_true(amd_gpu_model_is_clean(env->model));
    env_free(env);
}

/*
 * BACO: the full reset of each chip, start to end, against sequences
 * written from the facts tables (amd-baco-facts.md section 4 for the
 * order of the tables, 5.x for their steps; "#n" is the step of the table
 * named above it).  The engine's index register writes reproduce the
 * tables' "W IDX" rows; each RMW is a read and a write, each WAIT one
 * read per poll (every WAIT here is satisfied at once), a DLY_US a sleep.
 *
 * The model's plain registers start all-ones (storage fill), so that every
 * bit a read-modify-write clears shows in the value written: a wrong mask,
 * value or shift in any entry changes the log.  BACO_CNTL reads 0x1f84 on
 * a powered chip: PWRGOOD_GPIO/MEM/DVO, PWRGOOD_BF, RCU_BIF_CONFIG_DONE,
 * BACO_ANA_ISO_DIS, BACO_ISO_DIS (see amd-gpu-model.h).
 */
#define BACO_FILL       0xffffffffU

/* Tonga (W7100, 1002:692b) */
static const AMDGPUModelAccess seq_baco_tonga[] = {
    CFG_R(0x08, 4, 0x03000000),         /* class, revision: present */
    CFG_W(0x04, 2, 0x0002),             /* memory decode on */
    MMIO_R(0x5394, 0x00001f84),         /* BACO_CNTL: not in BACO */
    /* 5.1 gpio */
    MMIO_W(0x610, 0x00000000),          /* #1 GPIOPAD_EN := 0 */
    MMIO_W(0x64c, 0x00000000),          /* #2 GPIOPAD_PD_EN := 0 */
    MMIO_W(0x648, 0x00000000),          /* #3 GPIOPAD_PU_EN := 0 */
    MMIO_W(0x608, 0xff77ffff),          /* #4 GPIOPAD_MASK */
    MMIO_W(0x12198, 0x00000000),        /* #5 DC_GPIO_DVODATA_EN */
    MMIO_W(0x12190, 0xffffffff),        /* #6 DC_GPIO_DVODATA_MASK */
    MMIO_W(0x12188, 0x00000000),        /* #7 DC_GPIO_GENERIC_EN */
    MMIO_R(0x12180, 0xffffffff),        /* #8 */
    MMIO_W(0x12180, 0xffffffff),        /* #8 DC_GPIO_GENERIC_MASK |= */
    MMIO_W(0x12218, 0x00000000),        /* #9 DC_GPIO_SYNCA_EN */
    MMIO_R(0x12210, 0xffffffff),        /* #10 */
    MMIO_W(0x12210, 0xffffffff),        /* #10 DC_GPIO_SYNCA_MASK |= */
    /* 5.2 enable_fb_req_rej */
    MMIO_W(0x200, 0xc0300024),          /* #1 IDX: ix 0xc0300024 */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 bit 0 := 1 */
    MMIO_W(0x5490, 0x00000000),         /* #3 BIF_FB_EN := 0 */
    /* 5.3 use_bclk (Tonga) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_BYPASS_EN := 1 */
    MMIO_W(0x200, 0xc0500144),          /* #3 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #4 */
    MMIO_W(0x204, 0xffffffff),          /* #4 SPLL_BYPASS_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #5 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #6 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #7 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #8 */
    MMIO_W(0x204, 0xffbfffff),          /* #8 SPLL_BYPASS_CHG := 0 */
    MMIO_R(0x204, 0xffbfffff),          /* #9 */
    MMIO_W(0x204, 0xffbfffff),          /* #9 SPLL_CTLREQ_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #10 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #11 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #12 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffbfffff),          /* #13 */
    MMIO_W(0x204, 0xff3fffff),          /* #13 SPLL_CTLREQ_CHG := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #14 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #15 */
    MMIO_W(0x204, 0xffffffff),          /* #15 bit 26 := 1 */
    MMIO_W(0x200, 0xc050019c),          /* #16 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffffffff),          /* #17 */
    MMIO_W(0x204, 0xffff02ff),          /* #17 MPLL_CLKOUT_SEL := 2 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #18 */
    MMIO_W(0x2bb0, 0xffffffff),         /* #18 MPLL_SW_DIR_CONTROL := 1 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #19 */
    MMIO_W(0x2bb0, 0xfffff7ff),         /* #19 MPLL_MCLK_SEL := 0 */
    /* 5.4 turn_off_plls (Tonga) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_RESET := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #3 */
    MMIO_W(0x204, 0xfffffffd),          /* #3 SPLL_PWRON := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #4 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #5 */
    MMIO_W(0x204, 0xffffffff),          /* #5 bit 25 := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #6 */
    MMIO_W(0x204, 0xf7ffffff),          /* #6 bit 27 := 0 */
    MMIO_R(0x2bb0, 0xfffff7ff),         /* #7 */
    MMIO_W(0x2bb0, 0xfffff7ff),         /* #7 GLOBAL_MPLL_RESET := 1 */
    MMIO_W(0x2bd4, 0x00000006),         /* #8 MPLL_CONTROL */
    MMIO_W(0x2930, 0x00007740),         /* #9 MC_IO_RXCNTL_DPHY0_D0 */
    MMIO_W(0x2948, 0x00007740),         /* #10 MC_IO_RXCNTL_DPHY0_D1 */
    MMIO_W(0x2934, 0x00007740),         /* #11 MC_IO_RXCNTL_DPHY1_D0 */
    MMIO_W(0x294c, 0x00007740),         /* #12 MC_IO_RXCNTL_DPHY1_D1 */
    MMIO_R(0x2ba0, 0xffffffff),         /* #13 */
    MMIO_W(0x2ba0, 0xfffffeff),         /* #13 MRDCK0_PDNB := 0 */
    MMIO_R(0x2ba0, 0xfffffeff),         /* #14 */
    MMIO_W(0x2ba0, 0xfffffcff),         /* #14 MRDCK1_PDNB := 0 */
    MMIO_R(0x2b50, 0xffffffff),         /* #15 */
    MMIO_W(0x2b50, 0xffffffef),         /* #15 DRST_PU := 0 */
    MMIO_R(0x2b50, 0xffffffef),         /* #16 */
    MMIO_W(0x2b50, 0xffffffcf),         /* #16 DRST_PD := 0 */
    MMIO_W(0x200, 0xc05001a4),          /* #17 IDX: CG_CLKPIN_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #18 */
    MMIO_W(0x204, 0xfffffff7),          /* #18 FORCE_BIF_REFCLK_EN := 0 */
    MMIO_W(0x200, 0xc050019c),          /* #19 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffff02ff),          /* #20 */
    MMIO_W(0x204, 0xffff04ff),          /* #20 MPLL_CLKOUT_SEL := 4 */
    MMIO_W(0x200, 0xc05001ac),          /* #21 IDX: MISC_CLK_CTRL */
    MMIO_R(0x204, 0xffffffff),          /* #22 */
    MMIO_W(0x204, 0xffffff01),          /* #22 DEEP_SLEEP_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #23 */
    MMIO_W(0x204, 0xffff0101),          /* #23 ZCLK_SEL := 1 */
    MMIO_W(0x200, 0xc05001a0),          /* #24 IDX: CG_CLKPIN_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #25 */
    MMIO_W(0x204, 0xfffffffb),          /* #25 BCLK_AS_XCLK := 0 */
    MMIO_W(0x200, 0xc05001a8),          /* #26 IDX: THM_CLK_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #27 */
    MMIO_W(0x204, 0xffffff01),          /* #27 CMON_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #28 */
    MMIO_W(0x204, 0xffff0101),          /* #28 TMON_CLK_SEL := 1 */
    /* 5.6 enter_baco */
    MMIO_R(0x5394, 0x00001f84),         /* #1 */
    MMIO_W(0x5394, 0x00001f85),         /* #1 BACO_EN := 1 */
    MMIO_R(0x5394, 0x00001f85),         /* #2 */
    MMIO_W(0x5394, 0x00041f85),         /* #2 BACO_BIF_SCLK_SWITCH := 1 */
    MMIO_R(0x5394, 0x00041f85),         /* #3 wait bit 18 set */
    MMIO_R(0x5394, 0x00041f85),         /* #4 */
    MMIO_W(0x5394, 0x00041f87),         /* #4 BACO_BCLK_OFF := 1 */
    MMIO_R(0x5394, 0x00041f87),         /* #5 wait bit 1 set */
    MMIO_R(0x5394, 0x00041f87),         /* #6 */
    MMIO_W(0x5394, 0x00041f83),         /* #6 BACO_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f83),         /* #7 wait bit 2 clear */
    MMIO_R(0x5394, 0x00041f83),         /* #8 */
    MMIO_W(0x5394, 0x00041f03),         /* #8 BACO_ANA_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f03),         /* #9 wait bit 7 clear */
    MMIO_R(0x5394, 0x00041f03),         /* #10 */
    MMIO_W(0x5394, 0x00041f0b),         /* #10 BACO_POWER_OFF := 1 */
    MMIO_R(0x5394, 0x0004004b),         /* #11 wait bit 3 set */
    MMIO_R(0x5394, 0x0004004b),         /* #12 wait BACO_MODE set */
    SLEEP(20000),                       /* 20 ms, regulator off -> on */
    /* 5.7 exit_baco */
    MMIO_R(0x5394, 0x0004004b),         /* #1 */
    MMIO_W(0x5394, 0x0004005b),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x0004005b),         /* #2 */
    MMIO_W(0x5394, 0x00040059),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00040059),         /* #3 */
    MMIO_W(0x5394, 0x00040051),         /* #3 BACO_POWER_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #4 wait PWRGOOD_BF set */
    MMIO_R(0x5394, 0x00040251),         /* #5 */
    MMIO_W(0x5394, 0x00040255),         /* #5 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041e55),         /* #6 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00041e55),         /* #7 */
    MMIO_W(0x5394, 0x00041ed5),         /* #7 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041ed5),         /* #8 */
    MMIO_W(0x5394, 0x00001ed5),         /* #8 BACO_BIF_SCLK_SWITCH := 0 */
    MMIO_R(0x5394, 0x00001ed5),         /* #9 */
    MMIO_W(0x5394, 0x00001ec5),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001fc5),         /* #10 wait RCU_BIF_CONFIG_DONE set */
    MMIO_R(0x5394, 0x00001fc5),         /* #11 */
    MMIO_W(0x5394, 0x00001fc4),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    /* 5.8 clean (scratch 6, 7) */
    MMIO_W(0x173c, 0x00000000),         /* #1 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* #2 BIOS_SCRATCH_7 := 0 */
    CFG_W(0x04, 2, 0x0000),             /* memory decode off */
};

/* Fiji (R9 Fury, 1002:7300) */
static const AMDGPUModelAccess seq_baco_fiji[] = {
    CFG_R(0x08, 4, 0x03000000),         /* class, revision: present */
    CFG_W(0x04, 2, 0x0002),             /* memory decode on */
    MMIO_R(0x5394, 0x00001f84),         /* BACO_CNTL: not in BACO */
    /* 5.1 gpio */
    MMIO_W(0x610, 0x00000000),          /* #1 GPIOPAD_EN := 0 */
    MMIO_W(0x64c, 0x00000000),          /* #2 GPIOPAD_PD_EN := 0 */
    MMIO_W(0x648, 0x00000000),          /* #3 GPIOPAD_PU_EN := 0 */
    MMIO_W(0x608, 0xff77ffff),          /* #4 GPIOPAD_MASK */
    MMIO_W(0x12198, 0x00000000),        /* #5 DC_GPIO_DVODATA_EN */
    MMIO_W(0x12190, 0xffffffff),        /* #6 DC_GPIO_DVODATA_MASK */
    MMIO_W(0x12188, 0x00000000),        /* #7 DC_GPIO_GENERIC_EN */
    MMIO_R(0x12180, 0xffffffff),        /* #8 */
    MMIO_W(0x12180, 0xffffffff),        /* #8 DC_GPIO_GENERIC_MASK |= */
    MMIO_W(0x12218, 0x00000000),        /* #9 DC_GPIO_SYNCA_EN */
    MMIO_R(0x12210, 0xffffffff),        /* #10 */
    MMIO_W(0x12210, 0xffffffff),        /* #10 DC_GPIO_SYNCA_MASK |= */
    /* 5.2 enable_fb_req_rej */
    MMIO_W(0x200, 0xc0300024),          /* #1 IDX: ix 0xc0300024 */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 bit 0 := 1 */
    MMIO_W(0x5490, 0x00000000),         /* #3 BIF_FB_EN := 0 */
    /* 5.3 use_bclk (Fiji: Tonga 1-17) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_BYPASS_EN := 1 */
    MMIO_W(0x200, 0xc0500144),          /* #3 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #4 */
    MMIO_W(0x204, 0xffffffff),          /* #4 SPLL_BYPASS_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #5 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #6 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #7 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #8 */
    MMIO_W(0x204, 0xffbfffff),          /* #8 SPLL_BYPASS_CHG := 0 */
    MMIO_R(0x204, 0xffbfffff),          /* #9 */
    MMIO_W(0x204, 0xffbfffff),          /* #9 SPLL_CTLREQ_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #10 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #11 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #12 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffbfffff),          /* #13 */
    MMIO_W(0x204, 0xff3fffff),          /* #13 SPLL_CTLREQ_CHG := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #14 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #15 */
    MMIO_W(0x204, 0xffffffff),          /* #15 bit 26 := 1 */
    MMIO_W(0x200, 0xc050019c),          /* #16 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffffffff),          /* #17 */
    MMIO_W(0x204, 0xffff02ff),          /* #17 MPLL_CLKOUT_SEL := 2 */
    /* 5.4 turn_off_plls (Fiji: Tonga 1-6) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_RESET := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #3 */
    MMIO_W(0x204, 0xfffffffd),          /* #3 SPLL_PWRON := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #4 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #5 */
    MMIO_W(0x204, 0xffffffff),          /* #5 bit 25 := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #6 */
    MMIO_W(0x204, 0xf7ffffff),          /* #6 bit 27 := 0 */
    /* 5.5 clk_req_b (Fiji) */
    MMIO_W(0x200, 0xc05001a4),          /* #1 IDX: CG_CLKPIN_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xfffffff7),          /* #2 FORCE_BIF_REFCLK_EN := 0 */
    MMIO_W(0x200, 0xc050019c),          /* #3 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffff02ff),          /* #4 */
    MMIO_W(0x204, 0xffff04ff),          /* #4 MPLL_CLKOUT_SEL := 4 */
    MMIO_W(0x200, 0xc05001ac),          /* #5 IDX: MISC_CLK_CTRL */
    MMIO_R(0x204, 0xffffffff),          /* #6 */
    MMIO_W(0x204, 0xffffff01),          /* #6 DEEP_SLEEP_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #7 */
    MMIO_W(0x204, 0xffff0101),          /* #7 ZCLK_SEL := 1 */
    MMIO_W(0x200, 0xc05001a0),          /* #8 IDX: CG_CLKPIN_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #9 */
    MMIO_W(0x204, 0xfffffffb),          /* #9 BCLK_AS_XCLK := 0 */
    MMIO_W(0x200, 0xc05001a8),          /* #10 IDX: THM_CLK_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #11 */
    MMIO_W(0x204, 0xffffff01),          /* #11 CMON_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #12 */
    MMIO_W(0x204, 0xffff0101),          /* #12 TMON_CLK_SEL := 1 */
    /* 5.6 enter_baco */
    MMIO_R(0x5394, 0x00001f84),         /* #1 */
    MMIO_W(0x5394, 0x00001f85),         /* #1 BACO_EN := 1 */
    MMIO_R(0x5394, 0x00001f85),         /* #2 */
    MMIO_W(0x5394, 0x00041f85),         /* #2 BACO_BIF_SCLK_SWITCH := 1 */
    MMIO_R(0x5394, 0x00041f85),         /* #3 wait bit 18 set */
    MMIO_R(0x5394, 0x00041f85),         /* #4 */
    MMIO_W(0x5394, 0x00041f87),         /* #4 BACO_BCLK_OFF := 1 */
    MMIO_R(0x5394, 0x00041f87),         /* #5 wait bit 1 set */
    MMIO_R(0x5394, 0x00041f87),         /* #6 */
    MMIO_W(0x5394, 0x00041f83),         /* #6 BACO_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f83),         /* #7 wait bit 2 clear */
    MMIO_R(0x5394, 0x00041f83),         /* #8 */
    MMIO_W(0x5394, 0x00041f03),         /* #8 BACO_ANA_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f03),         /* #9 wait bit 7 clear */
    MMIO_R(0x5394, 0x00041f03),         /* #10 */
    MMIO_W(0x5394, 0x00041f0b),         /* #10 BACO_POWER_OFF := 1 */
    MMIO_R(0x5394, 0x0004004b),         /* #11 wait bit 3 set */
    MMIO_R(0x5394, 0x0004004b),         /* #12 wait BACO_MODE set */
    SLEEP(20000),                       /* 20 ms, regulator off -> on */
    /* 5.7 exit_baco */
    MMIO_R(0x5394, 0x0004004b),         /* #1 */
    MMIO_W(0x5394, 0x0004005b),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x0004005b),         /* #2 */
    MMIO_W(0x5394, 0x00040059),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00040059),         /* #3 */
    MMIO_W(0x5394, 0x00040051),         /* #3 BACO_POWER_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #4 wait PWRGOOD_BF set */
    MMIO_R(0x5394, 0x00040251),         /* #5 */
    MMIO_W(0x5394, 0x00040255),         /* #5 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041e55),         /* #6 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00041e55),         /* #7 */
    MMIO_W(0x5394, 0x00041ed5),         /* #7 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041ed5),         /* #8 */
    MMIO_W(0x5394, 0x00001ed5),         /* #8 BACO_BIF_SCLK_SWITCH := 0 */
    MMIO_R(0x5394, 0x00001ed5),         /* #9 */
    MMIO_W(0x5394, 0x00001ec5),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001fc5),         /* #10 wait RCU_BIF_CONFIG_DONE set */
    MMIO_R(0x5394, 0x00001fc5),         /* #11 */
    MMIO_W(0x5394, 0x00001fc4),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    /* 5.8 clean (scratch 0-15) */
    MMIO_W(0x1724, 0x00000000),         /* #1 BIOS_SCRATCH_0 := 0 */
    MMIO_W(0x1728, 0x00000000),         /* #2 BIOS_SCRATCH_1 := 0 */
    MMIO_W(0x172c, 0x00000000),         /* #3 BIOS_SCRATCH_2 := 0 */
    MMIO_W(0x1730, 0x00000000),         /* #4 BIOS_SCRATCH_3 := 0 */
    MMIO_W(0x1734, 0x00000000),         /* #5 BIOS_SCRATCH_4 := 0 */
    MMIO_W(0x1738, 0x00000000),         /* #6 BIOS_SCRATCH_5 := 0 */
    MMIO_W(0x173c, 0x00000000),         /* #7 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* #8 BIOS_SCRATCH_7 := 0 */
    MMIO_W(0x1744, 0x00000000),         /* #9 BIOS_SCRATCH_8 := 0 */
    MMIO_W(0x1748, 0x00000000),         /* #10 BIOS_SCRATCH_9 := 0 */
    MMIO_W(0x174c, 0x00000000),         /* #11 BIOS_SCRATCH_10 := 0 */
    MMIO_W(0x1750, 0x00000000),         /* #12 BIOS_SCRATCH_11 := 0 */
    MMIO_W(0x1754, 0x00000000),         /* #13 BIOS_SCRATCH_12 := 0 */
    MMIO_W(0x1758, 0x00000000),         /* #14 BIOS_SCRATCH_13 := 0 */
    MMIO_W(0x175c, 0x00000000),         /* #15 BIOS_SCRATCH_14 := 0 */
    MMIO_W(0x1760, 0x00000000),         /* #16 BIOS_SCRATCH_15 := 0 */
    CFG_W(0x04, 2, 0x0000),             /* memory decode off */
};

/* Polaris10 (RX 580, 1002:67df) */
static const AMDGPUModelAccess seq_baco_polaris[] = {
    CFG_R(0x08, 4, 0x03000000),         /* class, revision: present */
    CFG_W(0x04, 2, 0x0002),             /* memory decode on */
    MMIO_R(0x5394, 0x00001f84),         /* BACO_CNTL: not in BACO */
    /* 5.1 gpio */
    MMIO_W(0x610, 0x00000000),          /* #1 GPIOPAD_EN := 0 */
    MMIO_W(0x64c, 0x00000000),          /* #2 GPIOPAD_PD_EN := 0 */
    MMIO_W(0x648, 0x00000000),          /* #3 GPIOPAD_PU_EN := 0 */
    MMIO_W(0x608, 0xff77ffff),          /* #4 GPIOPAD_MASK */
    MMIO_W(0x12198, 0x00000000),        /* #5 DC_GPIO_DVODATA_EN */
    MMIO_W(0x12190, 0xffffffff),        /* #6 DC_GPIO_DVODATA_MASK */
    MMIO_W(0x12188, 0x00000000),        /* #7 DC_GPIO_GENERIC_EN */
    MMIO_R(0x12180, 0xffffffff),        /* #8 */
    MMIO_W(0x12180, 0xffffffff),        /* #8 DC_GPIO_GENERIC_MASK |= */
    MMIO_W(0x12218, 0x00000000),        /* #9 DC_GPIO_SYNCA_EN */
    MMIO_R(0x12210, 0xffffffff),        /* #10 */
    MMIO_W(0x12210, 0xffffffff),        /* #10 DC_GPIO_SYNCA_MASK |= */
    /* 5.2 enable_fb_req_rej */
    MMIO_W(0x200, 0xc0300024),          /* #1 IDX: ix 0xc0300024 */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 bit 0 := 1 */
    MMIO_W(0x5490, 0x00000000),         /* #3 BIF_FB_EN := 0 */
    /* 5.3 use_bclk (Polaris) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_BYPASS_EN := 1 */
    MMIO_W(0x200, 0xc0500170),          /* #3 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #4 */
    MMIO_W(0x204, 0xffffffff),          /* #4 bit 26 := 1 */
    MMIO_W(0x200, 0xc0500118),          /* #5 IDX: GCK_DFS_BYPASS_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #6 */
    MMIO_W(0x204, 0xffffffff),          /* #6 BYPASSACLK := 1 */
    MMIO_W(0x200, 0xc050019c),          /* #7 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffffffff),          /* #8 */
    MMIO_W(0x204, 0xffff02ff),          /* #8 MPLL_CLKOUT_SEL := 2 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #9 */
    MMIO_W(0x2bb0, 0xffffffff),         /* #9 MPLL_SW_DIR_CONTROL := 1 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #10 */
    MMIO_W(0x2bb0, 0xfffff7ff),         /* #10 MPLL_MCLK_SEL := 0 */
    /* 5.4 turn_off_plls (Polaris) */
    MMIO_R(0x12250, 0xffffffff),        /* #1 */
    MMIO_W(0x12250, 0xffffff1f),        /* #1 GENLK_STRENGTH_SP := 1 */
    SLEEP(1),                           /* #2 DLY_US 1 */
    MMIO_R(0x2898, 0xffffffff),         /* #3 */
    MMIO_W(0x2898, 0xffffffff),         /* #3 MC_SEQ_DRAM RST_CTL := 1 */
    MMIO_W(0x200, 0xc05002b0),          /* #4 IDX: ix 0xc05002b0 */
    MMIO_R(0x204, 0xffffffef),          /* #5 */
    MMIO_W(0x204, 0xffffffff),          /* #5 bit 4 := 1 */
    MMIO_R(0x204, 0xffffffef),          /* #6 wait bit 4 == 0 */
    MMIO_W(0x200, 0xc050032c),          /* #7 IDX: ix 0xc050032c */
    MMIO_R(0x204, 0xffffffef),          /* #8 */
    MMIO_W(0x204, 0xffffffff),          /* #8 bit 4 := 1 */
    MMIO_R(0x204, 0xffffffef),          /* #9 wait bit 4 == 0 */
    MMIO_W(0x200, 0xc0500080),          /* #10 IDX: ix 0xc0500080 */
    MMIO_R(0x204, 0xffffffff),          /* #11 */
    MMIO_W(0x204, 0xffffffff),          /* #11 bit 0 := 1 */
    MMIO_R(0x3688, 0xffffffff),         /* #12 */
    MMIO_W(0x3688, 0xffffffbf),         /* #12 bit 6 := 0 */
    SLEEP(3),                           /* #13 DLY_US 3 */
    MMIO_R(0x3688, 0xffffffbf),         /* #14 */
    MMIO_W(0x3688, 0xffffffb7),         /* #14 bit 3 := 0 */
    MMIO_R(0x3688, 0xffffffb7),         /* #15 */
    MMIO_W(0x3688, 0xffc032b7),         /* #15 [21:8] := 0x32 */
    SLEEP(3),                           /* #16 DLY_US 3 */
    MMIO_R(0x2bbc, 0xffffffff),         /* #17 */
    MMIO_W(0x2bbc, 0xfffeffff),         /* #17 ISO_DIS_P := 0 */
    SLEEP(5),                           /* #18 DLY_US 5 */
    /* 5.5 clk_req_b (Polaris) */
    MMIO_W(0x200, 0xc05001a8),          /* #1 IDX: THM_CLK_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffff01),          /* #2 CMON_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #3 */
    MMIO_W(0x204, 0xffff0101),          /* #3 TMON_CLK_SEL := 1 */
    MMIO_W(0x200, 0xc05001ac),          /* #4 IDX: MISC_CLK_CTRL */
    MMIO_R(0x204, 0xffffffff),          /* #5 */
    MMIO_W(0x204, 0xffffff01),          /* #5 DEEP_SLEEP_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #6 */
    MMIO_W(0x204, 0xffff0101),          /* #6 ZCLK_SEL := 1 */
    MMIO_W(0x200, 0xc05001a0),          /* #7 IDX: CG_CLKPIN_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #8 */
    MMIO_W(0x204, 0xfffffffb),          /* #8 BCLK_AS_XCLK := 0 */
    MMIO_W(0x200, 0xc05001a4),          /* #9 IDX: CG_CLKPIN_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #10 */
    MMIO_W(0x204, 0xfffffff7),          /* #10 FORCE_BIF_REFCLK_EN := 0 */
    MMIO_W(0x200, 0xc050019c),          /* #11 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffff02ff),          /* #12 */
    MMIO_W(0x204, 0xffff04ff),          /* #12 MPLL_CLKOUT_SEL := 4 */
    /* 5.6 enter_baco */
    MMIO_R(0x5394, 0x00001f84),         /* #1 */
    MMIO_W(0x5394, 0x00001f85),         /* #1 BACO_EN := 1 */
    MMIO_R(0x5394, 0x00001f85),         /* #2 */
    MMIO_W(0x5394, 0x00041f85),         /* #2 BACO_BIF_SCLK_SWITCH := 1 */
    MMIO_R(0x5394, 0x00041f85),         /* #3 wait bit 18 set */
    MMIO_R(0x5394, 0x00041f85),         /* #4 */
    MMIO_W(0x5394, 0x00041f87),         /* #4 BACO_BCLK_OFF := 1 */
    MMIO_R(0x5394, 0x00041f87),         /* #5 wait bit 1 set */
    MMIO_R(0x5394, 0x00041f87),         /* #6 */
    MMIO_W(0x5394, 0x00041f83),         /* #6 BACO_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f83),         /* #7 wait bit 2 clear */
    MMIO_R(0x5394, 0x00041f83),         /* #8 */
    MMIO_W(0x5394, 0x00041f03),         /* #8 BACO_ANA_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f03),         /* #9 wait bit 7 clear */
    MMIO_R(0x5394, 0x00041f03),         /* #10 */
    MMIO_W(0x5394, 0x00041f0b),         /* #10 BACO_POWER_OFF := 1 */
    MMIO_R(0x5394, 0x0004004b),         /* #11 wait bit 3 set */
    MMIO_R(0x5394, 0x0004004b),         /* #12 wait BACO_MODE set */
    SLEEP(20000),                       /* 20 ms, regulator off -> on */
    /* 5.7 exit_baco */
    MMIO_R(0x5394, 0x0004004b),         /* #1 */
    MMIO_W(0x5394, 0x0004005b),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x0004005b),         /* #2 */
    MMIO_W(0x5394, 0x00040059),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00040059),         /* #3 */
    MMIO_W(0x5394, 0x00040051),         /* #3 BACO_POWER_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #4 wait PWRGOOD_BF set */
    MMIO_R(0x5394, 0x00040251),         /* #5 */
    MMIO_W(0x5394, 0x00040255),         /* #5 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041e55),         /* #6 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00041e55),         /* #7 */
    MMIO_W(0x5394, 0x00041ed5),         /* #7 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041ed5),         /* #8 */
    MMIO_W(0x5394, 0x00001ed5),         /* #8 BACO_BIF_SCLK_SWITCH := 0 */
    MMIO_R(0x5394, 0x00001ed5),         /* #9 */
    MMIO_W(0x5394, 0x00001ec5),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001fc5),         /* #10 wait RCU_BIF_CONFIG_DONE set */
    MMIO_R(0x5394, 0x00001fc5),         /* #11 */
    MMIO_W(0x5394, 0x00001fc4),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    /* 5.8 clean (scratch 6, 7) */
    MMIO_W(0x173c, 0x00000000),         /* #1 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* #2 BIOS_SCRATCH_7 := 0 */
    CFG_W(0x04, 2, 0x0000),             /* memory decode off */
};

/*
 * The same resets with the model's default storage (0): the value each
 * register the tables write is left with.  Catches the value bits an
 * all-ones register hides.
 */
typedef struct RegValue {
    uint32_t reg;                   /* BAR5 offset or SMC-indirect address */
    bool ix;
    uint32_t value;
} RegValue;

static const RegValue final_tonga[] = {
    { 0x608, false, 0xff77ffff },           /* GPIOPAD_MASK */
    { 0x610, false, 0x00000000 },           /* GPIOPAD_EN */
    { 0x648, false, 0x00000000 },           /* GPIOPAD_PU_EN */
    { 0x64c, false, 0x00000000 },           /* GPIOPAD_PD_EN */
    { 0x2930, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY0_D0 */
    { 0x2934, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY1_D0 */
    { 0x2948, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY0_D1 */
    { 0x294c, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY1_D1 */
    { 0x2b50, false, 0x00000000 },          /* MC_SEQ_CNTL_2 */
    { 0x2ba0, false, 0x00000000 },          /* MCLK_PWRMGT_CNTL */
    { 0x2bb0, false, 0x80000100 },          /* MPLL_CNTL_MODE */
    { 0x2bd4, false, 0x00000006 },          /* MPLL_CONTROL */
    { 0x5490, false, 0x00000000 },          /* BIF_FB_EN */
    { 0x12180, false, 0x03333333 },         /* DC_GPIO_GENERIC_MASK */
    { 0x12188, false, 0x00000000 },         /* DC_GPIO_GENERIC_EN */
    { 0x12190, false, 0xffffffff },         /* DC_GPIO_DVODATA_MASK */
    { 0x12198, false, 0x00000000 },         /* DC_GPIO_DVODATA_EN */
    { 0x12210, false, 0x00001111 },         /* DC_GPIO_SYNCA_MASK */
    { 0x12218, false, 0x00000000 },         /* DC_GPIO_SYNCA_EN */
    { 0xc0300024, true, 0x00000001 },       /* fb request reject */
    { 0xc0500140, true, 0x00000009 },       /* CG_SPLL_FUNC_CNTL */
    { 0xc0500144, true, 0x00000000 },       /* CG_SPLL_FUNC_CNTL_2 */
    { 0xc0500170, true, 0x06000000 },       /* bits 25-27 */
    { 0xc050019c, true, 0x00000400 },       /* MPLL_BYPASSCLK_SEL */
    { 0xc05001a0, true, 0x00000000 },       /* CG_CLKPIN_CNTL */
    { 0xc05001a4, true, 0x00000000 },       /* CG_CLKPIN_CNTL_2 */
    { 0xc05001a8, true, 0x00000101 },       /* THM_CLK_CNTL */
    { 0xc05001ac, true, 0x00000101 },       /* MISC_CLK_CTRL */
};

static const RegValue final_fiji[] = {
    { 0x608, false, 0xff77ffff },           /* GPIOPAD_MASK */
    { 0x610, false, 0x00000000 },           /* GPIOPAD_EN */
    { 0x648, false, 0x00000000 },           /* GPIOPAD_PU_EN */
    { 0x64c, false, 0x00000000 },           /* GPIOPAD_PD_EN */
    { 0x5490, false, 0x00000000 },          /* BIF_FB_EN */
    { 0x12180, false, 0x03333333 },         /* DC_GPIO_GENERIC_MASK */
    { 0x12188, false, 0x00000000 },         /* DC_GPIO_GENERIC_EN */
    { 0x12190, false, 0xffffffff },         /* DC_GPIO_DVODATA_MASK */
    { 0x12198, false, 0x00000000 },         /* DC_GPIO_DVODATA_EN */
    { 0x12210, false, 0x00001111 },         /* DC_GPIO_SYNCA_MASK */
    { 0x12218, false, 0x00000000 },         /* DC_GPIO_SYNCA_EN */
    { 0xc0300024, true, 0x00000001 },       /* fb request reject */
    { 0xc0500140, true, 0x00000009 },       /* CG_SPLL_FUNC_CNTL */
    { 0xc0500144, true, 0x00000000 },       /* CG_SPLL_FUNC_CNTL_2 */
    { 0xc0500170, true, 0x06000000 },       /* bits 25-27 */
    { 0xc050019c, true, 0x00000400 },       /* MPLL_BYPASSCLK_SEL */
    { 0xc05001a0, true, 0x00000000 },       /* CG_CLKPIN_CNTL */
    { 0xc05001a4, true, 0x00000000 },       /* CG_CLKPIN_CNTL_2 */
    { 0xc05001a8, true, 0x00000101 },       /* THM_CLK_CNTL */
    { 0xc05001ac, true, 0x00000101 },       /* MISC_CLK_CTRL */
};

static const RegValue final_polaris[] = {
    { 0x608, false, 0xff77ffff },           /* GPIOPAD_MASK */
    { 0x610, false, 0x00000000 },           /* GPIOPAD_EN */
    { 0x648, false, 0x00000000 },           /* GPIOPAD_PU_EN */
    { 0x64c, false, 0x00000000 },           /* GPIOPAD_PD_EN */
    { 0x2898, false, 0x10000000 },          /* MC_SEQ_DRAM */
    { 0x2bb0, false, 0x00000100 },          /* MPLL_CNTL_MODE */
    { 0x2bbc, false, 0x00000000 },          /* MPLL_FUNC_CNTL_2 */
    { 0x3688, false, 0x00003200 },          /* idx 0xda2 */
    { 0x5490, false, 0x00000000 },          /* BIF_FB_EN */
    { 0x12180, false, 0x03333333 },         /* DC_GPIO_GENERIC_MASK */
    { 0x12188, false, 0x00000000 },         /* DC_GPIO_GENERIC_EN */
    { 0x12190, false, 0xffffffff },         /* DC_GPIO_DVODATA_MASK */
    { 0x12198, false, 0x00000000 },         /* DC_GPIO_DVODATA_EN */
    { 0x12210, false, 0x00001111 },         /* DC_GPIO_SYNCA_MASK */
    { 0x12218, false, 0x00000000 },         /* DC_GPIO_SYNCA_EN */
    { 0x12250, false, 0x00000010 },         /* DC_GPIO_PAD_STRENGTH_1 */
    { 0xc0300024, true, 0x00000001 },       /* fb request reject */
    { 0xc0500080, true, 0x00000001 },       /* Polaris bit 0 */
    { 0xc0500118, true, 0x00000080 },       /* GCK_DFS_BYPASS_CNTL */
    { 0xc0500140, true, 0x00000008 },       /* CG_SPLL_FUNC_CNTL */
    { 0xc0500170, true, 0x04000000 },       /* bits 25-27 */
    { 0xc050019c, true, 0x00000400 },       /* MPLL_BYPASSCLK_SEL */
    { 0xc05001a0, true, 0x00000000 },       /* CG_CLKPIN_CNTL */
    { 0xc05001a4, true, 0x00000000 },       /* CG_CLKPIN_CNTL_2 */
    { 0xc05001a8, true, 0x00000101 },       /* THM_CLK_CNTL */
    { 0xc05001ac, true, 0x00000101 },       /* MISC_CLK_CTRL */
    { 0xc05002b0, true, 0x00000000 },       /* bit 4 self-clearing */
    { 0xc050032c, true, 0x00000000 },       /* bit 4 self-clearing */
};

typedef struct BacoCase {
    uint16_t device;
    const char *family;
    const AMDGPUModelAccess *seq;
    size_t seq_len;
    const RegValue *final;
    size_t final_len;
    uint16_t scratch_cleared;       /* bit n: the clean table clears n */
    int64_t delay_us;               /* DLY_US steps of the tables */
} BacoCase;

static const BacoCase baco_cases[] = {
    {
        .device = DEV_W7100, .family = "Tonga",
        .seq = seq_baco_tonga, .seq_len = ARRAY_SIZE(seq_baco_tonga),
        .final = final_tonga, .final_len = ARRAY_SIZE(final_tonga),
        .scratch_cleared = 0x00c0,
    }, {
        .device = DEV_FURY, .family = "Fiji",
        .seq = seq_baco_fiji, .seq_len = ARRAY_SIZE(seq_baco_fiji),
        .final = final_fiji, .final_len = ARRAY_SIZE(final_fiji),
        .scratch_cleared = 0xffff,
    }, {
        .device = DEV_RX580, .family = "Polaris",
        .seq = seq_baco_polaris, .seq_len = ARRAY_SIZE(seq_baco_polaris),
        .final = final_polaris, .final_len = ARRAY_SIZE(final_polaris),
        .scratch_cleared = 0x00c0,
        .delay_us = 1 + 3 + 3 + 5,      /* 5.4 Polaris #2, #13, #16, #18 */
    },
};

/* Distinct values in every scratch register, posted bit included */
static void env_preset_scratch(TestEnv *env, uint32_t *before)
{
    unsigned n;

    for (n = 0; n < AMD_GPU_MODEL_SCRATCH_COUNT; n++) {
        amd_gpu_model_set_scratch(env->model, n, 0x5c000000 | n << 8 | n);
    }
    amd_gpu_model_set_scratch(env->model, 7, 0x5c000700 |
                              AMD_GPU_MODEL_SCRATCH7_POSTED);
    for (n = 0; n < AMD_GPU_MODEL_SCRATCH_COUNT; n++) {
        before[n] = amd_gpu_model_scratch(env->model, n);
    }
}

/* As after power-on: SMC stopped, PC 0, no driver, MEMSIZE readable */
static void assert_power_on_clean(TestEnv *env)
{
    g_assert_false(amd_gpu_model_in_baco(env->model));
    g_assert_true(amd_gpu_model_smc_stopped(env->model));
    g_assert_false(amd_gpu_model_smc_running(env->model));
    g_assert_cmphex(amd_gpu_model_smc_peek(env->model, ixSMC_PC_C), ==, 0);
    g_assert_false(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_is_clean(env->model));
    g_assert_false(amd_gpu_model_in_reset(env->model));
    g_assert_cmphex(amd_gpu_model_mmio_peek(env->model, 0x5428), ==,
                    AMD_GPU_MODEL_VRAM_MB);
    g_assert_cmphex(amd_gpu_model_mmio_peek(env->model, 0x5394), ==,
                    0x1f84);
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0);
}

static void assert_scratch(TestEnv *env, const uint32_t *before,
                           uint16_t cleared)
{
    unsigned n;

    for (n = 0; n < AMD_GPU_MODEL_SCRATCH_COUNT; n++) {
        g_assert_cmphex(amd_gpu_model_scratch(env->model, n), ==,
                        cleared & (1 << n) ? 0 : before[n]);
    }
}

/* The full BACO reset, start to end, and the chip it leaves */
static void test_baco_sequence(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = env_new(c->device);
    uint32_t scratch[AMD_GPU_MODEL_SCRATCH_COUNT];
    AMDResetReport report;

    g_assert_cmpstr(env->family.name, ==, c->family);
    amd_gpu_model_set_storage_fill(env->model, BACO_FILL);
    env_preset_scratch(env, scratch);
    env_guest_ran(env, 0);
    env->dev.method = AMD_RESET_METHOD_BACO;

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    assert_log_tail(env, 0, c->seq, c->seq_len);

    /* time passes only in the gap and the DLY_US steps */
    g_assert_cmpint(env->now_ns - START_NS, ==,
                    (AMD_BACO_GAP_US + c->delay_us) * 1000);
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    assert_power_on_clean(env);
    assert_scratch(env, scratch, c->scratch_cleared);
    env_free(env);
}

/* With the default storage: what the registers hold afterwards */
static void test_baco_registers(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = env_new(c->device);
    AMDResetReport report;
    uint32_t index = 0;
    size_t i, j, n;

    env_guest_ran(env, 0);
    env->dev.method = AMD_RESET_METHOD_BACO;
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);

    for (i = 0; i < c->final_len; i++) {
        const RegValue *r = &c->final[i];
        uint32_t value = r->ix ? amd_gpu_model_smc_peek(env->model, r->reg)
                               : amd_gpu_model_mmio_peek(env->model, r->reg);

        if (value != r->value) {
            g_test_message("%s 0x%x: 0x%x, expected 0x%x", r->ix ? "ix" :
                           "mmio", r->reg, value, r->value);
        }
        g_assert_cmphex(value, ==, r->value);
    }

    /* and no register outside the tables was written */
    n = amd_gpu_model_log_count(env->model);
    for (i = 0; i < n; i++) {
        AMDGPUModelAccess e = log_entry(env, i);
        bool ix = e.offset == 0x204;
        uint32_t reg = ix ? index : e.offset;

        if (e.kind != AMD_GPU_MODEL_MMIO_WRITE) {
            continue;
        }
        if (e.offset == 0x200) {
            index = e.value;
            continue;
        }
        if (e.offset == 0x5394 ||
            (e.offset >= 0x1724 && e.offset <= 0x1760)) {
            continue;               /* BACO_CNTL, BIOS_SCRATCH_n */
        }
        for (j = 0; j < c->final_len; j++) {
            if (c->final[j].ix == ix && c->final[j].reg == reg) {
                break;
            }
        }
        if (j == c->final_len) {
            g_test_message("%s 0x%x written", ix ? "ix" : "mmio", reg);
        }
        g_assert_cmpuint(j, <, c->final_len);
    }
    env_free(env);
}

/*
 * A slow chip: every status the tables wait for (SPLL acknowledge,
 * Polaris's self-clearing bits, BACO_MODE, PWRGOOD_BF, PWRGOOD_GPIO/MEM/
 * DVO, RCU_BIF_CONFIG_DONE, BACO_MODE clear) comes 3 ms after the write
 * that asks for it.  Each of the seven WAITs of a chip's sequence polls
 * three times, 1 ms apart, and the reset ends power-on clean: a WAIT that
 * did not really wait would leave the chip behind.
 */
static void test_baco_slow_chip(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = env_new(c->device);
    AMDResetReport report;

    amd_gpu_model_set_status_delay_ns(env->model, 3 * MS);
    env_guest_ran(env, 0);
    env->dev.method = AMD_RESET_METHOD_BACO;

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_SLEEP, -1), ==,
                     7 * 3 + 1 + (c->delay_us ? 4 : 0));
    g_assert_cmpint(env->now_ns - START_NS, ==,
                    (AMD_BACO_GAP_US + 7 * 3 * AMD_BACO_POLL_US +
                     c->delay_us) * 1000);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
    assert_power_on_clean(env);
    env_free(env);
}

/*
 * Each chip enters BACO only after its own tables: another chip's
 * sequence leaves it powered, enter_baco times out at its last step
 * (wait for BACO_MODE) and the exit still runs.
 */
typedef struct CrossCase {
    uint16_t model;                 /* the chip */
    uint16_t tables;                /* whose family's tables run */
} CrossCase;

static const CrossCase cross_cases[] = {
    { DEV_W7100, DEV_FURY }, { DEV_W7100, DEV_RX580 },
    { DEV_FURY, DEV_W7100 }, { DEV_FURY, DEV_RX580 },
    { DEV_RX580, DEV_W7100 }, { DEV_RX580, DEV_FURY },
    { DEV_W7100, DEV_W7100 }, { DEV_FURY, DEV_FURY },
    { DEV_RX580, DEV_RX580 },
};

static void test_baco_cross(const void *opaque)
{
    const CrossCase *c = opaque;
    TestEnv *env = env_new(c->model);
    AMDResetReport report;
    AMDResetResult result;
    ssize_t gap;

    env->family = *amd_reset_lookup(AMD_RESET_VENDOR_ID, c->tables)->family;
    env_guest_ran(env, 0);
    env->dev.method = AMD_RESET_METHOD_BACO;

    result = env_run(env, &report);

    gap = log_find(env, 0, AMD_GPU_MODEL_SLEEP, 0);
    while (gap >= 0 && log_entry(env, gap).value != AMD_BACO_GAP_US) {
        gap = log_find(env, gap + 1, AMD_GPU_MODEL_SLEEP, 0);
    }
    g_assert_cmpint(gap, >, 0);
    if (c->model == c->tables) {
        g_assert_cmpint(result, ==, AMD_RESET_DONE);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
        assert_power_on_clean(env);
    } else {
        g_assert_cmpint(result, ==, AMD_RESET_TIMEOUT);
        g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
        g_assert_nonnull(report.table);
        g_assert_nonnull(strstr(report.table, "enter_baco"));
        g_assert_cmpuint(report.step, ==, 12);
        g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 0);
        /* never powered down: the guest's state is still there */
        g_assert_true(amd_gpu_model_driver_loaded(env->model));
        g_assert_false(amd_gpu_model_in_baco(env->model));
        /* the exit ran after the gap: eight RMWs and four WAITs */
        g_assert_cmpuint(log_count_kind(env, gap, AMD_GPU_MODEL_MMIO_READ,
                                        0x5394), ==, 12);
        g_assert_cmpuint(log_count_kind(env, gap, AMD_GPU_MODEL_MMIO_WRITE,
                                        0x5394), ==, 8);
        g_assert_cmpint(env->now_ns - START_NS, <=, 500 * MS);
    }
    env_free(env);
}

/* exit_baco and clean on a chip that never powered down (5.7, 5.8) */
static const AMDGPUModelAccess seq_exit_powered[] = {
    SLEEP(20000),
    MMIO_R(0x5394, 0x00041f0b),         /* #1 */
    MMIO_W(0x5394, 0x00041f1b),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x00041f1b),         /* #2 */
    MMIO_W(0x5394, 0x00041f19),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00041f19),         /* #3 */
    MMIO_W(0x5394, 0x00041f11),         /* #3 BACO_POWER_OFF := 0 */
    MMIO_R(0x5394, 0x00041f11),         /* #4 wait PWRGOOD_BF: powered */
    MMIO_R(0x5394, 0x00041f11),         /* #5 */
    MMIO_W(0x5394, 0x00041f15),         /* #5 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041f15),         /* #6 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00041f15),         /* #7 */
    MMIO_W(0x5394, 0x00041f95),         /* #7 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041f95),         /* #8 */
    MMIO_W(0x5394, 0x00001f95),         /* #8 BACO_BIF_SCLK_SWITCH := 0 */
    MMIO_R(0x5394, 0x00001f95),         /* #9 */
    MMIO_W(0x5394, 0x00001f85),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001f85),         /* #10 wait RCU_BIF_CONFIG_DONE */
    MMIO_R(0x5394, 0x00001f85),         /* #11 */
    MMIO_W(0x5394, 0x00001f84),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    MMIO_W(0x173c, 0x00000000),         /* 5.8 #1 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* 5.8 #2 BIOS_SCRATCH_7 := 0 */
    CFG_W(0x04, 2, 0x0000),
};

/*
 * Fault: BACO_MODE never sets.  enter_baco times out at step 12 after
 * its 100 ms, the exit runs anyway and the chip is not left powered down.
 */
static void test_baco_never_enters(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;
    ssize_t first, gap;
    size_t polls;
    int64_t t0, t1;

    amd_gpu_model_set_baco_never_enters(env->model, true);
    env_guest_ran(env, 0);
    env->dev.method = AMD_RESET_METHOD_BACO;

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_nonnull(report.table);
    g_assert_nonnull(strstr(report.table, "enter_baco"));
    g_assert_cmpuint(report.step, ==, 12);

    /* the wait for BACO_MODE: a read per ms for 100 ms */
    first = log_find(env, 0, AMD_GPU_MODEL_SLEEP, 0);
    g_assert_cmpint(first, >, 0);
    g_assert_cmpuint(log_entry(env, first).value, ==, AMD_BACO_POLL_US);
    t0 = log_entry(env, first - 1).time_ns;
    gap = amd_gpu_model_log_count(env->model) - ARRAY_SIZE(seq_exit_powered);
    t1 = log_entry(env, gap - 1).time_ns;
    g_assert_cmpint(t1 - t0, >=, 100 * MS);
    g_assert_cmpint(t1 - t0, <=, 101 * MS);
    /* the reads of the wait, not those of the exit after it */
    polls = log_count_kind(env, first - 1, AMD_GPU_MODEL_MMIO_READ, 0x5394) -
            log_count_kind(env, gap, AMD_GPU_MODEL_MMIO_READ, 0x5394);
    g_assert_cmpuint(polls, >=, 101);
    g_assert_cmpuint(polls, <=, 102);
    g_assert_cmpuint(log_count_kind(env, first - 1, AMD_GPU_MODEL_SLEEP, -1),
                     ==, polls);      /* one per poll but the last, + gap */
    assert_log_tail(env, gap, seq_exit_powered,
                    ARRAY_SIZE(seq_exit_powered));

    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 0);
    g_assert_false(amd_gpu_model_in_baco(env->model));
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_smc_running(env->model));
    g_assert_cmpint(env->now_ns - START_NS, <=, 500 * MS);
    env_free(env);
}

/* Already in BACO: the enter is skipped, the exit brings the chip back */
static const AMDGPUModelAccess seq_baco_resume[] = {
    CFG_R(0x08, 4, 0x03000000),
    CFG_W(0x04, 2, 0x0002),
    MMIO_R(0x5394, 0x00040251),         /* BACO_MODE: in BACO; power */
    SLEEP(20000),
    MMIO_R(0x5394, 0x00040251),         /* 5.7 #1 */
    MMIO_W(0x5394, 0x00040251),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x00040251),         /* #2 */
    MMIO_W(0x5394, 0x00040251),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #3 */
    MMIO_W(0x5394, 0x00040251),         /* #3 BACO_POWER_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #4 wait PWRGOOD_BF */
    MMIO_R(0x5394, 0x00040251),         /* #5 */
    MMIO_W(0x5394, 0x00040255),         /* #5 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041e55),         /* #6 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00041e55),         /* #7 */
    MMIO_W(0x5394, 0x00041ed5),         /* #7 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041ed5),         /* #8 */
    MMIO_W(0x5394, 0x00001ed5),         /* #8 BACO_BIF_SCLK_SWITCH := 0 */
    MMIO_R(0x5394, 0x00001ed5),         /* #9 */
    MMIO_W(0x5394, 0x00001ec5),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001fc5),         /* #10 wait RCU_BIF_CONFIG_DONE */
    MMIO_R(0x5394, 0x00001fc5),         /* #11 */
    MMIO_W(0x5394, 0x00001fc4),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    MMIO_W(0x173c, 0x00000000),         /* 5.8 #1 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* 5.8 #2 BIOS_SCRATCH_7 := 0 */
    CFG_W(0x04, 2, 0x0000),
};

/*
 * Fault: the power never comes back.  The exit gives up at its step 4
 * (PWRGOOD_BF) after 100 ms, so the reset is bounded; the chip stays in
 * BACO and the clean table does not run.  Once the fault is gone, the
 * next reset finds the chip in BACO, skips the enter and brings it back.
 */
static void test_baco_never_exits(void)
{
    TestEnv *env = env_new(DEV_W7100);
    uint32_t scratch[AMD_GPU_MODEL_SCRATCH_COUNT];
    AMDResetReport report;
    AMDGPUModelAccess e;

    amd_gpu_model_set_baco_never_exits(env->model, true);
    env_preset_scratch(env, scratch);
    env_guest_ran(env, 0);
    env->dev.method = AMD_RESET_METHOD_BACO;

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_nonnull(report.table);
    g_assert_nonnull(strstr(report.table, "exit_baco"));
    g_assert_cmpuint(report.step, ==, 4);
    g_assert_cmpint(env->now_ns - START_NS, >=, 120 * MS);
    g_assert_cmpint(env->now_ns - START_NS, <=, 121 * MS);
    e = log_entry(env, amd_gpu_model_log_count(env->model) - 2);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_MMIO_READ, 0x5394));
    g_assert_cmphex(e.value, ==, 0x00040051);     /* no PWRGOOD_BF */
    e = log_entry(env, amd_gpu_model_log_count(env->model) - 1);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_CFG_WRITE, 0x04));

    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 0);
    g_assert_true(amd_gpu_model_in_baco(env->model));
    g_assert_false(amd_gpu_model_driver_loaded(env->model));
    assert_scratch(env, scratch, 0);

    /* the power is back (PWRGOOD_BF at once): the next reset only exits */
    amd_gpu_model_set_baco_never_exits(env->model, false);
    amd_gpu_model_log_clear(env->model);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    assert_log_tail(env, 0, seq_baco_resume, ARRAY_SIZE(seq_baco_resume));
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
    assert_power_on_clean(env);
    assert_scratch(env, scratch, 0x00c0);
    env_free(env);
}

/*
 * Fault: the chip falls off the bus in the middle of a BACO reset.  The
 * first WAIT that reads all-ones asks config space (class code, which
 * the kernel does not virtualize), gets all-ones and ends the reset at
 * once as GONE: nothing but the final command write follows.
 */
typedef struct GoneCase {
    unsigned accesses;              /* before the chip falls off */
    unsigned wait_entry;            /* log index of the all-ones WAIT */
    uint32_t wait_offset;
    int64_t elapsed_ns;
} GoneCase;

#define TONGA_GAP_ENTRY 109         /* SLEEP(20000) in seq_baco_tonga */

static const GoneCase gone_cases[] = {
    /* in gpio_tbl; the first WAIT is use_bclk #6, log entry 26 */
    { .accesses = 10, .wait_entry = 26, .wait_offset = 0x204 },
    /* in exit_baco, after its steps 1-3 (six accesses) */
    {
        .accesses = TONGA_GAP_ENTRY + 6, .wait_entry = TONGA_GAP_ENTRY + 7,
        .wait_offset = 0x5394, .elapsed_ns = 20 * MS,
    },
};

static void test_baco_gone(const void *opaque)
{
    const GoneCase *c = opaque;
    TestEnv *env = env_new(DEV_W7100);
    /* entries that are still those of the full sequence */
    size_t same = MIN(c->accesses, TONGA_GAP_ENTRY) +
                  (c->accesses > TONGA_GAP_ENTRY ?
                   c->accesses - TONGA_GAP_ENTRY + 1 : 0);
    AMDResetReport report;
    const AMDGPUModelAccess tail[] = {
        MMIO_R(c->wait_offset, 0xffffffff),     /* the WAIT: all-ones */
        CFG_R(0x08, 4, 0xffffffff),             /* gone */
        CFG_W(0x04, 2, 0x0000),
    };

    g_assert_cmpint(seq_baco_tonga[TONGA_GAP_ENTRY].kind, ==,
                    AMD_GPU_MODEL_SLEEP);
    amd_gpu_model_set_storage_fill(env->model, BACO_FILL);
    env_guest_ran(env, 0);
    env->dev.method = AMD_RESET_METHOD_BACO;
    amd_gpu_model_set_all_ones_after(env->model, c->accesses);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_GONE);

    /* the full sequence up to the fall, the WAIT, nothing more */
    assert_log_tail(env, c->wait_entry, tail, ARRAY_SIZE(tail));
    {
        g_autofree char *want = format_table(seq_baco_tonga, same);
        g_autofree char *got = amd_gpu_model_log_format(env->model, 0, same);

        g_assert_cmpstr(got, ==, want);
    }
    g_assert_cmpint(env->now_ns - START_NS, ==, c->elapsed_ns);
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==,
                     c->accesses > TONGA_GAP_ENTRY);
    env_free(env);
}

/*
 * "Config reset wears out" (the W7100 report: two resets work, the third
 * leaves a black screen).  Without the VBIOS cap the engine picks the
 * config reset, as amdgpu does, and the third reset times out, bounded.
 */
static void test_wear_config(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;
    unsigned i;

    amd_gpu_model_set_vbios_cap(env->model, false);
    amd_gpu_model_set_config_reset_wear(env->model, 2);
    env_choose(env, AMD_RESET_METHOD_CHOICE_AUTO);
    g_assert_cmpint(env->dev.method, ==, AMD_RESET_METHOD_CONFIG);
    g_assert_false(env->dev.baco_fallback);

    for (i = 1; i <= 3; i++) {
        int64_t start = env->now_ns;

        env_guest_ran(env, 0);
        if (i < 3) {
            g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
            g_assert_true(amd_gpu_model_is_clean(env->model));
            g_assert_false(amd_gpu_model_in_reset(env->model));
            continue;
        }
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
        g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_CONFIG);
        g_assert_true(amd_gpu_model_in_reset(env->model));
        g_assert_cmpint(env->now_ns - start, <=,
                        (env->family.settle_us + env->family.ready_timeout_us
                         + AMD_RESET_POLL_US) * 1000LL);
    }
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 3);
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 0);

    /* a power cycle (host reboot) brings it back, twice more */
    amd_gpu_model_power_cycle(env->model);
    g_assert_false(amd_gpu_model_in_reset(env->model));
    env_guest_ran(env, 0);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    env_free(env);
}

/* With the cap: BACO every time, twenty resets, each power-on clean */
static void test_wear_baco(const void *opaque)
{
    uint16_t device = GPOINTER_TO_UINT(opaque);
    TestEnv *env = env_new(device);
    AMDResetReport report;
    unsigned i;

    amd_gpu_model_set_config_reset_wear(env->model, 2);
    env_choose(env, AMD_RESET_METHOD_CHOICE_AUTO);
    g_assert_cmpint(env->dev.method, ==, AMD_RESET_METHOD_BACO);

    for (i = 1; i <= 20; i++) {
        env_guest_ran(env, 0);
        amd_gpu_model_set_scratch(env->model, 6, 0x1234);
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
        g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, i);
        assert_power_on_clean(env);
        g_assert_cmphex(amd_gpu_model_scratch(env->model, 6), ==, 0);
        g_assert_cmphex(amd_gpu_model_scratch(env->model, 7), ==, 0);
    }
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    env_free(env);
}

/*
 * VBIOS unreadable, strap set: the config reset first, BACO when it times
 * out.  The third config reset wears out and BACO, run right away without
 * an SMC reset, brings the chip back.
 */
static void test_wear_fallback(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;
    ssize_t trigger, baco;
    AMDGPUModelAccess e;
    unsigned i;

    amd_gpu_model_set_vbios(env->model, NULL, 0);
    amd_gpu_model_set_config_reset_wear(env->model, 2);
    env_choose(env, AMD_RESET_METHOD_CHOICE_AUTO);
    g_assert_cmpint(env->dev.method, ==, AMD_RESET_METHOD_CONFIG);
    g_assert_true(env->dev.baco_fallback);

    for (i = 1; i <= 3; i++) {
        env_guest_ran(env, 0);
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
        g_assert_cmpint(report.method, ==, i < 3 ? AMD_RESET_METHOD_CONFIG :
                        AMD_RESET_METHOD_BACO);
        g_assert_false(amd_gpu_model_in_reset(env->model));
        g_assert_true(amd_gpu_model_is_clean(env->model));
        g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, i == 3);
    }
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 3);

    /* the last poll, its presence check, then BACO: no SMC reset between */
    trigger = log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c);
    baco = log_find(env, 0, AMD_GPU_MODEL_MMIO_READ, 0x5394);
    g_assert_cmpint(trigger, >, 0);
    g_assert_cmpint(baco, >, trigger);
    e = log_entry(env, baco - 2);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_MMIO_READ, 0x5428));
    g_assert_cmphex(e.value, ==, ALL_ONES);
    e = log_entry(env, baco - 1);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_CFG_READ, 0x08));
    g_assert_cmpuint(log_count_kind(env, trigger, AMD_GPU_MODEL_MMIO_WRITE,
                                    0x204), ==,
                     log_count_kind(env, baco, AMD_GPU_MODEL_MMIO_WRITE,
                                    0x204));
    g_assert_cmpint(env->now_ns - log_entry(env, trigger).time_ns, <=,
                    (env->family.settle_us + env->family.ready_timeout_us +
                     AMD_RESET_POLL_US + AMD_BACO_TOTAL_US) * 1000LL);
    env_free(env);
}

/*
 * A chip that never answers: every BAR5 read returns 0x10, which no WAIT
 * of the tables accepts (no SPLL_CHG_STATUS, no BACO_BIF_SCLK_SWITCH, no
 * PWRGOOD_BF, Polaris's bit 4 never clears).  The whole BACO reset stays
 * within 500 ms; with waits allowed 300 ms each, the phase deadlines cut
 * them: the enter ends at 380 ms, the gap, the exit at exactly 500 ms.
 */
typedef struct BoundCase {
    uint16_t device;
    uint32_t wait_timeout_us;       /* 0: the family's */
    int64_t min_ns, max_ns;
} BoundCase;

static const BoundCase bound_cases[] = {
    /* Tonga: use_bclk #6, enter_baco #3, gap, exit_baco #4 */
    { DEV_W7100, 0, 320 * MS, 323 * MS },
    /* Polaris: turn_off_plls #6, enter_baco #3, gap, exit_baco #4 */
    { DEV_RX580, 0, 320 * MS, 323 * MS },
    { DEV_W7100, 300000, 500 * MS, 500 * MS },
    { DEV_FURY, 300000, 500 * MS, 500 * MS },
};

static void test_baco_bound(const void *opaque)
{
    const BoundCase *c = opaque;
    TestEnv *env = env_new(c->device);
    AMDResetReport report;

    env_guest_ran(env, 0);
    env->dev.method = AMD_RESET_METHOD_BACO;
    if (c->wait_timeout_us) {
        env->family.baco_wait_timeout_us = c->wait_timeout_us;
    }
    env->frozen = true;
    env->frozen_value = 0x10;

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_nonnull(report.table);
    g_assert_cmpuint(report.step, >, 0);
    g_assert_cmpint(env->now_ns - START_NS, >=, c->min_ns);
    g_assert_cmpint(env->now_ns - START_NS, <=, c->max_ns);
    g_assert_cmpint(env->now_ns - START_NS, <=, AMD_BACO_TOTAL_US * 1000LL);
    /* at most one read per ms of polling, plus the other steps' */
    g_assert_cmpuint(env->frozen_reads, <=, 500 + 100);
    env_free(env);
}

/* The same on the real clock: 500 ms of wall time, and not much more */
static void test_baco_bound_real_clock(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;
    int64_t start, elapsed_us;

    amd_gpu_model_set_clock(env->model, NULL, NULL);
    env_guest_ran(env, 0);
    env->dev.ops = &real_ops;
    env->dev.method = AMD_RESET_METHOD_BACO;
    env->family.baco_wait_timeout_us = 300000;
    env->frozen = true;
    env->frozen_value = 0x10;

    start = g_get_monotonic_time();
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    elapsed_us = g_get_monotonic_time() - start;

    g_assert_cmpint(elapsed_us, >=, AMD_BACO_TOTAL_US - 1000);
    /* one poll's oversleep, generously */
    g_assert_cmpint(elapsed_us, <, AMD_BACO_TOTAL_US + 100000);
    env_free(env);
}

/*
 * Method choice (amd_reset_choose), as amdgpu's vi_asic_reset_method():
 * BACO iff the family has it, the strap is set and the VBIOS has the cap;
 * a config reset that may escalate to BACO when the VBIOS could not be
 * read; errors for what cannot be honoured.
 */
typedef struct ChooseCase {
    bool strap;
    AMDVbiosCap cap;
    AMDResetMethodChoice choice;
    bool ok;
    AMDResetMethod method;
    bool fallback;
    const char *error;              /* in the message */
} ChooseCase;

#define CAP_U   AMD_VBIOS_CAP_UNKNOWN
#define CAP_A   AMD_VBIOS_CAP_ABSENT
#define CAP_P   AMD_VBIOS_CAP_PRESENT
#define CH_AUTO AMD_RESET_METHOD_CHOICE_AUTO
#define CH_BACO AMD_RESET_METHOD_CHOICE_BACO
#define CH_CFG  AMD_RESET_METHOD_CHOICE_CONFIG
#define M_CFG   AMD_RESET_METHOD_CONFIG
#define M_BACO  AMD_RESET_METHOD_BACO

/* Tonga, Fiji, Polaris */
static const ChooseCase choose_baco_family[] = {
    { false, CAP_U, CH_AUTO, true, M_CFG, false },
    { false, CAP_U, CH_BACO, false, .error = "strap" },
    { false, CAP_U, CH_CFG, true, M_CFG, false },
    { false, CAP_A, CH_AUTO, true, M_CFG, false },
    { false, CAP_A, CH_BACO, false, .error = "strap" },
    { false, CAP_A, CH_CFG, true, M_CFG, false },
    { false, CAP_P, CH_AUTO, true, M_CFG, false },
    { false, CAP_P, CH_BACO, false, .error = "strap" },
    { false, CAP_P, CH_CFG, true, M_CFG, false },
    { true, CAP_U, CH_AUTO, true, M_CFG, true },
    { true, CAP_U, CH_BACO, true, M_BACO, false },
    { true, CAP_U, CH_CFG, true, M_CFG, false },
    { true, CAP_A, CH_AUTO, true, M_CFG, false },
    { true, CAP_A, CH_BACO, true, M_BACO, false },
    { true, CAP_A, CH_CFG, true, M_CFG, false },
    { true, CAP_P, CH_AUTO, true, M_BACO, false },
    { true, CAP_P, CH_BACO, true, M_BACO, false },
    { true, CAP_P, CH_CFG, true, M_CFG, false },
};

/* CIK: no BACO in this series */
static const ChooseCase choose_config_family[] = {
    { false, CAP_U, CH_AUTO, true, M_CFG, false },
    { false, CAP_U, CH_BACO, false, .error = "BACO" },
    { false, CAP_U, CH_CFG, true, M_CFG, false },
    { false, CAP_A, CH_AUTO, true, M_CFG, false },
    { false, CAP_A, CH_BACO, false, .error = "BACO" },
    { false, CAP_A, CH_CFG, true, M_CFG, false },
    { false, CAP_P, CH_AUTO, true, M_CFG, false },
    { false, CAP_P, CH_BACO, false, .error = "BACO" },
    { false, CAP_P, CH_CFG, true, M_CFG, false },
    { true, CAP_U, CH_AUTO, true, M_CFG, false },
    { true, CAP_U, CH_BACO, false, .error = "BACO" },
    { true, CAP_U, CH_CFG, true, M_CFG, false },
    { true, CAP_A, CH_AUTO, true, M_CFG, false },
    { true, CAP_A, CH_BACO, false, .error = "BACO" },
    { true, CAP_A, CH_CFG, true, M_CFG, false },
    { true, CAP_P, CH_AUTO, true, M_CFG, false },
    { true, CAP_P, CH_BACO, false, .error = "BACO" },
    { true, CAP_P, CH_CFG, true, M_CFG, false },
};

static void check_choose(uint16_t device, const ChooseCase *cases,
                         size_t count)
{
    const AMDResetFamily *family =
        amd_reset_lookup(AMD_RESET_VENDOR_ID, device)->family;
    size_t i;

    for (i = 0; i < count; i++) {
        const ChooseCase *c = &cases[i];
        AMDResetMethod method = AMD_RESET_METHOD_NONE;
        bool fallback = !c->fallback;
        const char *why = NULL;
        Error *err = NULL;
        bool ok;

        g_test_message("%s: strap %d, cap %d, choice %s", family->name,
                       c->strap, c->cap,
                       amd_reset_method_choice_str[c->choice]);
        ok = amd_reset_choose(family, c->choice, c->strap, c->cap, &method,
                              &fallback, &why, &err);
        g_assert_cmpint(ok, ==, c->ok);
        if (!ok) {
            g_assert_nonnull(err);
            g_assert_nonnull(strstr(error_get_pretty(err), c->error));
            error_free(err);
            continue;
        }
        g_assert_null(err);
        g_assert_cmpint(method, ==, c->method);
        g_assert_cmpint(fallback, ==, c->fallback);
        g_assert_nonnull(why);
        g_assert_cmpuint(strlen(why), >, 0);
    }
}

static void test_choose(void)
{
    check_choose(DEV_W7100, choose_baco_family,
                 ARRAY_SIZE(choose_baco_family));
    check_choose(DEV_FURY, choose_baco_family,
                 ARRAY_SIZE(choose_baco_family));
    check_choose(DEV_RX580, choose_baco_family,
                 ARRAY_SIZE(choose_baco_family));
    check_choose(DEV_HAWAII, choose_config_family,
                 ARRAY_SIZE(choose_config_family));
    check_choose(0x6649, choose_config_family,             /* Bonaire */
                 ARRAY_SIZE(choose_config_family));
}

/* The strap read: decode on for one read of CC_BIF_BX_FUSESTRAP0 */
static void test_read_strap(void)
{
    TestEnv *env = env_new(DEV_W7100);
    static const AMDGPUModelAccess set[] = {
        CFG_W(0x04, 2, 0x0002),
        MMIO_R(0x535c, 0x00000002),     /* STRAP_BIF_PX_CAPABLE */
        CFG_W(0x04, 2, 0x0000),
    };
    static const AMDGPUModelAccess clear[] = {
        CFG_W(0x04, 2, 0x0002),
        MMIO_R(0x535c, 0x00000000),
        CFG_W(0x04, 2, 0x0000),
    };
    static const AMDGPUModelAccess gone[] = {
        CFG_W(0x04, 2, 0x0002),
        MMIO_R(0x535c, 0xffffffff),
        CFG_W(0x04, 2, 0x0000),
    };

    g_assert_true(amd_reset_read_strap(&env->dev));
    assert_log_tail(env, 0, set, ARRAY_SIZE(set));

    amd_gpu_model_log_clear(env->model);
    amd_gpu_model_set_strap(env->model, false);
    g_assert_false(amd_reset_read_strap(&env->dev));
    assert_log_tail(env, 0, clear, ARRAY_SIZE(clear));

    amd_gpu_model_log_clear(env->model);
    amd_gpu_model_set_strap(env->model, true);
    amd_gpu_model_set_all_ones(env->model, true);
    g_assert_false(amd_reset_read_strap(&env->dev));
    assert_log_tail(env, 0, gone, ARRAY_SIZE(gone));
    env_free(env);
}

/*
 * VBIOS parser (amd-baco-facts.md section 8): images from the model's
 * builder, corrupted one field at a time.  Each image is a buffer of
 * exactly its length, so that ASan sees any read past it.
 */
typedef enum VbiosEdit {
    VB_AS_BUILT,
    VB_BAD_55,                      /* ROM+0 */
    VB_BAD_AA,                      /* ROM+1 */
    VB_BAD_ATOMBIOS_SIG,            /* " 761295520" at 0x30 */
    VB_HEADER_ZERO,                 /* u16 at 0x48 */
    VB_HEADER_PAST_END,
    VB_HEADER_AT_END,               /* "ATOM" would run past the end */
    VB_BAD_ATOM,
    VB_MOTA,                        /* also accepted */
    VB_MDT_ZERO,
    VB_MDT_PAST_END,
    VB_MDT_AT_END,                  /* entry 15 would be past the end */
    VB_PP_ZERO,                     /* no PowerPlay table */
    VB_PP_PAST_END,
    VB_PP_AT_END,                   /* usStructureSize past the end */
    VB_SIZE_PAST_END,               /* the table runs past the end */
    VB_SIZE_SHORT,                  /* V1 36, V0 24 */
    VB_SIZE_MIN,                    /* V1 37, V0 25 */
    VB_REVISION_6,                  /* V1 only */
    VB_REVISION_8,
    VB_STATES_ZERO_OFFSET,
    VB_STATES_PAST_END,
    VB_STATES_NO_ENTRIES,
    VB_TRUNCATED,                   /* one byte short */
    VB_CAP_AT_OTHER_OFFSET,         /* where the other format has it */
    VB_PARSE_AS_OTHER,              /* the other format's parser */
    VB_EMPTY,
} VbiosEdit;

typedef struct VbiosCase {
    const char *name;
    AMDPPTableFormat format;
    bool cap;
    bool table_at_end;
    VbiosEdit edit;
    AMDVbiosCap expect;
} VbiosCase;

#define V0      AMD_PPTABLE_V0
#define V1      AMD_PPTABLE_V1

static const VbiosCase vbios_cases[] = {
    { "v1-cap", V1, true, false, VB_AS_BUILT, CAP_P },
    { "v1-no-cap", V1, false, false, VB_AS_BUILT, CAP_A },
    { "v0-cap", V0, true, false, VB_AS_BUILT, CAP_P },
    { "v0-no-cap", V0, false, false, VB_AS_BUILT, CAP_A },
    { "v1-at-end", V1, true, true, VB_AS_BUILT, CAP_P },
    { "v0-at-end", V0, true, true, VB_AS_BUILT, CAP_P },
    { "v1-at-end-truncated", V1, true, true, VB_TRUNCATED, CAP_U },
    { "v0-at-end-truncated", V0, true, true, VB_TRUNCATED, CAP_U },
    { "bad-55", V1, true, false, VB_BAD_55, CAP_U },
    { "bad-aa", V1, true, false, VB_BAD_AA, CAP_U },
    { "bad-atombios-signature", V1, true, false, VB_BAD_ATOMBIOS_SIG,
      CAP_U },
    { "header-zero", V1, true, false, VB_HEADER_ZERO, CAP_U },
    { "header-past-end", V1, true, false, VB_HEADER_PAST_END, CAP_U },
    { "header-at-end", V1, true, false, VB_HEADER_AT_END, CAP_U },
    { "bad-atom", V1, true, false, VB_BAD_ATOM, CAP_U },
    { "mota", V1, true, false, VB_MOTA, CAP_P },
    { "mdt-zero", V1, true, false, VB_MDT_ZERO, CAP_U },
    { "mdt-past-end", V1, true, false, VB_MDT_PAST_END, CAP_U },
    { "mdt-at-end", V1, true, false, VB_MDT_AT_END, CAP_U },
    { "v1-no-powerplay", V1, true, false, VB_PP_ZERO, CAP_A },
    { "v0-no-powerplay", V0, true, false, VB_PP_ZERO, CAP_A },
    { "v1-pp-past-end", V1, true, false, VB_PP_PAST_END, CAP_U },
    { "v0-pp-past-end", V0, true, false, VB_PP_PAST_END, CAP_U },
    { "v1-pp-at-end", V1, true, false, VB_PP_AT_END, CAP_U },
    { "v0-pp-at-end", V0, true, false, VB_PP_AT_END, CAP_U },
    { "v1-table-past-end", V1, true, false, VB_SIZE_PAST_END, CAP_U },
    { "v0-table-past-end", V0, true, false, VB_SIZE_PAST_END, CAP_U },
    { "v1-short-table", V1, true, false, VB_SIZE_SHORT, CAP_U },
    { "v0-short-table", V0, true, false, VB_SIZE_SHORT, CAP_U },
    { "v1-min-table", V1, true, false, VB_SIZE_MIN, CAP_P },
    { "v0-min-table", V0, true, false, VB_SIZE_MIN, CAP_P },
    { "v1-revision-6", V1, true, false, VB_REVISION_6, CAP_U },
    { "v1-revision-8", V1, true, false, VB_REVISION_8, CAP_P },
    { "v0-revision-6", V0, true, false, VB_REVISION_6, CAP_P },
    { "v1-states-offset-zero", V1, true, false, VB_STATES_ZERO_OFFSET,
      CAP_U },
    { "v1-states-past-end", V1, true, false, VB_STATES_PAST_END, CAP_U },
    { "v1-states-no-entries", V1, true, false, VB_STATES_NO_ENTRIES,
      CAP_U },
    { "v1-cap-at-v0-offset", V1, true, false, VB_CAP_AT_OTHER_OFFSET,
      CAP_A },
    { "v0-cap-at-v1-offset", V0, true, false, VB_CAP_AT_OTHER_OFFSET,
      CAP_A },
    { "v1-image-as-v0", V1, true, false, VB_PARSE_AS_OTHER, CAP_A },
    { "v0-image-as-v1", V0, true, false, VB_PARSE_AS_OTHER, CAP_U },
    { "empty", V1, true, false, VB_EMPTY, CAP_U },
};

#define VBIOS_TEST_SIZE 0x1000

static void test_vbios(const void *opaque)
{
    const VbiosCase *c = opaque;
    AMDGPUModelVbiosSpec spec = {
        .format = c->format,
        .baco_cap = c->cap,
        .other_caps = 0x2 | 0x8000,     /* POWERPLAY, VDDCI_CONTROL */
        .size = VBIOS_TEST_SIZE,
        .table_at_end = c->table_at_end,
    };
    AMDGPUModelVbiosLayout l;
    g_autofree uint8_t *rom = amd_gpu_model_vbios_build(&spec, &l);
    g_autofree uint8_t *image = NULL;
    size_t len = l.size, pp = l.powerplay;
    size_t other = c->format == V1 ? pp + 21 : pp + 19;
    AMDPPTableFormat format = c->format;
    const char *why = NULL;
    AMDVbiosCap cap;

    g_assert_cmpuint(l.size, ==, VBIOS_TEST_SIZE);
    switch (c->edit) {
    case VB_AS_BUILT:
        break;
    case VB_BAD_55:
        rom[0] = 0x56;
        break;
    case VB_BAD_AA:
        rom[1] = 0xab;
        break;
    case VB_BAD_ATOMBIOS_SIG:
        rom[0x30 + 9] = '1';
        break;
    case VB_HEADER_ZERO:
        stw_le_p(rom + 0x48, 0);
        break;
    case VB_HEADER_PAST_END:
        stw_le_p(rom + 0x48, 0xfff0);
        break;
    case VB_HEADER_AT_END:
        stw_le_p(rom + 0x48, len - 6);
        memcpy(rom + len - 2, "AT", 2);
        break;
    case VB_BAD_ATOM:
        rom[l.header + 4 + 3] = 'N';
        break;
    case VB_MOTA:
        memcpy(rom + l.header + 4, "MOTA", 4);
        break;
    case VB_MDT_ZERO:
        stw_le_p(rom + l.header + 0x20, 0);
        break;
    case VB_MDT_PAST_END:
        stw_le_p(rom + l.header + 0x20, 0xff00);
        break;
    case VB_MDT_AT_END:
        /* the header fits, entry 15 at mdt + 0x22 does not */
        stw_le_p(rom + l.header + 0x20, len - 0x22);
        break;
    case VB_PP_ZERO:
        stw_le_p(rom + l.master_data + 0x22, 0);
        break;
    case VB_PP_PAST_END:
        stw_le_p(rom + l.master_data + 0x22, 0xfffe);
        break;
    case VB_PP_AT_END:
        stw_le_p(rom + l.master_data + 0x22, len - 1);
        break;
    case VB_SIZE_PAST_END:
        stw_le_p(rom + pp, len - pp + 1);
        break;
    case VB_SIZE_SHORT:
        stw_le_p(rom + pp, c->format == V1 ? 36 : 24);
        break;
    case VB_SIZE_MIN:
        stw_le_p(rom + pp, c->format == V1 ? 37 : 25);
        break;
    case VB_REVISION_6:
        rom[pp + 2] = 6;
        break;
    case VB_REVISION_8:
        rom[pp + 2] = 8;
        break;
    case VB_STATES_ZERO_OFFSET:
        stw_le_p(rom + pp + 35, 0);
        break;
    case VB_STATES_PAST_END:
        /* byte 0 of the array is the last byte, ucNumEntries is past it */
        stw_le_p(rom + pp + 35, len - 1 - pp);
        break;
    case VB_STATES_NO_ENTRIES:
        rom[l.state_array + 1] = 0;
        break;
    case VB_TRUNCATED:
        len--;
        break;
    case VB_CAP_AT_OTHER_OFFSET:
        /* the two words overlap: caps without BACO, then BACO beside */
        stl_le_p(rom + l.caps, spec.other_caps);
        stl_le_p(rom + other, 0x00020000);
        break;
    case VB_PARSE_AS_OTHER:
        format = c->format == V1 ? V0 : V1;
        break;
    case VB_EMPTY:
        len = 0;
        break;
    }

    image = len ? g_memdup2(rom, len) : NULL;
    cap = amd_vbios_baco_cap(image, len, format, &why);
    if (cap == AMD_VBIOS_CAP_UNKNOWN) {
        g_assert_nonnull(why);
        g_test_message("%s: unknown: %s", c->name, why);
    }
    g_assert_cmpint(cap, ==, c->expect);
    if (c->edit == VB_CAP_AT_OTHER_OFFSET && c->format == V1) {
        /* the V0 parser finds it where it looks */
        g_assert_cmpint(amd_vbios_baco_cap(image, len, V0, &why), ==,
                        CAP_P);
    }
}

/* Device table: amd-reset-facts.md section 6, issues 10 and 11 */
typedef struct ListedId {
    uint16_t device;
    const char *family;
} ListedId;

static const ListedId listed_ids[] = {
    /* upstream QEMU */
    { 0x6649, "CIK" }, { 0x6650, "CIK" }, { 0x6651, "CIK" },
    { 0x6658, "CIK" }, { 0x665c, "CIK" }, { 0x665d, "CIK" },
    { 0x67a0, "CIK" }, { 0x67a1, "CIK" }, { 0x67a2, "CIK" },
    { 0x67a8, "CIK" }, { 0x67a9, "CIK" }, { 0x67aa, "CIK" },
    { 0x67b0, "CIK" }, { 0x67b1, "CIK" }, { 0x67b8, "CIK" },
    { 0x67b9, "CIK" }, { 0x67ba, "CIK" }, { 0x67be, "CIK" },
    /* Bonaire additions */
    { 0x665f, "CIK" }, { 0x6640, "CIK" }, { 0x6641, "CIK" },
    { 0x6646, "CIK" }, { 0x6647, "CIK" },
    /* Tonga */
    { 0x6920, "Tonga" }, { 0x6921, "Tonga" }, { 0x6928, "Tonga" },
    { 0x6929, "Tonga" }, { 0x692b, "Tonga" }, { 0x6930, "Tonga" },
    { 0x6938, "Tonga" }, { 0x6939, "Tonga" }, { 0x693b, "Tonga" },
    /* Fiji */
    { 0x7300, "Fiji" }, { 0x730f, "Fiji" },
    /* Polaris10 */
    { 0x67c0, "Polaris" }, { 0x67c1, "Polaris" }, { 0x67c2, "Polaris" },
    { 0x67c4, "Polaris" }, { 0x67c7, "Polaris" }, { 0x67c8, "Polaris" },
    { 0x67c9, "Polaris" }, { 0x67ca, "Polaris" }, { 0x67cc, "Polaris" },
    { 0x67cf, "Polaris" }, { 0x67d0, "Polaris" }, { 0x67df, "Polaris" },
    { 0x6fdf, "Polaris" },
    /* Polaris11 */
    { 0x67e0, "Polaris" }, { 0x67e1, "Polaris" }, { 0x67e3, "Polaris" },
    { 0x67e7, "Polaris" }, { 0x67e8, "Polaris" }, { 0x67e9, "Polaris" },
    { 0x67eb, "Polaris" }, { 0x67ef, "Polaris" }, { 0x67ff, "Polaris" },
    /* Polaris12 */
    { 0x6980, "Polaris" }, { 0x6981, "Polaris" }, { 0x6985, "Polaris" },
    { 0x6986, "Polaris" }, { 0x6987, "Polaris" }, { 0x6995, "Polaris" },
    { 0x6997, "Polaris" }, { 0x699f, "Polaris" },
};

static const uint16_t unlisted_ids[] = {
    0x692f,                         /* S7150V, MxGPU VF */
    0x6900, 0x6901, 0x6902, 0x6903, 0x6907,     /* Topaz */
    0x694c, 0x694e, 0x694f,         /* VegaM: amdgpu does not BACO it */
    0x687f,                         /* Vega 10 */
    0xaac8, 0xaad8, 0xaae8, 0xaaf0, /* HDMI audio functions */
};

static void test_table(void)
{
    const AMDResetDeviceId *id;
    const AMDResetFamily *polaris = NULL;
    size_t i;

    g_assert_cmpuint(amd_reset_ids_count, ==, ARRAY_SIZE(listed_ids));
    for (i = 0; i < amd_reset_ids_count; i++) {
        const AMDResetDeviceId *e = &amd_reset_ids[i];

        g_assert_cmphex(e->vendor, ==, 0x1002);
        g_assert_nonnull(e->name);
        g_assert_cmpuint(strlen(e->name), >, 0);
        g_assert_nonnull(e->family);
        g_assert_true(amd_reset_lookup(e->vendor, e->device) == e);
        if (i > 0) {
            g_assert_cmphex(amd_reset_ids[i - 1].device, <, e->device);
        }
    }

    for (i = 0; i < ARRAY_SIZE(listed_ids); i++) {
        id = amd_reset_lookup(0x1002, listed_ids[i].device);
        if (!id) {
            g_test_message("missing 1002:%04x", listed_ids[i].device);
        }
        g_assert_nonnull(id);
        g_assert_cmphex(id->device, ==, listed_ids[i].device);
        g_assert_cmpstr(id->family->name, ==, listed_ids[i].family);
        if (!strcmp(listed_ids[i].family, "Polaris")) {
            /* one family for Polaris10/11/12: they share the tables */
            g_assert_true(!polaris || polaris == id->family);
            polaris = id->family;
        }
    }
    for (i = 0; i < ARRAY_SIZE(unlisted_ids); i++) {
        g_assert_null(amd_reset_lookup(0x1002, unlisted_ids[i]));
    }
    g_assert_null(amd_reset_lookup(0x10de, 0x692b));
}

/* Families as data: methods in order, table format, BACO tables, timing */
typedef struct FamilyCase {
    uint16_t device;
    const char *name;
    AMDResetMethod methods[AMD_RESET_MAX_METHODS];
    AMDPPTableFormat pptable;
    size_t enter_tables;            /* section 4 */
    size_t exit_tables;
} FamilyCase;

static const FamilyCase family_cases[] = {
    { DEV_HAWAII, "CIK", { M_CFG, AMD_RESET_METHOD_NONE }, V0, 0, 0 },
    { DEV_W7100, "Tonga", { M_BACO, M_CFG }, V1, 5, 2 },
    { DEV_FURY, "Fiji", { M_BACO, M_CFG }, V1, 6, 2 },
    { DEV_RX580, "Polaris", { M_BACO, M_CFG }, V1, 6, 2 },
};

static void test_families(void)
{
    size_t i, j;

    for (i = 0; i < ARRAY_SIZE(family_cases); i++) {
        const FamilyCase *c = &family_cases[i];
        const AMDResetFamily *f =
            amd_reset_lookup(AMD_RESET_VENDOR_ID, c->device)->family;

        g_assert_cmpstr(f->name, ==, c->name);
        for (j = 0; j < AMD_RESET_MAX_METHODS; j++) {
            g_assert_cmpint(f->methods[j], ==, c->methods[j]);
        }
        g_assert_cmpint(f->pptable, ==, c->pptable);
        g_assert_cmpuint(f->settle_us, ==, 100);
        g_assert_cmpuint(f->ready_timeout_us, ==, 100000);
        if (!c->enter_tables) {
            g_assert_null(f->baco);
            continue;
        }
        g_assert_nonnull(f->baco);
        g_assert_cmpuint(f->baco->enter_count, ==, c->enter_tables);
        g_assert_cmpuint(f->baco->exit_count, ==, c->exit_tables);
        /* issue 10: each WAIT 100 ms, all of it 500 ms, 20 ms gap */
        g_assert_cmpuint(f->baco_wait_timeout_us, ==, 100000);
        g_assert_cmpuint(f->baco_total_us, ==, 500000);
        g_assert_cmpuint(f->baco_gap_us, ==, 20000);
        g_assert_cmpuint(f->baco_poll_us, ==, 1000);
        for (j = 0; j < f->baco->enter_count; j++) {
            const AMDRegTable *t = &f->baco->enter[j];
            size_t k, steps = 0;

            g_assert_nonnull(t->name);
            for (k = 0; k < AMD_REG_TABLE_MAX_PARTS; k++) {
                steps += t->parts[k].count;
            }
            g_assert_cmpuint(steps, >, 0);
        }
        g_assert_nonnull(strstr(f->baco->enter[c->enter_tables - 1].name,
                                "enter_baco"));
        g_assert_nonnull(strstr(f->baco->exit[0].name, "exit_baco"));
    }
}

static void test_policy(void)
{
    const AMDResetFamily *family = NULL;
    Error *err = NULL;
    const char *msg;

    /* auto: the table decides */
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x692b,
                                   &family, &error_abort));
    g_assert_true(family == amd_reset_lookup(0x1002, 0x692b)->family);
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x67df,
                                   &family, &error_abort));
    g_assert_cmpstr(family->name, ==, "Polaris");
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x687f,
                                   &family, &error_abort));
    g_assert_null(family);
    family = amd_reset_lookup(0x1002, 0x692b)->family;
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x10de, 0x692b,
                                   &family, &error_abort));
    g_assert_null(family);

    /* off: never, even for a listed device */
    family = amd_reset_lookup(0x1002, 0x692b)->family;
    g_assert_true(amd_reset_select(ON_OFF_AUTO_OFF, 0x1002, 0x692b,
                                   &family, &error_abort));
    g_assert_null(family);

    /* on: the table family, or CIK's config reset for an unlisted GPU */
    g_assert_true(amd_reset_select(ON_OFF_AUTO_ON, 0x1002, 0x7300,
                                   &family, &error_abort));
    g_assert_cmpstr(family->name, ==, "Fiji");
    g_assert_true(amd_reset_select(ON_OFF_AUTO_ON, 0x1002, 0x6900,
                                   &family, &error_abort));
    g_assert_true(family == amd_reset_lookup(0x1002, 0x67b0)->family);
    g_assert_cmpint(family->methods[0], ==, AMD_RESET_METHOD_CONFIG);

    /* on, but not an AMD GPU: a user error */
    g_assert_false(amd_reset_select(ON_OFF_AUTO_ON, 0x10de, 0x692b,
                                    &family, &err));
    g_assert_nonnull(err);
    g_assert_null(family);
    msg = error_get_pretty(err);
    g_assert_nonnull(strstr(msg, "x-amd-reset"));
    g_assert_nonnull(strstr(msg, "10de:692b"));
    g_assert_nonnull(strstr(msg, "0x1002"));
    error_free(err);
}

static void test_result_str(void)
{
    static const AMDResetResult results[] = {
        AMD_RESET_DONE, AMD_RESET_SKIPPED, AMD_RESET_NO_SMC,
        AMD_RESET_TIMEOUT, AMD_RESET_GONE,
    };
    static const AMDResetMethod methods[] = {
        AMD_RESET_METHOD_CONFIG, AMD_RESET_METHOD_BACO,
    };
    size_t i, j;

    for (i = 0; i < ARRAY_SIZE(results); i++) {
        g_assert_nonnull(amd_reset_result_str(results[i]));
        for (j = 0; j < i; j++) {
            g_assert_cmpstr(amd_reset_result_str(results[i]), !=,
                            amd_reset_result_str(results[j]));
        }
    }
    g_assert_cmpstr(amd_reset_method_str(methods[0]), !=,
                    amd_reset_method_str(methods[1]));
    for (i = 0; i < AMD_RESET_METHOD_CHOICE__MAX; i++) {
        g_assert_nonnull(amd_reset_method_choice_str[i]);
    }
    g_assert_cmpstr(amd_reset_method_choice_str[CH_AUTO], ==, "auto");
    g_assert_cmpstr(amd_reset_method_choice_str[CH_BACO], ==, "baco");
    g_assert_cmpstr(amd_reset_method_choice_str[CH_CFG], ==, "config");
}

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

    /* fresh chip: SMC runs; fuse 1 ^ misc 1 -> whole GPU */
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
    g_assert_cmphex(amd_gpu_model_smc_peek(m, ixSMC_PC_C), ==,
                    AMD_GPU_MODEL_FIRMWARE_PC);
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
    g_assert_true(amd_gpu_model_smc_running(m));

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
    g_assert_cmpint(amd_vbios_baco_cap(rom, len, V1, &why), ==, CAP_P);

    g_assert_true(amd_gpu_model_rom_read(hawaii, 0, rom, len));
    g_assert_cmpint(amd_vbios_baco_cap(rom, len, V0, &why), ==, CAP_A);

    amd_gpu_model_set_vbios_cap(m, false);
    g_assert_true(amd_gpu_model_rom_read(m, 0, rom, len));
    g_assert_cmpint(amd_vbios_baco_cap(rom, len, V1, &why), ==, CAP_A);

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

static void add_case(const char *fmt, const char *name, const void *data,
                     GTestDataFunc fn)
{
    g_autofree char *path = g_strdup_printf(fmt, name);

    g_test_add_data_func(path, data, fn);
}

int main(int argc, char **argv)
{
    static const char *const seq_names[] = {
        "w7100-fuse0-toggle", "w7100-fuse1-no-toggle",
        "hawaii-fuse0-two-polls", "hawaii-fuse1-toggle-to-zero",
    };
    static const char *const no_smc_names[] = {
        "stopped", "clock-off", "pc-low",
    };
    static const char *const baco_names[] = { "tonga", "fiji", "polaris" };
    static const char *const cross_names[] = {
        "tonga-model-fiji-tables", "tonga-model-polaris-tables",
        "fiji-model-tonga-tables", "fiji-model-polaris-tables",
        "polaris-model-tonga-tables", "polaris-model-fiji-tables",
        "tonga-model-tonga-tables", "fiji-model-fiji-tables",
        "polaris-model-polaris-tables",
    };
    static const char *const gone_names[] = { "enter", "exit" };
    static const char *const bound_names[] = {
        "tonga", "polaris", "tonga-long-waits", "fiji-long-waits",
    };
    static const uint16_t wear_devices[] = { DEV_W7100, DEV_FURY, DEV_RX580 };
    size_t i;

    QEMU_BUILD_BUG_ON(ARRAY_SIZE(seq_names) != ARRAY_SIZE(seq_cases));
    QEMU_BUILD_BUG_ON(ARRAY_SIZE(no_smc_names) != ARRAY_SIZE(no_smc_cases));
    QEMU_BUILD_BUG_ON(ARRAY_SIZE(baco_names) != ARRAY_SIZE(baco_cases));
    QEMU_BUILD_BUG_ON(ARRAY_SIZE(cross_names) != ARRAY_SIZE(cross_cases));
    QEMU_BUILD_BUG_ON(ARRAY_SIZE(gone_names) != ARRAY_SIZE(gone_cases));
    QEMU_BUILD_BUG_ON(ARRAY_SIZE(bound_names) != ARRAY_SIZE(bound_cases));
    QEMU_BUILD_BUG_ON(ARRAY_SIZE(wear_devices) != ARRAY_SIZE(baco_names));

    g_test_init(&argc, &argv, NULL);

    /* config reset + SMC reset */
    for (i = 0; i < ARRAY_SIZE(seq_cases); i++) {
        add_case("/vfio/amd-reset/config/sequence/%s", seq_names[i],
                 &seq_cases[i], test_sequence);
    }
    for (i = 0; i < ARRAY_SIZE(delay_cases); i++) {
        g_autofree char *path =
            g_strdup_printf("/vfio/amd-reset/config/ready-delay/%" PRId64
                            "us", delay_cases[i].delay_us);

        g_test_add_data_func(path, &delay_cases[i], test_ready_delay);
    }
    g_test_add_func("/vfio/amd-reset/kernel-reset", test_kernel_reset);
    for (i = 0; i < ARRAY_SIZE(no_smc_cases); i++) {
        add_case("/vfio/amd-reset/config/no-smc/%s", no_smc_names[i],
                 &no_smc_cases[i], test_no_smc);
    }
    g_test_add_func("/vfio/amd-reset/config/stuck/fake-clock", test_stuck);
    g_test_add_func("/vfio/amd-reset/config/stuck/real-clock",
                    test_stuck_real_clock);
    g_test_add_func("/vfio/amd-reset/gone/all-ones", test_all_ones);
    g_test_add_data_func("/vfio/amd-reset/gone/virtualized-ids/config",
                         GINT_TO_POINTER(AMD_RESET_METHOD_CONFIG),
                         test_gone_virtualized_ids);
    g_test_add_data_func("/vfio/amd-reset/gone/virtualized-ids/baco",
                         GINT_TO_POINTER(AMD_RESET_METHOD_BACO),
                         test_gone_virtualized_ids);
    g_test_add_func("/vfio/amd-reset/gone/vanish-after-reset",
                    test_vanish_after_reset);
    g_test_add_func("/vfio/amd-reset/config/bus-reset-is-noop",
                    test_bus_reset_is_noop);

    /* BACO */
    for (i = 0; i < ARRAY_SIZE(baco_cases); i++) {
        add_case("/vfio/amd-reset/baco/sequence/%s", baco_names[i],
                 &baco_cases[i], test_baco_sequence);
        add_case("/vfio/amd-reset/baco/registers/%s", baco_names[i],
                 &baco_cases[i], test_baco_registers);
        add_case("/vfio/amd-reset/baco/slow-chip/%s", baco_names[i],
                 &baco_cases[i], test_baco_slow_chip);
    }
    for (i = 0; i < ARRAY_SIZE(cross_cases); i++) {
        add_case("/vfio/amd-reset/baco/own-tables/%s", cross_names[i],
                 &cross_cases[i], test_baco_cross);
    }
    g_test_add_func("/vfio/amd-reset/baco/never-enters",
                    test_baco_never_enters);
    g_test_add_func("/vfio/amd-reset/baco/never-exits",
                    test_baco_never_exits);
    for (i = 0; i < ARRAY_SIZE(gone_cases); i++) {
        add_case("/vfio/amd-reset/baco/gone/%s", gone_names[i],
                 &gone_cases[i], test_baco_gone);
    }
    for (i = 0; i < ARRAY_SIZE(bound_cases); i++) {
        add_case("/vfio/amd-reset/baco/bound/%s", bound_names[i],
                 &bound_cases[i], test_baco_bound);
    }
    g_test_add_func("/vfio/amd-reset/baco/bound/real-clock",
                    test_baco_bound_real_clock);

    /* the W7100 report, and what BACO does about it */
    g_test_add_func("/vfio/amd-reset/wear-out/config", test_wear_config);
    for (i = 0; i < ARRAY_SIZE(wear_devices); i++) {
        add_case("/vfio/amd-reset/wear-out/baco/%s", baco_names[i],
                 GUINT_TO_POINTER(wear_devices[i]), test_wear_baco);
    }
    g_test_add_func("/vfio/amd-reset/wear-out/fallback", test_wear_fallback);

    /* choice of the method */
    g_test_add_func("/vfio/amd-reset/choose", test_choose);
    g_test_add_func("/vfio/amd-reset/read-strap", test_read_strap);
    for (i = 0; i < ARRAY_SIZE(vbios_cases); i++) {
        add_case("/vfio/amd-reset/vbios/%s", vbios_cases[i].name,
                 &vbios_cases[i], test_vbios);
    }

    /* data */
    g_test_add_func("/vfio/amd-reset/table", test_table);
    g_test_add_func("/vfio/amd-reset/families", test_families);
    g_test_add_func("/vfio/amd-reset/policy", test_policy);
    g_test_add_func("/vfio/amd-reset/result-str", test_result_str);

    /* the model itself */
    g_test_add_func("/vfio/amd-reset/model/config-space",
                    test_model_config_space);
    g_test_add_func("/vfio/amd-reset/model/reset-rules",
                    test_model_reset_rules);
    g_test_add_func("/vfio/amd-reset/model/baco-rules",
                    test_model_baco_rules);
    g_test_add_func("/vfio/amd-reset/model/vbios", test_model_vbios);
    g_test_add_func("/vfio/amd-reset/model/threads", test_model_threads);

    return g_test_run();
}
