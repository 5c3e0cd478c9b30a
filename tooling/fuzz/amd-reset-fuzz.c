/*
 * libFuzzer target for the AMD GPU reset engine (hw/vfio/amd-reset.c, with
 * the families and tables of hw/vfio/amd-reset-ids.c)
 *
 * What is fuzzed is chosen by the top two bits of the first byte:
 *
 *  0  the config reset + SMC reset;
 *  1  BACO with the real tables of Tonga, Fiji or Polaris;
 *  2  the config reset of a BACO-capable chip with the BACO fallback;
 *  3  with bit 0 clear, the VBIOS parser: the rest of the input is the ROM
 *     image, parsed in both PowerPlay table formats and compared with a
 *     reference parser written here from amdgpu's rules
 *     (process_pptables_v1_0.c, processpptables.c); with bit 0 set, the
 *     SOC15/NV generation (below).
 *
 * SOC15/NV (mode 3, byte 0 bit 0 set): byte 0 bits 1-2 select Vega10,
 * Vega20, Navi10 or Navi14, bits 3-5 a set of PSP timings; byte 1 bits
 * 0-3 are the latency of every access, bit 4 selects:
 *
 *  clear  the need check and PSP mode1 through amd_reset_run(), against
 *         a fake chip with a 4 KiB config space (PM, PCIe, MSI, Resizable
 *         BAR) whose every config and BAR5 read the input may change, and
 *         which loses its BARs from the mode1 command until the command
 *         register is written with memory decode on.  The engine must
 *         decide as soc15_need_reset_on_init() does from the first reads
 *         of the sign of life and the bootloader (GONE, CLEAN, FIRMWARE
 *         with an error, or a reset) and write nothing but the SMN index
 *         to a chip it does not reset; write the engine-hung bit and the
 *         mode1 command only after C2PMSG_64 read ready, the command once;
 *         write the command register after at least the 500 ms, before
 *         it reads the acknowledge; restore only config registers it read
 *         before the command, with the values read; report
 *         DONE only after the acknowledge, MEMSIZE and the bootloader
 *         read so, in that order and not all-ones, and the engine-hung
 *         bit cleared; a TIMEOUT before the command only at "PSP ready";
 *         end within max(mode1_total_us, the PSP wait + 500 ms) plus the
 *         slack of the other modes;
 *  set    a table of up to 8 steps built from the input (bits 3-5 of
 *         byte 0 the count, then 3 bytes a step: command, SMN or direct,
 *         register, mask, shift, value), run by amd_reset_run_table()
 *         with the SOC15 map: every SMN step writes its address to
 *         PCIE_INDEX2 and reads it back before it reaches PCIE_DATA2, a
 *         failed run names a WAITFOR, and the run ends by its deadline.
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
#include "qapi/error.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "hw/vfio/amd-reset-cik-vi.h"
#include "hw/vfio/amd-reset-soc15.h"

#define ALL_ONES            0xffffffffU
#define MAX_OVERSLEEP_US    255
#define MAX_LATENCY_US      15
/* accesses outside the poll loops: the longest BACO sequence has ~160 */
#define MAX_OTHER_ACCESSES  400

#define MODE_CONFIG         0
#define MODE_BACO           1
#define MODE_FALLBACK       2
#define MODE_VBIOS          3
#define MODE_SOC15          4       /* 3 with byte 0 bit 0 set */
#define MODE_SMN_TABLE      5       /* 4 with byte 1 bit 4 set */

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
    uint32_t family_smu_flags;      /* SOC15: SMN address of the flags */
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

/* SOC15/NV: PSP mode1 and SMN tables ----------------------------------- */

static const uint16_t soc15_devices[] = { 0x687f, 0x66af, 0x731f, 0x7340 };

/* PSP timings: one wait, the bootloader, the whole mode1, poll; 0 keeps */
typedef struct PspTiming {
    uint32_t wait_us, boot_us, total_us, poll_us;
} PspTiming;

