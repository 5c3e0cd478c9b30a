/*
 * Unit tests of the SOC15/NV generation: the need check and PSP mode1 of
 * Vega10, Vega12, Vega20, Navi10, Navi12 and Navi14
 *
 * The expected sequences are written from amdgpu's psp_v11_0.c and
 * psp_v3_1.c mode1_reset() and amdgpu_device_mode1_reset(), in the order
 * a reset through vfio needs (the command register written before the
 * acknowledge is read), with the registers' BAR5 offsets of amdgpu's
 * mp_9_0 / mp_11_0 / nbio headers at the IP bases of the chips'
 * ip_offset headers; never from the engine's tables.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/pci/pci_regs.h"
#include "test-amd-reset-env.h"

/* BAR5 byte offsets */
#define R_PCIE_INDEX2   0x38
#define R_PCIE_DATA2    0x3c
#define R_SCRATCH_3     0x13c
#define R_BIF_STRAP0    0x3480
#define R_MEMSIZE       0x378c
#define R_C2PMSG_33     0x58184
#define R_C2PMSG_35     0x5818c
#define R_C2PMSG_64     0x58200
#define R_C2PMSG_81     0x58244
#define SMN_FLAGS_SMU9  0x03b10028
#define SMN_FLAGS_SMU11 0x03b10024
#define ENGINE_HUNG     0x20000000
#define MODE1_CMD       0x00070000
#define PSP_READY       0x80000000
#define MODE1_SLEEP_US  500000

/* Config space of the model: PCIe capability at 0x64, ReBAR at 0x100 */
#define CFG_PCIE        0x64
#define CFG_REBAR       0x100

#define MAX_SEQ         64

typedef struct Soc15Case {
    const char *name;
    uint16_t device;
    const char *family;
    uint32_t smu_flags;             /* SMN address of the SMU's flags */
} Soc15Case;

static const Soc15Case soc15_cases[] = {
    { "vega10", DEV_VEGA64, "Vega10", SMN_FLAGS_SMU9 },
    { "vega12", DEV_VEGA12, "Vega12", SMN_FLAGS_SMU9 },
    { "vega20", DEV_RADEON7, "Vega20", SMN_FLAGS_SMU11 },
    { "navi10", DEV_RX5700XT, "Navi10", SMN_FLAGS_SMU11 },
    { "navi12", DEV_NAVI12, "Navi12", SMN_FLAGS_SMU11 },
    { "navi14", DEV_RX5500XT, "Navi14", SMN_FLAGS_SMU11 },
};

typedef struct Seq {
    AMDGPUModelAccess e[MAX_SEQ];
    size_t n;
} Seq;

static void seq_add(Seq *s, AMDGPUModelAccess a)
{
    g_assert_cmpuint(s->n, <, MAX_SEQ);
    s->e[s->n++] = a;
}

static AMDGPUModelAccess cfg_r(AMDGPUModel *m, uint32_t off, unsigned size)
{
    return (AMDGPUModelAccess)CFG_R(off, size,
                                    amd_gpu_model_config_peek(m, off, size));
}

static AMDGPUModelAccess mmio_r(AMDGPUModel *m, uint32_t off)
{
    return (AMDGPUModelAccess)MMIO_R(off, amd_gpu_model_mmio_peek(m, off));
}

/*
 * The need check: sign of life, bootloader, GFX control, then the SMU's
 * flags through the SMN index pair, index read back
 */
static void seq_need(Seq *s, AMDGPUModel *m, const Soc15Case *c,
                     uint32_t flags)
{
    seq_add(s, mmio_r(m, R_C2PMSG_81));
    seq_add(s, mmio_r(m, R_C2PMSG_35));
    seq_add(s, mmio_r(m, R_C2PMSG_64));
    seq_add(s, (AMDGPUModelAccess)MMIO_W(R_PCIE_INDEX2, c->smu_flags));
    seq_add(s, (AMDGPUModelAccess)MMIO_R(R_PCIE_INDEX2, c->smu_flags));
    seq_add(s, (AMDGPUModelAccess)MMIO_R(R_PCIE_DATA2, flags));
}

