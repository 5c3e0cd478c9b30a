/*
 * libFuzzer target for the AMD GPU reset engine (hw/vfio/amd-reset.c, with
 * the families and tables of hw/vfio/amd-reset-ids.c)
 *
 * What is fuzzed is chosen by the top two bits of the first byte:
 *
 *  0  the config reset + SMC reset, of a CIK chip (Hawaii: its need check
 *     reads BACO_CNTL) or of the generic CIK/VI family (no BACO);
 *  1  BACO with the real tables of Tonga, Fiji, Polaris, or with byte 0
 *     bit 0 set Bonaire or Hawaii (CIK, ci_baco.c);
 *  2  the config reset of a BACO-capable chip with the BACO fallback; with
 *     byte 0 bit 0 set a CIK chip, and with byte 1 bit 5 set too the
 *     methods its choice (amd_reset_choose_vi()) makes from the strap and
 *     a V0 VBIOS image that the input derives (cik_read_rom());
 *  3  with bit 0 clear, the VBIOS parser: the rest of the input is the ROM
 *     image, parsed in the three PowerPlay table formats (ATOM_PPLIB,
 *     ATOM_Tonga, atomfirmware) and compared with a reference parser
 *     written here from amdgpu's rules (process_pptables_v1_0.c,
 *     processpptables.c, the atomfirmware tables' caps at byte 17); with
 *     bit 0 set, the SOC15/NV generation (below).
 *
 * SOC15/NV (mode 3, byte 0 bit 0 set): byte 0 bits 1-2 select Vega10,
 * Vega20, Navi10 or Navi14, bits 3-5 a set of PSP timings; byte 1 bits
 * 0-3 are the latency of every access, bit 4 selects:
 *
 *  clear  amd_reset_run(): the need check, the choice, BACO and PSP
 *         mode1, against a fake chip with a 4 KiB config space (PM,
 *         PCIe, MSI, Resizable BAR) whose every config and BAR5 read the
 *         input may change, and which loses its BARs from the mode1
 *         command until the command register is written with memory
 *         decode on.  Byte 1 bits 5-6 are x-amd-reset-method (as amdgpu
 *         chooses, mode1, BACO, or as amdgpu chooses without a ROM), bit
 *         7 takes the BACO timings of the row bits 3-5 of byte 0 select.
 *         The ROM the choice reads is absent, an atomfirmware image with
 *         or without the BACO cap, or one cut short or with a byte
 *         changed (soc15_read_rom()).  The engine must decide as
 *         soc15_need_reset_on_init() does from the first reads of the
 *         sign of life and the bootloader (GONE, CLEAN, FIRMWARE with an
 *         error, or a reset) and write nothing but the SMN index to a
 *         chip it does not reset; choose as amd_reset_choose_soc15() from
 *         the strap, the fuse (Vega10/12) and the cap of the reference
 *         parser; in BACO, write nothing but the SMN and fuse indexes
 *         before its check read FIRMWARE_FLAGS bit 0 set, then only
 *         registers of the family's tables and the SMU mailbox (below),
 *         and report DONE only after BACO_CNTL.BACO_MODE read set, then
 *         clear after the exit; a failed SMU message reports its answer;
 *         go on to mode1 after a BACO that timed out when the choice
 *         gave both.  In mode1, write the engine-hung bit and the mode1
 *         command only after C2PMSG_64 read ready, the command once;
 *         write the command register after at least the 500 ms, before
 *         it reads the acknowledge; restore only config registers it read
 *         before the command, with the values read; report DONE only
 *         after the acknowledge, MEMSIZE and the bootloader read so, in
 *         that order and not all-ones, and the engine-hung bit cleared;
 *         a TIMEOUT before the command only at "PSP ready".  All of it
 *         within baco_total_us and max(mode1_total_us, the PSP wait +
 *         500 ms) of the methods chosen, plus the slack of the other
 *         modes;
 *  set    a table of up to 8 steps built from the input (bits 3-5 of
 *         byte 0 the count, bits 1-2 the wait, then 3 bytes a step:
 *         command, SMN or direct, register, mask, shift, value; bits 5-7
 *         of the first all set: an SMU message, bits 2-4 its ID, bit 0
 *         of the mask AMD_SMU_MSG_NO_ARG), run by amd_reset_run_table()
 *         with the SOC15 map: every SMN step writes its address to
 *         PCIE_INDEX2 and reads it back before it reaches PCIE_DATA2, a
 *         failed run names a WAITFOR or an SMU message, with the SMU's
 *         answer (none: 0) for a message and all-ones for anything
 *         else, and the run ends by its deadline.
 *
 * The SMU mailbox (C2PMSG_90 response, _82 argument, _66 message)
 * answers from the input: one byte, healthy (OK at once), all-ones, 0,
 * OK, 0xfc-0xff, or four bytes of any value.  A message may be written
 * only after the response read non-zero and not all-ones, then cleared,
 * then the argument written (never for AMD_SMU_MSG_NO_ARG); it succeeds
 * only after a response of exactly 1 read after it; all-ones is never
 * an answer.
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
 *    memory decode is on, with aligned offsets inside the aperture, and
 *    before BACO only at the SMC index/data pair and CONFIG_MEMSIZE, but
 *    for the need check's BACO_CNTL read and the choice's strap read;
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
 *  - decide as amdgpu's vi_need_reset_on_init() from the first reads of
 *    the SMC clock and program counter: GONE if either read all-ones, a
 *    reset if the SMC runs; if it is stopped CLEAN, but for a family with
 *    BACO, whose need check reads BACO_CNTL (that read only) and resets a
 *    chip it reads in BACO;
 *  - in a BACO that is DONE, spend in the exit at least the DELAY_US steps
 *    of the exit and clean tables (CIK: the 20 ms after the power-on);
 *    on CIK never set BACO_BIF_SCLK_SWITCH (BIF 4.1 has no such bit, the
 *    healthy CIK chip reads it 0) unless an RMW keeps it from its read;
 *  - in the CIK choice: read the strap and the ROM (none with no_rom), no
 *    more, before any method, and choose as amdgpu's
 *    cik_asic_reset_method() and the series' rule say from the strap read
 *    and the reference parser's V0 cap: forced config, forced BACO (with
 *    the strap, else REFUSED), otherwise the config reset, with BACO after
 *    it when the strap is set and the cap is present or unknown, never
 *    BACO first; the cap the engine found is the reference parser's;
 *  - in the VBIOS parser: give one of the three answers, a reason with
 *    UNKNOWN, and the reference parser's answer.
 *
 * ASan and UBSan watch the rest.
 *
 * Input, modes 0-2: byte 0 bit 0 selects the CIK variant above (mode 0:
 * set is the generic CIK/VI family, clear Hawaii); mode 0 and 2: bits 1-2
 * select settle_us, bits 3-5 ready_timeout_us; mode 1: bits 1-2 the family
 * (the CIK chip with bit 0 set), bits 3-5 a set of BACO timings.  Byte 1
 * bits 0-3 are the latency of every access in us; mode 2: bits 4-5 the
 * family (with byte 0 bit 0 set: bit 4 Hawaii or Bonaire, bit 5 the
 * choice), bits 6-7 the timings.  The CIK choice takes byte 2: bits 0-1
 * are x-amd-reset-method (as amdgpu chooses, config, BACO, as amdgpu
 * chooses without a ROM).
 * Then each register read takes one byte: < 0x40 the value a healthy GPU
 * would give, < 0x80 all-ones, < 0xc0 zero, otherwise the next four bytes
 * (little endian).  Each sleep takes one byte, the oversleep in us.  Once
 * the input is used up, reads give the healthy value, except
 * CONFIG_MEMSIZE, which stays all-ones (a stuck chip), and sleeps are
 * exact.  The healthy BACO chip keeps what is written and answers the
 * waits of the tables: BACO_MODE follows BACO_POWER_OFF, the PWRGOOD bits
 * and RCU_BIF_CONFIG_DONE its inverse, the SPLL acknowledges change
 * requests, Polaris's bit 4 clears itself.  The CIK strap
 * (CC_BIF_BX_FUSESTRAP0) reads BACO capable when healthy.
 *
 * The ROM of the CIK choice: one byte says none (< 0x20), or a V0
 * (ATOM_PPLIB) image laid out as the real Bonaire and Hawaii images are:
 * format revision 6, a state count of 0, a table as large as
 * ATOM_PPLIB_POWERPLAYTABLE5; bit 0 the BACO cap, bit 1 every other cap,
 * bits 2-3 where the tables are (the model's even offsets, odd offsets
 * with the master data table after the PowerPlay table, the PowerPlay
 * table the last bytes of the image, the master data table before the ROM
 * header); from 0x80 the image cut by the next byte around the end of its
 * last table and one byte changed: the byte after names it (below 0x80 one
 * of the bytes the parser reads, else one of every 16), the one after is
 * XORed into it.  An input used up gives the odd-offset image with the
 * cap.
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
/* CIK: Hawaii (R9 290X), Bonaire (FirePro W5100), Hawaii GL, Bonaire XTX */
static const uint16_t cik_devices[] = { 0x67b0, 0x6649, 0x67a0, 0x6658 };

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
#define   BACO_SCLK_SWITCH      BACO_CNTL__BACO_BIF_SCLK_SWITCH_MASK
#define STRAP_BACO          CC_BIF_BX_FUSESTRAP0__STRAP_BIF_PX_CAPABLE_MASK
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

    /* CIK/VI: the family, its need check, its choice */
    const AMDResetFamily *family;
    unsigned need_reads;            /* SMC data reads of the need check */
    bool need_clock_read, need_pc_read;
    uint32_t need_clock, need_pc;
    bool need_window;               /* SMC stopped: BACO_CNTL may follow */
    bool need_baco_access;          /* the access now is that read */
    bool need_baco_read;
    uint32_t need_baco;             /* what it gave */
    uint32_t last_baco_cntl;        /* the last BACO_CNTL read */
    uint32_t baco_gap_us;
    int64_t gap_end_ns;             /* the end of the gap, 0 before */
    bool choice;                    /* the CIK choice runs */
    bool strap_read, rom_read;
    uint32_t strap;
    uint8_t *rom;                   /* a copy of the image given, or NULL */
    size_t rom_len;
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
        if (g->family == &amd_reset_family_cik) {
            /* BIF 4.1 has no BACO_BIF_SCLK_SWITCH */
            v &= ~BACO_SCLK_SWITCH;
        }
        return v | (v & BACO_POWER_OFF ? BACO_MODE : BACO_STATUS_POWERED);
    case mmCC_BIF_BX_FUSESTRAP0:
        return STRAP_BACO;
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