static const PspTiming psp_timings[] = {
    { 0, 0, 0, 0 },                                 /* QEMU's */
    { 1, 1, 1, 100 },
    { 1000, 10000, 600000, 100 },
    { 100000, 1000000, 500000, 1000 },      /* shorter than the sleep */
    { 100000, 1000000, 2500000, 10000 },
    { 300000, 300000, 2500000, 1000 },
    { 1, 2000000, 2500000, 1000 },
    { 2500000, 2500000, 2500000, 5000 },
};

/* The registers mode1 and its need check use (amd-reset-soc15.h) */
#define MODE1_SLEEP_US      500000
#define MODE1_CMD           GFX_CTRL_CMD_ID_MODE1_RST
#define PSP_READY_MASK      (GFX_CMD_RESPONSE_MASK | GFX_CMD_STATUS_MASK)
#define SOC15_SOL_HEALTHY   0x1
#define SOC15_VRAM_MB       0x2000
#define SOC15_MAX_READS     512     /* config reads before the command */
#define SOC15_MAX_RESTORED  12      /* DevCtl, LnkCtl, 2s, 8 ReBAR */

/*
 * Known, reported: amd_config_save_all() reads the Resizable BAR control
 * registers of a capability found near the end of config space without
 * checking that they fit in it, up to PCI_REBAR_CTRL + 7 * 8 bytes past
 * the last header (0xffc), and restores what those reads gave.  Through
 * vfio such a read fails (the glue returns all-ones) and so does the
 * write; tolerated up to there, anything further is a failure.
 */
#define SOC15_CFG_LIMIT     (PCI_CFG_SPACE_EXP_SIZE - 4 + PCI_REBAR_CTRL + \
                             7 * 8 + 4)

/* Config space of a healthy chip, as the model has it */
#define SOC15_PM_CAP        0x50
#define SOC15_EXP_CAP       0x64
#define SOC15_MSI_CAP       0xa0
#define SOC15_REBAR_CAP     0x100

typedef struct Soc15Saved {
    uint16_t offset;
    uint8_t size;
    uint32_t value;
} Soc15Saved;

typedef struct Soc15State {
    uint8_t cfg[PCI_CFG_SPACE_EXP_SIZE];
    GHashTable *smn;

    /* the need check: the first reads of the sign of life and bootloader */
    bool sol_read, boot_read;
    uint32_t sol, boot;
    bool smn_selected, smn_read_back;
    unsigned smn_selects;

    /* mode1 */
    bool ready_seen;                /* C2PMSG_64 read ready, not all-ones */
    bool hung_set, hung_cleared;
    bool set_read_all_ones, clear_read_all_ones;
    bool commanded;                 /* the mode1 command was written */
    bool bars_lost;                 /* from the command to COMMAND=MEMORY */
    int64_t sleep_after_cmd_us;
    bool ack_seen, memsize_seen, boot_seen;
    Soc15Saved saved[SOC15_MAX_READS];  /* config reads before the command */
    unsigned n_saved;
    unsigned raw_writes;
    unsigned other_writes;          /* BAR5 writes but the SMN index's */
} Soc15State;

static Soc15State soc15;

static void cfg_put(uint32_t offset, uint32_t value, unsigned size)
{
    unsigned i;

    for (i = 0; i < size; i++) {
        soc15.cfg[offset + i] = value >> (8 * i);
    }
}

static uint32_t cfg_get(uint32_t offset, unsigned size)
{
    uint32_t v = 0;
    unsigned i;

    for (i = 0; i < size; i++) {
        v |= (uint32_t)soc15.cfg[offset + i] << (8 * i);
    }
    return v;
}