/* What mode1 saves: the walk to the capabilities, then their controls */
static void seq_save(Seq *s, AMDGPUModel *m)
{
    static const uint16_t saved[] = {
        CFG_PCIE + PCI_EXP_DEVCTL, CFG_PCIE + PCI_EXP_LNKCTL,
        CFG_PCIE + PCI_EXP_DEVCTL2, CFG_PCIE + PCI_EXP_LNKCTL2,
    };
    size_t i;

    seq_add(s, cfg_r(m, PCI_STATUS, 2));
    seq_add(s, cfg_r(m, PCI_CAPABILITY_LIST, 1));
    seq_add(s, cfg_r(m, 0x50, 1));                  /* PM */
    seq_add(s, cfg_r(m, 0x51, 1));
    seq_add(s, cfg_r(m, CFG_PCIE, 1));              /* PCIe */
    seq_add(s, cfg_r(m, CFG_PCIE + PCI_EXP_FLAGS, 2));
    for (i = 0; i < ARRAY_SIZE(saved); i++) {
        seq_add(s, cfg_r(m, saved[i], 2));
    }
    seq_add(s, cfg_r(m, CFG_REBAR, 4));             /* ReBAR header */
    seq_add(s, cfg_r(m, CFG_REBAR + PCI_REBAR_CTRL, 4));
    seq_add(s, cfg_r(m, CFG_REBAR + PCI_REBAR_CTRL, 4));
}

static void seq_restore(Seq *s, AMDGPUModel *m)
{
    static const uint16_t saved[] = {
        CFG_PCIE + PCI_EXP_DEVCTL, CFG_PCIE + PCI_EXP_LNKCTL,
        CFG_PCIE + PCI_EXP_DEVCTL2, CFG_PCIE + PCI_EXP_LNKCTL2,
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(saved); i++) {
        seq_add(s, (AMDGPUModelAccess)CFG_W(saved[i], 2,
                amd_gpu_model_config_peek(m, saved[i], 2)));
    }
    seq_add(s, (AMDGPUModelAccess)CFG_W(CFG_REBAR + PCI_REBAR_CTRL, 4,
            amd_gpu_model_config_peek(m, CFG_REBAR + PCI_REBAR_CTRL, 4)));
}

/*
 * A whole healthy mode1 of a chip a guest driver ran on, as the engine
 * must run it; built from the model's state before the reset
 */
static void seq_mode1(Seq *s, AMDGPUModel *m, const Soc15Case *c)
{
    uint32_t scratch3 = amd_gpu_model_scratch(m, 3);

    seq_add(s, (AMDGPUModelAccess)CFG_R(PCI_CLASS_REVISION, 4,
            amd_gpu_model_config_peek(m, PCI_CLASS_REVISION, 4)));
    seq_add(s, (AMDGPUModelAccess)CFG_W(PCI_COMMAND, 2, PCI_COMMAND_MEMORY));
    seq_need(s, m, c, 1);
    /* the choice: no BACO strap, mode1 */
    seq_add(s, (AMDGPUModelAccess)MMIO_R(R_BIF_STRAP0, 0));
    /* PSP ready for a command, before anything is written */
    seq_add(s, (AMDGPUModelAccess)MMIO_R(R_C2PMSG_64, PSP_READY));
    seq_save(s, m);
    /* amdgpu_device_mode1_reset(): engine hung, the command, 500 ms */
    seq_add(s, (AMDGPUModelAccess)MMIO_R(R_SCRATCH_3, scratch3));
    seq_add(s, (AMDGPUModelAccess)MMIO_W(R_SCRATCH_3,
                                         scratch3 | ENGINE_HUNG));
    seq_add(s, (AMDGPUModelAccess)MMIO_W(R_C2PMSG_64, MODE1_CMD));
    seq_add(s, (AMDGPUModelAccess)SLEEP(MODE1_SLEEP_US));
    /* vfio restores the BARs; then the acknowledge */
    seq_add(s, (AMDGPUModelAccess)CFG_W(PCI_COMMAND, 2, PCI_COMMAND_MEMORY));
    seq_add(s, (AMDGPUModelAccess)MMIO_R(R_C2PMSG_33, PSP_READY));
    seq_restore(s, m);
    seq_add(s, (AMDGPUModelAccess)MMIO_R(R_MEMSIZE,
            amd_gpu_model_mmio_peek(m, R_MEMSIZE)));
    seq_add(s, (AMDGPUModelAccess)MMIO_R(R_C2PMSG_35, 0x80000000));
    seq_add(s, (AMDGPUModelAccess)MMIO_R(R_SCRATCH_3,
                                         scratch3 | ENGINE_HUNG));
    seq_add(s, (AMDGPUModelAccess)MMIO_W(R_SCRATCH_3, scratch3));
    seq_add(s, (AMDGPUModelAccess)CFG_W(PCI_COMMAND, 2, 0));
}

