/*
 * Test environment of the AMD GPU reset unit tests (test-amd-reset-env.h)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/pci/pci_regs.h"
#include "test-amd-reset-env.h"

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

/* the model has no emulation for the guest in front of it: counted only */
static void env_config_write_raw(void *opaque, uint32_t offset,
                                 uint32_t value, unsigned size)
{
    TestEnv *env = opaque;

    env->raw_writes++;
    amd_gpu_model_config_write(env->model, offset, value, size);
}

static uint32_t env_mmio_read(void *opaque, uint32_t offset)
{
    TestEnv *env = opaque;

    g_assert_cmpuint(offset % 4, ==, 0);
    g_assert_cmpuint(offset, <, amd_gpu_model_bar5_size(env->model));
    if (env->frozen && !env->frozen_after) {
        env->frozen_reads++;
        return env->frozen_value;
    }
    if (env->frozen) {
        env->frozen_after--;
    }
    return amd_gpu_model_mmio_read(env->model, offset);
}

static void env_mmio_write(void *opaque, uint32_t offset, uint32_t value)
{
    TestEnv *env = opaque;

    g_assert_cmpuint(offset % 4, ==, 0);
    g_assert_cmpuint(offset, <, amd_gpu_model_bar5_size(env->model));
    if (!env->frozen || env->frozen_after) {
        amd_gpu_model_mmio_write(env->model, offset, value);
    }
}

/* The fake clock only advances when the engine sleeps */
static int64_t env_fake_clock_ns(void *opaque)
{
    TestEnv *env = opaque;

    return env->now_ns;
}

static int64_t env_clock_ns(void *opaque)
{
    TestEnv *env = opaque;

    return env->real_clock ? g_get_monotonic_time() * 1000 : env->now_ns;
}

static void env_sleep_us(void *opaque, uint32_t us)
{
    TestEnv *env = opaque;

    amd_gpu_model_log_sleep(env->model, us);
    env->sleeps++;
    if (env->real_clock) {
        g_usleep(us);
    } else {
        env->now_ns += (int64_t)us * 1000;
    }
}

static uint64_t env_mmio_size(void *opaque)
{
    TestEnv *env = opaque;

    return env->bar5_size ? env->bar5_size :
           amd_gpu_model_bar5_size(env->model);
}

/* the model's VBIOS, in a buffer of exactly its size */
static uint8_t *env_read_rom(void *opaque, size_t *len, const char **why)
{
    TestEnv *env = opaque;
    size_t size = amd_gpu_model_rom_size(env->model);
    uint8_t *rom = g_malloc(size ? size : 1);

    env->rom_reads++;
    if (!size || !amd_gpu_model_rom_read(env->model, 0, rom, size)) {
        g_free(rom);
        *why = "device ROM not readable";
        return NULL;
    }
    *len = size;
    return rom;
}

/* With @not_owned set, 0000:01:00.1 (the HD audio) is not QEMU's */
static bool env_chip_owned(void *opaque, char *unowned, size_t len)
{
    TestEnv *env = opaque;

    if (env->not_owned) {
        g_strlcpy(unowned, "0000:01:00.1", len);
        return false;
    }
    return true;
}

static void env_restore_functions(void *opaque)
{
    TestEnv *env = opaque;

    env->restores++;
}

static const AMDResetOps env_ops = {
    .config_read = env_config_read,
    .config_write = env_config_write,
    .config_write_raw = env_config_write_raw,
    .mmio_read = env_mmio_read,
    .mmio_write = env_mmio_write,
    .mmio_size = env_mmio_size,
    .read_rom = env_read_rom,
    .clock_ns = env_clock_ns,
    .sleep_us = env_sleep_us,
    .chip_owned = env_chip_owned,
    .restore_functions = env_restore_functions,
};

/*
 * From now on the engine runs on the host's clock with real sleeps, and
 * the model on its own clock
 */
void env_use_real_clock(TestEnv *env)
{
    env->real_clock = true;
    amd_gpu_model_set_clock(env->model, NULL, NULL);
}