/* A Vega or Navi config space: PM, PCIe v2, MSI, one Resizable BAR */
static void soc15_init(uint16_t device)
{
    memset(&soc15, 0, sizeof(soc15));
    cfg_put(PCI_VENDOR_ID, AMD_RESET_VENDOR_ID, 2);
    cfg_put(PCI_DEVICE_ID, device, 2);
    cfg_put(PCI_STATUS, PCI_STATUS_CAP_LIST, 2);
    cfg_put(PCI_CLASS_REVISION, 0x03000000, 4);
    cfg_put(PCI_CAPABILITY_LIST, SOC15_PM_CAP, 1);
    cfg_put(SOC15_PM_CAP, PCI_CAP_ID_PM | (SOC15_EXP_CAP << 8), 2);
    cfg_put(SOC15_EXP_CAP, PCI_CAP_ID_EXP | (SOC15_MSI_CAP << 8), 2);
    cfg_put(SOC15_EXP_CAP + PCI_EXP_FLAGS, 0x0002, 2);
    cfg_put(SOC15_EXP_CAP + PCI_EXP_DEVCTL, 0x2930, 2);
    cfg_put(SOC15_EXP_CAP + PCI_EXP_LNKCTL, 0x0040, 2);
    cfg_put(SOC15_MSI_CAP, PCI_CAP_ID_MSI, 2);
    cfg_put(SOC15_REBAR_CAP, PCI_EXT_CAP_ID_REBAR | (1 << 16), 4);
    cfg_put(SOC15_REBAR_CAP + PCI_REBAR_CAP, 0x0003f000, 4);
    cfg_put(SOC15_REBAR_CAP + PCI_REBAR_CTRL,
            (1 << PCI_REBAR_CTRL_NBAR_SHIFT) | (13 << PCI_REBAR_CTRL_BAR_SHIFT),
            4);
    soc15.smn = g_hash_table_new(g_direct_hash, g_direct_equal);
}

static uint32_t soc15_config_read(void *opaque, uint32_t offset,
                                  unsigned size)
{
    FakeGPU *g = opaque;
    uint32_t healthy, v, mask = size == 4 ? ALL_ONES : (1U << (8 * size)) - 1;

    access_cost(g);
    CHECK(size == 1 || size == 2 || size == 4, "config read of size %u",
          size);
    CHECK(offset % size == 0 && offset + size <= SOC15_CFG_LIMIT,
          "config read at 0x%x/%u", offset, size);
    CHECK(!g->gone_seen, "config read after the device was found gone");
    if (offset + size > PCI_CFG_SPACE_EXP_SIZE) {
        /* past config space: vfio fails the read, the glue gives ~0 */
        v = mask;
    } else {
        healthy = offset == PCI_COMMAND ? g->command : cfg_get(offset, size);
        v = fuzz_value(g, healthy, healthy) & mask;
    }
    if (offset == PCI_CLASS_REVISION && size == 4) {
        g->class_reads++;
        g->gone_seen = v == ALL_ONES;
    } else if (!soc15.commanded && soc15.n_saved < SOC15_MAX_READS) {
        soc15.saved[soc15.n_saved++] = (Soc15Saved) {
            .offset = offset, .size = size, .value = v,
        };
    }
    return v;
}

static void soc15_config_write(void *opaque, uint32_t offset, uint32_t value,
                               unsigned size)
{
    FakeGPU *g = opaque;

    access_cost(g);
    CHECK(offset == PCI_COMMAND && size == 2, "config write at 0x%x/%u",
          offset, size);
    CHECK(value == PCI_COMMAND_MEMORY || value == 0,
          "command write 0x%x", value);
    CHECK(g->cmd_writes > 0 || value == PCI_COMMAND_MEMORY,
          "first command write 0x%x", value);
    if (soc15.bars_lost && value == PCI_COMMAND_MEMORY) {
        /* vfio-pci restores the BARs */
        CHECK(soc15.sleep_after_cmd_us >= MODE1_SLEEP_US,
              "command register written %" PRId64 " us after the mode1 "
              "command", soc15.sleep_after_cmd_us);
        soc15.bars_lost = false;
    }
    g->command = value;
    g->cmd_writes++;
    g->last_cmd_written = value;
}

