/*
 * Unit tests of BACO on the SOC15/NV generation, and of the choice
 * between BACO and mode1 from the firmware a guest left behind
 *
 * The expected writes are written from amdgpu's vega10_baco.c,
 * vega12_baco.c, vega20_baco.c and smu_v11_0.c, and the mailbox protocol
 * from smu_cmn.c, with the BAR5 offsets of the nbio, thm and mp headers
 * at the chips' IP bases; never from the engine's tables.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/pci/pci_regs.h"
#include "test-amd-reset-env.h"

/* BAR5 byte offsets */
#define R_PCIE_INDEX2   0x38
#define R_SCRATCH_6     0x148
#define R_SCRATCH_7     0x14c
#define R_DOORBELL      0x3870          /* BIF_DOORBELL_CNTL */
#define R_FB_EN         0x387c          /* BIF_FB_EN */
#define R_BACO_CNTL     0x38ac
#define R_FUSE_INDEX    0x481d0
#define R_C2PMSG_64     0x58200
#define R_SMU_MSG       0x58a08         /* MP1_SMN_C2PMSG_66 */
#define R_SMU_ARG       0x58a48         /* _82 */
#define R_SMU_RESP      0x58a68         /* _90 */
#define R_THM9          0x599f0         /* thm_9_0 THM_BACO_CNTL */
#define R_THM11         0x59a04         /* thm_11_0_2 THM_BACO_CNTL */
#define SMN_FLAGS_SMU9  0x03b10028
#define SMN_FLAGS_SMU11 0x03b10024

/* BACO_CNTL and THM_BACO_CNTL bits */
#define BACO_EN         0x1
#define LCLK_SWITCH     0x2
#define DUMMY_EN        0x4
#define POWER_OFF       0x8
#define DSTATE_BYPASS   0x20
#define RST_INTR_MASK   0x40
#define ISO_EN          0x2
#define PWROKRAW        0x4
#define RESET_EN        0x8
#define VDCI_RESET      0x10
#define SMNCLK_MUX      0x20
#define REFCLK_OFF      0x40
#define AEB_ISO_EN      0x80
#define BACO_EXIT       0x100
#define ANA_ISO_EN      0x200
#define SB_AXI_FENCE    0x40000000
#define THM11_ENTER     0x80000000

#define ANY             0xffffffffU     /* the whole value is known */

/* One BAR5 write the chip must see: (value & mask) == val */
typedef struct Write {
    uint32_t offset;
    uint32_t mask;
    uint32_t val;
} Write;

#define SET(r, b)       { r, b, b }
#define CLR(r, b)       { r, b, 0 }
#define WR(r, v)        { r, ANY, v }

/* A sequence of writes, in parts that several chips share */
typedef struct Writes {
    const Write *w;
    size_t n;
} Writes;

#define PART(a)         { a, ARRAY_SIZE(a) }
#define MAX_PARTS       6

/* an SMU message (smu_cmn.c): response cleared, argument, message */
static const Write msg_1e_noarg[] = {
    WR(R_SMU_RESP, 0), WR(R_SMU_MSG, 0x1e),
};
static const Write msg_25[] = {
    WR(R_SMU_RESP, 0), WR(R_SMU_ARG, 0), WR(R_SMU_MSG, 0x25),
};
static const Write msg_58[] = {
    WR(R_SMU_RESP, 0), WR(R_SMU_ARG, 0), WR(R_SMU_MSG, 0x58),
};
static const Write msg_18[] = {
    WR(R_SMU_RESP, 0), WR(R_SMU_ARG, 0), WR(R_SMU_MSG, 0x18),
};
static const Write msg_19[] = {
    WR(R_SMU_RESP, 0), WR(R_SMU_ARG, 0), WR(R_SMU_MSG, 0x19),
};

/* vega10_baco.c pre_baco_tbl; vega12_baco.c clears the monitor bit */
static const Write vega10_pre[] = {
    SET(R_DOORBELL, 0x10), WR(R_FB_EN, 0),
    SET(R_BACO_CNTL, DSTATE_BYPASS), SET(R_BACO_CNTL, RST_INTR_MASK),
};
static const Write vega12_pre[] = {
    CLR(R_DOORBELL, 0x10), WR(R_FB_EN, 0),
    SET(R_BACO_CNTL, DSTATE_BYPASS), SET(R_BACO_CNTL, RST_INTR_MASK),
};

