/*
 * libFuzzer target for the AMD GPU reset engine (hw/vfio/amd-reset.c, with
 * the families and tables of hw/vfio/amd-reset-ids.c)
 *
 * What is fuzzed is chosen by the top two bits of the first byte:
 *
 *  0  the config reset + SMC reset;
 *  1  BACO with the real tables of Tonga, Fiji or Polaris;
 *  2  the config reset of a BACO-capable chip with the BACO fallback;
 *  3  the VBIOS parser: the rest of the input is the ROM image, parsed in
 *     both PowerPlay table formats and compared with a reference parser
 *     written here from amdgpu's rules (process_pptables_v1_0.c,
 *     processpptables.c).
 *
 * In modes 0-2 the engine runs against a fake GPU whose register reads,
 * sleeps and access latency are chosen by the fuzz input, on a fake clock
 * that only moves when the engine sleeps or touches the device.  Whatever
 * the device answers, the engine must:
 *
 *  - return one of the AMDResetResult values;
 *  - finish within the device's deadlines: the config reset within
 *    settle_us + ready_timeout_us, BACO within baco_total_us, plus a slack
 *    for one oversleep per wait and the latency of the accesses;
 *  - make a bounded number of accesses (one poll per poll interval);
 *  - touch config space only at 0x08 (4-byte presence read), the command
 *    register (2-byte writes: memory decode on, then 0 last) and the 0x7c
 *    trigger (with the magic, once, never in BACO mode); BAR5 only while
 *    memory decode is on, with aligned offsets inside the aperture, and in
 *    the config reset only at the SMC index/data pair and CONFIG_MEMSIZE;
 *  - check presence (read 0x08) only right after an all-ones BAR5 read,
 *    except at the start; report GONE only after an all-ones read of 0x08
 *    (or of the SMC registers, before the config reset), and touch
 *    config space and BAR5 no more after that, but for the final command
 *    write;
 *  - never reset a chip it reports CLEAN: no config reset trigger, no
 *    BACO table write; after a config reset that is DONE or TIMEOUT
 *    without BACO, stop the SMC;
 *  - after BACO, not stop the SMC (the power cycle did), and report DONE
 *    only if it saw BACO_CNTL.BACO_MODE set and then clear, in reads that
 *    were not all-ones (all-ones ends no wait and tells no state); a
 *    TIMEOUT names a table and a step, or BACO_CNTL when that read did
 *    not show the state the tables had waited for;
 *  - in the VBIOS parser: give one of the three answers, a reason with
 *    UNKNOWN, and the reference parser's answer.
 *
 * ASan and UBSan watch the rest.
 *
 * Input, modes 0-2: byte 0 bit 0 is unused; mode 0 and 2: bits 1-2
 * select settle_us, bits 3-5 ready_timeout_us; mode 1: bits 1-2 the family,
 * bits 3-5 a set of BACO timings.  Byte 1 bits 0-3 are the latency of
 * every access in us; mode 2: bits 4-5 the family, bits 6-7 the timings.
 * Then each register read takes one byte: < 0x40 the value a healthy GPU
 * would give, < 0x80 all-ones, < 0xc0 zero, otherwise the next four bytes
 * (little endian).  Each sleep takes one byte, the oversleep in us.  Once
 * the input is used up, reads give the healthy value, except
 * CONFIG_MEMSIZE, which stays all-ones (a stuck chip), and sleeps are
 * exact.  The healthy BACO chip keeps what is written and answers the
 * waits of the tables: BACO_MODE follows BACO_POWER_OFF, the PWRGOOD bits
 * and RCU_BIF_CONFIG_DONE its inverse, the SPLL acknowledges change
 * requests, Polaris's bit 4 clears itself.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "hw/vfio/amd-reset-cik-vi.h"

#define ALL_ONES            0xffffffffU
#define MAX_OVERSLEEP_US    255
#define MAX_LATENCY_US      15
/* accesses outside the poll loops: the longest BACO sequence has ~160 */
#define MAX_OTHER_ACCESSES  400

#define MODE_CONFIG         0
#define MODE_BACO           1
#define MODE_FALLBACK       2
#define MODE_VBIOS          3

static const uint32_t settle_table[] = { 0, 1, 100, 1000 };
static const uint32_t timeout_table[] = {
    0, 1, 10, 100, 1000, 10000, 100000, 25000,
};
static const uint16_t family_devices[] = { 0x692b, 0x7300, 0x67df, 0x67ef };

