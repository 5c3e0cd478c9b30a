/*
 * Unit tests for the AMD GPU reset engine, device table and policy
 *
 * The engine (hw/vfio/amd-reset.c) runs against the register model in
 * amd-gpu-model.c, driven by a fake clock that only advances when the
 * engine sleeps, so every test is deterministic and checks the exact
 * register sequence, the timing against the deadline and the state the
 * chip is left in.
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

#define CFG_R(off, sz, val)     { AMD_GPU_MODEL_CFG_READ, off, sz, val, 0 }
#define CFG_W(off, sz, val)     { AMD_GPU_MODEL_CFG_WRITE, off, sz, val, 0 }
#define MMIO_R(off, val)        { AMD_GPU_MODEL_MMIO_READ, off, 4, val, 0 }
#define MMIO_W(off, val)        { AMD_GPU_MODEL_MMIO_WRITE, off, 4, val, 0 }

typedef struct TestEnv {
    AMDGPUModel *model;
    int64_t now_ns;                 /* fake clock */
    unsigned sleeps;
    AMDResetFamily family;          /* copy, so tests may change it */
    AMDResetDevice dev;
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

    return amd_gpu_model_mmio_read(env->model, offset);
}

static void env_mmio_write(void *opaque, uint32_t offset, uint32_t value)
{
    TestEnv *env = opaque;

    amd_gpu_model_mmio_write(env->model, offset, value);
}

static int64_t env_fake_clock_ns(void *opaque)
{
    TestEnv *env = opaque;

    return env->now_ns;
}

static void env_fake_sleep_us(void *opaque, uint32_t us)
{
    TestEnv *env = opaque;

    env->now_ns += (int64_t)us * 1000;
    env->sleeps++;
}

static int64_t env_real_clock_ns(void *opaque)
{
    return g_get_monotonic_time() * 1000;
}

static void env_real_sleep_us(void *opaque, uint32_t us)
{
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

/* A listed device, fake clock shared by the engine and the model */
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
    env->dev.kernel_reset = false;
    return env;
}

static void env_free(TestEnv *env)
{
    amd_gpu_model_free(env->model);
    g_free(env);
}

/*
 * The guest driver ran, then vfio_pci_pre_reset() turned decode and bus
 * master off (left as @cmd); the log starts empty.
 */
static void env_guest_ran(TestEnv *env, uint16_t cmd)
{
    amd_gpu_model_load_driver(env->model);
    amd_gpu_model_set_command(env->model, cmd);
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_smc_running(env->model));
    g_assert_cmpuint(amd_gpu_model_log_count(env->model), ==, 0);
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

/* Compare the log from @start on with @table, as text for readable diffs */
static void assert_log_tail(TestEnv *env, size_t start,
                            const AMDGPUModelAccess *table, size_t len)
{
    g_autofree char *expected = format_table(table, len);
    g_autofree char *actual = amd_gpu_model_log_format(env->model, start,
                                                       SIZE_MAX);

    g_assert_cmpstr(actual, ==, expected);
}

/*
 * Exact register sequences.  Raw numbers on purpose: they check the
 * header's register definitions as well as the engine.
 */

/* W7100, fuse 0, misc 0: the misc bit is flipped; decode was off */
static const AMDGPUModelAccess seq_w7100_toggle[] = {
    CFG_R(0x00, 2, 0x1002),             /* vendor: device present */
    CFG_R(0x04, 2, 0x0000),             /* save command */
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
    MMIO_R(0x5428, 0x00002000),         /* CONFIG_MEMSIZE: ready */
    MMIO_W(0x200, 0x80000000),          /* SMC_SYSCON_RESET_CNTL */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),          /* rst_reg */
    MMIO_W(0x200, 0x80000004),          /* SMC_SYSCON_CLOCK_CNTL_0 */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),          /* ck_disable */
    CFG_W(0x04, 2, 0x0000),             /* restore command */
};