/*
 * A listed SOC15 chip, its methods chosen by the policy at first reset;
 * its board has no BACO strap, so that mode1 is the choice
 */
static TestEnv *soc15_env(uint16_t device)
{
    TestEnv *env = env_new(device);

    env->dev.n_methods = 0;
    g_assert_true(amd_gpu_model_is_soc15(env->model));
    amd_gpu_model_set_strap(env->model, false);
    return env;
}

static void assert_chip_reset_clean(TestEnv *env, unsigned mode1s)
{
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, mode1s);
    g_assert_cmpuint(amd_gpu_model_bar_restores(env->model), ==, mode1s);
    g_assert_true(amd_gpu_model_is_clean(env->model));
    g_assert_false(amd_gpu_model_driver_loaded(env->model));
    g_assert_cmpuint(amd_gpu_model_pmcsr_writes(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_power_state(env->model), ==, 0);
    g_assert_cmphex(amd_gpu_model_scratch(env->model, 3) & ENGINE_HUNG, ==,
                    0);
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0);
}

/* After host boot the chip is clean: read, traced, left alone */
static void test_soc15_clean(const void *opaque)
{
    const Soc15Case *c = opaque;
    TestEnv *env = soc15_env(c->device);
    AMDResetReport report;
    Seq s = { .n = 0 };

    g_assert_true(amd_gpu_model_is_clean(env->model));
    seq_add(&s, cfg_r(env->model, PCI_CLASS_REVISION, 4));
    seq_add(&s, (AMDGPUModelAccess)CFG_W(PCI_COMMAND, 2, PCI_COMMAND_MEMORY));
    amd_gpu_model_set_command(env->model, PCI_COMMAND_MEMORY);
    seq_need(&s, env->model, c, 0);
    amd_gpu_model_set_command(env->model, 0);
    seq_add(&s, (AMDGPUModelAccess)CFG_W(PCI_COMMAND, 2, 0));

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_CLEAN);
    assert_log_tail(env, 0, s.e, s.n);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 0);
    g_assert_cmpuint(env->sleeps, ==, 0);
    /* nothing chosen yet: the choice waits for a dirty chip */
    g_assert_cmpuint(env->dev.n_methods, ==, 0);
    env_free(env);
}

/* A guest driver ran: one PSP mode1, register for register */
static void test_soc15_mode1(const void *opaque)
{
    const Soc15Case *c = opaque;
    TestEnv *env = soc15_env(c->device);
    uint32_t devctl, lnkctl, rebar;
    AMDResetReport report;
    Seq s = { .n = 0 };

    g_assert_cmpstr(env->dev.family->name, ==, c->family);
    env_guest_ran(env, 0);
    devctl = amd_gpu_model_config_peek(env->model, CFG_PCIE + PCI_EXP_DEVCTL,
                                       2);
    lnkctl = amd_gpu_model_config_peek(env->model, CFG_PCIE + PCI_EXP_LNKCTL,
                                       2);
    rebar = amd_gpu_model_config_peek(env->model, CFG_REBAR + PCI_REBAR_CTRL,
                                      4);
    /* what the engine reads with decode on */
    amd_gpu_model_set_command(env->model, PCI_COMMAND_MEMORY);
    seq_mode1(&s, env->model, c);
    amd_gpu_model_set_command(env->model, 0);
    amd_gpu_model_log_clear(env->model);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_MODE1);
    assert_log_tail(env, 0, s.e, s.n);
    assert_chip_reset_clean(env, 1);
    /* the chip lost them; QEMU put them back, past QEMU's emulation */
    g_assert_cmphex(amd_gpu_model_config_peek(env->model,
                    CFG_PCIE + PCI_EXP_DEVCTL, 2), ==, devctl);
    g_assert_cmphex(amd_gpu_model_config_peek(env->model,
                    CFG_PCIE + PCI_EXP_LNKCTL, 2), ==, lnkctl);
    g_assert_cmphex(amd_gpu_model_config_peek(env->model,
                    CFG_REBAR + PCI_REBAR_CTRL, 4), ==, rebar);
    g_assert_cmpuint(env->raw_writes, ==, 5);
    /* the other functions get their BARs back too */
    g_assert_cmpuint(env->restores, ==, 1);
    /* the mandated 500 ms, and not much more on a healthy chip */
    g_assert_cmpint(env->now_ns - START_NS, >=, MODE1_SLEEP_US * 1000LL);
    g_assert_cmpint(env->now_ns - START_NS, <=, 550 * MS);
    env_free(env);
}

