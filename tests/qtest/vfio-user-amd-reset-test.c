/*
 * QTest for the AMD GPU reset quirk, end to end over vfio-user
 *
 * QEMU's vfio-user-pci reaches a register-level model of an AMD CIK/VI or
 * SOC15/NV GPU (tests/unit/amd-gpu-model.c) served by a vfio-user server
 * running in a thread of this process.  The tests reset the machine and
 * check what the model saw: the quirk code under test is the one vfio-pci
 * uses.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "libqtest.h"
#include "qobject/qdict.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "../unit/amd-gpu-model.h"
#include "vfio-user-server.h"

#define WARNING_TEXT    "AMD GPU reset failed"

typedef struct TestGPU {
    char *dir;
    char *sock;
    char *stderr_path;
    char *trace_path;
    AMDGPUModel *model;
    VfioUserTestServer *server;
    QTestState *qts;
    uint16_t vendor_id;             /* 0: the model's own (AMD) */
    bool pin_gone;                  /* the interrupt pin reads 0xff */
} TestGPU;

static void test_gpu_region_access(void *opaque, unsigned region,
                                   uint64_t offset, void *buf,
                                   uint32_t count, bool is_write)
{
    TestGPU *t = opaque;
    uint8_t *bytes = buf;
    bool ok;

    switch (region) {
    case VFIO_PCI_CONFIG_REGION_INDEX:
        ok = amd_gpu_model_config_access(t->model, offset, bytes, count,
                                         is_write);
        /* a different vendor on the same device, for the error path */
        if (ok && !is_write && t->vendor_id && offset < 2) {
            uint8_t id[2] = { t->vendor_id & 0xff, t->vendor_id >> 8 };
            uint64_t i;

            for (i = offset; i < 2 && i < offset + count; i++) {
                bytes[i - offset] = id[i];
            }
        }
        /*
         * The server serves config space as the device answers it, with
         * no copy of the pin kept aside as the kernel's vfio-pci has.
         */
        if (ok && !is_write && qatomic_read(&t->pin_gone) &&
            offset <= PCI_INTERRUPT_PIN && offset + count > PCI_INTERRUPT_PIN) {
            bytes[PCI_INTERRUPT_PIN - offset] = 0xff;
        }
        break;
    case AMD_MMIO_BAR:
        ok = amd_gpu_model_mmio_access(t->model, offset, bytes, count,
                                       is_write);
        break;
    case VFIO_PCI_ROM_REGION_INDEX:
        ok = !is_write && amd_gpu_model_rom_read(t->model, offset, bytes,
                                                 count);
        break;
    default:
        ok = false;
        break;
    }
    if (!ok && !is_write) {
        memset(buf, 0xff, count);
    }
}

/* What the server's DEVICE_RESET does: nothing, as a bus reset here */
static void test_gpu_device_reset(void *opaque)
{
}

/*
 * A GPU model served over vfio-user; with @vbios, its VBIOS (with the BACO
 * cap or without, as @baco_cap says) is the device's ROM region, without
 * it the device has no ROM and QEMU cannot tell whether BACO is supported.
 * With @reset_works the server offers a reset of its own, as the kernel
 * does for a device it can reset.
 */
static TestGPU *test_gpu_new_full(uint16_t device_id, bool vbios,
                                  bool baco_cap, bool reset_works)
{
    TestGPU *t = g_new0(TestGPU, 1);
    VfioUserTestDevice dev = {
        .region_access = test_gpu_region_access,
        .reset_works = reset_works,
        .device_reset = test_gpu_device_reset,
        .opaque = t,
    };
    GError *err = NULL;

    t->dir = g_dir_make_tmp("vfio-user-amd-XXXXXX", &err);
    g_assert_no_error(err);
    t->sock = g_build_filename(t->dir, "gpu.sock", NULL);
    t->stderr_path = g_build_filename(t->dir, "stderr.log", NULL);
    t->trace_path = g_build_filename(t->dir, "trace.log", NULL);
    t->model = amd_gpu_model_new(device_id);
    /* 256 bytes and 256 KiB on CIK/VI, 4 KiB and 512 KiB on SOC15/NV */
    dev.region_size[VFIO_PCI_CONFIG_REGION_INDEX] =
        amd_gpu_model_config_size(t->model);
    dev.region_size[AMD_MMIO_BAR] = amd_gpu_model_bar5_size(t->model);
    if (vbios) {
        amd_gpu_model_set_vbios_cap(t->model, baco_cap);
    } else {
        amd_gpu_model_set_vbios(t->model, NULL, 0);
    }
    dev.region_size[VFIO_PCI_ROM_REGION_INDEX] =
        amd_gpu_model_rom_size(t->model);
    t->server = vfio_user_test_server_start(t->sock, &dev);
    g_assert(t->server);
    return t;
}

static TestGPU *test_gpu_new_rom(uint16_t device_id, bool vbios,
                                 bool baco_cap)
{
    /* no kernel-style reset: the server does not advertise DEVICE_RESET */
    return test_gpu_new_full(device_id, vbios, baco_cap, false);
}

/*
 * Start QEMU with the GPU.  QEMU's stderr goes to a file so that tests can
 * count warnings; libqtest runs the command line through the shell.
 */
static void test_gpu_start(TestGPU *t, const char *extra_props)
{
    t->qts = qtest_initf("-machine pc -nodefaults "
                         "-trace 'vfio_quirk_amd_*' -D %s "
                         "-device '{\"driver\":\"vfio-user-pci\","
                         "\"id\":\"gpu\",\"addr\":\"04.0\","
                         "\"socket\":{\"type\":\"unix\",\"path\":\"%s\"}"
                         "%s}' 2>%s",
                         t->trace_path, t->sock, extra_props ?: "",
                         t->stderr_path);
}

static TestGPU *test_gpu_new(uint16_t device_id)
{
    return test_gpu_new_rom(device_id, false, false);
}

static void test_gpu_free(TestGPU *t)
{
    if (t->qts) {
        qtest_quit(t->qts);
    }
    vfio_user_test_server_stop(t->server);
    amd_gpu_model_free(t->model);
    unlink(t->stderr_path);
    unlink(t->trace_path);
    rmdir(t->dir);
    g_free(t->sock);
    g_free(t->stderr_path);
    g_free(t->trace_path);
    g_free(t->dir);
    g_free(t);
}

static char *read_file(const char *path)
{
    char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        return g_strdup("");
    }
    return text;
}

/* Stop QEMU, so that it has flushed @path, and return the file's text */
static char *test_gpu_quit(TestGPU *t, const char *path)
{
    qtest_quit(t->qts);
    t->qts = NULL;
    return read_file(path);
}

static unsigned count_substr(const char *text, const char *needle)
{
    unsigned n = 0;

    while ((text = strstr(text, needle))) {
        n++;
        text += strlen(needle);
    }
    return n;
}

/* vfio_quirk_amd_reset_done lines of @trace that name @what */
static unsigned count_done(const char *trace, const char *what)
{
    g_auto(GStrv) lines = g_strsplit(trace, "\n", -1);
    unsigned n = 0;
    char **l;

    for (l = lines; *l; l++) {
        n += strstr(*l, "vfio_quirk_amd_reset_done") && strstr(*l, what);
    }
    return n;
}

static bool log_has(AMDGPUModel *m, const char *line)
{
    size_t i, n = amd_gpu_model_log_count(m);
    bool found = false;

    for (i = 0; i < n && !found; i++) {
        AMDGPUModelAccess a;
        g_autofree char *s = NULL;

        g_assert(amd_gpu_model_log_get(m, i, &a));
        s = amd_gpu_model_access_format(&a);
        found = g_str_has_prefix(s, line);
    }
    return found;
}

/*
 * Check that the model saw @expected, in this order, among its accesses
 * (QEMU's own config accesses around the reset may come in between).
 */
static void assert_log_sequence(AMDGPUModel *m, const char *const *expected)
{
    size_t i, n = amd_gpu_model_log_count(m);
    const char *const *want = expected;

    for (i = 0; i < n && *want; i++) {
        AMDGPUModelAccess a;
        g_autofree char *s = NULL;

        g_assert(amd_gpu_model_log_get(m, i, &a));
        s = amd_gpu_model_access_format(&a);
        if (g_str_has_prefix(s, *want)) {
            want++;
        }
    }
    if (*want) {
        g_autofree char *dump = amd_gpu_model_log_format(m, 0, n);

        g_test_message("model log follows");
        g_test_message("%s", dump);
        g_test_message("missing, in order, from: %s", *want);
        g_assert_not_reached();
    }
}