/* enter_baco_tbl, after EnterBaco */
static const Write vega10_enter[] = {
    SET(R_BACO_CNTL, BACO_EN), SET(R_BACO_CNTL, LCLK_SWITCH),
    SET(R_BACO_CNTL, DUMMY_EN), SET(R_THM9, VDCI_RESET),
    SET(R_THM9, SMNCLK_MUX), SET(R_THM9, ISO_EN), SET(R_THM9, AEB_ISO_EN),
    SET(R_THM9, ANA_ISO_EN), SET(R_THM9, REFCLK_OFF),
    SET(R_BACO_CNTL, POWER_OFF), SET(R_THM9, RESET_EN),
    CLR(R_THM9, PWROKRAW),
};

/* exit_baco_tbl */
static const Write vega10_exit[] = {
    CLR(R_BACO_CNTL, POWER_OFF), CLR(R_THM9, REFCLK_OFF),
    CLR(R_THM9, ANA_ISO_EN), CLR(R_THM9, AEB_ISO_EN), CLR(R_THM9, ISO_EN),
    SET(R_THM9, PWROKRAW), CLR(R_THM9, SMNCLK_MUX),
    CLR(R_THM9, VDCI_RESET), SET(R_THM9, BACO_EXIT), CLR(R_THM9, RESET_EN),
    CLR(R_THM9, SB_AXI_FENCE), CLR(R_BACO_CNTL, DUMMY_EN),
    CLR(R_BACO_CNTL, LCLK_SWITCH), CLR(R_BACO_CNTL, BACO_EN),
};

/* clean_baco_tbl, and what the SMU11 exits clear */
static const Write scratch_6_7[] = {
    WR(R_SCRATCH_6, 0), WR(R_SCRATCH_7, 0),
};

/* the THM bit vega20_baco_set_state() and smu_v11_0 set before entering */
static const Write thm11_enter[] = {
    SET(R_THM11, THM11_ENTER),
};

/* The delays amdgpu mandates, in order (sleeps of polls aside) */
static const uint32_t vega10_delays[] = { 5000, 20000, 10000 };
static const uint32_t smu11_delays[] = { 20000 };
static const uint32_t navi_delays[] = { 10000, 20000 };

typedef struct BacoCase {
    const char *name;
    uint16_t device;
    bool forced;                    /* amdgpu's choice is mode1 */
    Writes writes[MAX_PARTS];
    const uint32_t *delays;
    size_t n_delays;
} BacoCase;

static const BacoCase baco_cases[] = {
    { "vega10", DEV_VEGA64, false,
      { PART(vega10_pre), PART(msg_1e_noarg), PART(vega10_enter),
        PART(vega10_exit), PART(scratch_6_7) },
      vega10_delays, ARRAY_SIZE(vega10_delays) },
    { "vega12", DEV_VEGA12, false,
      { PART(vega12_pre), PART(msg_25), PART(vega10_enter),
        PART(vega10_exit), PART(scratch_6_7) },
      vega10_delays, ARRAY_SIZE(vega10_delays) },
    { "vega20", DEV_RADEON7, true,
      { PART(thm11_enter), PART(msg_25), PART(msg_58), PART(scratch_6_7) },
      smu11_delays, ARRAY_SIZE(smu11_delays) },
    { "navi10", DEV_RX5700XT, false,
      { PART(thm11_enter), PART(msg_18), PART(msg_19), PART(scratch_6_7) },
      navi_delays, ARRAY_SIZE(navi_delays) },
    { "navi12", DEV_NAVI12, false,
      { PART(thm11_enter), PART(msg_18), PART(msg_19), PART(scratch_6_7) },
      navi_delays, ARRAY_SIZE(navi_delays) },
    { "navi14", DEV_RX5500XT, false,
      { PART(thm11_enter), PART(msg_18), PART(msg_19), PART(scratch_6_7) },
      navi_delays, ARRAY_SIZE(navi_delays) },
};

/* A listed SOC15 chip whose board can do BACO, methods by the policy */
static TestEnv *baco_env(uint16_t device, bool forced)
{
    TestEnv *env = env_new(device);
    AMDResetConfig cfg = {
        .policy = ON_OFF_AUTO_AUTO,
        .method = forced ? AMD_RESET_METHOD_BACO : AMD_RESET_METHOD_NONE,
    };
    Error *unfit = NULL;

    g_assert_true(amd_gpu_model_is_soc15(env->model));
    g_assert_true(amd_reset_probe(&env->dev, &cfg, &unfit, &error_abort));
    g_assert_null(unfit);
    return env;
}

/* The guest's driver ran, then the guest went down @how */
static void guest_ran(TestEnv *env, AMDGPUModelShutdown how)
{
    amd_gpu_model_load_driver(env->model);
    amd_gpu_model_guest_shutdown(env->model, how);
    amd_gpu_model_set_command(env->model, 0);
    amd_gpu_model_log_clear(env->model);
}