/* Twenty guest boots, each with its driver, each reboot one mode1 */
static void test_soc15_reboots(const void *opaque)
{
    const Soc15Case *c = opaque;
    TestEnv *env = soc15_env(c->device);
    AMDResetReport report;
    unsigned i;

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_CLEAN);
    for (i = 1; i <= 20; i++) {
        env_guest_ran(env, 0);
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
        assert_chip_reset_clean(env, i);
    }
    /* a reboot the guest driver never reached: nothing to do */
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_CLEAN);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 20);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(env->model), ==, 0);
    env_free(env);
}

/* The PSP takes no command: nothing written, one warning with the value */
static void test_soc15_psp_not_ready(const void *opaque)
{
    const uint32_t *value = opaque;
    TestEnv *env = soc15_env(DEV_VEGA64);
    AMDResetReport report;

    env_guest_ran(env, 0);
    amd_gpu_model_set_psp_state(env->model, true, *value);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_MODE1);
    g_assert_cmpstr(report.table, ==, "PSP ready");
    g_assert_cmpuint(report.step, ==, 1);
    g_assert_cmphex(report.reg, ==, R_C2PMSG_64);
    g_assert_cmphex(report.seen, ==, *value);
    g_assert_cmpint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE,
                                   R_C2PMSG_64), ==, 0);
    g_assert_cmpint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE,
                                   R_SCRATCH_3), ==, 0);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(env->model), ==, 0);
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    /* amdgpu's 100 ms, not more */
    g_assert_cmpint(env->now_ns - START_NS, >=, 100 * MS);
    g_assert_cmpint(env->now_ns - START_NS, <=, 102 * MS);
    env_free(env);
}

/* The chip resets but the PSP never says so: bounded, restored, hung */
static void test_soc15_never_acked(void)
{
    TestEnv *env = soc15_env(DEV_RX5700XT);
    AMDResetReport report;

    env_guest_ran(env, 0);
    amd_gpu_model_set_mode1_never_acked(env->model, true);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpstr(report.table, ==, "mode1 acknowledge");
    g_assert_cmphex(report.reg, ==, R_C2PMSG_33);
    g_assert_cmphex(report.seen, ==, 0);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_bar_restores(env->model), ==, 1);
    g_assert_cmpuint(env->raw_writes, ==, 5);
    /* as amdgpu: the chip stays marked hung for the guest driver */
    g_assert_cmphex(amd_gpu_model_scratch(env->model, 3) & ENGINE_HUNG, ==,
                    ENGINE_HUNG);
    g_assert_cmpint(env->now_ns - START_NS, >=, 600 * MS);
    g_assert_cmpint(env->now_ns - START_NS, <=, 602 * MS);
    env_free(env);
}

/* The bootloader never gets ready: bounded by its own 1 s deadline */
static void test_soc15_bootloader_never(void)
{
    TestEnv *env = soc15_env(DEV_RX5500XT);
    AMDResetReport report;

    env_guest_ran(env, 0);
    amd_gpu_model_set_bootloader_never_ready(env->model, true);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpstr(report.table, ==, "bootloader");
    g_assert_cmphex(report.reg, ==, R_C2PMSG_35);
    g_assert_cmpint(env->now_ns - START_NS, >=, 1500 * MS);
    g_assert_cmpint(env->now_ns - START_NS, <=,
                    amd_reset_timings.mode1_total_us * 1000LL);

    /*
     * The next reset finds no secure OS and no bootloader: a state no
     * method resets from, left alone with a message naming both
     */
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_FIRMWARE);
    g_assert_nonnull(report.err);
    g_assert_nonnull(strstr(error_get_pretty(report.err),
                            "MP0_SMN_C2PMSG_81 0x00000000"));
    g_assert_nonnull(strstr(error_get_pretty(report.err),
                            "MP0_SMN_C2PMSG_35 0x00000000"));
    error_free(report.err);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 1);
    env_free(env);
}