/* The reset of a running GPU, as the model sees it */
static const char *const reset_sequence[] = {
    "cfg r4 0x08 ",
    "cfg w2 0x04 0x2",
    "mmio w 0x200 0x80000004",
    "mmio r 0x204 0x0",
    "mmio w 0x200 0x80000370",
    "mmio w 0x200 0xc00c0000",
    "mmio w 0x200 0xc0000010",
    "cfg w4 0x7c 0x39d5e86b",
    "mmio r 0x5428 0x2000",
    "mmio w 0x200 0x80000000",
    "mmio w 0x204 0x1",
    "mmio w 0x200 0x80000004",
    "mmio w 0x204 0x1",
    NULL
};

static void system_reset_with_driver(TestGPU *t)
{
    amd_gpu_model_load_driver(t->model);
    g_assert_true(amd_gpu_model_driver_loaded(t->model));
    amd_gpu_model_log_clear(t->model);
    qtest_system_reset(t->qts);
}

static void assert_alive(QTestState *qts)
{
    QDict *resp = qtest_qmp(qts, "{'execute': 'query-status'}");

    g_assert(qdict_haskey(resp, "return"));
    qobject_unref(resp);
}

/*
 * A config reset that times out takes 100 ms, BACO after it 500 ms at
 * most: a generous bound, not a benchmark
 */
#define VI_BOUND_US     (2 * G_USEC_PER_SEC)

/* system_reset_with_driver(), which must be over within VI_BOUND_US */
static void bounded_reset_with_driver(TestGPU *t)
{
    int64_t start = g_get_monotonic_time();

    system_reset_with_driver(t);
    g_assert_cmpint(g_get_monotonic_time() - start, <, VI_BOUND_US);
}

/* CIK/VI BAR5 registers, at the offsets of the model */
#define VI_BACO_CNTL            0x5394
#define VI_CONFIG_MEMSIZE       0x5428

/* Whether the model saw a write of BACO_CNTL: whether BACO ran */
static bool baco_cntl_written(TestGPU *t)
{
    g_autofree char *write = g_strdup_printf("mmio w 0x%x ", VI_BACO_CNTL);

    return log_has(t->model, write);
}

/*
 * The CIK/VI chip works as after power-on: out of reset, so MEMSIZE reads
 * the VRAM size, not in BACO, its SMC stopped until the guest driver loads
 * its firmware
 */
static void assert_vi_working(TestGPU *t)
{
    g_assert_false(amd_gpu_model_in_reset(t->model));
    g_assert_cmphex(amd_gpu_model_mmio_peek(t->model, VI_CONFIG_MEMSIZE), ==,
                    AMD_GPU_MODEL_VRAM_MB);
    g_assert_false(amd_gpu_model_in_baco(t->model));
    g_assert_true(amd_gpu_model_smc_stopped(t->model));
    g_assert_true(amd_gpu_model_is_clean(t->model));
}

static void test_reset(gconstpointer data)
{
    uint16_t device_id = GPOINTER_TO_UINT(data);
    TestGPU *t = test_gpu_new(device_id);
    unsigned resets;

    test_gpu_start(t, NULL);
    /* the machine-creation reset found the chip as after host boot */
    resets = amd_gpu_model_config_resets(t->model);
    g_assert_cmpuint(resets, ==, 0);

    system_reset_with_driver(t);
    assert_log_sequence(t->model, reset_sequence);
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, resets + 1);
    g_assert_false(amd_gpu_model_last_reset_whole_gpu(t->model));
    g_assert_false(amd_gpu_model_driver_loaded(t->model));
    g_assert_true(amd_gpu_model_smc_stopped(t->model));
    g_assert_true(amd_gpu_model_is_clean(t->model));
    /* the quirk did the reset; the server was never asked for one */
    g_assert_cmpuint(vfio_user_test_server_device_resets(t->server), ==, 0);
    test_gpu_free(t);
}

/* @props selects the policy; @expect_reset whether the quirk runs */
static void check_policy(uint16_t device_id, const char *props,
                         bool expect_reset)
{
    TestGPU *t = test_gpu_new(device_id);

    test_gpu_start(t, props);
    system_reset_with_driver(t);
    g_assert_cmpint(log_has(t->model, "cfg w4 0x7c"), ==, expect_reset);
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==,
                     expect_reset ? 1 : 0);
    g_assert_cmpint(amd_gpu_model_driver_loaded(t->model), ==,
                    !expect_reset);
    test_gpu_free(t);
}

/*
 * The device has a reset of its own (the kernel's, here the server's):
 * the quirk steps aside and vfio uses that one
 */
static void test_kernel_reset(void)
{
    TestGPU *t = test_gpu_new_full(0x692b, false, false, true);
    g_autofree char *trace = NULL;
    unsigned resets;

    test_gpu_start(t, NULL);
    resets = vfio_user_test_server_device_resets(t->server);
    system_reset_with_driver(t);
    g_assert_cmpuint(vfio_user_test_server_device_resets(t->server), ==,
                     resets + 1);
    g_assert_false(log_has(t->model, "cfg w4 0x7c"));
    g_assert_false(log_has(t->model, "mmio"));
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, 0);
    g_assert_true(amd_gpu_model_driver_loaded(t->model));
    trace = test_gpu_quit(t, t->trace_path);
    g_assert_nonnull(strstr(trace, "vfio_quirk_amd_reset_skipped"));
    g_assert_null(strstr(trace, "vfio_quirk_amd_reset_done"));
    test_gpu_free(t);
}

/* 0x6900, Topaz, is a GCN 1.2 GPU the table leaves out */
static void test_unlisted_auto(void)
{
    check_policy(0x6900, NULL, false);
}

static void test_unlisted_on(void)
{
    check_policy(0x6900, ",\"x-amd-reset\":\"on\"", true);
}

static void test_listed_off(void)
{
    check_policy(0x692b, ",\"x-amd-reset\":\"off\"", false);
}

/* The quirk follows the physical ID, whatever the guest is shown */
static void test_id_override(void)
{
    check_policy(0x692b, ",\"x-pci-device-id\":26880", true);  /* 0x6900 */
    check_policy(0x6900, ",\"x-pci-device-id\":26923", false); /* 0x692b */
}

/*
 * device_add of @t with x-amd-reset=on fails, with an error that contains
 * every string of the NULL-terminated @expect, and QEMU keeps running.
 */
static void check_on_refused(TestGPU *t, const char *const *expect)
{
    QDict *resp;
    const char *desc;

    resp = qtest_qmp(t->qts, "{'execute': 'device_add', 'arguments': {"
                     " 'driver': 'vfio-user-pci', 'id': 'gpu',"
                     " 'socket': {'type': 'unix', 'path': %s},"
                     " 'x-amd-reset': 'on' } }", t->sock);
    g_assert(qdict_haskey(resp, "error"));
    desc = qdict_get_str(qdict_get_qdict(resp, "error"), "desc");
    for (; *expect; expect++) {
        g_assert_nonnull(strstr(desc, *expect));
    }
    qobject_unref(resp);
    assert_alive(t->qts);
}

static void test_on_not_amd(void)
{
    static const char *const expect[] = {
        "x-amd-reset=on needs an AMD GPU", "10de:692b", NULL
    };
    TestGPU *t = test_gpu_new(0x692b);

    t->vendor_id = 0x10de;
    t->qts = qtest_init("-machine pc -nodefaults");
    check_on_refused(t, expect);
    test_gpu_free(t);
}

/*
 * The same failure for a device with an interrupt pin, twice: realize has
 * to leave nothing behind that points to the freed device.  The second
 * device_add registers the same notifiers and handlers again, so under
 * ASan a leftover of the first attempt is a use after free.
 */
static void test_on_not_amd_pin(void)
{
    static const char *const expect[] = { "x-amd-reset=on", NULL };
    TestGPU *t = test_gpu_new(0x692b);
    int i;

    t->vendor_id = 0x10de;
    amd_gpu_model_set_interrupt_pin(t->model, 1);
    t->qts = qtest_init("-machine pc -nodefaults");
    for (i = 0; i < 2; i++) {
        check_on_refused(t, expect);
    }
    g_assert_cmpuint(vfio_user_test_server_connections(t->server), ==, 2);
    test_gpu_free(t);
}

static void test_bad_value(void)
{
    QTestState *qts = qtest_init("-machine pc -nodefaults");
    QDict *resp;
    const char *desc;

    resp = qtest_qmp(qts, "{'execute': 'device_add', 'arguments': {"
                     " 'driver': 'vfio-user-pci', 'id': 'gpu',"
                     " 'socket': {'type': 'unix', 'path': '/nonexistent'},"
                     " 'x-amd-reset': 'maybe' } }");
    g_assert(qdict_haskey(resp, "error"));
    desc = qdict_get_str(qdict_get_qdict(resp, "error"), "desc");
    g_assert_nonnull(strstr(desc, "x-amd-reset"));
    g_assert_nonnull(strstr(desc, "maybe"));
    qobject_unref(resp);
    qtest_quit(qts);
}

