/*
 * libFuzzer target for the AMD GPU reset engine (hw/vfio/amd-reset.c and
 * the tables of hw/vfio/amd-reset-ids.c)
 *
 * Byte 0 bits 6-7 choose what is fuzzed:
 *
 * 0, 1: the config reset.  The engine runs against a fake GPU whose
 * register reads, sleeps and access latency are chosen by the fuzz input,
 * on a fake clock that only moves when the engine sleeps or touches the
 * device.  Whatever the device answers, the engine must:
 *
 *  - return one of the AMDResetResult values;
 *  - finish within the family deadline: fake time from entry to return is
 *    at most settle_us + ready_timeout_us + a small slack (two oversleeps
 *    and the latency of the accesses outside the poll loop);
 *  - make a bounded number of accesses (one poll per POLL_US at least);
 *  - touch only the registers it is meant to: config class code,
 *    PCI_COMMAND and the 0x7c trigger (with the magic), BAR5 SMC
 *    index/data and CONFIG_MEMSIZE, and BAR5 only while it has enabled
 *    memory decode;
 *  - never write the config reset trigger when it reports NO_SMC, or GONE
 *    before the trigger (a GONE after it needs an all-ones class code read
 *    after it), and touch nothing at all when it reports SKIPPED;
 *  - leave the command register cleared;
 *  - after a DONE or TIMEOUT, put the SMC in reset and stop its clock.
 *
 * 2: BACO, with the tables of Tonga, Fiji or Polaris (byte 0 bits 1-2):
 * the same fake GPU answers every read from the input (a healthy read
 * returns what was last written), and the engine must end within the
 * family's whole-cycle bound plus slack, touch only 4-byte aligned BAR5
 * offsets inside the register aperture with decode on, and leave the
 * command register cleared.
 *
 * 3: the VBIOS parser, with the rest of the input as the ROM image, in
 * both PowerPlay table formats: a known result and a reason, never a
 * read outside the image.
 *
 * ASan and UBSan watch the rest.
 *
 * Input for 0-2: byte 0 selects kernel_reset (bit 0), settle_us (bits
 * 1-2) and ready_timeout_us (bits 3-5); byte 1 bits 0-3 are the latency
 * of every access in us.  Then each register read takes one byte: < 0x40 the value
 * a healthy GPU would give, < 0x80 all-ones, < 0xc0 zero, otherwise the
 * next four bytes (little endian).  Each sleep takes one byte, the
 * oversleep in us.  Once the input is used up, reads give the healthy
 * value except CONFIG_MEMSIZE, which stays all-ones (a stuck chip), and
 * sleeps are exact.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"

#define ALL_ONES            0xffffffffU
#define MAX_OVERSLEEP_US    255
#define MAX_LATENCY_US      15
/* accesses outside the poll loop: the sequence has about 25 */
#define MAX_OTHER_ACCESSES  64

static const uint32_t settle_table[] = { 0, 1, AMD_RESET_SETTLE_US, 1000 };
static const uint32_t timeout_table[] = {
    0, 1, 10, 100, 1000, 10000, AMD_RESET_READY_TIMEOUT_US, 25000,
};