/* BACO timings: wait, total, gap, poll (us); 0 keeps the family's */
typedef struct BacoTiming {
    uint32_t wait_us, total_us, gap_us, poll_us;
} BacoTiming;

static const BacoTiming baco_timings[] = {
    { 0, 0, 0, 0 },                                 /* the family's */
    { 1000, 0, 0, 0 },
    { 300000, 0, 0, 0 },
    { 1, 0, 0, 0 },
    { 10000, 50000, 20000, 1000 },
    { 5000, 30000, 1, 100 },
    { 100000, 500000, 20000, 10000 },
    { 499999, 500000, 20000, 1000 },
};

/* BACO_CNTL and the registers the healthy chip gives a meaning */
#define R_BACO_CNTL         0x5394
#define   BACO_POWER_OFF        0x8
#define   BACO_MODE             0x40
#define   BACO_STATUS_POWERED   0x1f00      /* PWRGOOD_*, CONFIG_DONE */
#define IX_SPLL_FUNC_CNTL_2 0xc0500144
#define IX_SPLL_STATUS      0xc050015c
#define IX_SELF_CLEAR_A     0xc05002b0
#define IX_SELF_CLEAR_B     0xc050032c

typedef struct FakeGPU {
    const uint8_t *data;
    size_t size;
    size_t pos;
    int mode;

    int64_t now_ns;
    uint32_t latency_us;

    /* device state, as a healthy GPU would keep it */
    uint16_t command;
    uint32_t smc_index;
    GHashTable *smc;
    GHashTable *mmio;

    /* what the engine did */
    unsigned accesses;
    unsigned polls;
    unsigned class_reads;
    bool last_mmio_all_ones;        /* the last BAR5 read */
    bool mmio_all_ones;             /* any BAR5 read */
    bool gone_seen;                 /* 0x08 read all-ones */
    unsigned mmio_after_gone;
    unsigned cmd_writes;
    uint16_t last_cmd_written;
    bool config_reset;
    unsigned smc_stop_bits;         /* 1: rst_reg set, 2: ck_disable set */
    bool baco_started;              /* BACO_CNTL touched */
    bool baco_mode_seen;            /* BACO_CNTL read with BACO_MODE */
    unsigned baco_writes;           /* BAR5 writes but the SMC pair's */
    bool baco_out_seen;             /* ... and without it, afterwards */
} FakeGPU;

#define CHECK(cond, ...) do { \
        if (!(cond)) { \
            fprintf(stderr, "amd-reset-fuzz: %s: ", #cond); \
            fprintf(stderr, __VA_ARGS__); \
            fprintf(stderr, "\n"); \
            abort(); \
        } \
    } while (0)

static bool next_byte(FakeGPU *g, uint8_t *b)
{
    if (g->pos >= g->size) {
        return false;
    }
    *b = g->data[g->pos++];
    return true;
}

static void access_cost(FakeGPU *g)
{
    g->accesses++;
    g->now_ns += (int64_t)g->latency_us * 1000;
}

/* The value of a read: @healthy, or what the input says */
static uint32_t fuzz_value(FakeGPU *g, uint32_t healthy, uint32_t exhausted)
{
    uint8_t sel, b;
    uint32_t v = 0;
    int i;

    if (!next_byte(g, &sel)) {
        return exhausted;
    }
    if (sel < 0x40) {
        return healthy;
    }
    if (sel < 0x80) {
        return ALL_ONES;
    }
    if (sel < 0xc0) {
        return 0;
    }
    for (i = 0; i < 4; i++) {
        if (!next_byte(g, &b)) {
            break;
        }
        v |= (uint32_t)b << (i * 8);
    }
    return v;
}

static uint32_t table_get(GHashTable *t, uint32_t key, uint32_t dflt)
{
    gpointer v;

    if (g_hash_table_lookup_extended(t, GUINT_TO_POINTER(key), NULL, &v)) {
        return GPOINTER_TO_UINT(v);
    }
    return dflt;
}

static uint32_t smc_healthy(FakeGPU *g, uint32_t ix)
{
    switch (ix) {
    case ixSMC_PC_C:
        return table_get(g->smc, ix, 0x20400);
    case IX_SPLL_STATUS:
        return table_get(g->smc, IX_SPLL_FUNC_CNTL_2, 0) & 0xc00000 ? 0x2 : 0;
    case IX_SELF_CLEAR_A:
    case IX_SELF_CLEAR_B:
        return table_get(g->smc, ix, 0) & ~0x10;
    default:
        return table_get(g->smc, ix, 0);
    }
}