/*
 * SMC not running, the chip as after host boot: no driver ran on it, so
 * there is nothing to reset, at VM start or later, and nothing to warn
 * about; the trace says so
 */
static void test_smc_not_running(void)
{
    TestGPU *t = test_gpu_new(0x692b);
    g_autofree char *err = NULL;
    g_autofree char *trace = NULL;
    int i;

    amd_gpu_model_set_smc_running(t->model, false);
    test_gpu_start(t, NULL);
    for (i = 0; i < 3; i++) {
        qtest_system_reset(t->qts);
    }
    assert_alive(t->qts);
    g_assert_false(log_has(t->model, "cfg w4 0x7c"));
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, 0);
    err = test_gpu_quit(t, t->stderr_path);
    g_assert_cmpuint(count_substr(err, WARNING_TEXT), ==, 0);
    trace = read_file(t->trace_path);
    g_assert_cmpuint(count_substr(trace, "chip clean, nothing to reset"), ==,
                     4);
    test_gpu_free(t);
}

static void test_stuck(void)
{
    TestGPU *t = test_gpu_new(0x67b0);
    g_autofree char *err = NULL;

    test_gpu_start(t, NULL);
    amd_gpu_model_set_stuck(t->model, true);
    /* bounded by the 100 ms deadline */
    bounded_reset_with_driver(t);
    g_assert_true(log_has(t->model, "cfg w4 0x7c"));
    g_assert_true(amd_gpu_model_in_reset(t->model));
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_assert_cmpuint(count_substr(err, WARNING_TEXT), ==, 1);
    g_assert_nonnull(strstr(err, "(config reset): device did not answer"));
    test_gpu_free(t);
}

/* A device that reads all-ones: reported once, QEMU keeps going */
static void test_all_ones(void)
{
    TestGPU *t = test_gpu_new(0x692b);
    g_autofree char *err = NULL;
    int i;

    test_gpu_start(t, NULL);
    amd_gpu_model_set_all_ones(t->model, true);
    for (i = 0; i < 3; i++) {
        system_reset_with_driver(t);
        g_assert_false(log_has(t->model, "cfg w4 0x7c"));
    }
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_assert_cmpuint(count_substr(err, WARNING_TEXT), ==, 1);
    g_assert_nonnull(strstr(err, "reads all-ones"));
    test_gpu_free(t);
}

/*
 * A device that stops responding behind a vfio-user server reads all-ones
 * in its interrupt pin too.  INTx stays as realize set it up, for a device
 * that had no pin (@data 0) as for one that had INTA# (@data 1): reset
 * after reset, QEMU neither enables INTx it has not set up nor takes 0xff
 * for a pin.
 */
static void test_pin_gone(gconstpointer data)
{
    TestGPU *t = test_gpu_new(0x692b);
    int i;

    amd_gpu_model_set_interrupt_pin(t->model, GPOINTER_TO_UINT(data));
    test_gpu_start(t, NULL);
    amd_gpu_model_set_all_ones(t->model, true);
    qatomic_set(&t->pin_gone, true);
    for (i = 0; i < 3; i++) {
        qtest_system_reset(t->qts);
        assert_alive(t->qts);
    }
    test_gpu_free(t);
}

static void test_many_resets(void)
{
    TestGPU *t = test_gpu_new(0x692b);
    int i;

    test_gpu_start(t, NULL);
    for (i = 0; i < 200; i++) {
        system_reset_with_driver(t);
        g_assert_true(amd_gpu_model_is_clean(t->model));
    }
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, 200);
    test_gpu_free(t);
}

static void test_server_vanishes(void)
{
    TestGPU *t = test_gpu_new(0x692b);
    g_autofree char *err = NULL;
    int64_t start, elapsed_us;

    test_gpu_start(t, NULL);
    /*
     * Die on the second BAR5 access of the reset, the read of
     * SMC_SYSCON_CLOCK_CNTL_0: QEMU is waiting for that reply.
     */
    vfio_user_test_server_drop_after(t->server, AMD_MMIO_BAR, 2);
    start = g_get_monotonic_time();
    system_reset_with_driver(t);
    elapsed_us = g_get_monotonic_time() - start;
    g_assert_cmpuint(vfio_user_test_server_drops(t->server), ==, 1);
    g_assert_false(log_has(t->model, "cfg w4 0x7c"));
    /*
     * The request in flight fails at once instead of waiting for
     * x-msg-timeout (5 s): a generous bound, not a benchmark.
     */
    g_assert_cmpint(elapsed_us, <, 2 * G_USEC_PER_SEC);
    /* no hang and no crash: QEMU still answers, and resets again */
    assert_alive(t->qts);
    qtest_system_reset(t->qts);
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_nonnull(strstr(err, WARNING_TEXT));
    test_gpu_free(t);
}

static void test_trace(void)
{
    TestGPU *t = test_gpu_new(0x692b);
    g_autofree char *trace = NULL;

    test_gpu_start(t, NULL);
    system_reset_with_driver(t);
    trace = test_gpu_quit(t, t->trace_path);
    g_assert_nonnull(strstr(trace, "vfio_quirk_amd_reset_select"));
    g_assert_nonnull(strstr(trace, "1002:692b family Tonga x-amd-reset=auto"));
    g_assert_nonnull(strstr(trace, "vfio_quirk_amd_reset_config"));
    g_assert_nonnull(strstr(trace, "vfio_quirk_amd_reset_smc_stop"));
    /* VM start on a cold chip: the check only; the reboot: the reset */
    g_assert_cmpuint(count_substr(trace, "chip clean, nothing to reset"), ==,
                     1);
    g_assert_cmpuint(count_substr(trace, "vfio_quirk_amd_reset_done"), ==, 1);
    test_gpu_free(t);
}

/*
 * BACO.  The model's VBIOS is the ROM region QEMU reads at realize; the
 * chip powered up from host boot with nobody having started its SMC, so
 * the reset at VM start finds a fresh chip.
 */

/* The reported W7100 symptom: two config resets, then none */
#define BACO_WEAR       2

/*
 * A board with the BACO strap (a CIK model is a board without it until
 * told), whose config reset works BACO_WEAR times after each power-on
 */
static TestGPU *baco_gpu_start(uint16_t device_id, bool vbios, bool baco_cap,
                               const char *props)
{
    TestGPU *t = test_gpu_new_rom(device_id, vbios, baco_cap);

    amd_gpu_model_set_smc_running(t->model, false);
    amd_gpu_model_set_strap(t->model, true);
    amd_gpu_model_set_config_reset_wear(t->model, BACO_WEAR);
    test_gpu_start(t, props);
    return t;
}

/*
 * A cold card with the BACO cap: the reset at VM start and a system_reset
 * before any guest driver ran touch nothing.  Then 20 reboots after the
 * guest driver ran: BACO each time, power-on clean.
 */
static void test_baco_resets(gconstpointer data)
{
    uint16_t device_id = GPOINTER_TO_UINT(data);
    TestGPU *t = baco_gpu_start(device_id, true, true, NULL);
    g_autofree char *trace = NULL;
    unsigned i;

    qtest_system_reset(t->qts);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, 0);
    g_assert_false(baco_cntl_written(t));
    for (i = 0; i < 20; i++) {
        system_reset_with_driver(t);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, i + 1);
        assert_vi_working(t);
        g_assert_cmpuint(amd_gpu_model_scratch(t->model, 7), ==, 0);
    }
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, 0);
    g_assert_cmpuint(vfio_user_test_server_device_resets(t->server), ==, 0);
    assert_alive(t->qts);
    trace = test_gpu_quit(t, t->trace_path);
    g_assert_nonnull(strstr(trace, "BACO (strap and VBIOS BACO cap): "
                            "strap 1, VBIOS BACO cap yes"));
    g_assert_cmpuint(count_substr(trace, "BACO enter done"), ==, 20);
    g_assert_cmpuint(count_substr(trace, "BACO exit done"), ==, 20);
    g_assert_cmpuint(count_substr(trace, " BACO done in "), ==, 20);
    g_assert_cmpuint(count_substr(trace, "chip clean, nothing to reset"), ==,
                     2);
    test_gpu_free(t);
}

/* Reboots after the config reset wore out, in the no-cap test */
#define BACO_WORN_REBOOTS       3