/* The chip leaves the bus at the mode1 command: gone, at once */
static void test_soc15_off_bus(void)
{
    TestEnv *env = soc15_env(DEV_RADEON7);
    AMDResetReport report;

    env_guest_ran(env, 0);
    amd_gpu_model_set_off_bus_after_mode1(env->model, true);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_GONE);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 1);
    /* the 500 ms, then the first acknowledge read finds it gone */
    g_assert_cmpint(env->now_ns - START_NS, ==, MODE1_SLEEP_US * 1000LL);
    env_free(env);
}

/* A chip that reads all-ones from the start: gone, nothing written */
static void test_soc15_all_ones(void)
{
    TestEnv *env = soc15_env(DEV_VEGA64);
    AMDResetReport report;

    env_guest_ran(env, 0);
    amd_gpu_model_set_all_ones(env->model, true);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_GONE);
    g_assert_cmpint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE, -1),
                    ==, 0);
    g_assert_cmpuint(env->sleeps, ==, 0);
    env_free(env);
}

/*
 * BAR5 that does not decode reads all-ones: all-ones is no answer of the
 * PSP, though it has the "ready" bit set; the wait times out unanswered
 */
static void test_soc15_all_ones_no_answer(void)
{
    TestEnv *env = soc15_env(DEV_VEGA64);
    AMDResetReport report;

    env_guest_ran(env, 0);
    env->frozen = true;
    env->frozen_value = ALL_ONES;
    env->frozen_after = 6;          /* the need check and the strap */

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpstr(report.table, ==, "PSP ready");
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 0);
    g_assert_cmpint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE,
                                   R_C2PMSG_64), ==, 0);
    env_free(env);
}

/*
 * BAR5 stops answering between the PSP's "ready" and the engine-hung
 * bit: all-ones is not written back to the scratch register, and no
 * command follows
 */
static void test_soc15_scratch_all_ones(void)
{
    TestEnv *env = soc15_env(DEV_RX5500XT);
    AMDResetReport report;

    env_guest_ran(env, 0);
    env->frozen = true;
    env->frozen_value = ALL_ONES;
    env->frozen_after = 7;          /* need check, strap, PSP ready */

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpstr(report.table, ==, "engine hung");
    g_assert_cmphex(report.reg, ==, R_SCRATCH_3);
    /* no command: not even the 500 ms that follows it */
    g_assert_cmpuint(env->sleeps, ==, 0);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 0);
    env_free(env);
}

/* Every wait too slow on the real clock: the whole mode1 is bounded */
static void test_soc15_bound_real_clock(void)
{
    TestEnv *env = soc15_env(DEV_RX5700XT);
    AMDResetReport report;
    int64_t start, elapsed_us;

    env_use_real_clock(env);
    env_guest_ran(env, 0);
    amd_gpu_model_set_bootloader_never_ready(env->model, true);

    start = g_get_monotonic_time();
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    elapsed_us = g_get_monotonic_time() - start;
    g_assert_cmpint(elapsed_us, <, amd_reset_timings.mode1_total_us);
    env_free(env);
}

/* A function of the chip is not QEMU's: mode1 would reset it, no reset */
static void test_soc15_not_owned(void)
{
    TestEnv *env = soc15_env(DEV_RX5700XT);
    AMDResetReport report;

    env_guest_ran(env, 0);
    env->not_owned = true;

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_NOT_OWNED);
    g_assert_cmpstr(report.unowned, ==, "0000:01:00.1");
    g_assert_cmpuint(amd_gpu_model_mode1_resets(env->model), ==, 0);
    g_assert_cmpint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE,
                                   R_C2PMSG_64), ==, 0);
    g_assert_cmpuint(env->restores, ==, 0);
    env_free(env);
}