static uint32_t mmio_healthy(FakeGPU *g, uint32_t offset)
{
    uint32_t v;

    switch (offset) {
    case mmSMC_IND_INDEX_0:
        return g->smc_index;
    case mmSMC_IND_DATA_0:
        return smc_healthy(g, g->smc_index);
    case mmCONFIG_MEMSIZE:
        return 0x2000;
    case R_BACO_CNTL:
        v = table_get(g->mmio, offset, 0x84) & ~(BACO_MODE | 0x3f00);
        return v | (v & BACO_POWER_OFF ? BACO_MODE : BACO_STATUS_POWERED);
    default:
        return table_get(g->mmio, offset, 0);
    }
}

static uint32_t fake_config_read(void *opaque, uint32_t offset, unsigned size)
{
    FakeGPU *g = opaque;
    uint32_t v;

    access_cost(g);
    CHECK(offset == PCI_CLASS_REVISION && size == 4,
          "config read at 0x%x/%u", offset, size);
    CHECK(g->class_reads == 0 || g->last_mmio_all_ones,
          "presence check without an all-ones read before it");
    CHECK(!g->gone_seen, "config read after the device was found gone");
    g->class_reads++;
    g->last_mmio_all_ones = false;
    v = fuzz_value(g, 0x03000000, 0x03000000);
    if (v == ALL_ONES) {
        g->gone_seen = true;
    }
    return v;
}

static void fake_config_write(void *opaque, uint32_t offset, uint32_t value,
                              unsigned size)
{
    FakeGPU *g = opaque;

    access_cost(g);
    switch (offset) {
    case PCI_COMMAND:
        CHECK(size == 2, "command write of size %u", size);
        CHECK(value == PCI_COMMAND_MEMORY || value == 0,
              "command write 0x%x", value);
        CHECK(g->cmd_writes > 0 || value == PCI_COMMAND_MEMORY,
              "first command write 0x%x", value);
        g->command = value;
        g->cmd_writes++;
        g->last_cmd_written = value;
        break;
    case AMD_PCI_CONFIG_RESET:
        CHECK(g->mode != MODE_BACO, "config reset in BACO mode");
        CHECK(size == 4 && value == AMD_PCI_CONFIG_RESET_MAGIC,
              "config reset write 0x%x/%u", value, size);
        CHECK(!g->config_reset, "second config reset");
        CHECK(g->command == PCI_COMMAND_MEMORY,
              "config reset with command 0x%x", g->command);
        CHECK(!g->gone_seen, "config reset after the device was gone");
        g->config_reset = true;
        break;
    default:
        CHECK(false, "config write at 0x%x", offset);
    }
}

static void check_mmio(FakeGPU *g, uint32_t offset)
{
    CHECK(g->command & PCI_COMMAND_MEMORY,
          "BAR5 access at 0x%x with memory decode off", offset);
    CHECK(offset % 4 == 0 && offset < AMD_CIK_VI_BAR5_SIZE,
          "BAR5 access at 0x%x", offset);
    if (offset == R_BACO_CNTL && g->mode != MODE_CONFIG) {
        g->baco_started = true;
    }
    if (!g->baco_started) {
        /* the config reset, or the part of the fallback before BACO */
        CHECK(offset == mmSMC_IND_INDEX_0 || offset == mmSMC_IND_DATA_0 ||
              offset == mmCONFIG_MEMSIZE, "BAR5 access at 0x%x", offset);
    }
    if (g->gone_seen) {
        g->mmio_after_gone++;
    }
}

static uint32_t fake_mmio_read(void *opaque, uint32_t offset)
{
    FakeGPU *g = opaque;
    uint32_t healthy, v;

    access_cost(g);
    check_mmio(g, offset);
    healthy = mmio_healthy(g, offset);
    if (offset == mmCONFIG_MEMSIZE) {
        g->polls++;
        CHECK(g->config_reset, "CONFIG_MEMSIZE read before the reset");
        v = fuzz_value(g, healthy, ALL_ONES);
    } else {
        v = fuzz_value(g, healthy, healthy);
    }
    /* all-ones says nothing of BACO_MODE: the engine must not take it */
    if (offset == R_BACO_CNTL && v != ALL_ONES) {
        if (v & BACO_MODE) {
            g->baco_mode_seen = true;
            g->baco_out_seen = false;
        } else if (g->baco_mode_seen) {
            g->baco_out_seen = true;
        }
    }
    g->last_mmio_all_ones = v == ALL_ONES;
    g->mmio_all_ones |= v == ALL_ONES;
    return v;
}