/* W7100, fuse 1, misc 0: already GFX only, no toggle; decode was on */
static const AMDGPUModelAccess seq_w7100_no_toggle[] = {
    CFG_R(0x00, 2, 0x1002),
    CFG_R(0x04, 2, 0x0407),
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
    MMIO_R(0x5428, 0x00002000),
    MMIO_W(0x200, 0x80000000),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    MMIO_W(0x200, 0x80000004),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    CFG_W(0x04, 2, 0x0407),
};

/*
 * Hawaii, fuse 0, misc 0, ready 110 us after the trigger: the first poll
 * (after the 100 us settle time) still reads all-ones and is followed by
 * the vendor ID check, the second one 10 us later succeeds.
 */
static const AMDGPUModelAccess seq_hawaii_toggle_two_polls[] = {
    CFG_R(0x00, 2, 0x1002),
    CFG_R(0x04, 2, 0x0000),
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
    MMIO_R(0x5428, 0xffffffff),         /* still in reset */
    CFG_R(0x00, 2, 0x1002),             /* but present */
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
    CFG_R(0x00, 2, 0x1002),
    CFG_R(0x04, 2, 0x0400),
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
    MMIO_R(0x5428, 0x00002000),
    MMIO_W(0x200, 0x80000000),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    MMIO_W(0x200, 0x80000004),
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x204, 0x00000001),
    CFG_W(0x04, 2, 0x0400),
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
        .device = 0x692b, .family = "Tonga",
        .fuse = false, .misc = 0, .misc_after = 0x2, .cmd = 0x0000,
        .expected = seq_w7100_toggle,
        .expected_len = ARRAY_SIZE(seq_w7100_toggle),
    }, {
        .device = 0x692b, .family = "Tonga",
        .fuse = true, .misc = 0, .misc_after = 0, .cmd = 0x0407,
        .expected = seq_w7100_no_toggle,
        .expected_len = ARRAY_SIZE(seq_w7100_no_toggle),
    }, {
        .device = 0x67b0, .family = "CIK",
        .fuse = false, .misc = 0, .misc_after = 0x2, .cmd = 0x0000,
        .ready_delay_ns = 110000,
        .expected = seq_hawaii_toggle_two_polls,
        .expected_len = ARRAY_SIZE(seq_hawaii_toggle_two_polls),
    }, {
        .device = 0x67b0, .family = "CIK",
        .fuse = true, .misc = 0x10002, .misc_after = 0x10000, .cmd = 0x0400,
        .expected = seq_hawaii_toggle_to_zero,
        .expected_len = ARRAY_SIZE(seq_hawaii_toggle_to_zero),
    },
};