/*
 * The BAR5 writes of the log, but the SMN index's, from the first one
 * that is not the need check's or the choice's (the BACO_CNTL... state
 * reads write nothing)
 */
static void assert_writes(TestEnv *env, const Writes *parts)
{
    size_t count = amd_gpu_model_log_count(env->model);
    Write w[64];
    size_t i, j, n = 0, k = 0;

    for (i = 0; i < MAX_PARTS; i++) {
        for (j = 0; j < parts[i].n; j++) {
            g_assert_cmpuint(n, <, ARRAY_SIZE(w));
            w[n++] = parts[i].w[j];
        }
    }

    for (i = 0; i < count; i++) {
        AMDGPUModelAccess e = log_entry(env, i);

        if (e.kind != AMD_GPU_MODEL_MMIO_WRITE || e.offset == R_PCIE_INDEX2 ||
            e.offset == R_FUSE_INDEX) {
            continue;
        }
        if (k == n) {
            g_test_message("write %zu beyond the sequence: 0x%x := 0x%x", k,
                           e.offset, e.value);
        }
        g_assert_cmpuint(k, <, n);
        if (e.offset != w[k].offset ||
            (e.value & w[k].mask) != w[k].val) {
            g_test_message("write %zu: 0x%x := 0x%x, expected 0x%x & 0x%x "
                           "== 0x%x", k, e.offset, e.value, w[k].offset,
                           w[k].mask, w[k].val);
        }
        g_assert_cmphex(e.offset, ==, w[k].offset);
        g_assert_cmphex(e.value & w[k].mask, ==, w[k].val);
        k++;
    }
    g_assert_cmpuint(k, ==, n);
}

/* @delays appear among the sleeps, in order */
static void assert_delays(TestEnv *env, const uint32_t *delays, size_t n)
{
    size_t count = amd_gpu_model_log_count(env->model);
    size_t i, k = 0;

    for (i = 0; i < count && k < n; i++) {
        AMDGPUModelAccess e = log_entry(env, i);

        if (e.kind == AMD_GPU_MODEL_SLEEP && e.value == delays[k]) {
            k++;
        }
    }
    g_assert_cmpuint(k, ==, n);
}

/* A Linux guest left the SMU running: one BACO cycle, no mode1 */
static void test_baco_sequence(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = baco_env(c->device, c->forced);
    AMDResetReport report;

    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_cmpint(env->dev.methods[0], ==, AMD_RESET_METHOD_BACO);
    g_assert_cmpuint(env->dev.n_methods, ==, c->forced ? 1 : 2);
    assert_writes(env, c->writes);
    assert_delays(env, c->delays, c->n_delays);
    /* BACO checks the SMU first: its flags through SMN */
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_MMIO_WRITE,
                             R_PCIE_INDEX2), >=, 0);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 0);
    g_assert_true(amd_gpu_model_is_clean(env->model));
    g_assert_false(amd_gpu_model_in_baco(env->model));
    /* bus active: no BAR lost, no restore needed */
    g_assert_cmpuint(amd_gpu_model_bar_restores(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_pmcsr_writes(env->model), ==, 0);
    g_assert_cmpuint(env->restores, ==, 1);
    g_assert_cmphex(amd_gpu_model_scratch(env->model, 6), ==, 0);
    g_assert_cmphex(amd_gpu_model_scratch(env->model, 7), ==, 0);
    g_assert_cmpint(env->now_ns - START_NS, <,
                    amd_reset_timings.baco_total_us * 1000LL);
    env_free(env);
}

/* Twenty reboots under a Linux guest: twenty BACO cycles */
static void test_baco_reboots(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = baco_env(c->device, c->forced);
    AMDResetReport report;
    unsigned i;

    for (i = 1; i <= 20; i++) {
        guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, i);
        g_assert_true(amd_gpu_model_is_clean(env->model));
    }
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 0);
    env_free(env);
}

/*
 * A guest that unloaded the SMU (Windows): BACO's check finds it not
 * running and writes nothing; mode1 follows and resets the chip
 */
static void test_baco_smu_halted(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = baco_env(c->device, false);
    AMDResetReport report;

    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_WINDOWS);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_MODE1);
    g_assert_cmpuint(amd_gpu_model_smu_messages(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 1);
    g_assert_true(amd_gpu_model_is_clean(env->model));
    /* nothing of BACO written before mode1's first write */
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_MMIO_WRITE, R_FB_EN), ==,
                    -1);
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_MMIO_WRITE, R_THM11), ==,
                    -1);
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_MMIO_WRITE, R_SMU_MSG),
                    ==, -1);
    env_free(env);
}