/* Only what was read before the command, with the value read */
static void soc15_config_write_raw(void *opaque, uint32_t offset,
                                   uint32_t value, unsigned size)
{
    FakeGPU *g = opaque;
    unsigned i;

    access_cost(g);
    CHECK(soc15.commanded, "raw config write at 0x%x before the mode1",
          offset);
    /* PMCSR too may be anywhere when the capability list is fuzzed */
    CHECK(offset != PCI_COMMAND, "raw config write at 0x%x", offset);
    for (i = soc15.n_saved; i > 0; i--) {
        Soc15Saved *s = &soc15.saved[i - 1];

        if (s->offset == offset && s->size == size) {
            CHECK(s->value == value, "config 0x%x/%u restored to 0x%x, "
                  "read 0x%x", offset, size, value, s->value);
            break;
        }
    }
    CHECK(i > 0, "config 0x%x/%u restored but never read", offset, size);
    soc15.raw_writes++;
}

static void soc15_check_mmio(FakeGPU *g, uint32_t offset)
{
    CHECK(g->command & PCI_COMMAND_MEMORY,
          "BAR5 access at 0x%x with memory decode off", offset);
    CHECK(offset % 4 == 0 && offset < AMD_SOC15_BAR5_SIZE,
          "BAR5 access at 0x%x", offset);
    if (g->gone_seen) {
        g->mmio_after_gone++;
    }
}

static uint32_t soc15_mmio_healthy(FakeGPU *g, uint32_t offset)
{
    bool after = soc15.commanded;

    if (soc15.bars_lost) {
        return ALL_ONES;
    }
    switch (offset) {
    case mmPCIE_INDEX2:
        return g->smc_index;
    case mmPCIE_DATA2:
        if (g->family_smu_flags && g->smc_index == g->family_smu_flags) {
            return after ? 0 : MP1_FIRMWARE_FLAGS__INTERRUPTS_ENABLED_MASK;
        }
        return table_get(soc15.smn, g->smc_index, 0);
    case mmMP0_SMN_C2PMSG_81:
        return after ? 0 : SOC15_SOL_HEALTHY;
    case mmMP0_SMN_C2PMSG_35:
        return MP0_C2PMSG_35__BOOTLOADER_READY;
    case mmMP0_SMN_C2PMSG_64:
        return after ? 0 : GFX_CMD_RESPONSE_MASK;
    case mmMP0_SMN_C2PMSG_33:
        return after ? MP0_C2PMSG_33__MODE1_DONE : 0;
    case mmRCC_CONFIG_MEMSIZE:
        return SOC15_VRAM_MB;
    default:
        return table_get(g->mmio, offset, 0);
    }
}

static uint32_t soc15_mmio_read(void *opaque, uint32_t offset)
{
    FakeGPU *g = opaque;
    uint32_t healthy, v;
    bool valid;

    access_cost(g);
    soc15_check_mmio(g, offset);
    healthy = soc15_mmio_healthy(g, offset);
    v = fuzz_value(g, healthy, healthy);
    valid = v != ALL_ONES;
    g->last_mmio_all_ones = !valid;
    g->mmio_all_ones |= !valid;

    switch (offset) {
    case mmPCIE_INDEX2:
        soc15.smn_read_back = soc15.smn_selected;
        break;
    case mmPCIE_DATA2:
        CHECK(soc15.smn_selected && soc15.smn_read_back,
              "SMN data read without the index written and read back");
        break;
    case mmMP0_SMN_C2PMSG_81:
        if (!soc15.sol_read) {
            soc15.sol_read = true;
            soc15.sol = v;
        }
        break;
    case mmMP0_SMN_C2PMSG_35:
        if (!soc15.boot_read) {
            soc15.boot_read = true;
            soc15.boot = v;
        } else if (soc15.memsize_seen && valid &&
                   (v & MP0_C2PMSG_35__BOOTLOADER_READY)) {
            soc15.boot_seen = true;
        }
        break;
    case mmMP0_SMN_C2PMSG_64:
        if (!soc15.commanded && valid &&
            (v & PSP_READY_MASK) == GFX_CMD_RESPONSE_MASK) {
            soc15.ready_seen = true;
        }
        break;
    case mmMP0_SMN_C2PMSG_33:
        CHECK(soc15.commanded && !soc15.bars_lost,
              "acknowledge read %s", soc15.commanded ?
              "before the BARs were restored" : "before the command");
        if (valid && (v & MP0_C2PMSG_33__MODE1_DONE)) {
            soc15.ack_seen = true;
        }
        break;
    case mmRCC_CONFIG_MEMSIZE:
        CHECK(soc15.commanded, "MEMSIZE read before the command");
        if (soc15.ack_seen && valid) {
            soc15.memsize_seen = true;
        }
        break;
    case mmBIOS_SCRATCH_3_SOC15:
        /* an all-ones read is never written back */
        if (soc15.boot_seen) {
            soc15.clear_read_all_ones = !valid;
        } else if (!soc15.commanded) {
            soc15.set_read_all_ones = !valid;
        }
        break;
    }
    return v;
}

