/*
 * Test environment of the AMD GPU reset unit tests: the engine's
 * accessors on the register model, a fake clock that only advances when
 * the engine sleeps, and helpers that read the model's access log
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef TEST_AMD_RESET_ENV_H
#define TEST_AMD_RESET_ENV_H

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
#define DEV_W5100       0x6649          /* Bonaire, FirePro W5100 */
#define DEV_W7100       0x692b          /* Tonga */
#define DEV_FURY        0x7300          /* Fiji */
#define DEV_RX580       0x67df          /* Polaris10 */
#define DEV_VEGA64      0x687f          /* Vega10 */
#define DEV_VEGA12      0x69af          /* Vega12 */
#define DEV_RADEON7     0x66af          /* Vega20 */
#define DEV_RX5700XT    0x731f          /* Navi10 */
#define DEV_NAVI12      0x7360          /* Navi12 */
#define DEV_RX5500XT    0x7340          /* Navi14 */

typedef struct TestEnv {
    AMDGPUModel *model;
    bool real_clock;                /* host clock instead of now_ns */
    int64_t now_ns;                 /* fake clock */
    unsigned sleeps;
    AMDResetTimings timings;        /* copy, so tests may change it */
    AMDResetDevice dev;
    /* a chip that answers every BAR5 read with @frozen_value */
    bool frozen;
    uint32_t frozen_value;
    unsigned frozen_reads;
    unsigned frozen_after;          /* reads the model answers first */
    bool not_owned;                 /* a function of the chip is not QEMU's */
    unsigned restores;              /* restore_functions() calls */
    unsigned raw_writes;            /* config_write_raw() calls */
    unsigned rom_reads;
    uint64_t bar5_size;             /* 0: the model's */
} TestEnv;

void env_use(TestEnv *env, AMDResetMethod method, AMDResetMethod fallback);
TestEnv *env_new(uint16_t device);
void env_free(TestEnv *env);
void env_use_real_clock(TestEnv *env);
void env_choose(TestEnv *env, AMDResetMethod choice);
void env_guest_ran(TestEnv *env, uint16_t cmd);
AMDResetResult env_run(TestEnv *env, AMDResetReport *report);

AMDGPUModelAccess log_entry(TestEnv *env, size_t i);
bool entry_is(const AMDGPUModelAccess *e, AMDGPUModelAccessKind kind,
              uint32_t offset);
ssize_t log_find(TestEnv *env, size_t from, AMDGPUModelAccessKind kind,
                 uint32_t offset);
size_t log_count_kind(TestEnv *env, size_t from, AMDGPUModelAccessKind kind,
                      int64_t offset);
char *format_table(const AMDGPUModelAccess *table, size_t len);
void assert_log_tail(TestEnv *env, size_t start,
                     const AMDGPUModelAccess *table, size_t len);

/* g_test_add_data_func() with the path @fmt % @name */
void add_case(const char *fmt, const char *name, const void *data,
              GTestDataFunc fn);

/* Each file's tests */
void test_amd_reset_add_config(void);
void test_amd_reset_add_baco(void);
void test_amd_reset_add_choice(void);
void test_amd_reset_add_model(void);
void test_amd_reset_add_soc15(void);
void test_amd_reset_add_soc15_baco(void);

#endif /* TEST_AMD_RESET_ENV_H */