/* amdgpu's choice on Vega20 is mode1: no SMU message at all */
static void test_baco_vega20_auto(void)
{
    TestEnv *env = baco_env(DEV_RADEON7, false);
    AMDResetReport report;

    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_MODE1);
    g_assert_cmpuint(env->dev.n_methods, ==, 1);
    g_assert_cmpuint(amd_gpu_model_smu_messages(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 1);
    env_free(env);
}

/* What the board says: no VBIOS cap, or no SMU9 fuse, means mode1 */
static void test_baco_board(void)
{
    struct {
        uint16_t device;
        bool cap, fuse;
    } cases[] = {
        { DEV_VEGA64, false, true },
        { DEV_VEGA64, true, false },
        { DEV_RX5700XT, false, true },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        TestEnv *env = baco_env(cases[i].device, false);
        AMDResetReport report;

        amd_gpu_model_set_vbios_cap(env->model, cases[i].cap);
        amd_gpu_model_set_baco_fuse(env->model, cases[i].fuse);
        guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
        g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_MODE1);
        g_assert_cmpuint(env->dev.n_methods, ==, 1);
        g_assert_cmpuint(amd_gpu_model_smu_messages(env->model), ==, 0);
        env_free(env);
    }
}

/*
 * navi10_check_bxco_support(): a Navi board whose VBIOS has MACO but not
 * the BACO bit can do BACO; on Vega the MACO bit means nothing
 */
static void test_baco_maco(void)
{
    AMDGPUModelVbiosSpec spec = {
        .format = AMD_PPTABLE_ATOMFW,
        .other_caps = 0x10,
    };
    AMDGPUModelVbiosLayout layout;
    g_autofree uint8_t *rom = amd_gpu_model_vbios_build(&spec, &layout);
    static const struct {
        uint16_t device;
        AMDResetMethod first;
    } cases[] = {
        { DEV_RX5700XT, AMD_RESET_METHOD_BACO },
        { DEV_VEGA64, AMD_RESET_METHOD_MODE1 },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        TestEnv *env = baco_env(cases[i].device, false);
        AMDResetReport report;

        amd_gpu_model_set_vbios(env->model, rom, layout.size);
        guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
        g_assert_cmpint(env->dev.methods[0], ==, cases[i].first);
        g_assert_cmpint(report.method, ==, cases[i].first);
        env_free(env);
    }
}

/*
 * The SMU rejects the second EnterBaco (0xfd, the reported Navi14
 * second-reset failure): the first reboot is a BACO, the second falls
 * back to mode1; forced BACO ends with the SMU's answer in the report
 */
static void test_baco_rejected(void)
{
    TestEnv *env = baco_env(DEV_RX5500XT, false);
    AMDResetReport report;

    amd_gpu_model_set_smu_reject_enter_after(env->model, 1);
    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_MODE1);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 1);
    g_assert_true(amd_gpu_model_is_clean(env->model));
    env_free(env);

    env = baco_env(DEV_RX5500XT, true);
    amd_gpu_model_set_smu_reject_enter_after(env->model, 1);
    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_cmphex(report.reg, ==, R_SMU_RESP);
    g_assert_cmphex(report.seen, ==, 0xfd);
    g_assert_nonnull(report.table);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 0);
    env_free(env);
}

/* Messages nobody answers, a chip that never enters: mode1, bounded */
static void test_baco_faults(const void *opaque)
{
    const char *fault = opaque;
    TestEnv *env = baco_env(DEV_RX5700XT, false);
    AMDResetReport report;
    int64_t bound = (amd_reset_timings.baco_total_us +
                     amd_reset_timings.mode1_total_us) * 1000LL;

    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
    if (!strcmp(fault, "no-answer")) {
        amd_gpu_model_set_smu_no_answer(env->model, true);
    } else {
        amd_gpu_model_set_baco_never_enters(env->model, true);
    }
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_MODE1);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 1);
    g_assert_true(amd_gpu_model_is_clean(env->model));
    g_assert_cmpint(env->now_ns - START_NS, <=, bound);
    env_free(env);

    /* forced, the same faults end BACO with a warning and no mode1 */
    env = baco_env(DEV_RX5700XT, true);
    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
    if (!strcmp(fault, "no-answer")) {
        amd_gpu_model_set_smu_no_answer(env->model, true);
    } else {
        amd_gpu_model_set_baco_never_enters(env->model, true);
    }
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    if (!strcmp(fault, "no-answer")) {
        g_assert_cmphex(report.reg, ==, R_SMU_RESP);
        g_assert_cmphex(report.seen, ==, 0);
    }
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 0);
    g_assert_cmpint(env->now_ns - START_NS, <=,
                    amd_reset_timings.baco_total_us * 1000LL);
    env_free(env);
}