static void test_sequence(const void *opaque)
{
    const SequenceCase *c = opaque;
    TestEnv *env = env_new(c->device);
    AMDResetResult result;

    g_assert_cmpstr(env->family.name, ==, c->family);
    amd_gpu_model_set_fuse(env->model, c->fuse);
    amd_gpu_model_set_ready_delay_ns(env->model, c->ready_delay_ns);
    amd_gpu_model_smc_poke(env->model, ixRCU_MISC_CTRL, c->misc);
    env_guest_ran(env, c->cmd);

    result = amd_reset_run(&env->dev);

    g_assert_cmpstr(amd_reset_result_str(result), ==,
                    amd_reset_result_str(AMD_RESET_DONE));
    g_assert_cmpint(result, ==, AMD_RESET_DONE);
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
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, c->cmd);
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
    TestEnv *env = env_new(0x692b);
    int64_t settle_ns = env->family.settle_us * 1000LL;
    int64_t poll_ns = AMD_RESET_POLL_US * 1000LL;
    int64_t trigger_ns, ready_ns, deadline_ns;
    unsigned polls = 0, expect_polls;
    AMDGPUModelAccess e;
    ssize_t trigger;
    size_t i, n;

    amd_gpu_model_set_ready_delay_ns(env->model, c->delay_us * 1000);
    env_guest_ran(env, 0);

    g_assert_cmpint(amd_reset_run(&env->dev), ==, AMD_RESET_DONE);

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

            g_assert_cmphex(e.value, ==, ALL_ONES);
            /* each all-ones poll checks that the device is still there */
            g_assert_true(entry_is(&next, AMD_GPU_MODEL_CFG_READ, 0x00));
            g_assert_cmphex(next.value, ==, 0x1002);
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

    /* after the trigger only the command restore writes config space */
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
    TestEnv *env = env_new(0x692b);

    env_guest_ran(env, 0);
    env->dev.kernel_reset = true;

    g_assert_cmpint(amd_reset_run(&env->dev), ==, AMD_RESET_SKIPPED);
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
    TestEnv *env = env_new(0x67b0);
    uint32_t clock = 0, pc = AMD_GPU_MODEL_FIRMWARE_PC;

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
    g_assert_false(amd_gpu_model_smc_running(env->model));

    g_assert_cmpint(amd_reset_run(&env->dev), ==, AMD_RESET_NO_SMC);

    {
        const AMDGPUModelAccess expected[] = {
            CFG_R(0x00, 2, 0x1002),
            CFG_R(0x04, 2, 0x0400),
            CFG_W(0x04, 2, 0x0002),
            MMIO_W(0x200, 0x80000004),
            MMIO_R(0x204, clock),
            MMIO_W(0x200, 0x80000370),
            MMIO_R(0x204, pc),
            CFG_W(0x04, 2, 0x0400),
        };

        assert_log_tail(env, 0, expected, ARRAY_SIZE(expected));
    }
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c), ==, -1);
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE,
                                    0x204), ==, 0);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_ignored_config_resets(env->model), ==, 0);
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0x0400);
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
    TestEnv *env = env_new(0x692b);
    int64_t poll_ns = AMD_RESET_POLL_US * 1000LL;
    int64_t trigger_ns, wait_ns, deadline_ns;
    ssize_t trigger, first_poll;
    AMDGPUModelAccess e;
    size_t n;

    amd_gpu_model_set_stuck(env->model, true);
    env_guest_ran(env, 0x0400);

    g_assert_cmpint(amd_reset_run(&env->dev), ==, AMD_RESET_TIMEOUT);

    trigger = log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c);
    g_assert_cmpint(trigger, >, 0);
    trigger_ns = log_entry(env, trigger).time_ns;
    first_poll = log_find(env, trigger, AMD_GPU_MODEL_MMIO_READ, 0x5428);
    g_assert_cmpint(first_poll, ==, trigger + 1);
    wait_ns = log_entry(env, first_poll).time_ns;
    g_assert_cmpint(wait_ns, ==, trigger_ns + env->family.settle_us * 1000LL);
    deadline_ns = wait_ns + env->family.ready_timeout_us * 1000LL;

    g_assert_cmpint(env->now_ns, >=, deadline_ns);
    g_assert_cmpint(env->now_ns, <, deadline_ns + poll_ns);
    g_assert_cmpuint(log_count_kind(env, trigger, AMD_GPU_MODEL_MMIO_READ,
                                    0x5428), ==,
                     env->family.ready_timeout_us / AMD_RESET_POLL_US + 1);

    /* the last poll failed, then SMC reset, clock off, command restored */
    n = amd_gpu_model_log_count(env->model);
    e = log_entry(env, n - 9);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_MMIO_READ, 0x5428));
    g_assert_cmphex(e.value, ==, ALL_ONES);
    {
        static const AMDGPUModelAccess tail[] = {
            CFG_R(0x00, 2, 0x1002),
            MMIO_W(0x200, 0x80000000),
            MMIO_R(0x204, 0x00000000),
            MMIO_W(0x204, 0x00000001),
            MMIO_W(0x200, 0x80000004),
            MMIO_R(0x204, 0x00000000),
            MMIO_W(0x204, 0x00000001),
            CFG_W(0x04, 2, 0x0400),
        };

        assert_log_tail(env, n - ARRAY_SIZE(tail), tail, ARRAY_SIZE(tail));
    }

    g_assert_true(amd_gpu_model_smc_stopped(env->model));
    g_assert_true(amd_gpu_model_in_reset(env->model));
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 1);
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0x0400);
    env_free(env);
}