/*
 * The same card without the BACO cap gets the config reset only, which
 * wears out at the third reboot: from then on each reset is bounded and
 * leaves the chip in reset, and no BACO runs; one warning that says why,
 * QEMU alive.  CIK chooses the same on a board with the strap.
 */
static void test_baco_no_cap(gconstpointer data)
{
    uint16_t device_id = GPOINTER_TO_UINT(data);
    TestGPU *t = baco_gpu_start(device_id, true, false, NULL);
    g_autofree char *err = NULL;
    g_autofree char *trace = NULL;
    unsigned i;

    for (i = 1; i <= BACO_WEAR + BACO_WORN_REBOOTS; i++) {
        bounded_reset_with_driver(t);
        g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, i);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, 0);
        g_assert_false(baco_cntl_written(t));
        if (i <= BACO_WEAR) {
            assert_vi_working(t);
        } else {
            g_assert_true(amd_gpu_model_in_reset(t->model));
        }
    }
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, WARNING_TEXT), ==, 1);
    g_assert_nonnull(strstr(err, "(config reset): device did not answer"));
    g_assert_nonnull(strstr(err, "x-amd-reset-method=baco"));
    trace = read_file(t->trace_path);
    g_assert_nonnull(strstr(trace, "config reset (VBIOS lacks the BACO "
                            "cap): strap 1, VBIOS BACO cap no"));
    g_assert_cmpuint(count_done(trace, "config reset device did not "
                                "answer"), ==, BACO_WORN_REBOOTS);
    /* no BACO trace point fired */
    g_assert_null(strstr(trace, "vfio_quirk_amd_reset_baco"));
    test_gpu_free(t);
}

/* Reboots of the CIK test, to wear the config reset out three times */
#define CIK_REBOOTS     10

/*
 * CIK, on a board with the BACO strap and the VBIOS cap (the desktop
 * Hawaii and Bonaire ones): the config reset is its reset, as radeon's,
 * and BACO follows when it times out.  The reset at VM start finds a cold
 * chip and leaves it alone.  At each reboot after the guest driver ran:
 * the config reset, which wears out at every third one; there BACO
 * follows, and its power-down clears the wear, so the next two config
 * resets work again.  The device works after each reboot, within the
 * bound; no warning, since BACO did reset the chip.
 */
static void test_cik_baco_worn(gconstpointer data)
{
    uint16_t device_id = GPOINTER_TO_UINT(data);
    TestGPU *t = baco_gpu_start(device_id, true, true, NULL);
    g_autofree char *err = NULL;
    g_autofree char *trace = NULL;
    unsigned i, bacos = 0;

    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, 0);
    g_assert_false(baco_cntl_written(t));
    for (i = 1; i <= CIK_REBOOTS; i++) {
        /* BACO_WEAR config resets since power-on or the last BACO */
        bool worn = i % (BACO_WEAR + 1) == 0;

        bounded_reset_with_driver(t);
        bacos += worn;
        assert_vi_working(t);
        g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, i);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, bacos);
        g_assert_cmpint(baco_cntl_written(t), ==, worn);
        if (worn) {
            /* BACO's clean table */
            g_assert_cmpuint(amd_gpu_model_scratch(t->model, 7), ==, 0);
        }
    }
    g_assert_cmpuint(bacos, ==, CIK_REBOOTS / (BACO_WEAR + 1));
    g_assert_cmpuint(vfio_user_test_server_device_resets(t->server), ==, 0);
    assert_alive(t->qts);

    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, "warning"), ==, 0);
    g_assert_cmpuint(count_substr(err, "AMD GPU reset"), ==, 0);
    trace = read_file(t->trace_path);
    g_assert_nonnull(strstr(trace, "config reset (strap and VBIOS BACO cap: "
                            "config reset, BACO if it times out): strap 1, "
                            "VBIOS BACO cap yes"));
    g_assert_cmpuint(count_substr(trace, "still in reset after"), ==, bacos);
    g_assert_cmpuint(count_substr(trace, "config reset timed out, trying "
                                  "BACO"), ==, bacos);
    g_assert_cmpuint(count_substr(trace, "BACO enter done"), ==, bacos);
    g_assert_cmpuint(count_substr(trace, "BACO exit done"), ==, bacos);
    g_assert_cmpuint(count_done(trace, " BACO done in "), ==, bacos);
    g_assert_cmpuint(count_done(trace, " config reset done in "), ==,
                     CIK_REBOOTS - bacos);
    g_assert_cmpuint(count_substr(trace, "chip clean, nothing to reset"), ==,
                     1);
    test_gpu_free(t);
}

/*
 * No VBIOS to read: the config reset first, and BACO once it times out,
 * so the worn-out card still comes back.
 */
static void test_baco_escalate(gconstpointer data)
{
    uint16_t device_id = GPOINTER_TO_UINT(data);
    TestGPU *t = baco_gpu_start(device_id, false, false, NULL);
    g_autofree char *trace = NULL;
    int i;

    for (i = 0; i < BACO_WEAR + 2; i++) {
        system_reset_with_driver(t);
        assert_vi_working(t);
    }
    /* two config resets, the third timed out and BACO followed */
    g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, 1);
    trace = test_gpu_quit(t, t->trace_path);
    g_assert_nonnull(strstr(trace, "(VBIOS not readable)"));
    g_assert_nonnull(strstr(trace, "BACO fallback 1"));
    g_assert_nonnull(strstr(trace, "vfio_quirk_amd_reset_escalate"));
    test_gpu_free(t);
}

/* x-amd-reset-method overrides the choice both ways */
static void test_baco_method_config(void)
{
    TestGPU *t = baco_gpu_start(0x692b, true, true,
                                ",\"x-amd-reset-method\":\"config\"");

    system_reset_with_driver(t);
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, 0);
    g_assert_true(amd_gpu_model_is_clean(t->model));
    test_gpu_free(t);
}

/* Forced on a board whose VBIOS lacks the cap: BACO, no config reset */
static void test_baco_method_baco(gconstpointer data)
{
    uint16_t device_id = GPOINTER_TO_UINT(data);
    TestGPU *t = baco_gpu_start(device_id, true, false,
                                ",\"x-amd-reset-method\":\"baco\"");

    system_reset_with_driver(t);
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, 1);
    assert_vi_working(t);
    test_gpu_free(t);
}

/*
 * x-amd-reset-method=baco on a board whose strap says it is not BACO
 * capable: the strap is read at the first reset of a dirty chip, not at
 * realize, so that reset is not done, with one warning that says why
 */
static void test_baco_strap_refused(gconstpointer data)
{
    uint16_t device_id = GPOINTER_TO_UINT(data);
    TestGPU *t = test_gpu_new_rom(device_id, true, true);
    g_autofree char *err = NULL;
    int i;

    amd_gpu_model_set_strap(t->model, false);
    test_gpu_start(t, ",\"x-amd-reset-method\":\"baco\"");
    for (i = 0; i < 2; i++) {
        system_reset_with_driver(t);
        g_assert_true(amd_gpu_model_driver_loaded(t->model));
    }
    g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_config_resets(t->model), ==, 0);
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_assert_cmpuint(count_substr(err, "AMD GPU reset not done"), ==, 1);
    g_assert_nonnull(strstr(err, "not BACO capable"));
    test_gpu_free(t);
}

/*
 * x-amd-reset-method=baco for a family without BACO is a realize error.
 * The family of every listed CIK/VI GPU has BACO; the generic one that
 * x-amd-reset=on gives an unlisted GPU does not.
 */
static void check_baco_refused(uint16_t device_id, bool strap,
                               const char *why)
{
    TestGPU *t = test_gpu_new_rom(device_id, true, true);
    QDict *resp;
    const char *desc;

    amd_gpu_model_set_strap(t->model, strap);
    t->qts = qtest_init("-machine pc -nodefaults");
    resp = qtest_qmp(t->qts, "{'execute': 'device_add', 'arguments': {"
                     " 'driver': 'vfio-user-pci', 'id': 'gpu',"
                     " 'socket': {'type': 'unix', 'path': %s},"
                     " 'x-amd-reset': 'on',"
                     " 'x-amd-reset-method': 'baco' } }", t->sock);
    g_assert(qdict_haskey(resp, "error"));
    desc = qdict_get_str(qdict_get_qdict(resp, "error"), "desc");
    g_test_message("%s", desc);
    g_assert_nonnull(strstr(desc, why));
    qobject_unref(resp);
    assert_alive(t->qts);
    test_gpu_free(t);
}

/* 0x6900, Topaz, unlisted, with the 256 KiB BAR5 of the CIK/VI GPUs */
static void test_baco_refused(void)
{
    check_baco_refused(0x6900, true, "x-amd-reset-method=baco: the CIK/VI "
                       "family has no BACO sequence");
}