/* Forced BACO on a halted SMU: the check fails, nothing is written */
static void test_baco_forced_halted(void)
{
    TestEnv *env = baco_env(DEV_VEGA64, true);
    AMDResetReport report;

    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_WINDOWS);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpstr(report.table, ==, "smu_running");
    g_assert_cmpuint(amd_gpu_model_smu_messages(env->model), ==, 0);
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_MMIO_WRITE, R_DOORBELL),
                    ==, -1);
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_MMIO_WRITE, R_C2PMSG_64),
                    ==, -1);
    env_free(env);
}

/* Each answer of the SMU but OK fails the message, with its value */
static void test_smu_answers(void)
{
    static const AMDRegStep steps[] = {
        { .cmd = AMD_REG_CMD_SMU_MSG, .reg = 0x99, .val = 0 },
    };
    static const AMDRegStep test_msg[] = {
        { .cmd = AMD_REG_CMD_SMU_MSG, .reg = 0x1, .val = 0 },
    };
    static const AMDRegTable unknown = {
        .name = "unknown", .parts = { { steps, ARRAY_SIZE(steps) } },
    };
    static const AMDRegTable ok = {
        .name = "test", .parts = { { test_msg, ARRAY_SIZE(test_msg) } },
    };
    TestEnv *env = baco_env(DEV_RX5700XT, false);
    uint32_t answer = 0;
    size_t failed = 0;
    bool gone = false;

    guest_ran(env, AMD_GPU_MODEL_SHUTDOWN_LINUX);
    amd_gpu_model_set_command(env->model, PCI_COMMAND_MEMORY);
    g_assert_true(amd_reset_run_table(&env->dev, env->dev.family->gen->regs,
                                      &ok, 1000, 100, INT64_MAX, &failed,
                                      &gone, &answer));
    g_assert_false(amd_reset_run_table(&env->dev, env->dev.family->gen->regs,
                                       &unknown, 1000, 100, INT64_MAX,
                                       &failed, &gone, &answer));
    g_assert_cmphex(answer, ==, 0xfe);
    g_assert_cmpuint(failed, ==, 0);
    g_assert_false(gone);

    /* a halted SMU keeps its stale 1: still no answer, bounded */
    amd_gpu_model_guest_shutdown(env->model, AMD_GPU_MODEL_SHUTDOWN_WINDOWS);
    g_assert_false(amd_reset_run_table(&env->dev, env->dev.family->gen->regs,
                                       &ok, 1000, 100, INT64_MAX, &failed,
                                       &gone, &answer));
    g_assert_cmphex(answer, ==, 0);
    g_assert_cmpstr(amd_reset_smu_result_str(0xfd), ==,
                    "rejected: prerequisites not met");
    g_assert_cmpstr(amd_reset_smu_result_str(0), ==, "no answer");
    env_free(env);
}

void test_amd_reset_add_soc15_baco(void)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(baco_cases); i++) {
        add_case("/vfio/amd-reset/soc15-baco/sequence/%s", baco_cases[i].name,
                 &baco_cases[i], test_baco_sequence);
        add_case("/vfio/amd-reset/soc15-baco/reboots/%s", baco_cases[i].name,
                 &baco_cases[i], test_baco_reboots);
        if (!baco_cases[i].forced) {
            add_case("/vfio/amd-reset/soc15-baco/smu-halted/%s",
                     baco_cases[i].name, &baco_cases[i],
                     test_baco_smu_halted);
        }
    }
    g_test_add_func("/vfio/amd-reset/soc15-baco/vega20-auto",
                    test_baco_vega20_auto);
    g_test_add_func("/vfio/amd-reset/soc15-baco/board", test_baco_board);
    g_test_add_func("/vfio/amd-reset/soc15-baco/maco", test_baco_maco);
    g_test_add_func("/vfio/amd-reset/soc15-baco/rejected",
                    test_baco_rejected);
    g_test_add_data_func("/vfio/amd-reset/soc15-baco/faults/no-answer",
                         "no-answer", test_baco_faults);
    g_test_add_data_func("/vfio/amd-reset/soc15-baco/faults/never-enters",
                         "never-enters", test_baco_faults);
    g_test_add_func("/vfio/amd-reset/soc15-baco/forced-halted",
                    test_baco_forced_halted);
    g_test_add_func("/vfio/amd-reset/soc15-baco/smu-answers",
                    test_smu_answers);
}