static void fake_mmio_write(void *opaque, uint32_t offset, uint32_t value)
{
    FakeGPU *g = opaque;

    access_cost(g);
    check_mmio(g, offset);
    switch (offset) {
    case mmSMC_IND_INDEX_0:
        g->smc_index = value;
        break;
    case mmSMC_IND_DATA_0:
        g_hash_table_insert(g->smc, GUINT_TO_POINTER(g->smc_index),
                            GUINT_TO_POINTER(value));
        if (g->config_reset && g->smc_index == ixSMC_SYSCON_RESET_CNTL &&
            (value & SMC_SYSCON_RESET_CNTL__rst_reg_MASK)) {
            g->smc_stop_bits |= 1;
        }
        if (g->config_reset && g->smc_index == ixSMC_SYSCON_CLOCK_CNTL_0 &&
            (value & SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK)) {
            g->smc_stop_bits |= 2;
        }
        break;
    case mmCONFIG_MEMSIZE:
        CHECK(false, "write to CONFIG_MEMSIZE");
        break;
    default:
        g->baco_writes++;
        g_hash_table_insert(g->mmio, GUINT_TO_POINTER(offset),
                            GUINT_TO_POINTER(value));
        break;
    }
}

static int64_t fake_clock_ns(void *opaque)
{
    FakeGPU *g = opaque;

    return g->now_ns;
}

static void fake_sleep_us(void *opaque, uint32_t us)
{
    FakeGPU *g = opaque;
    uint8_t over = 0;

    next_byte(g, &over);
    g->now_ns += ((int64_t)us + over) * 1000;
}

static const AMDResetOps fake_ops = {
    .config_read = fake_config_read,
    .config_write = fake_config_write,
    .mmio_read = fake_mmio_read,
    .mmio_write = fake_mmio_write,
    .clock_ns = fake_clock_ns,
    .sleep_us = fake_sleep_us,
};

/* Reference VBIOS parser, from the rules, for a differential check */
static bool ref_get(const uint8_t *rom, size_t len, uint64_t off,
                    unsigned n, uint32_t *v)
{
    unsigned i;

    if (off + n > len) {
        return false;
    }
    *v = 0;
    for (i = 0; i < n; i++) {
        *v |= (uint32_t)rom[off + i] << (8 * i);
    }
    return true;
}