/*
 * QEMU's own resets at system_reset: vfio_device_reset_handler(), which
 * bus-resets the slots of devices that need it (none over vfio-user),
 * runs in the hold phase in registration order with the devices' own
 * resets, where the quirk runs.  It is registered with the first vfio
 * address space: for a device on the command line before the machine's
 * device tree, so first; for a device added later, after it.  The trace
 * shows the order of the last system_reset.
 */
static void check_order(TestGPU *t, bool handler_first)
{
    g_autofree char *trace = NULL;
    const char *handler, *quirk, *next;

    qtest_system_reset(t->qts);
    trace = test_gpu_quit(t, t->trace_path);
    for (handler = NULL, next = trace;
         (next = strstr(next, "vfio_device_reset_handler")); next++) {
        handler = next;
    }
    for (quirk = NULL, next = trace;
         (next = strstr(next, "vfio_quirk_amd_reset_smc")); next++) {
        quirk = next;
    }
    g_assert_nonnull(handler);
    g_assert_nonnull(quirk);
    g_assert_cmpint(handler < quirk, ==, handler_first);
}

static void test_order_cold_plugged(void)
{
    TestGPU *t = test_gpu_new(0x692b);

    t->qts = qtest_initf("-machine pc -nodefaults "
                         "-trace 'vfio_quirk_amd_*' "
                         "-trace vfio_device_reset_handler -D %s "
                         "-device '{\"driver\":\"vfio-user-pci\","
                         "\"id\":\"gpu\",\"addr\":\"04.0\","
                         "\"socket\":{\"type\":\"unix\",\"path\":\"%s\"}}'",
                         t->trace_path, t->sock);
    check_order(t, true);
    test_gpu_free(t);
}

static void test_order_hot_plugged(void)
{
    TestGPU *t = test_gpu_new(0x692b);
    QDict *resp;

    t->qts = qtest_initf("-machine pc -nodefaults "
                         "-trace 'vfio_quirk_amd_*' "
                         "-trace vfio_device_reset_handler -D %s",
                         t->trace_path);
    resp = qtest_qmp(t->qts, "{'execute': 'device_add', 'arguments': {"
                     " 'driver': 'vfio-user-pci', 'id': 'gpu',"
                     " 'socket': {'type': 'unix', 'path': %s} } }", t->sock);
    g_assert(qdict_haskey(resp, "return"));
    qobject_unref(resp);
    check_order(t, false);
    test_gpu_free(t);
}

/*
 * SOC15/NV: PSP mode1.  The model starts as after host boot: sign of life
 * 0, bootloader ready, PCIe and Resizable BAR registers as the host set
 * them.  Its default delays have the acknowledge, MEMSIZE and the
 * bootloader ready before the 500 ms amdgpu sleeps after the command are
 * over, so a healthy mode1 costs those 500 ms and no wait.
 */
#define MODE1_WARNING   "AMD GPU reset failed (PSP mode1)"

/* Generous bounds, not benchmarks: mode1_total_us is 2.5 s */
#define MODE1_BOUND_US  (5 * G_USEC_PER_SEC)

/* The config registers a mode1 resets and vfio-pci does not restore */
typedef struct Soc15Config {
    uint32_t devctl;
    uint32_t lnkctl;
    uint32_t devctl2;
    uint32_t lnkctl2;
    uint32_t rebar_ctrl;
} Soc15Config;

static void soc15_config_get(AMDGPUModel *m, Soc15Config *c)
{
    c->devctl = amd_gpu_model_config_peek(m, AMD_GPU_MODEL_SOC15_EXP_CAP +
                                          PCI_EXP_DEVCTL, 2);
    c->lnkctl = amd_gpu_model_config_peek(m, AMD_GPU_MODEL_SOC15_EXP_CAP +
                                          PCI_EXP_LNKCTL, 2);
    c->devctl2 = amd_gpu_model_config_peek(m, AMD_GPU_MODEL_SOC15_EXP_CAP +
                                           PCI_EXP_DEVCTL2, 2);
    c->lnkctl2 = amd_gpu_model_config_peek(m, AMD_GPU_MODEL_SOC15_EXP_CAP +
                                           PCI_EXP_LNKCTL2, 2);
    c->rebar_ctrl = amd_gpu_model_config_peek(m,
                                              AMD_GPU_MODEL_SOC15_REBAR_CAP +
                                              PCI_REBAR_CTRL, 4);
}

static void soc15_config_assert_equal(const Soc15Config *got,
                                      const Soc15Config *want)
{
    g_assert_cmphex(got->devctl, ==, want->devctl);
    g_assert_cmphex(got->lnkctl, ==, want->lnkctl);
    g_assert_cmphex(got->devctl2, ==, want->devctl2);
    g_assert_cmphex(got->lnkctl2, ==, want->lnkctl2);
    g_assert_cmphex(got->rebar_ctrl, ==, want->rebar_ctrl);
}

/* As the host left it: not the values a mode1 gives */
static void soc15_config_assert_host(const Soc15Config *c)
{
    g_assert_cmphex(c->devctl, ==, AMD_GPU_MODEL_SOC15_DEVCTL_HOST);
    g_assert_cmphex(c->lnkctl, ==, AMD_GPU_MODEL_SOC15_LNKCTL_HOST);
    g_assert_cmphex((c->rebar_ctrl & PCI_REBAR_CTRL_BAR_SIZE) >>
                    PCI_REBAR_CTRL_BAR_SHIFT, ==,
                    AMD_GPU_MODEL_SOC15_REBAR_SIZE_HOST);
}

/* The PSP got no mode1 command, and nothing was written to it */
static void assert_no_mode1(TestGPU *t, unsigned mode1s)
{
    g_autofree char *c2pmsg64 = g_strdup_printf(
        "mmio w 0x%x ", AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_64);

    g_assert_cmpuint(amd_gpu_model_mode1_resets(t->model), ==, mode1s);
    g_assert_cmpuint(amd_gpu_model_mode1_refused(t->model), ==, 0);
    g_assert_false(log_has(t->model, c2pmsg64));
}

/* A board without the BACO strap: mode1 is its reset */
static TestGPU *soc15_gpu_start(uint16_t device_id)
{
    TestGPU *t = test_gpu_new(device_id);

    g_assert_true(amd_gpu_model_is_soc15(t->model));
    amd_gpu_model_set_strap(t->model, false);
    test_gpu_start(t, NULL);
    return t;
}

/*
 * A chip after host boot: the reset at VM start and a system_reset before
 * any guest driver ran leave it alone.  Then 20 reboots after the guest
 * driver ran: one mode1 each, after which the chip works as after host
 * boot: clean, its BARs restored once, its PCIe and Resizable BAR settings
 * back, in D0 with no PMCSR write, the engine-hung bit clear.
 */
static void test_mode1_resets(gconstpointer data)
{
    uint16_t device_id = GPOINTER_TO_UINT(data);
    TestGPU *t = soc15_gpu_start(device_id);
    g_autofree char *err = NULL;
    g_autofree char *trace = NULL;
    Soc15Config host, before, after;
    unsigned i;

    assert_no_mode1(t, 0);
    amd_gpu_model_log_clear(t->model);
    qtest_system_reset(t->qts);
    assert_no_mode1(t, 0);
    g_assert_true(amd_gpu_model_is_clean(t->model));
    soc15_config_get(t->model, &host);
    soc15_config_assert_host(&host);

    for (i = 0; i < 20; i++) {
        amd_gpu_model_load_driver(t->model);
        g_assert_false(amd_gpu_model_is_clean(t->model));
        soc15_config_get(t->model, &before);
        amd_gpu_model_log_clear(t->model);
        qtest_system_reset(t->qts);

        g_assert_cmpuint(amd_gpu_model_mode1_resets(t->model), ==, i + 1);
        g_assert_cmpuint(amd_gpu_model_bar_restores(t->model), ==, i + 1);
        g_assert_false(amd_gpu_model_bars_lost(t->model));
        g_assert_true(amd_gpu_model_is_clean(t->model));
        g_assert_false(amd_gpu_model_driver_loaded(t->model));
        soc15_config_get(t->model, &after);
        soc15_config_assert_equal(&after, &before);
        soc15_config_assert_equal(&after, &host);
        g_assert_cmpuint(amd_gpu_model_power_state(t->model), ==, 0);
        g_assert_cmpuint(amd_gpu_model_pmcsr_writes(t->model), ==, 0);
        g_assert_cmphex(amd_gpu_model_scratch(t->model, 3) &
                        AMD_GPU_MODEL_ATOM_S3_ASIC_GUI_ENGINE_HUNG, ==, 0);
    }

    /* clean after the last mode1: the next reboot without a driver is not */
    amd_gpu_model_log_clear(t->model);
    qtest_system_reset(t->qts);
    assert_no_mode1(t, 20);
    g_assert_cmpuint(amd_gpu_model_bar_restores(t->model), ==, 20);
    g_assert_cmpuint(vfio_user_test_server_device_resets(t->server), ==, 0);
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_assert_cmpuint(count_substr(err, "AMD GPU reset"), ==, 0);
    trace = read_file(t->trace_path);
    g_assert_cmpuint(count_substr(trace, "sOS running: reset"), ==, 20);
    g_assert_cmpuint(count_substr(trace, "gpu.sock bootloader done"), ==, 20);
    g_assert_cmpuint(count_substr(trace, "PSP mode1 done"), ==, 20);
    g_assert_cmpuint(count_substr(trace, "chip clean, nothing to reset"), ==,
                     3);
    test_gpu_free(t);
}