static void soc15_mmio_write(void *opaque, uint32_t offset, uint32_t value)
{
    FakeGPU *g = opaque;

    access_cost(g);
    soc15_check_mmio(g, offset);
    if (offset == mmPCIE_INDEX2) {
        g->smc_index = value;
        soc15.smn_selected = true;
        soc15.smn_read_back = false;
        soc15.smn_selects++;
        return;
    }
    soc15.other_writes++;
    if (g->mode == MODE_SMN_TABLE) {
        if (offset == mmPCIE_DATA2) {
            CHECK(soc15.smn_selected && soc15.smn_read_back,
                  "SMN data write without the index written and read back");
            g_hash_table_insert(soc15.smn, GUINT_TO_POINTER(g->smc_index),
                                GUINT_TO_POINTER(value));
        } else {
            g_hash_table_insert(g->mmio, GUINT_TO_POINTER(offset),
                                GUINT_TO_POINTER(value));
        }
        return;
    }
    /* mode1: the scratch bit and the command, nothing else */
    CHECK(soc15.ready_seen, "BAR5 write at 0x%x before the PSP was ready",
          offset);
    CHECK(!g->gone_seen, "BAR5 write at 0x%x to a device found gone",
          offset);
    switch (offset) {
    case mmBIOS_SCRATCH_3_SOC15:
        if (!soc15.commanded) {
            CHECK(value & ATOM_S3_ASIC_GUI_ENGINE_HUNG,
                  "BIOS_SCRATCH_3 := 0x%x before the command", value);
            soc15.hung_set = true;
        } else {
            CHECK(soc15.boot_seen, "BIOS_SCRATCH_3 := 0x%x before the "
                  "bootloader was ready", value);
            soc15.hung_cleared = !(value & ATOM_S3_ASIC_GUI_ENGINE_HUNG);
        }
        g_hash_table_insert(g->mmio, GUINT_TO_POINTER(offset),
                            GUINT_TO_POINTER(value));
        break;
    case mmMP0_SMN_C2PMSG_64:
        CHECK(value == MODE1_CMD, "C2PMSG_64 := 0x%x", value);
        CHECK(!soc15.commanded, "a second mode1 command");
        CHECK(soc15.hung_set, "mode1 command before the engine-hung bit");
        soc15.commanded = true;
        soc15.bars_lost = true;
        soc15.sleep_after_cmd_us = 0;
        break;
    default:
        CHECK(false, "BAR5 write at 0x%x", offset);
    }
}

static void soc15_sleep_us(void *opaque, uint32_t us)
{
    FakeGPU *g = opaque;
    uint8_t over = 0;

    next_byte(g, &over);
    g->now_ns += ((int64_t)us + over) * 1000;
    if (soc15.commanded) {
        soc15.sleep_after_cmd_us += us;
    }
}

static const AMDResetOps soc15_ops = {
    .config_read = soc15_config_read,
    .config_write = soc15_config_write,
    .config_write_raw = soc15_config_write_raw,
    .mmio_read = soc15_mmio_read,
    .mmio_write = soc15_mmio_write,
    .clock_ns = fake_clock_ns,
    .sleep_us = soc15_sleep_us,
};