/* Which methods a family has, and the unlisted GPU under x-amd-reset=on */
static void test_soc15_policy(void)
{
    struct {
        uint16_t device;
        AMDResetMethod method;
        OnOffAuto policy;
        uint64_t bar5;
        const char *family;         /* NULL: refused with @error */
        const char *error;
    } cases[] = {
        { DEV_VEGA64, AMD_RESET_METHOD_NONE, ON_OFF_AUTO_AUTO, 0, "Vega10" },
        { DEV_VEGA64, AMD_RESET_METHOD_MODE1, ON_OFF_AUTO_AUTO, 0, "Vega10" },
        { DEV_VEGA64, AMD_RESET_METHOD_CONFIG, ON_OFF_AUTO_AUTO, 0, NULL,
          "the Vega10 family (SOC15/NV) has no config reset" },
        { DEV_VEGA64, AMD_RESET_METHOD_BACO, ON_OFF_AUTO_AUTO, 0, "Vega10" },
        /* the generic family has no BACO tables */
        { 0x73bf, AMD_RESET_METHOD_BACO, ON_OFF_AUTO_ON, 0x80000, NULL,
          "the SOC15/NV family has no BACO sequence" },
        { DEV_W7100, AMD_RESET_METHOD_MODE1, ON_OFF_AUTO_AUTO, 0, NULL,
          "the Tonga family (GCN 1.1/1.2) has no PSP mode1" },
        /* unlisted: the generation the BAR5 fits */
        { 0x73bf, AMD_RESET_METHOD_NONE, ON_OFF_AUTO_ON, 0x80000,
          "SOC15/NV" },
        { 0x73bf, AMD_RESET_METHOD_MODE1, ON_OFF_AUTO_ON, 0x80000,
          "SOC15/NV" },
        { 0x6900, AMD_RESET_METHOD_NONE, ON_OFF_AUTO_ON, 0x40000,
          "CIK/VI" },
        { 0x6900, AMD_RESET_METHOD_MODE1, ON_OFF_AUTO_ON, 0x40000, NULL,
          "the CIK/VI family (GCN 1.1/1.2) has no PSP mode1" },
        { 0x6900, AMD_RESET_METHOD_BACO, ON_OFF_AUTO_ON, 0x40000, NULL,
          "the CIK/VI family has no BACO sequence" },
    };
    size_t i;

    /* mode1 resets the whole chip; no bus reset may reach it */
    g_assert_true(amd_reset_gen_soc15.methods[AMD_RESET_METHOD_MODE1] ==
                  &amd_reset_mode1_ops);
    g_assert_true(amd_reset_mode1_ops.chip_wide);
    g_assert_cmpint(amd_reset_gen_soc15.local_method, ==,
                    AMD_RESET_METHOD_NONE);
    g_assert_true(amd_reset_gen_soc15.no_bus_reset);
    g_assert_false(amd_reset_gen_cik_vi.no_bus_reset);
    g_assert_null(amd_reset_gen_cik_vi.methods[AMD_RESET_METHOD_MODE1]);

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        AMDResetConfig cfg = { .policy = cases[i].policy,
                               .method = cases[i].method };
        TestEnv *env = env_new(DEV_VEGA64);
        Error *err = NULL, *unfit = NULL;
        bool ok;

        amd_gpu_model_free(env->model);
        env->model = amd_gpu_model_new(cases[i].device);
        env->bar5_size = cases[i].bar5;
        ok = amd_reset_probe(&env->dev, &cfg, &unfit, &err);
        g_assert_null(unfit);
        if (cases[i].family) {
            g_assert_true(ok);
            g_assert_nonnull(env->dev.family);
            g_assert_cmpstr(env->dev.family->name, ==, cases[i].family);
        } else {
            g_assert_false(ok);
            g_test_message("%s", error_get_pretty(err));
            g_assert_nonnull(strstr(error_get_pretty(err), cases[i].error));
            error_free(err);
        }
        env_free(env);
    }
}

/* A Vega whose BAR5 is not 512 KiB is not reset, with a warning */
static void test_soc15_bar5(void)
{
    AMDResetConfig cfg = { .policy = ON_OFF_AUTO_AUTO };
    TestEnv *env = soc15_env(DEV_VEGA64);
    Error *unfit = NULL;

    env->bar5_size = 0x100000;
    g_assert_true(amd_reset_probe(&env->dev, &cfg, &unfit, &error_abort));
    g_assert_null(env->dev.family);
    g_assert_nonnull(unfit);
    g_assert_nonnull(strstr(error_get_pretty(unfit), "0x80000 bytes"));
    error_free(unfit);
    env_free(env);
}