/* Same with real time: the engine's deadline bounds the wall clock */
static void test_stuck_real_clock(void)
{
    TestEnv *env = env_new(0x692b);
    int64_t start, elapsed_us;
    AMDResetResult result;

    amd_gpu_model_set_clock(env->model, NULL, NULL);
    env->dev.ops = &real_ops;
    env->family.ready_timeout_us = 20000;
    amd_gpu_model_set_stuck(env->model, true);
    env_guest_ran(env, 0);

    start = g_get_monotonic_time();
    result = amd_reset_run(&env->dev);
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
    TestEnv *env = env_new(0x692b);
    static const AMDGPUModelAccess expected[] = {
        CFG_R(0x00, 2, 0xffff),
    };

    env_guest_ran(env, 0);
    amd_gpu_model_set_all_ones(env->model, true);

    g_assert_cmpint(amd_reset_run(&env->dev), ==, AMD_RESET_GONE);
    assert_log_tail(env, 0, expected, ARRAY_SIZE(expected));
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_CFG_WRITE, -1), ==,
                     0);
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE, -1), ==,
                     0);
    g_assert_cmpint(env->now_ns, ==, START_NS);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    env_free(env);
}

/* Falls off the bus at the config reset: GONE at the first poll */
static void test_vanish_after_reset(void)
{
    TestEnv *env = env_new(0x692b);
    int64_t trigger_ns;
    ssize_t trigger;
    static const AMDGPUModelAccess tail[] = {
        CFG_W(0x7c, 4, 0x39d5e86b),
        MMIO_R(0x5428, 0xffffffff),
        CFG_R(0x00, 2, 0xffff),
        CFG_W(0x04, 2, 0x0000),         /* restore, lost */
    };

    amd_gpu_model_set_vanish_after_reset(env->model, true);
    env_guest_ran(env, 0);

    g_assert_cmpint(amd_reset_run(&env->dev), ==, AMD_RESET_GONE);

    trigger = log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c);
    g_assert_cmpint(trigger, >, 0);
    assert_log_tail(env, trigger, tail, ARRAY_SIZE(tail));
    trigger_ns = log_entry(env, trigger).time_ns;
    /* no waiting past the settle time, far from the 100 ms deadline */
    g_assert_cmpint(env->now_ns - trigger_ns, ==,
                    env->family.settle_us * 1000LL);
    g_assert_cmpint(env->now_ns - trigger_ns, <,
                    env->family.ready_timeout_us * 1000LL / 100);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 1);
    env_free(env);
}

/* The hardware bug: a bus reset (or FLR) leaves the driver's state */
static void test_bus_reset_is_noop(void)
{
    TestEnv *env = env_new(0x692b);

    env_guest_ran(env, 0x0007);
    amd_gpu_model_bus_reset(env->model);

    g_assert_cmpuint(amd_gpu_model_bus_resets(env->model), ==, 1);
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_smc_running(env->model));
    g_assert_false(amd_gpu_model_is_clean(env->model));
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0x0007);
    g_assert_cmpuint(amd_gpu_model_log_count(env->model), ==, 0);

    /* the quirk does what the bus reset did not */
    g_assert_cmpint(amd_reset_run(&env->dev), ==, AMD_RESET_DONE);
    g_assert_true(amd_gpu_model_is_clean(env->model));
    env_free(env);
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

    /* all-ones device */
    amd_gpu_model_set_all_ones(m, true);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x00, 2), ==, 0xffff);
    g_assert_cmphex(amd_gpu_model_config_read(m, 0x08, 1), ==, 0xff);
    g_assert_cmphex(amd_gpu_model_mmio_read(m, 0x5428), ==, ALL_ONES);
    amd_gpu_model_config_write(m, 0x04, 0, 2);
    amd_gpu_model_set_all_ones(m, false);
    g_assert_cmphex(amd_gpu_model_get_command(m), ==, 0x0406);
    amd_gpu_model_free(m);
}