static void check_mmio(FakeGPU *g, uint32_t offset, bool is_write)
{
    bool strap;

    CHECK(g->command & PCI_COMMAND_MEMORY,
          "BAR5 access at 0x%x with memory decode off", offset);
    CHECK(offset % 4 == 0 && offset < AMD_CIK_VI_BAR5_SIZE,
          "BAR5 access at 0x%x", offset);
    /* a stopped SMC: a family with BACO reads BACO_CNTL next, nothing else */
    g->need_baco_access = g->need_window;
    if (g->need_window) {
        g->need_window = false;
        CHECK(g->family->baco && !is_write && offset == R_BACO_CNTL,
              "%s need check, SMC stopped: BAR5 %s at 0x%x", g->family->name,
              is_write ? "write" : "read", offset);
        CHECK(!g->need_baco_read, "a second need check");
        return;
    }
    strap = g->choice && !is_write && offset == mmCC_BIF_BX_FUSESTRAP0 &&
            !g->config_reset && !g->baco_started;
    if (offset == R_BACO_CNTL && g->mode != MODE_CONFIG) {
        g->baco_started = true;
    }
    if (!g->baco_started && !strap) {
        /* the config reset, or the part of the fallback before BACO */
        CHECK(offset == mmSMC_IND_INDEX_0 || offset == mmSMC_IND_DATA_0 ||
              offset == mmCONFIG_MEMSIZE, "BAR5 %s at 0x%x",
              is_write ? "write" : "read", offset);
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
    check_mmio(g, offset, false);
    healthy = mmio_healthy(g, offset);
    if (offset == mmCONFIG_MEMSIZE) {
        g->polls++;
        CHECK(g->config_reset, "CONFIG_MEMSIZE read before the reset");
        v = fuzz_value(g, healthy, ALL_ONES);
    } else {
        v = fuzz_value(g, healthy, healthy);
    }
    if (offset == mmSMC_IND_DATA_0 && g->need_reads < 2) {
        /* the need check: the SMC clock and program counter, first */
        g->need_reads++;
        if (g->smc_index == ixSMC_SYSCON_CLOCK_CNTL_0 &&
            !g->need_clock_read) {
            g->need_clock_read = true;
            g->need_clock = v;
        } else {
            CHECK(g->smc_index == ixSMC_PC_C && !g->need_pc_read,
                  "need check read SMC 0x%x", g->smc_index);
            g->need_pc_read = true;
            g->need_pc = v;
        }
        g->need_window = g->need_reads == 2 &&
                         g->need_clock != ALL_ONES &&
                         g->need_pc != ALL_ONES &&
                         ((g->need_clock &
                           SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK) ||
                          g->need_pc < AMD_SMC_FIRMWARE_PC_MIN);
    }
    if (offset == mmCC_BIF_BX_FUSESTRAP0) {
        CHECK(!g->strap_read, "strap read twice");
        g->strap_read = true;
        g->strap = v;
    }
    if (g->need_baco_access) {
        /* the need check's, which tells BACO nothing */
        g->need_baco_access = false;
        g->need_baco_read = true;
        g->need_baco = v;
        g->last_mmio_all_ones = v == ALL_ONES;
        g->mmio_all_ones |= v == ALL_ONES;
        return v;
    }
    if (offset == R_BACO_CNTL) {
        g->last_baco_cntl = v;
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
    check_mmio(g, offset, true);
    /* CIK: an RMW of BACO_CNTL may only keep the bit BIF 4.1 lacks */
    CHECK(offset != R_BACO_CNTL || g->family != &amd_reset_family_cik ||
          !(value & BACO_SCLK_SWITCH) ||
          (g->last_baco_cntl & BACO_SCLK_SWITCH),
          "CIK: BACO_CNTL := 0x%x sets BACO_BIF_SCLK_SWITCH (read 0x%x)",
          value, g->last_baco_cntl);
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
    if (us == g->baco_gap_us && g->baco_mode_seen && !g->gap_end_ns) {
        /* BACO's gap between regulator off and on: the exit follows */
        g->gap_end_ns = g->now_ns;
    }
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
    bool atomfw = format == AMD_PPTABLE_ATOMFW ||
                  format == AMD_PPTABLE_ATOMFW_BAMACO;
    /* Navi: BACO or MACO */
    uint32_t atomfw_cap = format == AMD_PPTABLE_ATOMFW_BAMACO ? 0x18 : 0x8;
    unsigned min_size = v1 ? 37 : atomfw ? 21 : 25;
    unsigned caps_at = v1 ? 19 : atomfw ? 17 : 21;

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
    if (!ref_get(rom, len, pp, 2, &size) || size < min_size ||
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
    if (!ref_get(rom, len, (uint64_t)pp + caps_at, 4, &caps)) {
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (atomfw) {
        return caps & atomfw_cap ? AMD_VBIOS_CAP_PRESENT :
                                   AMD_VBIOS_CAP_ABSENT;
    }
    return caps & 0x00020000 ? AMD_VBIOS_CAP_PRESENT : AMD_VBIOS_CAP_ABSENT;
}

static void fuzz_vbios(const uint8_t *data, size_t size)
{
    /* a buffer of exactly the image's size, so ASan sees any overread */
    uint8_t *rom = size ? g_memdup2(data, size) : NULL;
    static const AMDPPTableFormat formats[] = {
        AMD_PPTABLE_V0, AMD_PPTABLE_V1, AMD_PPTABLE_ATOMFW,
        AMD_PPTABLE_ATOMFW_BAMACO,
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
        CHECK(cap == ref, "format %zu: engine says %d, the rules %d (%s)",
              i, cap, ref, why ? why : "");
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
    unsigned gfx_reads;             /* of C2PMSG_64: the need check's first */

    /* the choice: the strap, the SMU9 fuse, the VBIOS image given */
    const AMDResetFamily *family;   /* NULL: a table, no family */
    bool strap_read, fuse_selected, fuse_read, rom_read;
    uint32_t strap, fuse;
    uint8_t *rom;                   /* a copy of the image given, or NULL */
    size_t rom_len;

    /* BACO: the check table, the writes, BACO_CNTL.BACO_MODE */
    uint32_t baco_gap_us;
    unsigned flags_reads;           /* the need check's first */
    bool fw_running;                /* FIRMWARE_FLAGS bit 0, after that */
    bool smu_in_baco;               /* the healthy chip's state, SMU11 */
    unsigned baco_writes;
    bool baco_in_seen, baco_exit_started, baco_out_seen;

    /* the SMU mailbox */
    uint32_t smu_resp;              /* what a healthy SMU answers now */
    bool smu_idle_read, smu_cleared, smu_arg_written, smu_waiting;
    uint32_t smu_arg;
    uint32_t smu_answer;            /* to the last message, NONE if none */
    unsigned smu_sent, smu_ok;
    const AMDRegStep *table_msgs;   /* a table's SMU steps, in order */
    unsigned n_table_msgs;
    uint32_t msg_ids[8], msg_answers[8];    /* the first 8 sent */
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
    soc15.smu_resp = AMD_SMU_RESULT_OK;     /* idle: the last message done */
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
    if (offset != mmMP1_SMN_C2PMSG_90 && offset != mmMP1_SMN_C2PMSG_82 &&
        offset != mmMP1_SMN_C2PMSG_66) {
        /* a message's waits are over: nothing but the mailbox between */
        soc15.smu_waiting = false;
        soc15.smu_idle_read = false;
        soc15.smu_cleared = false;
        soc15.smu_arg_written = false;
    }
    if (g->gone_seen) {
        g->mmio_after_gone++;
    }
}

#define SOC15_BACO_MODE     BACO_CNTL_SOC15__BACO_MODE_MASK

/* The tables of a BACO sequence: check, preparations, enter, exit, clean */
#define SOC15_MAX_TABLES    (4 + AMD_REG_TABLE_MAX_PARTS)

static unsigned soc15_baco_tables(const AMDBacoSequence *seq,
                                  const AMDRegTable **t)
{
    unsigned n = 0;
    size_t i;

    if (seq->check) {
        t[n++] = seq->check;
    }
    for (i = 0; i < seq->prep_count && n < SOC15_MAX_TABLES - 3; i++) {
        t[n++] = &seq->prep[i];
    }
    t[n++] = seq->enter;
    t[n++] = seq->exit;
    t[n++] = seq->clean;
    return n;
}

/* Step @row (0-based) of @table, or NULL */
static const AMDRegStep *soc15_table_step(const AMDRegTable *table,
                                          size_t row)
{
    size_t part;

    for (part = 0; part < ARRAY_SIZE(table->parts); part++) {
        if (row < table->parts[part].count) {
            return &table->parts[part].steps[row];
        }
        row -= table->parts[part].count;
    }
    return NULL;
}

/*
 * The step of the family's BACO sequence that sends @msg (SMU_MSG), or
 * writes the register @offset (WRITE, RMW); NULL if none does
 */
static const AMDRegStep *soc15_baco_find(uint8_t cmd, uint32_t reg)
{
    const AMDRegTable *t[SOC15_MAX_TABLES];
    unsigned n, i;
    size_t row;

    if (!soc15.family || !soc15.family->baco) {
        return NULL;
    }
    n = soc15_baco_tables(soc15.family->baco, t);
    for (i = 0; i < n; i++) {
        const AMDRegStep *step;

        for (row = 0; (step = soc15_table_step(t[i], row)); row++) {
            bool writes = step->cmd == AMD_REG_CMD_WRITE ||
                          step->cmd == AMD_REG_CMD_RMW;

            if (step->reg == reg && step->access == AMD_REG_MMIO &&
                (step->cmd == cmd ||
                 (cmd == AMD_REG_CMD_WRITE && writes))) {
                return step;
            }
        }
    }
    return NULL;
}

/* The healthy chip: Vega10/12 by the registers, the others by the SMU */
static bool soc15_in_baco(FakeGPU *g)
{
    if (soc15.family && soc15.family->baco_fuse) {
        return table_get(g->mmio, mmBACO_CNTL_SOC15, 0) &
               BACO_CNTL_SOC15__BACO_POWER_OFF_MASK;
    }
    return soc15.smu_in_baco;
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
    case mmRCC_BIF_STRAP0:
        return RCC_BIF_STRAP0__STRAP_PX_CAPABLE_MASK;
    case mmSMU9_BACO_FUSE_DATA:
        return table_get(g->mmio, mmSMU9_BACO_FUSE_INDEX, 0) ==
               SMU9_BACO_FUSE_SELECT ? SMU9_BACO_FUSE_ON : 0;
    case mmMP1_SMN_C2PMSG_90:
        return soc15.smu_resp;
    case mmBACO_CNTL_SOC15:
        return (table_get(g->mmio, offset, 0) & ~SOC15_BACO_MODE) |
               (soc15_in_baco(g) ? SOC15_BACO_MODE : 0);
    case mmTHM_BACO_CNTL:
        /* the SOC domain idle, BACO_EXIT cleared by the hardware */
        return (table_get(g->mmio, offset, 0) |
                THM_BACO_CNTL__SOC_DOMAIN_IDLE_MASK) &
               ~THM_BACO_CNTL__BACO_EXIT_MASK;
    case mmTHM_BACO_CNTL_11_0_2:
        return table_get(g->mmio, offset, 0) & ~THM_BACO_CNTL_11_0_2__BIT8;
    default:
        return table_get(g->mmio, offset, 0);
    }
}

/*
 * An SMU response: healthy, all-ones, none, OK, one of the failures
 * (0xfc-0xff), or any value
 */
static uint32_t soc15_smu_value(FakeGPU *g, uint32_t healthy)
{
    uint8_t sel;

    if (!next_byte(g, &sel) || sel < 0x40) {
        return healthy;
    }
    if (sel < 0x50) {
        return ALL_ONES;
    }
    if (sel < 0x60) {
        return AMD_SMU_RESULT_NONE;
    }
    if (sel < 0x70) {
        return AMD_SMU_RESULT_OK;
    }
    if (sel < 0x80) {
        return AMD_SMU_RESULT_BUSY + (sel & 3);
    }
    return fuzz_value(g, sel, sel);
}

static uint32_t soc15_mmio_read(void *opaque, uint32_t offset)
{
    FakeGPU *g = opaque;
    uint32_t healthy, v;
    bool valid;

    access_cost(g);
    soc15_check_mmio(g, offset);
    healthy = soc15_mmio_healthy(g, offset);
    v = offset == mmMP1_SMN_C2PMSG_90 ? soc15_smu_value(g, healthy) :
                                        fuzz_value(g, healthy, healthy);
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
        if (g->family_smu_flags && g->smc_index == g->family_smu_flags &&
            soc15.flags_reads++ && valid &&
            (v & MP1_FIRMWARE_FLAGS__INTERRUPTS_ENABLED_MASK)) {
            /* not the need check's read: BACO's check table */
            soc15.fw_running = true;
        }
        break;
    case mmMP1_SMN_C2PMSG_90:
        if (soc15.smu_waiting) {
            /* the answer to the message, the first that is one */
            if (valid && v != AMD_SMU_RESULT_NONE) {
                soc15.smu_waiting = false;
                soc15.smu_answer = v;
                soc15.smu_ok += v == AMD_SMU_RESULT_OK;
                if (soc15.smu_sent <= ARRAY_SIZE(soc15.msg_answers)) {
                    soc15.msg_answers[soc15.smu_sent - 1] = v;
                }
            }
        } else {
            /* the mailbox idle before a message: any answer */
            soc15.smu_answer = AMD_SMU_RESULT_NONE;
            soc15.smu_idle_read |= valid && v != AMD_SMU_RESULT_NONE;
        }
        break;
    case mmRCC_BIF_STRAP0:
        CHECK(soc15.family && soc15.family->baco, "strap read");
        if (!soc15.strap_read) {
            soc15.strap_read = true;
            soc15.strap = v;
        }
        break;
    case mmSMU9_BACO_FUSE_DATA:
        CHECK(soc15.fuse_selected, "fuse read without its index");
        if (!soc15.fuse_read) {
            soc15.fuse_read = true;
            soc15.fuse = v;
        }
        break;
    case mmBACO_CNTL_SOC15:
        /* all-ones says nothing of BACO_MODE */
        if (valid && (v & SOC15_BACO_MODE)) {
            soc15.baco_in_seen = true;
            soc15.baco_out_seen = false;
        } else if (valid && soc15.baco_in_seen && soc15.baco_exit_started) {
            soc15.baco_out_seen = true;
        }
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
        /* the need check's read tells mode1 nothing */
        if (soc15.gfx_reads++ && !soc15.commanded && valid &&
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

/* The SMU_MSG step a message written belongs to */
static const AMDRegStep *soc15_msg_step(FakeGPU *g, uint32_t msg)
{
    const AMDRegStep *step;

    if (g->mode == MODE_SMN_TABLE) {
        /* a table sends its messages in order, each once at most */
        CHECK(soc15.smu_sent < soc15.n_table_msgs, "message 0x%x: %u sent "
              "of %u", msg, soc15.smu_sent + 1, soc15.n_table_msgs);
        step = &soc15.table_msgs[soc15.smu_sent];
        CHECK(step->reg == msg, "message 0x%x, the table's next is 0x%x",
              msg, step->reg);
        return step;
    }
    step = soc15_baco_find(AMD_REG_CMD_SMU_MSG, msg);
    CHECK(step, "message 0x%x is in no table of %s", msg,
          soc15.family->name);
    return step;
}

/*
 * The mailbox, as smu_cmn.c drives it: the response read non-zero (not
 * all-ones), cleared, the argument unless the step has none, the
 * message; then the answer
 */
static bool soc15_smu_write(FakeGPU *g, uint32_t offset, uint32_t value)
{
    const AMDRegStep *step;

    switch (offset) {
    case mmMP1_SMN_C2PMSG_90:
        CHECK(value == AMD_SMU_RESULT_NONE, "SMU response := 0x%x", value);
        CHECK(soc15.smu_idle_read, "SMU response cleared before it was "
              "read idle");
        soc15.smu_cleared = true;
        soc15.smu_resp = AMD_SMU_RESULT_NONE;
        return true;
    case mmMP1_SMN_C2PMSG_82:
        CHECK(soc15.smu_cleared, "SMU argument 0x%x written before the "
              "response was cleared", value);
        soc15.smu_arg_written = true;
        soc15.smu_arg = value;
        return true;
    case mmMP1_SMN_C2PMSG_66:
        step = soc15_msg_step(g, value);
        CHECK(soc15.smu_idle_read && soc15.smu_cleared, "SMU message 0x%x "
              "with the mailbox %s", value, soc15.smu_idle_read ?
              "response not cleared" : "not seen idle");
        if (step->mask & AMD_SMU_MSG_NO_ARG) {
            CHECK(!soc15.smu_arg_written, "SMU message 0x%x without an "
                  "argument, 0x%x written", value, soc15.smu_arg);
        } else {
            CHECK(soc15.smu_arg_written && soc15.smu_arg == step->val,
                  "SMU message 0x%x: argument %s0x%x, the step's 0x%x",
                  value, soc15.smu_arg_written ? "" : "not written, ",
                  soc15.smu_arg, step->val);
        }
        soc15.smu_idle_read = soc15.smu_cleared = false;
        soc15.smu_arg_written = false;
        soc15.smu_waiting = true;
        soc15.smu_answer = AMD_SMU_RESULT_NONE;
        if (soc15.smu_sent < ARRAY_SIZE(soc15.msg_ids)) {
            soc15.msg_ids[soc15.smu_sent] = value;
            soc15.msg_answers[soc15.smu_sent] = AMD_SMU_RESULT_NONE;
        }
        soc15.smu_sent++;
        /* the healthy SMU does it at once */
        soc15.smu_resp = AMD_SMU_RESULT_OK;
        if (value == PPSMC_MSG_EnterBaco_VEGA20 ||
            value == PPSMC_MSG_EnterBaco_NAVI10) {
            soc15.smu_in_baco = true;
        } else if (value == PPSMC_MSG_ExitBaco_VEGA20 ||
                   value == PPSMC_MSG_ExitBaco_NAVI10) {
            soc15.smu_in_baco = false;
        }
        return true;
    }
    return false;
}

static void soc15_mmio_write(void *opaque, uint32_t offset, uint32_t value)
{
    FakeGPU *g = opaque;
    bool mailbox;

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
    CHECK(!g->gone_seen, "BAR5 write at 0x%x to a device found gone",
          offset);
    mailbox = soc15_smu_write(g, offset, value);
    if (g->mode == MODE_SMN_TABLE) {
        if (offset == mmPCIE_DATA2) {
            CHECK(soc15.smn_selected && soc15.smn_read_back,
                  "SMN data write without the index written and read back");
            g_hash_table_insert(soc15.smn, GUINT_TO_POINTER(g->smc_index),
                                GUINT_TO_POINTER(value));
        } else if (!mailbox) {
            g_hash_table_insert(g->mmio, GUINT_TO_POINTER(offset),
                                GUINT_TO_POINTER(value));
        }
        return;
    }
    switch (offset) {
    case mmSMU9_BACO_FUSE_INDEX:
        /* the choice, before any method */
        CHECK(soc15.family->baco_fuse && value == SMU9_BACO_FUSE_SELECT &&
              !soc15.fuse_selected, "fuse index := 0x%x", value);
        soc15.fuse_selected = true;
        g_hash_table_insert(g->mmio, GUINT_TO_POINTER(offset),
                            GUINT_TO_POINTER(value));
        return;
    case mmBIOS_SCRATCH_3_SOC15:
    case mmMP0_SMN_C2PMSG_64:
        break;
    default:
        /* BACO: only after its check saw the SMU run, before mode1 */
        CHECK(soc15.fw_running, "BAR5 write at 0x%x before FIRMWARE_FLAGS "
              "read set", offset);
        CHECK(!soc15.hung_set, "BAR5 write at 0x%x after mode1 began",
              offset);
        CHECK(mailbox || soc15_baco_find(AMD_REG_CMD_WRITE, offset),
              "BAR5 write at 0x%x, in no BACO table of %s", offset,
              soc15.family->name);
        soc15.baco_writes++;
        if (!mailbox) {
            g_hash_table_insert(g->mmio, GUINT_TO_POINTER(offset),
                                GUINT_TO_POINTER(value));
        }
        return;
    }

    /* mode1: the scratch bit and the command, nothing else */
    CHECK(soc15.ready_seen, "BAR5 write at 0x%x before the PSP was ready",
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
    if (us == soc15.baco_gap_us && soc15.fw_running && !soc15.hung_set &&
        soc15.baco_in_seen) {
        /* BACO's gap between regulator off and on: the exit follows */
        soc15.baco_exit_started = true;
    }
}

/* An atomfirmware image, laid out as the model's, caps at byte 17 */
#define SOC15_ROM_SIZE      0x300
#define SOC15_ROM_HEADER    0x100
#define SOC15_ROM_MDT       0x140
#define SOC15_ROM_PP        0x200
#define SOC15_PP_SIZE       0x40
#define SOC15_PP_CAPS       17
#define SOC15_CAP_BACO      0x8

static void put_le(uint8_t *p, uint32_t v, unsigned n)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        p[i] = v >> (8 * i);
    }
}

static uint8_t *soc15_rom_build(bool cap, bool other_caps, bool at_end)
{
    uint8_t *rom = g_malloc0(SOC15_ROM_SIZE);
    size_t pp = at_end ? SOC15_ROM_SIZE - SOC15_PP_SIZE : SOC15_ROM_PP;
    uint32_t caps = (other_caps ? ~SOC15_CAP_BACO : 0) |
                    (cap ? SOC15_CAP_BACO : 0);

    rom[0] = 0x55;
    rom[1] = 0xaa;
    rom[2] = SOC15_ROM_SIZE / 512 + 1;
    memcpy(rom + 0x30, " 761295520", 10);
    put_le(rom + 0x48, SOC15_ROM_HEADER, 2);
    put_le(rom + SOC15_ROM_HEADER, 0x24, 2);
    rom[SOC15_ROM_HEADER + 2] = 2;
    rom[SOC15_ROM_HEADER + 3] = 2;
    memcpy(rom + SOC15_ROM_HEADER + 4, "ATOM", 4);
    put_le(rom + SOC15_ROM_HEADER + 0x20, SOC15_ROM_MDT, 2);
    put_le(rom + SOC15_ROM_MDT, 4 + 2 * 16, 2);
    rom[SOC15_ROM_MDT + 2] = 2;
    rom[SOC15_ROM_MDT + 3] = 1;
    put_le(rom + SOC15_ROM_MDT + 4 + 2 * 15, pp, 2);   /* PowerPlayInfo */
    put_le(rom + pp, SOC15_PP_SIZE, 2);
    rom[pp + 2] = 11;                       /* format revision */
    rom[pp + 3] = 0;
    put_le(rom + pp + SOC15_PP_CAPS, caps, 4);
    return rom;
}

/*
 * The VBIOS image the choice reads: one byte says none (< 0x20), an
 * atomfirmware image (bit 0 the BACO cap, bit 1 every other cap, bit 2
 * the table at the end), or from 0x80 such an image cut to 0x200 plus
 * the next byte and one byte of it, at four times the byte after, XORed
 * with the one after that.  An input used up gives an image with the cap.
 */
static uint8_t *soc15_read_rom(void *opaque, size_t *len, const char **why)
{
    FakeGPU *g = opaque;
    uint8_t sel = 0x41, cut = 0xff, at = 0, x = 0;
    size_t size = SOC15_ROM_SIZE;
    uint8_t *rom;

    CHECK(!soc15.rom_read, "ROM read twice");
    soc15.rom_read = true;
    next_byte(g, &sel);
    if (sel < 0x20) {
        *why = "fuzz: no ROM";
        return NULL;
    }
    rom = soc15_rom_build(sel & 1, sel & 2, sel < 0x80 && (sel & 4));
    if (sel >= 0x80) {
        next_byte(g, &cut);
        next_byte(g, &at);
        next_byte(g, &x);
        size = MIN(size, SOC15_ROM_PP + (size_t)cut);
        rom[(at * 4u) % size] ^= x;
    }
    /* exactly its size, so that ASan sees any overread */
    soc15.rom = g_memdup2(rom, size);
    soc15.rom_len = size;
    g_free(rom);
    *len = size;
    return g_memdup2(soc15.rom, size);
}

static uint64_t soc15_mmio_size(void *opaque)
{
    return AMD_SOC15_BAR5_SIZE;
}

static const AMDResetOps soc15_ops = {
    .config_read = soc15_config_read,
    .config_write = soc15_config_write,
    .config_write_raw = soc15_config_write_raw,
    .mmio_read = soc15_mmio_read,
    .mmio_write = soc15_mmio_write,
    .mmio_size = soc15_mmio_size,
    .read_rom = soc15_read_rom,
    .clock_ns = fake_clock_ns,
    .sleep_us = soc15_sleep_us,
};

/* The methods amd_reset_choose_soc15() must pick from what it was given */
static unsigned soc15_expected(const AMDResetFamily *f, AMDResetMethod forced,
                               AMDResetMethod *m, bool *fuse_asked)
{
    AMDVbiosCap cap = soc15.rom ? ref_vbios_cap(soc15.rom, soc15.rom_len,
                                                f->pptable) :
                                  AMD_VBIOS_CAP_UNKNOWN;
    bool strap = soc15.strap_read && soc15.strap != ALL_ONES &&
                 (soc15.strap & RCC_BIF_STRAP0__STRAP_PX_CAPABLE_MASK);

    *fuse_asked = false;
    m[0] = AMD_RESET_METHOD_MODE1;
    if (forced == AMD_RESET_METHOD_MODE1) {
        return 1;
    }
    if (forced == AMD_RESET_METHOD_BACO) {
        m[0] = AMD_RESET_METHOD_BACO;
        return 1;
    }
    if (!f->baco_auto) {
        return 1;
    }
    if (strap && f->baco_fuse) {
        *fuse_asked = true;
        strap = soc15.fuse_read && soc15.fuse == SMU9_BACO_FUSE_ON;
    }
    if (!strap || cap != AMD_VBIOS_CAP_PRESENT) {
        return 1;
    }
    m[0] = AMD_RESET_METHOD_BACO;
    m[1] = AMD_RESET_METHOD_MODE1;
    return 2;
}

/*
 * A BACO that timed out names its table and step, or BACO_CNTL; a failed
 * SMU message reports its answer (none: 0), never all-ones
 */
static void soc15_check_baco_timeout(const AMDResetReport *report)
{
    const AMDRegTable *t[SOC15_MAX_TABLES];
    const AMDRegStep *step = NULL;
    unsigned n, i;

    CHECK(report->table, "BACO TIMEOUT without a table");
    if (!strcmp(report->table, "BACO_CNTL")) {
        CHECK(report->step == 0, "BACO_CNTL step %u", report->step);
        return;
    }
    n = soc15_baco_tables(soc15.family->baco, t);
    for (i = 0; i < n && !step; i++) {
        if (!strcmp(t[i]->name, report->table) && report->step > 0) {
            step = soc15_table_step(t[i], report->step - 1);
        }
    }
    CHECK(step, "BACO TIMEOUT at %s step %u, no such step", report->table,
          report->step);
    CHECK(step->cmd == AMD_REG_CMD_WAITFOR ||
          step->cmd == AMD_REG_CMD_SMU_MSG, "BACO TIMEOUT at %s step %u, "
          "a command %u", report->table, report->step, step->cmd);
    if (step->cmd == AMD_REG_CMD_SMU_MSG) {
        /* each message is in one table: its answer, none if not sent */
        uint32_t answer = AMD_SMU_RESULT_NONE;

        for (i = 0; i < MIN(soc15.smu_sent, ARRAY_SIZE(soc15.msg_ids));
             i++) {
            if (soc15.msg_ids[i] == step->reg) {
                answer = soc15.msg_answers[i];
            }
        }
        CHECK(report->reg == mmMP1_SMN_C2PMSG_90 &&
              report->seen == answer &&
              report->seen != AMD_SMU_RESULT_OK && report->seen != ALL_ONES,
              "SMU message 0x%x failed: reported 0x%x = 0x%x, answer 0x%x",
              step->reg, report->reg, report->seen, answer);
    }
}

/*
 * The need check, the choice, BACO and mode1: amd_reset_run() with the
 * family's tables, checked against what the chip answered
 */
static void fuzz_soc15_reset(FakeGPU *g, uint8_t b0, uint8_t b1)
{
    static const AMDResetMethod forced[] = {
        AMD_RESET_METHOD_NONE, AMD_RESET_METHOD_MODE1,
        AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE,
    };
    const AMDResetDeviceId *id =
        amd_reset_lookup(AMD_RESET_VENDOR_ID, soc15_devices[(b0 >> 1) & 3]);
    const PspTiming *pt = &psp_timings[(b0 >> 3) & 7];
    const BacoTiming *bt = &baco_timings[(b0 >> 3) & 7];
    AMDResetTimings timings = amd_reset_timings;
    AMDResetDevice dev = {
        .ops = &soc15_ops,
        .opaque = g,
        .name = "fuzz",
        .timings = &timings,
        .cfg = {
            .policy = ON_OFF_AUTO_AUTO,
            .method = forced[(b1 >> 5) & 3],
            .no_rom = ((b1 >> 5) & 3) == 3 ? "fuzz: x-amd-reset-rom" : NULL,
        },
    };
    AMDResetReport report;
    AMDResetResult result, need;
    AMDResetMethod want[AMD_RESET_MAX_METHODS] = { 0 };
    unsigned n_want = 0, i;
    bool fuse_asked = false, baco = false, mode1 = false;
    int64_t start, elapsed_ns, budget_ns = 0, slack_ns;
    uint64_t max_accesses;

    CHECK(id && id->family->gen == &amd_reset_gen_soc15,
          "no SOC15 family for 1002:%04x", soc15_devices[(b0 >> 1) & 3]);
    dev.family = id->family;
    dev.vendor = AMD_RESET_VENDOR_ID;
    dev.device = soc15_devices[(b0 >> 1) & 3];
    g->family_smu_flags = id->family->smu_fw_flags;
    if (pt->wait_us) {
        timings.psp_wait_timeout_us = pt->wait_us;
        timings.bootloader_timeout_us = pt->boot_us;
        timings.mode1_total_us = pt->total_us;
        timings.psp_poll_us = pt->poll_us;
    }
    if (b1 & 0x80) {
        /* the BACO timings of the row, where it has them */
        if (bt->wait_us) {
            timings.baco_wait_timeout_us = bt->wait_us;
        }
        if (bt->total_us) {
            timings.baco_total_us = bt->total_us;
            timings.baco_gap_us = bt->gap_us;
            timings.baco_poll_us = bt->poll_us;
        }
    }
    soc15_init(soc15_devices[(b0 >> 1) & 3]);
    soc15.family = id->family;
    soc15.baco_gap_us = timings.baco_gap_us;

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
        CHECK(!dev.n_methods && !soc15.rom_read && !soc15.strap_read,
              "the choice made for a chip not reset");
    } else {
        CHECK(result != AMD_RESET_CLEAN && result != AMD_RESET_FIRMWARE,
              "sign of life 0x%x: %s", soc15.sol,
              amd_reset_result_str(result));
        /* the choice, as amdgpu makes it from what the chip said */
        n_want = soc15_expected(dev.family, dev.cfg.method, want,
                                &fuse_asked);
        CHECK(soc15.strap_read, "the choice without the strap");
        CHECK(soc15.rom_read == !dev.cfg.no_rom, "ROM read %d with no_rom "
              "%s", soc15.rom_read, dev.cfg.no_rom ? "set" : "clear");
        CHECK(fuse_asked == soc15.fuse_selected, "fuse %sread",
              fuse_asked ? "not " : "");
        CHECK(dev.cap == (soc15.rom ? ref_vbios_cap(soc15.rom,
                                                    soc15.rom_len,
                                                    dev.family->pptable) :
                          AMD_VBIOS_CAP_UNKNOWN),
              "VBIOS cap %d (%s)", dev.cap, dev.vbios_why);
        CHECK(dev.n_methods == n_want && dev.methods[0] == want[0] &&
              (n_want < 2 || dev.methods[1] == want[1]),
              "%s: %u methods, %s first, expected %u, %s first (strap "
              "0x%x, fuse 0x%x, cap %d)", dev.family->name, dev.n_methods,
              amd_reset_method_str(dev.methods[0]), n_want,
              amd_reset_method_str(want[0]), soc15.strap, soc15.fuse,
              dev.cap);
    }
    for (i = 0; i < n_want; i++) {
        baco |= want[i] == AMD_RESET_METHOD_BACO;
        mode1 |= want[i] == AMD_RESET_METHOD_MODE1;
    }
    CHECK(baco || !soc15.baco_writes, "%u BACO writes without BACO",
          soc15.baco_writes);
    CHECK(mode1 || !soc15.hung_set, "mode1 without mode1");
    if (n_want == 2 && report.method == AMD_RESET_METHOD_BACO) {
        /* a BACO that timed out goes on to mode1 */
        CHECK(result == AMD_RESET_DONE || result == AMD_RESET_GONE,
              "BACO %s without mode1 after it",
              amd_reset_result_str(result));
    }

    switch (result) {
    case AMD_RESET_DONE:
        if (report.method == AMD_RESET_METHOD_BACO) {
            /* BACO_MODE read set, then clear after the exit */
            CHECK(soc15.fw_running && soc15.baco_in_seen &&
                  soc15.baco_exit_started &&
                  soc15.baco_out_seen &&
                  !soc15.commanded,
                  "BACO DONE: SMU running %d, in BACO %d, exit %d, out "
                  "of BACO %d", soc15.fw_running, soc15.baco_in_seen,
                  soc15.baco_exit_started, soc15.baco_out_seen);
            break;
        }
        CHECK(report.method == AMD_RESET_METHOD_MODE1, "DONE by %s",
              amd_reset_method_str(report.method));
        CHECK(soc15.commanded && soc15.ack_seen && soc15.memsize_seen &&
              soc15.boot_seen &&
              (soc15.hung_cleared || soc15.clear_read_all_ones),
              "DONE: command %d, acknowledge %d, MEMSIZE %d, bootloader %d, "
              "engine-hung bit cleared %d", soc15.commanded, soc15.ack_seen,
              soc15.memsize_seen, soc15.boot_seen, soc15.hung_cleared);
        break;
    case AMD_RESET_TIMEOUT:
        if (report.method == AMD_RESET_METHOD_BACO) {
            soc15_check_baco_timeout(&report);
            break;
        }
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
    slack_ns = (int64_t)g->accesses * g->latency_us * 1000;
    max_accesses = MAX_OTHER_ACCESSES;
    if (mode1 || need != AMD_RESET_DONE) {
        budget_ns += MAX((int64_t)timings.mode1_total_us,
                         (int64_t)timings.psp_wait_timeout_us +
                         MODE1_SLEEP_US) * 1000;
        slack_ns += 6 * (int64_t)(timings.psp_poll_us + MAX_OVERSLEEP_US) *
                    1000;
        max_accesses += 4 * (uint64_t)(timings.mode1_total_us /
                                       timings.psp_poll_us + 8);
    }
    if (baco) {
        /* one poll and oversleep past each of its deadlines */
        budget_ns += (int64_t)timings.baco_total_us * 1000;
        slack_ns += 8 * (int64_t)(timings.baco_poll_us + MAX_OVERSLEEP_US) *
                    1000;
        max_accesses += 4 * (uint64_t)(timings.baco_total_us /
                                       timings.baco_poll_us + 8) +
                        MAX_OTHER_ACCESSES;
    }
    CHECK(elapsed_ns <= budget_ns + slack_ns,
          "took %" PRId64 " ns, budget %" PRId64 " + %" PRId64 " ns "
          "(PSP wait %u us, bootloader %u us, total %u us, BACO wait %u us, "
          "total %u us, latency %u us, %u accesses)", elapsed_ns, budget_ns,
          slack_ns, timings.psp_wait_timeout_us,
          timings.bootloader_timeout_us, timings.mode1_total_us,
          timings.baco_wait_timeout_us, timings.baco_total_us,
          g->latency_us, g->accesses);
    CHECK(g->accesses <= max_accesses, "%u accesses, at most %" PRIu64
          " expected", g->accesses, max_accesses);
    g_free(soc15.rom);
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
    static const uint32_t msgs[] = {
        PPSMC_MSG_EnterBaco_NAVI10, PPSMC_MSG_ExitBaco_NAVI10,
        PPSMC_MSG_EnterBaco_VEGA10, PPSMC_MSG_EnterBaco_VEGA20,
        PPSMC_MSG_ExitBaco_VEGA20, 0x1, 0x0, 0xff,
    };
    AMDRegStep steps[8], smu_steps[8];
    AMDRegTable table = { .name = "fuzz" };
    AMDResetDevice dev = {
        .ops = &soc15_ops,
        .opaque = g,
        .name = "fuzz",
        .family = &amd_reset_family_navi10,
    };
    uint32_t wait_us = waits_us[(b0 >> 1) & 3];
    uint32_t poll_us = 1000;
    unsigned n = 1 + ((b0 >> 3) & 7), smn_steps = 0, n_smu = 0, i, j;
    int64_t start, deadline, elapsed_ns, budget_ns = 0;
    size_t failed = SIZE_MAX;
    uint32_t answer = 0xa5a5a5a5;
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
        if (((a >> 5) & 7) == 7) {
            /* an SMU message, the mask's bit 0 AMD_SMU_MSG_NO_ARG */
            steps[i] = (AMDRegStep) {
                .cmd = AMD_REG_CMD_SMU_MSG,
                .reg = msgs[(a >> 2) & 7],
                .mask = m,
                .val = v * 0x01010101u,
            };
            smu_steps[n_smu++] = steps[i];
        }
        if (steps[i].cmd == AMD_REG_CMD_DELAY_US) {
            budget_ns += (int64_t)v * 1000;
        } else if (steps[i].cmd == AMD_REG_CMD_WAITFOR) {
            budget_ns += (int64_t)wait_us * 1000;
        } else if (steps[i].cmd == AMD_REG_CMD_SMU_MSG) {
            /* the mailbox idle, then the answer */
            budget_ns += 2 * (int64_t)wait_us * 1000;
        }
        smn_steps += steps[i].access == AMD_REG_SMN &&
                     steps[i].cmd != AMD_REG_CMD_DELAY_US;
    }
    table.parts[0] = (AMDRegSteps) { steps, n };
    soc15.table_msgs = smu_steps;
    soc15.n_table_msgs = n_smu;

    start = g->now_ns;
    deadline = start + budget_ns;
    ok = amd_reset_run_table(&dev, amd_reset_gen_soc15.regs, &table,
                             wait_us, poll_us, deadline, &failed, &gone,
                             &answer);
    elapsed_ns = g->now_ns - start;

    if (ok) {
        CHECK(!gone, "a table that ran to its end with the device gone");
        CHECK(soc15.smn_selects == smn_steps, "%u SMN selects for %u SMN "
              "steps", soc15.smn_selects, smn_steps);
        /* each message sent once, each answered OK after it was sent */
        CHECK(soc15.smu_sent == n_smu && soc15.smu_ok == n_smu,
              "%u SMU messages: %u sent, %u answered OK", n_smu,
              soc15.smu_sent, soc15.smu_ok);
    } else {
        CHECK(failed < n, "failed step %zu of %u", failed, n);
        CHECK(steps[failed].cmd == AMD_REG_CMD_WAITFOR ||
              steps[failed].cmd == AMD_REG_CMD_SMU_MSG,
              "step %zu failed, a command %u", failed, steps[failed].cmd);
        for (i = 0, j = 0; i < failed; i++) {
            j += steps[i].cmd == AMD_REG_CMD_SMU_MSG;
        }
        if (steps[failed].cmd == AMD_REG_CMD_SMU_MSG) {
            /* sent or not, its answer; OK and all-ones are none */
            CHECK(soc15.smu_ok == j && (soc15.smu_sent == j ||
                                        soc15.smu_sent == j + 1),
                  "SMU step %zu failed: %u sent, %u OK before it", failed,
                  soc15.smu_sent, soc15.smu_ok);
            CHECK(answer == soc15.smu_answer &&
                  answer != AMD_SMU_RESULT_OK && answer != ALL_ONES,
                  "SMU step %zu failed with answer 0x%x, the SMU's 0x%x",
                  failed, answer, soc15.smu_answer);
            CHECK(soc15.smu_sent == j + 1 ||
                  answer == AMD_SMU_RESULT_NONE,
                  "SMU step %zu not sent, answer 0x%x", failed, answer);
        } else {
            CHECK(answer == ALL_ONES, "step %zu, a WAITFOR, failed with "
                  "answer 0x%x", failed, answer);
            CHECK(soc15.smu_ok == j && soc15.smu_sent == j,
                  "%u SMU messages before step %zu: %u sent, %u OK", j,
                  failed, soc15.smu_sent, soc15.smu_ok);
        }
        CHECK(!gone || g->gone_seen, "gone without an all-ones presence "
              "read");
        CHECK(soc15.smn_selects <= smn_steps, "%u SMN selects for %u SMN "
              "steps", soc15.smn_selects, smn_steps);
    }
    CHECK(g->mmio_after_gone == 0, "%u BAR5 accesses after gone",
          g->mmio_after_gone);
    CHECK(elapsed_ns <= budget_ns + (int64_t)g->accesses * g->latency_us *
          1000 + (int64_t)(n + n_smu + 1) * (poll_us + MAX_OVERSLEEP_US) *
          1000,
          "table took %" PRId64 " ns, budget %" PRId64 " ns", elapsed_ns,
          budget_ns);
}

/* CIK: the choice, and the V0 images it reads ---------------------------- */

#define CIK_ROM_SIZE        0x800
#define CIK_ROM_HEADER_SIZE 0x24
#define CIK_ROM_MDT_SIZE    (4 + 2 * 16)        /* to PowerPlayInfo */
#define CIK_PP_SIZE         0x58    /* ATOM_PPLIB_POWERPLAYTABLE5 */
#define CIK_PP_REVISION     6
#define CIK_PP_CAPS         21
#define CIK_CAP_BACO        0x00020000

/* Where an image keeps its ROM header, master data and PowerPlay tables */
typedef struct CikRomLayout {
    uint16_t hdr, mdt, pp;
} CikRomLayout;

static const CikRomLayout cik_rom_layouts[] = {
    { 0x100, 0x140, 0x200 },                    /* the model's */
    { 0x227, 0x5b1, 0x463 },    /* odd, the data table after PowerPlay */
    { 0x115, 0x1c3, CIK_ROM_SIZE - CIK_PP_SIZE },   /* PowerPlay last */
    { 0x6f1, 0x0b7, 0x3ad },    /* the data table before the header */
};

static uint8_t *cik_rom_build(const CikRomLayout *l, bool cap,
                              bool other_caps)
{
    uint8_t *rom = g_malloc0(CIK_ROM_SIZE);
    uint32_t caps = (other_caps ? ~CIK_CAP_BACO : 0) |
                    (cap ? CIK_CAP_BACO : 0);

    rom[0] = 0x55;
    rom[1] = 0xaa;
    rom[2] = CIK_ROM_SIZE / 512;
    memcpy(rom + 0x30, " 761295520", 10);
    put_le(rom + 0x48, l->hdr, 2);
    put_le(rom + l->hdr, CIK_ROM_HEADER_SIZE, 2);
    rom[l->hdr + 2] = 1;
    rom[l->hdr + 3] = 1;
    memcpy(rom + l->hdr + 4, "ATOM", 4);
    put_le(rom + l->hdr + 0x20, l->mdt, 2);
    put_le(rom + l->mdt, CIK_ROM_MDT_SIZE, 2);
    rom[l->mdt + 2] = 1;
    rom[l->mdt + 3] = 1;
    put_le(rom + l->mdt + 4 + 2 * 15, l->pp, 2);      /* PowerPlayInfo */
    /* the header as on the real images: revision 6.1, no state count */
    put_le(rom + l->pp, CIK_PP_SIZE, 2);
    rom[l->pp + 2] = CIK_PP_REVISION;
    rom[l->pp + 3] = 1;
    rom[l->pp + 4] = 0;                     /* ucDataRevision */
    rom[l->pp + 5] = 0;                     /* ucNumStates */
    put_le(rom + l->pp + CIK_PP_CAPS, caps, 4);
    return rom;
}

/* The end of the last table of @l */
static size_t cik_rom_end(const CikRomLayout *l)
{
    return MAX(MAX(l->hdr + CIK_ROM_HEADER_SIZE, l->mdt + CIK_ROM_MDT_SIZE),
               l->pp + CIK_PP_SIZE);
}

/* Below 0x80 one of the bytes the parser reads, else one of every 16 */
static size_t cik_rom_spot(const CikRomLayout *l, uint8_t at)
{
    const size_t spots[] = {
        0, 1, 0x30, 0x48, 0x49, l->hdr + 4, l->hdr + 0x20, l->hdr + 0x21,
        l->mdt + 0x22, l->mdt + 0x23, l->pp, l->pp + 1, l->pp + 2,
        l->pp + 5, l->pp + CIK_PP_CAPS, l->pp + CIK_PP_CAPS + 2,
    };

    return at < 0x80 ? spots[at % ARRAY_SIZE(spots)] : (at & 0x7f) * 16u;
}

/* The ROM the CIK choice reads (the header comment says how) */
static uint8_t *cik_read_rom(void *opaque, size_t *len, const char **why)
{
    FakeGPU *g = opaque;
    uint8_t sel = 0x25, cut = 0, at = 0, x = 0;
    const CikRomLayout *l;
    size_t size = CIK_ROM_SIZE;
    uint8_t *rom;

    CHECK(g->choice && !g->rom_read, "ROM read %s", g->rom_read ?
          "twice" : "without the choice");
    CHECK(!g->config_reset && !g->baco_started, "ROM read after a method");
    g->rom_read = true;
    next_byte(g, &sel);
    if (sel < 0x20) {
        *why = "fuzz: no ROM";
        return NULL;
    }
    l = &cik_rom_layouts[(sel >> 2) & 3];
    rom = cik_rom_build(l, sel & 1, sel & 2);
    if (sel >= 0x80) {
        next_byte(g, &cut);
        next_byte(g, &at);
        next_byte(g, &x);
        size = MIN(size, cik_rom_end(l) - 64 + cut);
        rom[cik_rom_spot(l, at) % size] ^= x;
    }
    /* exactly its size, so that ASan sees any overread */
    g->rom = g_memdup2(rom, size);
    g->rom_len = size;
    g_free(rom);
    *len = size;
    return g_memdup2(g->rom, size);
}

static const AMDResetOps cik_ops = {
    .config_read = fake_config_read,
    .config_write = fake_config_write,
    .mmio_read = fake_mmio_read,
    .mmio_write = fake_mmio_write,
    .read_rom = cik_read_rom,
    .clock_ns = fake_clock_ns,
    .sleep_us = fake_sleep_us,
};

/*
 * The methods the CIK choice must make from what it read: the config
 * reset first, BACO after it when the board may take it; BACO alone only
 * when forced, which needs the strap (*@refused otherwise)
 */
static unsigned cik_expected(FakeGPU *g, const AMDResetDevice *dev,
                             AMDResetMethod *m, bool *refused)
{
    AMDVbiosCap cap = g->rom ? ref_vbios_cap(g->rom, g->rom_len,
                                             AMD_PPTABLE_V0) :
                               AMD_VBIOS_CAP_UNKNOWN;
    bool strap = g->strap_read && g->strap != ALL_ONES &&
                 (g->strap & STRAP_BACO);

    CHECK(dev->family->baco_fallback && dev->family->pptable ==
          AMD_PPTABLE_V0, "%s: not CIK's BACO rule", dev->family->name);
    *refused = false;
    m[0] = AMD_RESET_METHOD_CONFIG;
    if (dev->cfg.method == AMD_RESET_METHOD_CONFIG) {
        return 1;
    }
    if (dev->cfg.method == AMD_RESET_METHOD_BACO) {
        *refused = !strap;
        m[0] = AMD_RESET_METHOD_BACO;
        return strap;
    }
    if (!strap || cap == AMD_VBIOS_CAP_ABSENT) {
        return 1;
    }
    m[1] = AMD_RESET_METHOD_BACO;
    return 2;
}

/* The DELAY_US steps of @t, in us */
static uint64_t table_delay_us(const AMDRegTable *t)
{
    const AMDRegStep *step;
    uint64_t us = 0;
    size_t row;

    for (row = 0; (step = soc15_table_step(t, row)); row++) {
        if (step->cmd == AMD_REG_CMD_DELAY_US) {
            us += step->timeout;
        }
    }
    return us;
}

static bool has_method(const AMDResetDevice *dev, AMDResetMethod m)
{
    unsigned i;

    for (i = 0; i < dev->n_methods; i++) {
        if (dev->methods[i] == m) {
            return true;
        }
    }
    return false;
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
    static const AMDResetMethod cik_forced[] = {
        AMD_RESET_METHOD_NONE, AMD_RESET_METHOD_CONFIG,
        AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE,
    };
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
    AMDResetMethod want[AMD_RESET_MAX_METHODS] = { 0 };
    uint8_t b0 = 0, b1 = 0, b2 = 0;
    int64_t start, elapsed_ns, slack_ns, budget_ns = 0;
    uint64_t max_polls = 0, max_accesses = MAX_OTHER_ACCESSES, delay_us = 0;
    const BacoTiming *t = NULL;
    AMDResetResult result;
    bool cik, refused = false, need_reset = false, config, baco;
    unsigned n_want = 0;

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
            fuzz_soc15_reset(&g, b0, b1);
        } else {
            fuzz_smn_table(&g, b0);
        }
        g_hash_table_destroy(soc15.smn);
        g_hash_table_destroy(g.mmio);
        return 0;
    }
    cik = b0 & 1;
    if (g.mode == MODE_CONFIG && cik) {
        /* x-amd-reset=on on a GPU the table does not list */
        dev.family = &amd_reset_family_cik_vi;
    } else if (g.mode == MODE_BACO) {
        dev.family = family_of(cik ? cik_devices[(b0 >> 1) & 3] :
                               family_devices[(b0 >> 1) & 3]);
        t = &baco_timings[(b0 >> 3) & 7];
        dev.methods[0] = AMD_RESET_METHOD_BACO;
    } else if (g.mode == MODE_FALLBACK) {
        dev.family = family_of(cik ? cik_devices[(b1 >> 4) & 1] :
                               family_devices[(b1 >> 4) & 3]);
        t = &baco_timings[(b1 >> 6) & 3];
        dev.methods[dev.n_methods++] = AMD_RESET_METHOD_BACO;
        if (cik && (b1 & 0x20)) {
            /* the methods the choice makes from the strap and the VBIOS */
            next_byte(&g, &b2);
            g.choice = true;
            dev.ops = &cik_ops;
            dev.n_methods = 0;
            dev.cfg = (AMDResetConfig) {
                .policy = ON_OFF_AUTO_AUTO,
                .method = cik_forced[b2 & 3],
                .no_rom = (b2 & 3) == 3 ? "fuzz: x-amd-reset-rom" : NULL,
            };
        }
    }
    CHECK(!cik || g.mode == MODE_CONFIG ||
          dev.family == &amd_reset_family_cik, "1002:%04x is %s, not CIK",
          cik_devices[(b0 >> 1) & 3], dev.family->name);
    g.family = dev.family;
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
        /*
         * The exit's DELAY_US steps (CIK: 20 ms after the power-on) are
         * slept in full, whatever the deadline.  The engine keeps the gap
         * and one wait for the exit, so they can pass baco_total_us by
         * what they exceed that wait; not with amd_reset_timings, whose
         * wait is 100 ms.
         */
        delay_us = table_delay_us(dev.family->baco->exit) +
                   table_delay_us(dev.family->baco->clean);
        if (delay_us > timings.baco_wait_timeout_us) {
            budget_ns += (int64_t)(delay_us - timings.baco_wait_timeout_us) *
                         1000;
        }
    }
    g.baco_gap_us = timings.baco_gap_us;
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
          result == AMD_RESET_GONE ||
          (result == AMD_RESET_REFUSED && g.choice), "result %d",
          (int)result);
    CHECK(amd_reset_result_str(result) != NULL, "no string for %d", result);
    CHECK(amd_reset_method_str(report.method) != NULL, "method %d",
          report.method);
    CHECK((result == AMD_RESET_REFUSED) == (report.err != NULL),
          "result %s with%s an error", amd_reset_result_str(result),
          report.err ? "" : "out");

    /* the need check, as vi_need_reset_on_init() and BACO_CNTL decide */
    if (!g.need_clock_read || !g.need_pc_read) {
        CHECK(result == AMD_RESET_GONE && g.gone_seen && g.class_reads == 1,
              "%s without the need check", amd_reset_result_str(result));
    } else if (g.need_clock == ALL_ONES || g.need_pc == ALL_ONES) {
        CHECK(result == AMD_RESET_GONE && !g.need_baco_read,
              "SMC clock 0x%x, PC 0x%x: %s", g.need_clock, g.need_pc,
              amd_reset_result_str(result));
    } else {
        bool stopped = (g.need_clock &
                        SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK) ||
                       g.need_pc < AMD_SMC_FIRMWARE_PC_MIN;
        bool in_baco = g.need_baco_read && g.need_baco != ALL_ONES &&
                       (g.need_baco & BACO_MODE);

        CHECK(g.need_baco_read == (stopped && dev.family->baco != NULL),
              "%s, SMC %s: BACO_CNTL %sread by the need check",
              dev.family->name, stopped ? "stopped" : "running",
              g.need_baco_read ? "" : "not ");
        need_reset = !stopped || in_baco;
        CHECK((result == AMD_RESET_CLEAN) == !need_reset,
              "%s, SMC clock 0x%x, PC 0x%x, BACO_CNTL 0x%x: %s",
              dev.family->name, g.need_clock, g.need_pc, g.need_baco,
              amd_reset_result_str(result));
    }

    /* the CIK choice, from the strap and the VBIOS it read */
    if (!g.choice || !need_reset) {
        CHECK(!g.strap_read && !g.rom_read && (!g.choice || !dev.n_methods),
              "the choice made %s", g.choice ? "for a chip not reset" :
              "with the methods given");
    } else {
        n_want = cik_expected(&g, &dev, want, &refused);
        CHECK(g.strap_read, "the choice without the strap");
        CHECK(g.rom_read == !dev.cfg.no_rom, "ROM read %d with no_rom %s",
              g.rom_read, dev.cfg.no_rom ? "set" : "clear");
        CHECK(dev.cap == (g.rom ? ref_vbios_cap(g.rom, g.rom_len,
                                                AMD_PPTABLE_V0) :
                          AMD_VBIOS_CAP_UNKNOWN),
              "VBIOS cap %d (%s)", dev.cap, dev.vbios_why);
        CHECK(refused == (result == AMD_RESET_REFUSED),
              "forced BACO, strap 0x%x: %s", g.strap,
              amd_reset_result_str(result));
        CHECK(dev.n_methods == n_want &&
              (!n_want || dev.methods[0] == want[0]) &&
              (n_want < 2 || dev.methods[1] == want[1]),
              "%s: %u methods, %s first, expected %u, %s first (strap "
              "0x%x, cap %d, method %s)", dev.family->name, dev.n_methods,
              amd_reset_method_str(dev.methods[0]), n_want,
              amd_reset_method_str(want[0]), g.strap, dev.cap,
              amd_reset_method_str(dev.cfg.method));
    }
    config = has_method(&dev, AMD_RESET_METHOD_CONFIG);
    baco = has_method(&dev, AMD_RESET_METHOD_BACO);
    CHECK(config || !g.config_reset, "config reset, not a method");
    CHECK(baco || (!g.baco_writes && !g.baco_started),
          "%u BACO writes, BACO not a method", g.baco_writes);

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
          "(mode %d, %s, settle %u us, timeout %u us, BACO total %u us, "
          "latency %u us, %u accesses)", elapsed_ns, budget_ns, slack_ns,
          g.mode, dev.family->name, timings.settle_us,
          timings.ready_timeout_us, timings.baco_total_us, g.latency_us,
          g.accesses);
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
    case AMD_RESET_REFUSED:
        CHECK(!g.config_reset && !g.baco_started,
              "REFUSED after a method began");
        break;
    case AMD_RESET_DONE:
    case AMD_RESET_TIMEOUT:
        CHECK(!g.gone_seen, "%s after an all-ones presence check",
              amd_reset_result_str(result));
        if (report.method == AMD_RESET_METHOD_BACO) {
            CHECK(baco && g.mode != MODE_CONFIG, "BACO, not a method");
            CHECK(!g.smc_stop_bits, "SMC stopped after BACO");
            CHECK(result != AMD_RESET_DONE ||
                  (g.baco_mode_seen && g.baco_out_seen),
                  "DONE without BACO_MODE set, then clear");
            /* the exit sleeps its delays: CIK's 20 ms after power-on */
            CHECK(result != AMD_RESET_DONE ||
                  (g.gap_end_ns &&
                   g.now_ns - g.gap_end_ns >= (int64_t)delay_us * 1000),
                  "%s BACO DONE %" PRId64 " us after the gap, the exit "
                  "tables' delays are %" PRIu64 " us", dev.family->name,
                  g.gap_end_ns ? (g.now_ns - g.gap_end_ns) / 1000 : -1,
                  delay_us);
            CHECK(result != AMD_RESET_TIMEOUT ||
                  (report.table && (report.step > 0 ||
                                    !strcmp(report.table, "BACO_CNTL"))),
                  "BACO TIMEOUT without the step");
            CHECK(!config || (g.config_reset && g.polls > 0),
                  "fallback without a config reset");
        } else {
            CHECK(report.method == AMD_RESET_METHOD_CONFIG && config,
                  "%s by %s", amd_reset_result_str(result),
                  amd_reset_method_str(report.method));
            CHECK(g.config_reset, "%s without a config reset",
                  amd_reset_result_str(result));
            CHECK(g.polls > 0, "%s without polling CONFIG_MEMSIZE",
                  amd_reset_result_str(result));
            CHECK(g.smc_stop_bits == 3, "%s without stopping the SMC (%u)",
                  amd_reset_result_str(result), g.smc_stop_bits);
            CHECK(!(result == AMD_RESET_TIMEOUT && baco),
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

    error_free(report.err);
    g_free(g.rom);
    g_hash_table_destroy(g.smc);
    g_hash_table_destroy(g.mmio);
    return 0;
}