/*
 * The PSP takes no command: C2PMSG_64 never reads ready (0, @data 0) or
 * reports an error (status 5).  No write reaches the chip, which is left
 * as the guest driver left it; one warning names the wait and what
 * C2PMSG_64 read.
 */
static void test_mode1_psp_not_ready(gconstpointer data)
{
    uint32_t c2pmsg64 = GPOINTER_TO_UINT(data);
    TestGPU *t = soc15_gpu_start(0x731f);
    g_autofree char *err = NULL;
    g_autofree char *seen = g_strdup_printf("PSP ready step 1 (BAR5 0x%x "
                                            "reads 0x%08x)",
                                            AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_64,
                                            c2pmsg64);
    g_autofree char *scratch3 = g_strdup_printf(
        "mmio w 0x%x ", AMD_GPU_MODEL_mmBIOS_SCRATCH_3);
    int64_t start, elapsed_us;
    int i;

    for (i = 0; i < 2; i++) {
        amd_gpu_model_load_driver(t->model);
        amd_gpu_model_set_psp_state(t->model, true, c2pmsg64);
        amd_gpu_model_log_clear(t->model);
        start = g_get_monotonic_time();
        qtest_system_reset(t->qts);
        elapsed_us = g_get_monotonic_time() - start;
        g_assert_cmpint(elapsed_us, <, MODE1_BOUND_US);
        assert_no_mode1(t, 0);
        g_assert_false(log_has(t->model, scratch3));
        g_assert_true(amd_gpu_model_driver_loaded(t->model));
        g_assert_cmpuint(amd_gpu_model_bar_restores(t->model), ==, 0);
    }
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, MODE1_WARNING), ==, 1);
    g_assert_nonnull(strstr(err, seen));
    test_gpu_free(t);
}

/*
 * The chip resets but the PSP never acknowledges: bounded, one warning
 * naming the acknowledge; the config registers are put back all the
 * same, and the engine-hung bit stays set for the guest driver, as
 * amdgpu leaves it
 */
static void test_mode1_never_acked(void)
{
    TestGPU *t = soc15_gpu_start(0x66af);
    g_autofree char *err = NULL;
    g_autofree char *seen = g_strdup_printf("mode1 acknowledge step 1 (BAR5 "
                                            "0x%x reads ",
                                            AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_33);
    Soc15Config host, after;
    int64_t start, elapsed_us;

    soc15_config_get(t->model, &host);
    amd_gpu_model_set_mode1_never_acked(t->model, true);
    start = g_get_monotonic_time();
    system_reset_with_driver(t);
    elapsed_us = g_get_monotonic_time() - start;
    g_assert_cmpint(elapsed_us, <, MODE1_BOUND_US);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(t->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_bar_restores(t->model), ==, 1);
    soc15_config_get(t->model, &after);
    soc15_config_assert_equal(&after, &host);
    g_assert_cmphex(amd_gpu_model_scratch(t->model, 3) &
                    AMD_GPU_MODEL_ATOM_S3_ASIC_GUI_ENGINE_HUNG, ==,
                    AMD_GPU_MODEL_ATOM_S3_ASIC_GUI_ENGINE_HUNG);
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, MODE1_WARNING), ==, 1);
    g_assert_nonnull(strstr(err, "device did not answer before the "
                            "deadline"));
    g_assert_nonnull(strstr(err, seen));
    test_gpu_free(t);
}

/*
 * The bootloader never gets ready after the mode1: the slowest bounded
 * path (500 ms, then the bootloader's 1 s), one warning.  The chip is then
 * without a secure OS and without a bootloader: the next reset leaves it
 * alone (the firmware check), and QEMU still answers.
 */
static void test_mode1_bootloader_never_ready(void)
{
    TestGPU *t = soc15_gpu_start(0x7340);
    g_autofree char *err = NULL;
    g_autofree char *trace = NULL;
    g_autofree char *seen = g_strdup_printf("bootloader step 1 (BAR5 0x%x "
                                            "reads ",
                                            AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_35);
    int64_t start, elapsed_us;

    amd_gpu_model_set_bootloader_never_ready(t->model, true);
    start = g_get_monotonic_time();
    system_reset_with_driver(t);
    elapsed_us = g_get_monotonic_time() - start;
    g_assert_cmpint(elapsed_us, <, MODE1_BOUND_US);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(t->model), ==, 1);
    g_assert_false(amd_gpu_model_is_clean(t->model));

    amd_gpu_model_log_clear(t->model);
    qtest_system_reset(t->qts);
    assert_no_mode1(t, 1);
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, MODE1_WARNING), ==, 1);
    g_assert_nonnull(strstr(err, seen));
    trace = read_file(t->trace_path);
    g_assert_cmpuint(count_substr(trace, "bootloader not ready: no reset"),
                     ==, 1);
    test_gpu_free(t);
}

/*
 * The chip falls off the bus at the mode1 command: found gone, bounded,
 * one warning; the next reset finds it gone before it writes anything
 */
static void test_mode1_off_bus(void)
{
    TestGPU *t = soc15_gpu_start(0x687f);
    g_autofree char *err = NULL;
    int64_t start, elapsed_us;

    amd_gpu_model_set_off_bus_after_mode1(t->model, true);
    start = g_get_monotonic_time();
    system_reset_with_driver(t);
    elapsed_us = g_get_monotonic_time() - start;
    g_assert_cmpint(elapsed_us, <, MODE1_BOUND_US);
    g_assert_cmpuint(amd_gpu_model_mode1_resets(t->model), ==, 1);
    assert_alive(t->qts);

    amd_gpu_model_log_clear(t->model);
    qtest_system_reset(t->qts);
    assert_no_mode1(t, 1);
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, MODE1_WARNING), ==, 1);
    g_assert_nonnull(strstr(err, "reads all-ones"));
    test_gpu_free(t);
}

/* A chip that reads all-ones from the first reset on: no mode1, one warning */
static void test_mode1_all_ones(void)
{
    TestGPU *t = soc15_gpu_start(0x731f);
    g_autofree char *err = NULL;
    int i;

    amd_gpu_model_set_all_ones(t->model, true);
    for (i = 0; i < 3; i++) {
        system_reset_with_driver(t);
        assert_no_mode1(t, 0);
    }
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, WARNING_TEXT), ==, 1);
    g_assert_nonnull(strstr(err, "reads all-ones"));
    test_gpu_free(t);
}

/*
 * SOC15/NV BACO through the SMU.  The board supports BACO (strap, SMU9
 * fuse, the VBIOS cap of the device's ROM); what can run at a reset
 * depends on how the guest went down.  A Linux guest leaves the SMU
 * running: BACO on Vega10 and Navi, mode1 on Vega20 as amdgpu chooses.  A
 * Windows guest unloads it: BACO's check finds the SMU halted before
 * anything is written, and mode1 follows.
 */

/*
 * A whole BACO and then a whole mode1 (baco_total_us + mode1_total_us of
 * amd-reset.c, 0.5 s + 2.5 s), the longest a reset may take when BACO
 * falls back: a loose bound, not a benchmark
 */
#define SOC15_BOUND_US  (3 * G_USEC_PER_SEC)

/*
 * Reboots per case.  A Linux guest's reboot is a BACO of some 40 ms (a
 * mode1 of 500 ms on Vega20); a Windows guest's costs 100 ms for BACO's
 * check, then mode1's 500 ms: some 50 s for the four cards' 80.
 */
#define BACO_LINUX_REBOOTS      20
#define BACO_WINDOWS_REBOOTS    20

#define BACO_WARNING    "AMD GPU reset failed (BACO)"

