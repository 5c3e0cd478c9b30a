/*
 * Unit tests of the config reset + SMC reset: exact register sequences,
 * the deadline, the SMC check, a device that leaves the bus
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "test-amd-reset-env.h"

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
    const char *name;
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
        .name = "w7100-fuse0-toggle",
        .device = DEV_W7100, .family = "Tonga",
        .fuse = false, .misc = 0, .misc_after = 0x2, .cmd = 0x0000,
        .expected = seq_w7100_toggle,
        .expected_len = ARRAY_SIZE(seq_w7100_toggle),
    }, {
        .name = "w7100-fuse1-no-toggle",
        .device = DEV_W7100, .family = "Tonga",
        .fuse = true, .misc = 0, .misc_after = 0, .cmd = 0x0407,
        .expected = seq_w7100_no_toggle,
        .expected_len = ARRAY_SIZE(seq_w7100_no_toggle),
    }, {
        .name = "hawaii-fuse0-two-polls",
        .device = DEV_HAWAII, .family = "CIK",
        .fuse = false, .misc = 0, .misc_after = 0x2, .cmd = 0x0000,
        .ready_delay_ns = 110000,
        .expected = seq_hawaii_toggle_two_polls,
        .expected_len = ARRAY_SIZE(seq_hawaii_toggle_two_polls),
    }, {
        .name = "hawaii-fuse1-toggle-to-zero",
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

    g_assert_cmpstr(env->dev.family->name, ==, c->family);
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
    int64_t settle_ns = env->timings.settle_us * 1000LL;
    int64_t poll_ns = amd_reset_timings.ready_poll_us * 1000LL;
    int64_t trigger_ns, ready_ns, deadline_ns;
    unsigned polls = 0, expect_polls;
    AMDResetReport report;
    AMDGPUModelAccess e;
    ssize_t trigger;
    size_t i, n;

    g_assert_cmpuint(env->timings.settle_us, ==, 100);
    g_assert_cmpuint(env->timings.ready_timeout_us, ==, 100000);
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
                  env->timings.ready_timeout_us * 1000LL;

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
            g_assert_cmpuint(sleep.value, ==, amd_reset_timings.ready_poll_us);
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

/* SMC firmware not running: three ways, none gets a config reset */
typedef enum NoSmcState {
    NO_SMC_STOPPED,                 /* rst_reg, clock off, PC 0 */
    NO_SMC_CLOCK_OFF,               /* PC in firmware but clock off */
    NO_SMC_PC_LOW,                  /* clock on, PC in the boot ROM */
} NoSmcState;

typedef struct NoSmcCase {
    const char *name;
    NoSmcState state;
} NoSmcCase;

static const NoSmcCase no_smc_cases[] = {
    { "stopped", NO_SMC_STOPPED },
    { "clock-off", NO_SMC_CLOCK_OFF },
    { "pc-low", NO_SMC_PC_LOW },
};

static void test_no_smc(const void *opaque)
{
    const NoSmcCase *c = opaque;
    TestEnv *env = env_new(DEV_HAWAII);
    uint32_t clock = 0, pc = AMD_GPU_MODEL_FIRMWARE_PC;
    AMDResetReport report;

    switch (c->state) {
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

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_CLEAN);

    {
        const AMDGPUModelAccess expected[] = {
            CFG_R(0x08, 4, 0x03000000),
            CFG_W(0x04, 2, 0x0002),
            MMIO_W(0x200, 0x80000004),
            MMIO_R(0x204, clock),
            MMIO_W(0x200, 0x80000370),
            MMIO_R(0x204, pc),
            MMIO_R(0x5394, 0x00001f84), /* BACO_CNTL: not left in BACO */
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
    int64_t poll_ns = amd_reset_timings.ready_poll_us * 1000LL;
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
    g_assert_cmpint(wait_ns, ==, trigger_ns + env->timings.settle_us * 1000LL);
    deadline_ns = wait_ns + env->timings.ready_timeout_us * 1000LL;

    g_assert_cmpint(env->now_ns, >=, deadline_ns);
    g_assert_cmpint(env->now_ns, <, deadline_ns + poll_ns);
    g_assert_cmpuint(log_count_kind(env, trigger, AMD_GPU_MODEL_MMIO_READ,
                                    0x5428), ==,
                     env->timings.ready_timeout_us /
                     amd_reset_timings.ready_poll_us + 1);

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

    env_use_real_clock(env);
    env->timings.ready_timeout_us = 20000;
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
 * The device vanished, but vfio-pci still serves vendor and
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

    env_use(env, method, AMD_RESET_METHOD_NONE);
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
                    env->timings.settle_us * 1000LL);
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

void test_amd_reset_add_config(void)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(seq_cases); i++) {
        add_case("/vfio/amd-reset/config/sequence/%s", seq_cases[i].name,
                 &seq_cases[i], test_sequence);
    }
    for (i = 0; i < ARRAY_SIZE(delay_cases); i++) {
        g_autofree char *path =
            g_strdup_printf("/vfio/amd-reset/config/ready-delay/%" PRId64
                            "us", delay_cases[i].delay_us);

        g_test_add_data_func(path, &delay_cases[i], test_ready_delay);
    }
    for (i = 0; i < ARRAY_SIZE(no_smc_cases); i++) {
        add_case("/vfio/amd-reset/config/no-smc/%s", no_smc_cases[i].name,
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
}