/* Model self-checks: BAR5, SMC and the config reset rules */
static void test_model_reset_rules(void)
{
    TestEnv *env = env_new(0x692b);
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

static void test_table(void)
{
    static const uint16_t present[] = {
        /* upstream QEMU */
        0x6649, 0x6650, 0x6651, 0x6658, 0x665c, 0x665d,
        0x67a0, 0x67a1, 0x67a2, 0x67a8, 0x67a9, 0x67aa,
        0x67b0, 0x67b1, 0x67b8, 0x67b9, 0x67ba, 0x67be,
        /* Bonaire additions */
        0x665f, 0x6640, 0x6641, 0x6646, 0x6647,
        /* Tonga */
        0x6920, 0x6921, 0x6928, 0x6929, 0x692b, 0x6930, 0x6938, 0x6939,
        0x693b,
    };
    static const uint16_t absent[] = {
        0x692f,                     /* S7150V, MxGPU VF */
        0x67df,                     /* Polaris10 */
        0x7300,                     /* Fiji */
    };
    const AMDResetDeviceId *id;
    size_t i;

    g_assert_cmpuint(amd_reset_ids_count, >=, ARRAY_SIZE(present));
    for (i = 0; i < amd_reset_ids_count; i++) {
        const AMDResetDeviceId *e = &amd_reset_ids[i];

        g_assert_cmphex(e->vendor, ==, 0x1002);
        g_assert_nonnull(e->name);
        g_assert_cmpuint(strlen(e->name), >, 0);
        g_assert_nonnull(e->family);
        g_assert_nonnull(e->family->name);
        g_assert_cmpint(e->family->method, ==, AMD_RESET_METHOD_CONFIG_SMC);
        g_assert_cmpuint(e->family->ready_timeout_us, >, 0);
        g_assert_true(amd_reset_lookup(e->vendor, e->device) == e);
        if (i > 0) {
            g_assert_cmphex(amd_reset_ids[i - 1].device, <, e->device);
        }
    }

    id = amd_reset_lookup(0x1002, 0x692b);
    g_assert_nonnull(id);
    g_assert_cmpstr(id->family->name, ==, "Tonga");
    id = amd_reset_lookup(0x1002, 0x67b0);
    g_assert_nonnull(id);
    g_assert_cmpstr(id->family->name, ==, "CIK");

    for (i = 0; i < ARRAY_SIZE(present); i++) {
        id = amd_reset_lookup(0x1002, present[i]);
        if (!id) {
            g_test_message("missing 1002:%04x", present[i]);
        }
        g_assert_nonnull(id);
        g_assert_cmphex(id->device, ==, present[i]);
    }
    for (i = 0; i < ARRAY_SIZE(absent); i++) {
        g_assert_null(amd_reset_lookup(0x1002, absent[i]));
    }
    g_assert_null(amd_reset_lookup(0x10de, 0x692b));
}

static void test_policy(void)
{
    const AMDResetFamily *family = &amd_reset_family_generic;
    Error *err = NULL;
    const char *msg;

    /* auto: the table decides */
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x692b,
                                   &family, &error_abort));
    g_assert_true(family == amd_reset_lookup(0x1002, 0x692b)->family);
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x67b0,
                                   &family, &error_abort));
    g_assert_cmpstr(family->name, ==, "CIK");
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x67df,
                                   &family, &error_abort));
    g_assert_null(family);
    family = &amd_reset_family_generic;
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x10de, 0x692b,
                                   &family, &error_abort));
    g_assert_null(family);

    /* off: never, even for a listed device */
    family = &amd_reset_family_generic;
    g_assert_true(amd_reset_select(ON_OFF_AUTO_OFF, 0x1002, 0x692b,
                                   &family, &error_abort));
    g_assert_null(family);

    /* on: the table family, or the generic one for an unlisted AMD GPU */
    g_assert_true(amd_reset_select(ON_OFF_AUTO_ON, 0x1002, 0x692b,
                                   &family, &error_abort));
    g_assert_cmpstr(family->name, ==, "Tonga");
    g_assert_true(amd_reset_select(ON_OFF_AUTO_ON, 0x1002, 0x67df,
                                   &family, &error_abort));
    g_assert_true(family == &amd_reset_family_generic);
    g_assert_cmpint(family->method, ==, AMD_RESET_METHOD_CONFIG_SMC);
    g_assert_cmpuint(family->ready_timeout_us, >, 0);

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
    size_t i, j;

    for (i = 0; i < ARRAY_SIZE(results); i++) {
        g_assert_nonnull(amd_reset_result_str(results[i]));
        for (j = 0; j < i; j++) {
            g_assert_cmpstr(amd_reset_result_str(results[i]), !=,
                            amd_reset_result_str(results[j]));
        }
    }
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
    size_t i;

    QEMU_BUILD_BUG_ON(ARRAY_SIZE(seq_names) != ARRAY_SIZE(seq_cases));
    QEMU_BUILD_BUG_ON(ARRAY_SIZE(no_smc_names) != ARRAY_SIZE(no_smc_cases));

    g_test_init(&argc, &argv, NULL);

    for (i = 0; i < ARRAY_SIZE(seq_cases); i++) {
        g_autofree char *path = g_strdup_printf("/vfio/amd-reset/sequence/%s",
                                                seq_names[i]);

        g_test_add_data_func(path, &seq_cases[i], test_sequence);
    }
    for (i = 0; i < ARRAY_SIZE(delay_cases); i++) {
        g_autofree char *path =
            g_strdup_printf("/vfio/amd-reset/ready-delay/%" PRId64 "us",
                            delay_cases[i].delay_us);

        g_test_add_data_func(path, &delay_cases[i], test_ready_delay);
    }
    g_test_add_func("/vfio/amd-reset/kernel-reset", test_kernel_reset);
    for (i = 0; i < ARRAY_SIZE(no_smc_cases); i++) {
        g_autofree char *path = g_strdup_printf("/vfio/amd-reset/no-smc/%s",
                                                no_smc_names[i]);

        g_test_add_data_func(path, &no_smc_cases[i], test_no_smc);
    }
    g_test_add_func("/vfio/amd-reset/stuck/fake-clock", test_stuck);
    g_test_add_func("/vfio/amd-reset/stuck/real-clock",
                    test_stuck_real_clock);
    g_test_add_func("/vfio/amd-reset/gone/all-ones", test_all_ones);
    g_test_add_func("/vfio/amd-reset/gone/vanish-after-reset",
                    test_vanish_after_reset);
    g_test_add_func("/vfio/amd-reset/model/bus-reset-is-noop",
                    test_bus_reset_is_noop);
    g_test_add_func("/vfio/amd-reset/model/config-space",
                    test_model_config_space);
    g_test_add_func("/vfio/amd-reset/model/reset-rules",
                    test_model_reset_rules);
    g_test_add_func("/vfio/amd-reset/model/threads", test_model_threads);
    g_test_add_func("/vfio/amd-reset/table", test_table);
    g_test_add_func("/vfio/amd-reset/policy", test_policy);
    g_test_add_func("/vfio/amd-reset/result-str", test_result_str);

    return g_test_run();
}