/*
 * The need check and mode1: amd_reset_run() with the family's tables,
 * checked against what the chip answered
 */
static void fuzz_mode1(FakeGPU *g, uint8_t b0)
{
    const AMDResetDeviceId *id =
        amd_reset_lookup(AMD_RESET_VENDOR_ID, soc15_devices[(b0 >> 1) & 3]);
    const PspTiming *pt = &psp_timings[(b0 >> 3) & 7];
    AMDResetTimings timings = amd_reset_timings;
    AMDResetDevice dev = {
        .ops = &soc15_ops,
        .opaque = g,
        .name = "fuzz",
        .timings = &timings,
        .methods = { AMD_RESET_METHOD_MODE1 },
        .n_methods = 1,
    };
    AMDResetReport report;
    AMDResetResult result, need;
    int64_t start, elapsed_ns, budget_ns, slack_ns;
    uint64_t max_accesses;

    CHECK(id && id->family->gen == &amd_reset_gen_soc15,
          "no SOC15 family for 1002:%04x", soc15_devices[(b0 >> 1) & 3]);
    dev.family = id->family;
    g->family_smu_flags = id->family->smu_fw_flags;
    if (pt->wait_us) {
        timings.psp_wait_timeout_us = pt->wait_us;
        timings.bootloader_timeout_us = pt->boot_us;
        timings.mode1_total_us = pt->total_us;
        timings.psp_poll_us = pt->poll_us;
    }
    soc15_init(soc15_devices[(b0 >> 1) & 3]);

    start = g->now_ns;
    memset(&report, 0xa5, sizeof(report));
    result = amd_reset_run(&dev, &report);
    elapsed_ns = g->now_ns - start;

    CHECK(result == AMD_RESET_DONE || result == AMD_RESET_CLEAN ||
          result == AMD_RESET_TIMEOUT || result == AMD_RESET_GONE ||
          result == AMD_RESET_FIRMWARE, "result %d", (int)result);
    CHECK(amd_reset_method_str(report.method) != NULL, "method %d",
          report.method);
    CHECK((result == AMD_RESET_FIRMWARE) == (report.err != NULL),
          "result %s with%s an error", amd_reset_result_str(result),
          report.err ? "" : "out");
    error_free(report.err);

    /* the need check, as soc15_need_reset_on_init() decides */
    if (!soc15.sol_read || !soc15.boot_read) {
        CHECK(result == AMD_RESET_GONE && g->gone_seen,
              "%s without the need check", amd_reset_result_str(result));
        need = AMD_RESET_GONE;
    } else if (soc15.sol == ALL_ONES || soc15.boot == ALL_ONES) {
        /* gone if config space reads all-ones too, else BAR5 is dead */
        need = g->gone_seen ? AMD_RESET_GONE : AMD_RESET_FIRMWARE;
    } else if (soc15.sol) {
        need = AMD_RESET_DONE;
    } else if (soc15.boot & MP0_C2PMSG_35__BOOTLOADER_READY) {
        need = AMD_RESET_CLEAN;
    } else {
        need = AMD_RESET_FIRMWARE;
    }
    if (need != AMD_RESET_DONE) {
        CHECK(result == need, "need check: sign of life 0x%x, bootloader "
              "0x%x: %s, expected %s", soc15.sol, soc15.boot,
              amd_reset_result_str(result), amd_reset_result_str(need));
        CHECK(!soc15.other_writes && !soc15.raw_writes,
              "%u BAR5 and %u config writes to a chip not reset",
              soc15.other_writes, soc15.raw_writes);
    } else {
        CHECK(result != AMD_RESET_CLEAN && result != AMD_RESET_FIRMWARE,
              "sign of life 0x%x: %s", soc15.sol,
              amd_reset_result_str(result));
    }

    switch (result) {
    case AMD_RESET_DONE:
        CHECK(soc15.commanded && soc15.ack_seen && soc15.memsize_seen &&
              soc15.boot_seen &&
              (soc15.hung_cleared || soc15.clear_read_all_ones),
              "DONE: command %d, acknowledge %d, MEMSIZE %d, bootloader %d, "
              "engine-hung bit cleared %d", soc15.commanded, soc15.ack_seen,
              soc15.memsize_seen, soc15.boot_seen, soc15.hung_cleared);
        break;
    case AMD_RESET_TIMEOUT:
        CHECK(report.table && report.step > 0, "TIMEOUT without the step");
        CHECK(soc15.commanded || !strcmp(report.table, "PSP ready") ||
              (!strcmp(report.table, "engine hung") &&
               soc15.set_read_all_ones),
              "TIMEOUT at %s without the command", report.table);
        break;
    case AMD_RESET_GONE:
        CHECK(g->gone_seen || soc15.sol == ALL_ONES || soc15.boot == ALL_ONES,
              "GONE without an all-ones read");
        break;
    default:
        break;
    }
    CHECK(g->mmio_after_gone == 0, "%u BAR5 accesses after GONE",
          g->mmio_after_gone);
    CHECK(soc15.raw_writes <= SOC15_MAX_RESTORED, "%u config registers "
          "restored", soc15.raw_writes);
    CHECK(!soc15.bars_lost || result == AMD_RESET_GONE,
          "%s with the BARs not restored", amd_reset_result_str(result));
    if (g->cmd_writes) {
        CHECK(g->last_cmd_written == 0, "command left at 0x%x",
              g->last_cmd_written);
        CHECK(g->cmd_writes == 2u + soc15.commanded, "%u command writes",
              g->cmd_writes);
    } else {
        CHECK(result == AMD_RESET_GONE && g->class_reads == 1,
              "command register never written (result %d)", result);
    }

    /*
     * The deadlines: the PSP's ready wait, the 500 ms, the rest within the
     * whole mode1's; one oversleep and poll past each wait, the latency
     * of every access
     */
    budget_ns = MAX((int64_t)timings.mode1_total_us,
                    (int64_t)timings.psp_wait_timeout_us + MODE1_SLEEP_US) *
                1000;
    slack_ns = (int64_t)g->accesses * g->latency_us * 1000 +
               6 * (int64_t)(timings.psp_poll_us + MAX_OVERSLEEP_US) * 1000;
    CHECK(elapsed_ns <= budget_ns + slack_ns,
          "took %" PRId64 " ns, budget %" PRId64 " + %" PRId64 " ns "
          "(PSP wait %u us, bootloader %u us, total %u us, latency %u us, "
          "%u accesses)", elapsed_ns, budget_ns, slack_ns,
          timings.psp_wait_timeout_us, timings.bootloader_timeout_us,
          timings.mode1_total_us, g->latency_us, g->accesses);
    max_accesses = MAX_OTHER_ACCESSES +
                   4 * (uint64_t)(budget_ns / 1000 / timings.psp_poll_us + 8);
    CHECK(g->accesses <= max_accesses, "%u accesses, at most %" PRIu64
          " expected", g->accesses, max_accesses);
}