/* Run @method, and @fallback (if not NONE) when it times out */
void env_use(TestEnv *env, AMDResetMethod method,
             AMDResetMethod fallback)
{
    env->dev.methods[0] = method;
    env->dev.n_methods = 1;
    if (fallback != AMD_RESET_METHOD_NONE) {
        env->dev.methods[env->dev.n_methods++] = fallback;
    }
}

/*
 * A listed device running its family's config reset, fake clock shared by
 * the engine and the model
 */
TestEnv *env_new(uint16_t device)
{
    const AMDResetDeviceId *id = amd_reset_lookup(AMD_RESET_VENDOR_ID,
                                                  device);
    TestEnv *env = g_new0(TestEnv, 1);

    g_assert_nonnull(id);
    env->now_ns = START_NS;
    env->model = amd_gpu_model_new(device);
    amd_gpu_model_set_clock(env->model, env_fake_clock_ns, env);
    env->timings = amd_reset_timings;
    env->dev.ops = &env_ops;
    env->dev.opaque = env;
    env->dev.name = "test-gpu";
    env->dev.timings = &env->timings;
    env->dev.family = id->family;
    env_use(env, AMD_RESET_METHOD_CONFIG, AMD_RESET_METHOD_NONE);
    return env;
}

void env_free(TestEnv *env)
{
    amd_gpu_model_free(env->model);
    g_free(env);
}

/*
 * Probe as the adapter does at realize, with the user's @choice (NONE:
 * auto), and choose the methods as the first reset does, with decode on.
 * The log is cleared afterwards.
 */
void env_choose(TestEnv *env, AMDResetMethod choice)
{
    AMDResetConfig cfg = { .policy = ON_OFF_AUTO_AUTO, .method = choice };
    Error *unfit = NULL;

    g_assert_true(amd_reset_probe(&env->dev, &cfg, &unfit, &error_abort));
    g_assert_null(unfit);
    g_assert_nonnull(env->dev.family);
    amd_gpu_model_set_command(env->model, PCI_COMMAND_MEMORY);
    g_assert_true(amd_reset_choose(&env->dev, &error_abort));
    amd_gpu_model_set_command(env->model, 0);
    g_assert_nonnull(env->dev.why);
    amd_gpu_model_log_clear(env->model);
}

/*
 * The guest driver ran, then vfio_pci_pre_reset() turned decode and bus
 * master off (left as @cmd); the log starts empty.
 */
void env_guest_ran(TestEnv *env, uint16_t cmd)
{
    amd_gpu_model_load_driver(env->model);
    amd_gpu_model_set_command(env->model, cmd);
    amd_gpu_model_log_clear(env->model);
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    if (!amd_gpu_model_is_soc15(env->model)) {
        g_assert_true(amd_gpu_model_smc_running(env->model));
    }
}

AMDResetResult env_run(TestEnv *env, AMDResetReport *report)
{
    AMDResetResult result;

    memset(report, 0, sizeof(*report));
    result = amd_reset_run(&env->dev, report);
    g_assert_nonnull(amd_reset_result_str(result));
    return result;
}

AMDGPUModelAccess log_entry(TestEnv *env, size_t i)
{
    AMDGPUModelAccess entry;

    g_assert_true(amd_gpu_model_log_get(env->model, i, &entry));
    return entry;
}

bool entry_is(const AMDGPUModelAccess *e, AMDGPUModelAccessKind kind,
              uint32_t offset)
{
    return e->kind == kind && e->offset == offset;
}

/* Index of the first entry at or after @from that matches, or -1 */
ssize_t log_find(TestEnv *env, size_t from,
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

size_t log_count_kind(TestEnv *env, size_t from,
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

char *format_table(const AMDGPUModelAccess *table, size_t len)
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
void assert_log_tail(TestEnv *env, size_t start,
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

void add_case(const char *fmt, const char *name, const void *data,
              GTestDataFunc fn)
{
    g_autofree char *path = g_strdup_printf(fmt, name);

    g_test_add_data_func(path, data, fn);
}