static AMDVbiosCap ref_vbios_cap(const uint8_t *rom, size_t len,
                                 AMDPPTableFormat format)
{
    uint32_t hdr, mdt, pp, size, rev, states, entries, caps, b0, b1;
    bool v1 = format == AMD_PPTABLE_V1;

    if (!ref_get(rom, len, 0, 1, &b0) || !ref_get(rom, len, 1, 1, &b1) ||
        b0 != 0x55 || b1 != 0xaa) {
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (len < 0x30 + 10 || memcmp(rom + 0x30, " 761295520", 10)) {
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!ref_get(rom, len, 0x48, 2, &hdr) || !hdr ||
        (uint64_t)hdr + 8 > len ||
        (memcmp(rom + hdr + 4, "ATOM", 4) &&
         memcmp(rom + hdr + 4, "MOTA", 4))) {
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!ref_get(rom, len, (uint64_t)hdr + 0x20, 2, &mdt) || !mdt ||
        !ref_get(rom, len, (uint64_t)mdt + 0x22, 2, &pp)) {
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!pp) {
        return AMD_VBIOS_CAP_ABSENT;
    }
    if (!ref_get(rom, len, pp, 2, &size) || size < (v1 ? 37 : 25) ||
        (uint64_t)pp + size > len) {
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (v1) {
        if (!ref_get(rom, len, (uint64_t)pp + 2, 1, &rev) || rev < 7 ||
            !ref_get(rom, len, (uint64_t)pp + 35, 2, &states) || !states ||
            !ref_get(rom, len, (uint64_t)pp + states + 1, 1, &entries) ||
            !entries) {
            return AMD_VBIOS_CAP_UNKNOWN;
        }
    }
    if (!ref_get(rom, len, (uint64_t)pp + (v1 ? 19 : 21), 4, &caps)) {
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    return caps & 0x00020000 ? AMD_VBIOS_CAP_PRESENT : AMD_VBIOS_CAP_ABSENT;
}

static void fuzz_vbios(const uint8_t *data, size_t size)
{
    /* a buffer of exactly the image's size, so ASan sees any overread */
    uint8_t *rom = size ? g_memdup2(data, size) : NULL;
    static const AMDPPTableFormat formats[] = {
        AMD_PPTABLE_V0, AMD_PPTABLE_V1,
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(formats); i++) {
        const char *why = NULL;
        AMDVbiosCap cap = amd_vbios_baco_cap(rom, size, formats[i], &why);
        AMDVbiosCap ref = ref_vbios_cap(rom, size, formats[i]);

        CHECK(cap == AMD_VBIOS_CAP_UNKNOWN || cap == AMD_VBIOS_CAP_ABSENT ||
              cap == AMD_VBIOS_CAP_PRESENT, "cap %d", cap);
        CHECK(cap != AMD_VBIOS_CAP_UNKNOWN || why,
              "UNKNOWN without a reason");
        CHECK(cap == ref, "V%zu: engine says %d, the rules %d (%s)", i, cap,
              ref, why ? why : "");
    }
    g_free(rom);
}

static const AMDResetFamily *family_of(uint16_t device)
{
    const AMDResetDeviceId *id = amd_reset_lookup(AMD_RESET_VENDOR_ID,
                                                  device);

    CHECK(id && id->family->baco, "no BACO family for 1002:%04x", device);
    return id->family;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FakeGPU g = { .data = data, .size = size, .now_ns = 1000000000 };
    AMDResetTimings timings = amd_reset_timings;
    AMDResetDevice dev = {
        .ops = &fake_ops,
        .opaque = &g,
        .name = "fuzz",
        .timings = &timings,
        .family = &amd_reset_family_cik,
        .methods = { AMD_RESET_METHOD_CONFIG },
        .n_methods = 1,
    };
    AMDResetReport report;
    uint8_t b0 = 0, b1 = 0;
    int64_t start, elapsed_ns, slack_ns, budget_ns = 0;
    uint64_t max_polls = 0, max_accesses = MAX_OTHER_ACCESSES;
    const BacoTiming *t = NULL;
    AMDResetResult result;

    next_byte(&g, &b0);
    g.mode = b0 >> 6;
    if (g.mode == MODE_VBIOS) {
        fuzz_vbios(data + 1, size ? size - 1 : 0);
        return 0;
    }
    next_byte(&g, &b1);
    g.latency_us = b1 & MAX_LATENCY_US;
    if (g.mode == MODE_BACO) {
        dev.family = family_of(family_devices[(b0 >> 1) & 3]);
        t = &baco_timings[(b0 >> 3) & 7];
        dev.methods[0] = AMD_RESET_METHOD_BACO;
    } else if (g.mode == MODE_FALLBACK) {
        dev.family = family_of(family_devices[(b1 >> 4) & 3]);
        t = &baco_timings[(b1 >> 6) & 3];
        dev.methods[dev.n_methods++] = AMD_RESET_METHOD_BACO;
    }
    if (g.mode != MODE_BACO) {
        timings.settle_us = settle_table[(b0 >> 1) & 3];
        timings.ready_timeout_us = timeout_table[(b0 >> 3) & 7];
        budget_ns += ((int64_t)timings.settle_us +
                      timings.ready_timeout_us) * 1000;
        max_polls = timings.ready_timeout_us / timings.ready_poll_us + 2;
        max_accesses += 2 * max_polls;
    }
    if (t) {
        if (t->wait_us) {
            timings.baco_wait_timeout_us = t->wait_us;
        }
        if (t->total_us) {
            timings.baco_total_us = t->total_us;
            timings.baco_gap_us = t->gap_us;
            timings.baco_poll_us = t->poll_us;
        }
        budget_ns += (int64_t)timings.baco_total_us * 1000;
        /* every read of a WAIT but the first of each sleeps a poll */
        max_accesses += 2 * (timings.baco_total_us / timings.baco_poll_us +
                             MAX_OTHER_ACCESSES);
    }
    g.command = 0;                  /* as vfio_pci_pre_reset() leaves it */
    g.smc = g_hash_table_new(g_direct_hash, g_direct_equal);
    g.mmio = g_hash_table_new(g_direct_hash, g_direct_equal);

    start = g.now_ns;
    memset(&report, 0xa5, sizeof(report));
    result = amd_reset_run(&dev, &report);
    elapsed_ns = g.now_ns - start;

    /* a known value: amd_reset_result_str() asserts on any other */
    CHECK(result == AMD_RESET_DONE ||
          result == AMD_RESET_CLEAN || result == AMD_RESET_TIMEOUT ||
          result == AMD_RESET_GONE, "result %d", (int)result);
    CHECK(amd_reset_result_str(result) != NULL, "no string for %d", result);
    CHECK(amd_reset_method_str(report.method) != NULL, "method %d",
          report.method);

    /*
     * The deadlines: one oversleep and poll past a deadline per phase, the
     * gap's and the DLY_US steps' oversleep, and the latency of every
     * access, which the engine cannot see coming.
     */
    slack_ns = (int64_t)g.accesses * g.latency_us * 1000 +
               4 * (int64_t)(timings.ready_poll_us + MAX_OVERSLEEP_US) * 1000 +
               6 * (int64_t)MAX_OVERSLEEP_US * 1000;
    if (t) {
        slack_ns += 2 * (int64_t)timings.baco_poll_us * 1000;
    }
    CHECK(elapsed_ns <= budget_ns + slack_ns,
          "took %" PRId64 " ns, budget %" PRId64 " + %" PRId64 " ns "
          "(mode %d, settle %u us, timeout %u us, BACO total %u us, "
          "latency %u us, %u accesses)", elapsed_ns, budget_ns, slack_ns,
          g.mode, timings.settle_us, timings.ready_timeout_us,
          timings.baco_total_us, g.latency_us, g.accesses);
    CHECK(g.polls <= max_polls, "%u polls, at most %" PRIu64 " expected",
          g.polls, max_polls);
    CHECK(g.accesses <= max_accesses, "%u accesses, at most %" PRIu64
          " expected", g.accesses, max_accesses);

    switch (result) {
    case AMD_RESET_CLEAN:
        CHECK(!g.config_reset, "config reset of a CLEAN chip");
        CHECK(!g.baco_writes, "BACO writes to a CLEAN chip");
        break;
    case AMD_RESET_GONE:
        /* class code, or SMC registers before the trigger, all-ones */
        CHECK(g.gone_seen || (g.mmio_all_ones && !g.config_reset),
              "GONE without an all-ones read");
        break;
    case AMD_RESET_DONE:
    case AMD_RESET_TIMEOUT:
        CHECK(!g.gone_seen, "%s after an all-ones presence check",
              amd_reset_result_str(result));
        if (report.method == AMD_RESET_METHOD_BACO) {
            CHECK(g.mode != MODE_CONFIG, "BACO in config mode");
            CHECK(!g.smc_stop_bits, "SMC stopped after BACO");
            CHECK(result != AMD_RESET_DONE ||
                  (g.baco_mode_seen && g.baco_out_seen),
                  "DONE without BACO_MODE set, then clear");
            CHECK(result != AMD_RESET_TIMEOUT ||
                  (report.table && (report.step > 0 ||
                                    !strcmp(report.table, "BACO_CNTL"))),
                  "BACO TIMEOUT without the step");
            CHECK(g.mode == MODE_BACO || g.polls > 0,
                  "fallback without a config reset");
        } else {
            CHECK(g.mode != MODE_BACO, "config reset in BACO mode");
            CHECK(g.config_reset, "%s without a config reset",
                  amd_reset_result_str(result));
            CHECK(g.polls > 0, "%s without polling CONFIG_MEMSIZE",
                  amd_reset_result_str(result));
            CHECK(g.smc_stop_bits == 3, "%s without stopping the SMC (%u)",
                  amd_reset_result_str(result), g.smc_stop_bits);
            CHECK(!(result == AMD_RESET_TIMEOUT && g.mode == MODE_FALLBACK),
                  "config TIMEOUT without the BACO fallback");
        }
        break;
    }
    CHECK(g.mmio_after_gone == 0, "%u BAR5 accesses after GONE",
          g.mmio_after_gone);

    /* decode on while working, the command register 0 at the end */
    if (g.cmd_writes) {
        CHECK(g.last_cmd_written == 0, "command left at 0x%x",
              g.last_cmd_written);
        CHECK(g.cmd_writes == 2, "%u command writes", g.cmd_writes);
    } else {
        CHECK(result == AMD_RESET_GONE,
              "command register never written (result %d)", result);
    }

    g_hash_table_destroy(g.smc);
    g_hash_table_destroy(g.mmio);
    return 0;
}