/*
 * A register table of up to 8 steps from the input, SMN and direct, run
 * through amd_reset_run_table() with the SOC15 map: every SMN step
 * selects its address, reads the index back, then reaches PCIE_DATA2;
 * a failed run names a WAITFOR and ends in time.
 */
static void fuzz_smn_table(FakeGPU *g, uint8_t b0)
{
    static const uint32_t smn_addrs[] = {
        smnMP1_FIRMWARE_FLAGS_SMU9, smnMP1_FIRMWARE_FLAGS_SMU11,
        0x03b10b14, 0x0,
    };
    static const uint32_t mmio_regs[] = {
        mmBIOS_SCRATCH_3_SOC15, mmMP0_SMN_C2PMSG_64, mmBACO_CNTL_SOC15,
        AMD_SOC15_BAR5_SIZE - 4,
    };
    static const uint32_t waits_us[] = { 0, 1, 1000, 100000 };
    AMDRegStep steps[8];
    AMDRegTable table = { .name = "fuzz" };
    AMDResetDevice dev = {
        .ops = &soc15_ops,
        .opaque = g,
        .name = "fuzz",
        .family = &amd_reset_family_navi10,
    };
    uint32_t wait_us = waits_us[(b0 >> 1) & 3];
    uint32_t poll_us = 1000;
    unsigned n = 1 + ((b0 >> 3) & 7), smn_steps = 0, i;
    int64_t start, deadline, elapsed_ns, budget_ns = 0;
    size_t failed = SIZE_MAX;
    bool ok, gone;

    soc15_init(0x731f);
    g->command = PCI_COMMAND_MEMORY;
    for (i = 0; i < n; i++) {
        uint8_t a = 0, m = 0, v = 0;

        next_byte(g, &a);
        next_byte(g, &m);
        next_byte(g, &v);
        steps[i] = (AMDRegStep) {
            .cmd = a & 3,
            .access = a & 4 ? AMD_REG_SMN : AMD_REG_MMIO,
            .reg = a & 4 ? smn_addrs[(a >> 3) & 3] : mmio_regs[(a >> 3) & 3],
            .mask = (uint32_t)m * 0x01010101u,
            .shift = (a >> 5) & 7,
            .timeout = v,
            .val = v,
        };
        if (steps[i].cmd == AMD_REG_CMD_DELAY_US) {
            budget_ns += (int64_t)v * 1000;
        } else if (steps[i].cmd == AMD_REG_CMD_WAITFOR) {
            budget_ns += (int64_t)wait_us * 1000;
        }
        smn_steps += steps[i].access == AMD_REG_SMN &&
                     steps[i].cmd != AMD_REG_CMD_DELAY_US;
    }
    table.parts[0] = (AMDRegSteps) { steps, n };

    start = g->now_ns;
    deadline = start + budget_ns;
    ok = amd_reset_run_table(&dev, amd_reset_gen_soc15.regs, &table,
                             wait_us, poll_us, deadline, &failed, &gone);
    elapsed_ns = g->now_ns - start;

    if (ok) {
        CHECK(!gone, "a table that ran to its end with the device gone");
        CHECK(soc15.smn_selects == smn_steps, "%u SMN selects for %u SMN "
              "steps", soc15.smn_selects, smn_steps);
    } else {
        CHECK(failed < n, "failed step %zu of %u", failed, n);
        CHECK(steps[failed].cmd == AMD_REG_CMD_WAITFOR,
              "step %zu failed, a command %u", failed, steps[failed].cmd);
        CHECK(!gone || g->gone_seen, "gone without an all-ones presence "
              "read");
        CHECK(soc15.smn_selects <= smn_steps, "%u SMN selects for %u SMN "
              "steps", soc15.smn_selects, smn_steps);
    }
    CHECK(g->mmio_after_gone == 0, "%u BAR5 accesses after gone",
          g->mmio_after_gone);
    CHECK(elapsed_ns <= budget_ns + (int64_t)g->accesses * g->latency_us *
          1000 + (int64_t)(n + 1) * (poll_us + MAX_OVERSLEEP_US) * 1000,
          "table took %" PRId64 " ns, budget %" PRId64 " ns", elapsed_ns,
          budget_ns);
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
    if (g.mode == MODE_VBIOS && !(b0 & 1)) {
        fuzz_vbios(data + 1, size ? size - 1 : 0);
        return 0;
    }
    next_byte(&g, &b1);
    g.latency_us = b1 & MAX_LATENCY_US;
    if (g.mode == MODE_VBIOS) {
        g.mode = b1 & 0x10 ? MODE_SMN_TABLE : MODE_SOC15;
        g.mmio = g_hash_table_new(g_direct_hash, g_direct_equal);
        if (g.mode == MODE_SOC15) {
            fuzz_mode1(&g, b0);
        } else {
            fuzz_smn_table(&g, b0);
        }
        g_hash_table_destroy(soc15.smn);
        g_hash_table_destroy(g.mmio);
        return 0;
    }
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
    default:
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