/*
 * SMN steps: the index written and read back at every step.  The
 * register is MP1_PUB_CTRL, plain storage in the model.
 */
#define SMN_PUB_CTRL    0x03b10b14

static void test_soc15_smn_table(void)
{
    static const AMDRegStep steps[] = {
        { AMD_REG_CMD_RMW, AMD_REG_SMN, SMN_PUB_CTRL, 0x2, 1, 0, 1 },
        { AMD_REG_CMD_WAITFOR, AMD_REG_SMN, SMN_PUB_CTRL, 0x3, 0, 0, 2 },
    };
    static const AMDRegTable table = {
        .name = "smn", .parts = { { steps, ARRAY_SIZE(steps) } },
    };
    const AMDGPUModelAccess expected[] = {
        MMIO_W(R_PCIE_INDEX2, SMN_PUB_CTRL),
        MMIO_R(R_PCIE_INDEX2, SMN_PUB_CTRL),
        MMIO_R(R_PCIE_DATA2, 0x0),
        MMIO_W(R_PCIE_DATA2, 0x2),
        MMIO_W(R_PCIE_INDEX2, SMN_PUB_CTRL),
        MMIO_R(R_PCIE_INDEX2, SMN_PUB_CTRL),
        MMIO_R(R_PCIE_DATA2, 0x2),
    };
    TestEnv *env = soc15_env(DEV_RX5700XT);
    size_t failed = 0;
    bool gone;

    env_guest_ran(env, PCI_COMMAND_MEMORY);
    g_assert_true(amd_reset_run_table(&env->dev,
                                      env->dev.family->gen->regs, &table,
                                      1000, 100, INT64_MAX, &failed, &gone,
                                      NULL));
    assert_log_tail(env, 0, expected, ARRAY_SIZE(expected));
    env_free(env);
}

void test_amd_reset_add_soc15(void)
{
    static const uint32_t not_ready[] = { 0, 0x80000005, 0x00070000 };
    static const char *const not_ready_names[] = {
        "no-response", "error-status", "busy",
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(soc15_cases); i++) {
        add_case("/vfio/amd-reset/soc15/clean/%s", soc15_cases[i].name,
                 &soc15_cases[i], test_soc15_clean);
        add_case("/vfio/amd-reset/soc15/mode1/%s", soc15_cases[i].name,
                 &soc15_cases[i], test_soc15_mode1);
        add_case("/vfio/amd-reset/soc15/reboots/%s", soc15_cases[i].name,
                 &soc15_cases[i], test_soc15_reboots);
    }
    for (i = 0; i < ARRAY_SIZE(not_ready); i++) {
        add_case("/vfio/amd-reset/soc15/psp-not-ready/%s",
                 not_ready_names[i], &not_ready[i],
                 test_soc15_psp_not_ready);
    }
    g_test_add_func("/vfio/amd-reset/soc15/never-acked",
                    test_soc15_never_acked);
    g_test_add_func("/vfio/amd-reset/soc15/bootloader-never-ready",
                    test_soc15_bootloader_never);
    g_test_add_func("/vfio/amd-reset/soc15/off-bus", test_soc15_off_bus);
    g_test_add_func("/vfio/amd-reset/soc15/all-ones", test_soc15_all_ones);
    g_test_add_func("/vfio/amd-reset/soc15/all-ones-no-answer",
                    test_soc15_all_ones_no_answer);
    g_test_add_func("/vfio/amd-reset/soc15/scratch-all-ones",
                    test_soc15_scratch_all_ones);
    g_test_add_func("/vfio/amd-reset/soc15/bound/real-clock",
                    test_soc15_bound_real_clock);
    g_test_add_func("/vfio/amd-reset/soc15/not-owned", test_soc15_not_owned);
    g_test_add_func("/vfio/amd-reset/soc15/policy", test_soc15_policy);
    g_test_add_func("/vfio/amd-reset/soc15/bar5", test_soc15_bar5);
    g_test_add_func("/vfio/amd-reset/soc15/smn-table", test_soc15_smn_table);
}