typedef struct BacoCase {
    const char *card;
    uint16_t device_id;
    AMDGPUModelShutdown how;
} BacoCase;

/* A board that supports BACO, its ROM the VBIOS with the BACO cap */
static TestGPU *soc15_baco_start(uint16_t device_id, const char *props)
{
    TestGPU *t = test_gpu_new_rom(device_id, true, true);

    g_assert_true(amd_gpu_model_is_soc15(t->model));
    test_gpu_start(t, props);
    return t;
}

/* The guest's driver ran, then the guest went down @how; reboot, timed */
static int64_t soc15_guest_reboot(TestGPU *t, AMDGPUModelShutdown how)
{
    int64_t start;

    amd_gpu_model_load_driver(t->model);
    amd_gpu_model_guest_shutdown(t->model, how);
    g_assert_true(amd_gpu_model_driver_loaded(t->model));
    g_assert_false(amd_gpu_model_is_clean(t->model));
    amd_gpu_model_log_clear(t->model);
    start = g_get_monotonic_time();
    qtest_system_reset(t->qts);
    return g_get_monotonic_time() - start;
}

/* The chip works as after host boot, and nothing touched its PMCSR */
static void assert_soc15_working(TestGPU *t)
{
    Soc15Config c;

    g_assert_true(amd_gpu_model_is_clean(t->model));
    g_assert_false(amd_gpu_model_driver_loaded(t->model));
    g_assert_false(amd_gpu_model_in_baco(t->model));
    g_assert_false(amd_gpu_model_bars_lost(t->model));
    g_assert_cmpuint(amd_gpu_model_power_state(t->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_pmcsr_writes(t->model), ==, 0);
    soc15_config_get(t->model, &c);
    soc15_config_assert_host(&c);
}

/*
 * Start-up finds a clean chip: no reset, no SMU message.  Then reboots
 * with the guest driver loaded and the guest's shutdown state set before
 * each: BACO for a Linux guest on Vega10 and Navi, mode1 otherwise; the
 * device works after each, within the bound; no warning.
 */
static void test_soc15_baco(gconstpointer data)
{
    const BacoCase *c = data;
    bool linux_guest = c->how == AMD_GPU_MODEL_SHUTDOWN_LINUX;
    /* amdgpu's rule: mode1 on Vega20 */
    bool baco_auto = c->device_id != 0x66af;
    bool baco = linux_guest && baco_auto;
    unsigned reboots = linux_guest ? BACO_LINUX_REBOOTS
                                   : BACO_WINDOWS_REBOOTS;
    TestGPU *t = soc15_baco_start(c->device_id, NULL);
    g_autofree char *smu_msg = g_strdup_printf(
        "mmio w 0x%x ", AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_66);
    g_autofree char *err = NULL;
    g_autofree char *trace = NULL;
    int64_t elapsed_us;
    unsigned i;

    amd_gpu_model_log_clear(t->model);
    qtest_system_reset(t->qts);
    g_assert_true(amd_gpu_model_is_clean(t->model));
    assert_no_mode1(t, 0);
    g_assert_cmpuint(amd_gpu_model_baco_entries(t->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_smu_messages(t->model), ==, 0);
    g_assert_false(log_has(t->model, smu_msg));

    for (i = 1; i <= reboots; i++) {
        elapsed_us = soc15_guest_reboot(t, c->how);
        g_assert_cmpint(elapsed_us, <, SOC15_BOUND_US);
        assert_soc15_working(t);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==,
                         baco ? i : 0);
        g_assert_cmpuint(amd_gpu_model_baco_entries(t->model), ==,
                         baco ? i : 0);
        g_assert_cmpuint(amd_gpu_model_mode1_resets(t->model), ==,
                         baco ? 0 : i);
        g_assert_cmpuint(amd_gpu_model_bar_restores(t->model), ==,
                         baco ? 0 : i);
        if (!baco) {
            /* BACO's check, if it ran, wrote nothing to the SMU */
            g_assert_cmpuint(amd_gpu_model_smu_messages(t->model), ==, 0);
        }
    }
    g_assert_cmpuint(vfio_user_test_server_device_resets(t->server), ==, 0);
    assert_alive(t->qts);

    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, "warning"), ==, 0);
    g_assert_cmpuint(count_substr(err, "AMD GPU reset"), ==, 0);
    trace = read_file(t->trace_path);
    g_assert_cmpuint(count_done(trace, " BACO done in "), ==,
                     baco ? reboots : 0);
    g_assert_cmpuint(count_done(trace, " PSP mode1 done in "), ==,
                     baco ? 0 : reboots);
    g_assert_cmpuint(count_done(trace, "vfio_quirk_amd_reset_done"), ==,
                     reboots);
    /* BACO's check ran, and failed, at each reboot after Windows */
    g_assert_cmpuint(count_substr(trace, "BACO check timed out"), ==,
                     !linux_guest && baco_auto ? reboots : 0);
    g_assert_cmpuint(count_substr(trace, "BACO timed out, trying PSP "
                                  "mode1"), ==,
                     !linux_guest && baco_auto ? reboots : 0);
    if (baco_auto) {
        g_assert_nonnull(strstr(trace, "BACO (strap and VBIOS BACO cap: "
                                "BACO, mode1 if it cannot)"));
    } else {
        g_assert_nonnull(strstr(trace, "PSP mode1 (amdgpu's Vega20 rule: "
                                "mode1)"));
    }
    /* the machine-creation reset and the one before any driver ran */
    g_assert_cmpuint(count_substr(trace, "chip clean, nothing to reset"), ==,
                     2);
    test_gpu_free(t);
}

/*
 * The SMU rejects the second EnterBaco (0xfd, the reported Navi14
 * second-reset failure) under a Linux guest: the first reboot is a BACO,
 * the next ones mode1, each a working device; the fallback is no failure,
 * so there is no warning
 */
static void test_soc15_baco_rejected(void)
{
    TestGPU *t = soc15_baco_start(0x7340, NULL);
    g_autofree char *err = NULL;
    g_autofree char *trace = NULL;
    int64_t elapsed_us;
    unsigned i;

    amd_gpu_model_set_smu_reject_enter_after(t->model, 1);
    for (i = 1; i <= 3; i++) {
        elapsed_us = soc15_guest_reboot(t, AMD_GPU_MODEL_SHUTDOWN_LINUX);
        g_assert_cmpint(elapsed_us, <, SOC15_BOUND_US);
        assert_soc15_working(t);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(t->model), ==, 1);
        g_assert_cmpuint(amd_gpu_model_mode1_resets(t->model), ==, i - 1);
    }
    assert_alive(t->qts);
    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, "warning"), ==, 0);
    trace = read_file(t->trace_path);
    g_assert_cmpuint(count_substr(trace, "answer 0xfd, rejected"), ==, 2);
    g_assert_cmpuint(count_done(trace, " BACO done in "), ==, 1);
    g_assert_cmpuint(count_done(trace, " PSP mode1 done in "), ==, 2);
    test_gpu_free(t);
}

/*
 * x-amd-reset-method=baco, and the guest left the SMU halted: BACO's check
 * fails with nothing written to the SMU or the PSP, nothing follows it;
 * one warning, naming the check, for both reboots; QEMU keeps running
 */
static void test_soc15_baco_forced_halted(void)
{
    TestGPU *t = soc15_baco_start(0x7340,
                                  ",\"x-amd-reset-method\":\"baco\"");
    g_autofree char *err = NULL;
    g_autofree char *thm = g_strdup_printf(
        "mmio w 0x%x ", AMD_GPU_MODEL_mmTHM_BACO_CNTL_SMU11);
    g_autofree char *smu_msg = g_strdup_printf(
        "mmio w 0x%x ", AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_66);
    int64_t elapsed_us;
    int i;

    for (i = 0; i < 2; i++) {
        elapsed_us = soc15_guest_reboot(t, AMD_GPU_MODEL_SHUTDOWN_WINDOWS);
        g_assert_cmpint(elapsed_us, <, SOC15_BOUND_US);
        assert_no_mode1(t, 0);
        g_assert_false(log_has(t->model, thm));
        g_assert_false(log_has(t->model, smu_msg));
        g_assert_cmpuint(amd_gpu_model_smu_messages(t->model), ==, 0);
        g_assert_cmpuint(amd_gpu_model_baco_entries(t->model), ==, 0);
        g_assert_true(amd_gpu_model_driver_loaded(t->model));
        assert_alive(t->qts);
    }
    err = test_gpu_quit(t, t->stderr_path);
    g_test_message("QEMU stderr follows");
    g_test_message("%s", err);
    g_assert_cmpuint(count_substr(err, WARNING_TEXT), ==, 1);
    g_assert_cmpuint(count_substr(err, BACO_WARNING), ==, 1);
    g_assert_nonnull(strstr(err, "smu_running"));
    test_gpu_free(t);
}