typedef struct FakeGPU {
    const uint8_t *data;
    size_t size;
    size_t pos;

    int64_t now_ns;
    uint32_t latency_us;

    /* device state, as a healthy GPU would keep it */
    bool baco;
    uint16_t command;
    uint32_t smc_index;
    GHashTable *smc;
    GHashTable *mmio;

    /* what the engine did */
    unsigned accesses;
    unsigned polls;
    bool cmd_read;
    uint16_t cmd_on_entry;
    bool cmd_written;
    uint16_t last_cmd_written;
    bool config_reset;
    bool gone_after_reset;          /* vendor read all-ones after trigger */
    unsigned smc_stop_bits;         /* 1: rst_reg set, 2: ck_disable set */
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

static uint32_t smc_healthy(FakeGPU *g, uint32_t ix)
{
    gpointer v;

    if (g_hash_table_lookup_extended(g->smc, GUINT_TO_POINTER(ix), NULL,
                                     &v)) {
        return GPOINTER_TO_UINT(v);
    }
    switch (ix) {
    case ixSMC_PC_C:
        return 0x20400;
    default:
        return 0;
    }
}

static uint32_t fake_config_read(void *opaque, uint32_t offset, unsigned size)
{
    FakeGPU *g = opaque;
    uint32_t mask = size == 4 ? ALL_ONES : (1U << (size * 8)) - 1;
    uint32_t healthy, v;

    access_cost(g);
    CHECK(size == 1 || size == 2 || size == 4, "config read size %u", size);
    CHECK(offset % size == 0, "unaligned config read 0x%x/%u", offset, size);
    switch (offset) {
    case PCI_CLASS_REVISION:
        CHECK(size == 4, "class code read of size %u", size);
        healthy = 0x03000000;
        break;
    case PCI_COMMAND:
        CHECK(size == 2, "command read of size %u", size);
        healthy = g->command;
        break;
    default:
        CHECK(false, "config read at 0x%x", offset);
    }
    v = fuzz_value(g, healthy, healthy) & mask;
    if (offset == PCI_COMMAND && !g->cmd_read) {
        g->cmd_read = true;
        g->cmd_on_entry = v;
    }
    if (offset == PCI_CLASS_REVISION && v == ALL_ONES && g->config_reset) {
        g->gone_after_reset = true;
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
        CHECK(value == 0 || value == PCI_COMMAND_MEMORY,
              "command write 0x%x", value);
        g->command = value;
        g->cmd_written = true;
        g->last_cmd_written = value;
        break;
    case AMD_PCI_CONFIG_RESET:
        CHECK(!g->baco, "config reset during BACO");
        CHECK(size == 4 && value == AMD_PCI_CONFIG_RESET_MAGIC,
              "config reset write 0x%x/%u", value, size);
        CHECK(!g->config_reset, "second config reset");
        CHECK(g->command == PCI_COMMAND_MEMORY,
              "config reset with command 0x%x", g->command);
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
    if (g->baco) {
        CHECK(offset < AMD_MMIO_BAR_SIZE && offset % 4 == 0,
              "BAR5 access at 0x%x", offset);
        return;
    }
    CHECK(offset == mmSMC_IND_INDEX_0 || offset == mmSMC_IND_DATA_0 ||
          offset == mmCONFIG_MEMSIZE, "BAR5 access at 0x%x", offset);
}

static uint32_t fake_mmio_read(void *opaque, uint32_t offset)
{
    FakeGPU *g = opaque;

    access_cost(g);
    check_mmio(g, offset);
    if (g->baco && offset != mmSMC_IND_DATA_0) {
        uint32_t last = GPOINTER_TO_UINT(g_hash_table_lookup(
                            g->mmio, GUINT_TO_POINTER(offset)));

        return fuzz_value(g, last, last);
    }
    switch (offset) {
    case mmSMC_IND_DATA_0:
        return fuzz_value(g, smc_healthy(g, g->smc_index),
                          smc_healthy(g, g->smc_index));
    case mmCONFIG_MEMSIZE:
        g->polls++;
        CHECK(g->config_reset, "CONFIG_MEMSIZE read before the reset");
        return fuzz_value(g, 0x2000, ALL_ONES);
    default:
        return fuzz_value(g, g->smc_index, g->smc_index);
    }
}

static void fake_mmio_write(void *opaque, uint32_t offset, uint32_t value)
{
    FakeGPU *g = opaque;

    access_cost(g);
    check_mmio(g, offset);
    if (g->baco && offset != mmSMC_IND_INDEX_0 &&
        offset != mmSMC_IND_DATA_0) {
        g_hash_table_insert(g->mmio, GUINT_TO_POINTER(offset),
                            GUINT_TO_POINTER(value));
        return;
    }
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
    default:
        CHECK(false, "write to CONFIG_MEMSIZE");
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

/* The VBIOS parser: the input is the ROM image */
static int fuzz_vbios(const uint8_t *data, size_t size)
{
    /* an exact-size copy, so that ASan sees any read past the image */
    g_autofree uint8_t *rom = g_memdup2(data, size);
    AMDPPTableFormat format;

    for (format = AMD_PPTABLE_V0; format <= AMD_PPTABLE_V1; format++) {
        const char *why = NULL;
        AMDVbiosCap cap = amd_vbios_baco_cap(size ? rom : NULL, size, format,
                                             &why);

        CHECK(cap == AMD_VBIOS_CAP_UNKNOWN || cap == AMD_VBIOS_CAP_ABSENT ||
              cap == AMD_VBIOS_CAP_PRESENT, "cap %d", (int)cap);
        CHECK(why != NULL, "no reason for cap %d", (int)cap);
    }
    return 0;
}

static const uint16_t baco_devices[] = { 0x692b, 0x7300, 0x67df, 0x692b };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FakeGPU g = { .data = data, .size = size, .now_ns = 1000000000 };
    AMDResetFamily family = {
        .name = "fuzz",
        .methods = { AMD_RESET_METHOD_CONFIG },
    };
    AMDResetDevice dev = {
        .ops = &fake_ops,
        .opaque = &g,
        .name = "fuzz",
        .family = &family,
        .method = AMD_RESET_METHOD_CONFIG,
    };
    uint8_t b0 = 0, b1 = 0;
    int64_t start, elapsed_ns, slack_ns, budget_ns;
    uint64_t max_polls, max_accesses;
    AMDResetResult result;

    next_byte(&g, &b0);
    if ((b0 >> 6) == 3) {
        return fuzz_vbios(data + g.pos, size - g.pos);
    }
    next_byte(&g, &b1);
    dev.kernel_reset = b0 & 1;
    family.settle_us = settle_table[(b0 >> 1) & 3];
    family.ready_timeout_us = timeout_table[(b0 >> 3) & 7];
    g.latency_us = b1 & MAX_LATENCY_US;
    /* the state vfio_pci_pre_reset() leaves: decode off */
    g.command = 0;
    g.smc = g_hash_table_new(g_direct_hash, g_direct_equal);
    g.mmio = g_hash_table_new(g_direct_hash, g_direct_equal);

    if ((b0 >> 6) == 2) {
        const AMDResetDeviceId *id =
            amd_reset_lookup(AMD_RESET_VENDOR_ID,
                             baco_devices[(b0 >> 1) & 3]);

        CHECK(id && id->family->baco, "no BACO family");
        g.baco = true;
        family = *id->family;
        dev.method = AMD_RESET_METHOD_BACO;
    }

    start = g.now_ns;
    result = amd_reset_run(&dev, NULL);
    elapsed_ns = g.now_ns - start;

    /* a known value: amd_reset_result_str() asserts on any other */
    CHECK(result == AMD_RESET_DONE || result == AMD_RESET_SKIPPED ||
          result == AMD_RESET_NO_SMC || result == AMD_RESET_TIMEOUT ||
          result == AMD_RESET_GONE, "result %d", (int)result);
    CHECK(amd_reset_result_str(result) != NULL, "no string for %d", result);
    CHECK(!dev.kernel_reset || result == AMD_RESET_SKIPPED,
          "kernel reset available but result %d", result);
    /* decode off at the end, as a real reset leaves it */
    CHECK(!g.cmd_written || g.last_cmd_written == 0,
          "command left at 0x%x", g.last_cmd_written);

    if (g.baco) {
        /*
         * The whole cycle is bounded; a deadline can be overshot by one
         * poll and one oversleep per phase, the gap's oversleep, and the
         * latency of every access.
         */
        budget_ns = ((int64_t)family.baco_total_us +
                     4 * (family.baco_poll_us + MAX_OVERSLEEP_US)) * 1000 +
                    (int64_t)g.accesses * g.latency_us * 1000;
        CHECK(elapsed_ns <= budget_ns,
              "BACO took %" PRId64 " ns, budget %" PRId64 " ns, %u accesses",
              elapsed_ns, budget_ns, g.accesses);
        CHECK(result != AMD_RESET_NO_SMC, "NO_SMC from BACO");
        goto out;
    }

    /* the deadline */
    slack_ns = 2 * (int64_t)(AMD_RESET_POLL_US + MAX_OVERSLEEP_US) * 1000 +
               (int64_t)MAX_OTHER_ACCESSES * g.latency_us * 1000;
    budget_ns = ((int64_t)family.settle_us + family.ready_timeout_us) * 1000 +
                slack_ns;
    CHECK(elapsed_ns <= budget_ns,
          "took %" PRId64 " ns, budget %" PRId64 " ns (settle %u us, "
          "timeout %u us, latency %u us, %u polls)", elapsed_ns, budget_ns,
          family.settle_us, family.ready_timeout_us, g.latency_us, g.polls);

    /* every poll but the first sleeps at least POLL_US */
    max_polls = family.ready_timeout_us / AMD_RESET_POLL_US + 2;
    max_accesses = 2 * max_polls + MAX_OTHER_ACCESSES;
    CHECK(g.polls <= max_polls, "%u polls, at most %" PRIu64 " expected",
          g.polls, max_polls);
    CHECK(g.accesses <= max_accesses, "%u accesses, at most %" PRIu64
          " expected", g.accesses, max_accesses);

    switch (result) {
    case AMD_RESET_SKIPPED:
        CHECK(dev.kernel_reset, "SKIPPED without a kernel reset");
        CHECK(g.accesses == 0, "SKIPPED after %u accesses", g.accesses);
        break;
    case AMD_RESET_NO_SMC:
        CHECK(!g.config_reset, "config reset although NO_SMC");
        break;
    case AMD_RESET_GONE:
        CHECK(!g.config_reset || g.gone_after_reset,
              "GONE after a config reset without an all-ones class code");
        break;
    case AMD_RESET_DONE:
    case AMD_RESET_TIMEOUT:
        CHECK(g.config_reset, "%s without a config reset",
              amd_reset_result_str(result));
        CHECK(g.polls > 0, "%s without polling CONFIG_MEMSIZE",
              amd_reset_result_str(result));
        CHECK(g.smc_stop_bits == 3, "%s without stopping the SMC (%u)",
              amd_reset_result_str(result), g.smc_stop_bits);
        break;
    }

out:
    g_hash_table_destroy(g.smc);
    g_hash_table_destroy(g.mmio);
    return 0;
}