int main(int argc, char **argv)
{
    static const BacoCase baco_cases[] = {
        { "vega64", 0x687f, AMD_GPU_MODEL_SHUTDOWN_LINUX },
        { "vega64", 0x687f, AMD_GPU_MODEL_SHUTDOWN_WINDOWS },
        { "radeon-vii", 0x66af, AMD_GPU_MODEL_SHUTDOWN_LINUX },
        { "radeon-vii", 0x66af, AMD_GPU_MODEL_SHUTDOWN_WINDOWS },
        { "rx5700xt", 0x731f, AMD_GPU_MODEL_SHUTDOWN_LINUX },
        { "rx5700xt", 0x731f, AMD_GPU_MODEL_SHUTDOWN_WINDOWS },
        { "rx5500xt", 0x7340, AMD_GPU_MODEL_SHUTDOWN_LINUX },
        { "rx5500xt", 0x7340, AMD_GPU_MODEL_SHUTDOWN_WINDOWS },
    };
    size_t i;

    g_test_init(&argc, &argv, NULL);

    if (!qtest_has_device("vfio-user-pci")) {
        g_test_skip("vfio-user-pci is not built");
        return g_test_run();
    }

    qtest_add_data_func("/vfio-user/amd-reset/w7100", GUINT_TO_POINTER(0x692b),
                        test_reset);
    qtest_add_data_func("/vfio-user/amd-reset/hawaii", GUINT_TO_POINTER(0x67b0),
                        test_reset);
    qtest_add_func("/vfio-user/amd-reset/kernel-reset", test_kernel_reset);
    qtest_add_func("/vfio-user/amd-reset/unlisted-auto", test_unlisted_auto);
    qtest_add_func("/vfio-user/amd-reset/unlisted-on", test_unlisted_on);
    qtest_add_func("/vfio-user/amd-reset/listed-off", test_listed_off);
    qtest_add_func("/vfio-user/amd-reset/id-override", test_id_override);
    qtest_add_func("/vfio-user/amd-reset/on-not-amd", test_on_not_amd);
    qtest_add_func("/vfio-user/amd-reset/on-not-amd-pin", test_on_not_amd_pin);
    qtest_add_func("/vfio-user/amd-reset/bad-value", test_bad_value);
    qtest_add_func("/vfio-user/amd-reset/smc-not-running",
                   test_smc_not_running);
    qtest_add_func("/vfio-user/amd-reset/stuck", test_stuck);
    qtest_add_func("/vfio-user/amd-reset/all-ones", test_all_ones);
    qtest_add_data_func("/vfio-user/amd-reset/pin-gone/none",
                        GUINT_TO_POINTER(0), test_pin_gone);
    qtest_add_data_func("/vfio-user/amd-reset/pin-gone/inta",
                        GUINT_TO_POINTER(1), test_pin_gone);
    qtest_add_func("/vfio-user/amd-reset/200-resets", test_many_resets);
    qtest_add_func("/vfio-user/amd-reset/server-vanishes",
                   test_server_vanishes);
    qtest_add_func("/vfio-user/amd-reset/trace", test_trace);
    qtest_add_data_func("/vfio-user/amd-reset/baco/w7100/20-resets",
                        GUINT_TO_POINTER(0x692b), test_baco_resets);
    qtest_add_data_func("/vfio-user/amd-reset/baco/fury/20-resets",
                        GUINT_TO_POINTER(0x7300), test_baco_resets);
    qtest_add_data_func("/vfio-user/amd-reset/baco/rx580/20-resets",
                        GUINT_TO_POINTER(0x67df), test_baco_resets);
    qtest_add_data_func("/vfio-user/amd-reset/baco/w7100/no-cap",
                        GUINT_TO_POINTER(0x692b), test_baco_no_cap);
    qtest_add_data_func("/vfio-user/amd-reset/baco/fury/no-cap",
                        GUINT_TO_POINTER(0x7300), test_baco_no_cap);
    qtest_add_data_func("/vfio-user/amd-reset/baco/rx580/no-cap",
                        GUINT_TO_POINTER(0x67df), test_baco_no_cap);
    qtest_add_data_func("/vfio-user/amd-reset/baco/hawaii/10-resets-worn",
                        GUINT_TO_POINTER(0x67b0), test_cik_baco_worn);
    qtest_add_data_func("/vfio-user/amd-reset/baco/w5100/10-resets-worn",
                        GUINT_TO_POINTER(0x6649), test_cik_baco_worn);
    qtest_add_data_func("/vfio-user/amd-reset/baco/hawaii/no-cap",
                        GUINT_TO_POINTER(0x67b0), test_baco_no_cap);
    qtest_add_data_func("/vfio-user/amd-reset/baco/w5100/no-cap",
                        GUINT_TO_POINTER(0x6649), test_baco_no_cap);
    qtest_add_data_func("/vfio-user/amd-reset/baco/escalate",
                        GUINT_TO_POINTER(0x692b), test_baco_escalate);
    qtest_add_data_func("/vfio-user/amd-reset/baco/hawaii/escalate",
                        GUINT_TO_POINTER(0x67b0), test_baco_escalate);
    qtest_add_func("/vfio-user/amd-reset/baco/method-config",
                   test_baco_method_config);
    qtest_add_data_func("/vfio-user/amd-reset/baco/method-baco",
                        GUINT_TO_POINTER(0x692b), test_baco_method_baco);
    qtest_add_data_func("/vfio-user/amd-reset/baco/hawaii/method-baco",
                        GUINT_TO_POINTER(0x67b0), test_baco_method_baco);
    qtest_add_func("/vfio-user/amd-reset/baco/refused", test_baco_refused);
    qtest_add_data_func("/vfio-user/amd-reset/baco/strap-refused",
                        GUINT_TO_POINTER(0x692b), test_baco_strap_refused);
    qtest_add_data_func("/vfio-user/amd-reset/baco/hawaii/strap-refused",
                        GUINT_TO_POINTER(0x67b0), test_baco_strap_refused);
    qtest_add_func("/vfio-user/amd-reset/order/cold-plugged",
                   test_order_cold_plugged);
    qtest_add_func("/vfio-user/amd-reset/order/hot-plugged",
                   test_order_hot_plugged);
    qtest_add_data_func("/vfio-user/amd-reset/mode1/vega64/20-resets",
                        GUINT_TO_POINTER(0x687f), test_mode1_resets);
    qtest_add_data_func("/vfio-user/amd-reset/mode1/radeon-vii/20-resets",
                        GUINT_TO_POINTER(0x66af), test_mode1_resets);
    qtest_add_data_func("/vfio-user/amd-reset/mode1/rx5700xt/20-resets",
                        GUINT_TO_POINTER(0x731f), test_mode1_resets);
    qtest_add_data_func("/vfio-user/amd-reset/mode1/rx5500xt/20-resets",
                        GUINT_TO_POINTER(0x7340), test_mode1_resets);
    qtest_add_data_func("/vfio-user/amd-reset/mode1/psp-not-ready",
                        GUINT_TO_POINTER(0), test_mode1_psp_not_ready);
    qtest_add_data_func("/vfio-user/amd-reset/mode1/psp-error",
                        GUINT_TO_POINTER(0x80000005),
                        test_mode1_psp_not_ready);
    qtest_add_func("/vfio-user/amd-reset/mode1/never-acked",
                   test_mode1_never_acked);
    qtest_add_func("/vfio-user/amd-reset/mode1/bootloader-never-ready",
                   test_mode1_bootloader_never_ready);
    qtest_add_func("/vfio-user/amd-reset/mode1/off-bus",
                   test_mode1_off_bus);
    qtest_add_func("/vfio-user/amd-reset/mode1/all-ones",
                   test_mode1_all_ones);
    for (i = 0; i < ARRAY_SIZE(baco_cases); i++) {
        g_autofree char *path = g_strdup_printf(
            "/vfio-user/amd-reset/baco/%s/%s", baco_cases[i].card,
            baco_cases[i].how == AMD_GPU_MODEL_SHUTDOWN_LINUX ? "linux"
                                                              : "windows");

        qtest_add_data_func(path, &baco_cases[i], test_soc15_baco);
    }
    qtest_add_func("/vfio-user/amd-reset/baco/rx5500xt/second-enter-rejected",
                   test_soc15_baco_rejected);
    qtest_add_func("/vfio-user/amd-reset/baco/rx5500xt/forced-smu-halted",
                   test_soc15_baco_forced_halted);

    return g_test_run();
}
