/*
 * Device-specific reset for AMD GCN 1.1 (CIK) and GCN 1.2 (VI) GPUs
 *
 * Two methods, chosen per device at realize (amd_reset_choose()):
 *
 * The config reset, for a chip whose SMC firmware runs, follows the
 * sequence of Linux radeon's radeon_pci_config_reset(), ci_is_smc_running(),
 * ci_reset_smc() and ci_stop_smc_clock() (drivers/gpu/drm/radeon/), which
 * QEMU's original quirk implemented too:
 *
 *  1. enable memory decode only, so that BAR5 answers and the GPU cannot
 *     master the bus;
 *  2. ask for a GFX-only reset scope: the RCU fuse gives the default scope
 *     and the RCU misc bit toggles it, so the misc bit is flipped when both
 *     agree;
 *  3. write the config reset magic to config offset 0x7c and wait for
 *     CONFIG_MEMSIZE to read something other than all-ones, against a clock
 *     deadline rather than an iteration count (amdgpu's
 *     vi_gpu_pci_config_reset() allows 100 ms);
 *  4. put the SMC in reset and stop its clock, so that the guest driver
 *     finds the chip as after power-on and loads the SMC firmware again;
 *  5. turn decode off again, as a real reset leaves it.
 *
 * BACO follows amdgpu's powerplay (hwmgr/smu7_baco.c, common_baco.c and
 * the per-chip <chip>_baco.c): the chip's enter tables, at least 20 ms,
 * its exit tables.  Each table is a list of register commands run by
 * amd_reset_run_table(), the counterpart of amdgpu's
 * baco_program_registers(), with one difference: amdgpu gives each wait
 * 5000 polls of at least 1 ms, QEMU holds the BQL, so here each wait has a
 * clock deadline and the whole cycle is bounded.
 *
 * The engine only reads and writes registers through AMDResetOps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "trace.h"

#define AMD_ALL_ONES    0xffffffffU
#define NS_PER_US       1000

static uint32_t amd_smc_read(const AMDResetDevice *dev, uint32_t ix)
{
    dev->ops->mmio_write(dev->opaque, mmSMC_IND_INDEX_0, ix);
    return dev->ops->mmio_read(dev->opaque, mmSMC_IND_DATA_0);
}

/* the index register still selects @ix for the write */
static void amd_smc_set_bits(const AMDResetDevice *dev, uint32_t ix,
                             uint32_t mask)
{
    uint32_t value = amd_smc_read(dev, ix);

    dev->ops->mmio_write(dev->opaque, mmSMC_IND_DATA_0, value | mask);
}

/*
 * vfio-pci serves the vendor and device ID (and the interrupt pin) from
 * its own copy of config space, so a device that left the bus still reads
 * 1002:xxxx there.  The class code and revision come from the device: a
 * display controller never reads all-ones there.
 */
static bool amd_device_present(const AMDResetDevice *dev)
{
    return dev->ops->config_read(dev->opaque, PCI_CLASS_REVISION, 4) !=
           AMD_ALL_ONES;
}

static int64_t amd_elapsed_us(const AMDResetDevice *dev, int64_t start_ns)
{
    return (dev->ops->clock_ns(dev->opaque) - start_ns) / NS_PER_US;
}

/*
 * Make the config reset reset the GFX block only.  The scope is
 * !(misc ^ fuse): when the misc bit equals the fuse bit the whole GPU
 * would be reset, so flip the misc bit.
 */
static void amd_reset_set_gfx_scope(const AMDResetDevice *dev)
{
    uint32_t fuse = amd_smc_read(dev, ixCC_RCU_FUSES);
    uint32_t misc = amd_smc_read(dev, ixRCU_MISC_CTRL);
    bool fuse_bit = fuse & CC_RCU_FUSES__DRV_RST_MODE_MASK;
    bool misc_bit = misc & RCU_MISC_CTRL__REG_DRV_RST_MODE_MASK;

    trace_vfio_quirk_amd_reset_scope(dev->name, fuse, misc,
                                     fuse_bit == misc_bit);
    if (fuse_bit == misc_bit) {
        dev->ops->mmio_write(dev->opaque, mmSMC_IND_DATA_0,
                             misc ^ RCU_MISC_CTRL__REG_DRV_RST_MODE_MASK);
        /* read back so the write has landed before the reset */
        dev->ops->mmio_read(dev->opaque, mmSMC_IND_DATA_0);
    }
}

/*
 * Wait for the chip to come out of the config reset: CONFIG_MEMSIZE reads
 * all-ones until the memory controller is back, and for good when the
 * device left the bus, which the class code tells apart.
 */
static AMDResetResult amd_reset_wait_ready(const AMDResetDevice *dev)
{
    const AMDResetOps *ops = dev->ops;
    int64_t start = ops->clock_ns(dev->opaque);
    int64_t deadline = start +
                       (int64_t)dev->family->ready_timeout_us * NS_PER_US;
    unsigned polls = 0;

    for (;;) {
        uint32_t memsize = ops->mmio_read(dev->opaque, mmCONFIG_MEMSIZE);
        int64_t now = ops->clock_ns(dev->opaque);

        polls++;
        if (memsize != AMD_ALL_ONES) {
            trace_vfio_quirk_amd_reset_ready(dev->name, memsize,
                                             (now - start) / NS_PER_US,
                                             polls);
            return AMD_RESET_DONE;
        }
        if (!amd_device_present(dev)) {
            trace_vfio_quirk_amd_reset_gone(dev->name, "waiting for reset");
            return AMD_RESET_GONE;
        }
        if (now >= deadline) {
            trace_vfio_quirk_amd_reset_timeout(dev->name,
                                               (now - start) / NS_PER_US,
                                               polls);
            return AMD_RESET_TIMEOUT;
        }
        ops->sleep_us(dev->opaque, AMD_RESET_POLL_US);
    }
}

/* BACO ---------------------------------------------------------------- */

/*
 * Where a table run stands: the SMC index it last selected, and the
 * number of rows run so far, counting each write of the index register
 * as a row, as amdgpu's tables spell it out.
 */
typedef struct AMDTableCursor {
    const AMDResetDevice *dev;
    bool ix_valid;
    uint32_t ix;
    size_t rows;
} AMDTableCursor;

/* Direct registers are BAR5 offsets; ix ones go through the index pair */
static uint32_t amd_step_reg(AMDTableCursor *c, const AMDRegStep *step)
{
    if (!(step->flags & AMD_REG_IX)) {
        return step->reg;
    }
    if (!c->ix_valid || c->ix != step->reg) {
        c->dev->ops->mmio_write(c->dev->opaque, mmSMC_IND_INDEX_0,
                                step->reg);
        c->ix = step->reg;
        c->ix_valid = true;
        c->rows++;
    }
    return mmSMC_IND_DATA_0;
}

/*
 * Poll @reg until (value & mask) == val.  The first read happens at once;
 * amdgpu sleeps before it, which reads the same registers later.
 */
static bool amd_step_wait(AMDTableCursor *c, uint32_t reg,
                          const AMDRegStep *step, uint32_t wait_us,
                          uint32_t poll_us, int64_t deadline_ns, bool *gone)
{
    const AMDResetDevice *dev = c->dev;
    int64_t now = dev->ops->clock_ns(dev->opaque);
    int64_t until = MIN(now + (int64_t)wait_us * NS_PER_US, deadline_ns);

    for (;;) {
        uint32_t value = dev->ops->mmio_read(dev->opaque, reg);

        /* all-ones from a device that left the bus satisfies no wait */
        if (value == AMD_ALL_ONES && !amd_device_present(dev)) {
            *gone = true;
            return false;
        }
        if ((value & step->mask) == step->val) {
            return true;
        }
        if (dev->ops->clock_ns(dev->opaque) >= until) {
            return false;
        }
        dev->ops->sleep_us(dev->opaque, poll_us);
    }
}

/* Run one step; false if it is a WAIT that did not end in time */
static bool amd_step_run(AMDTableCursor *c, const AMDRegStep *step,
                         uint32_t wait_us, uint32_t poll_us,
                         int64_t deadline_ns, bool *gone)
{
    const AMDResetDevice *dev = c->dev;
    uint32_t reg, value;

    switch (step->op) {
    case AMD_REG_WRITE:
        reg = amd_step_reg(c, step);
        dev->ops->mmio_write(dev->opaque, reg, step->val << step->shift);
        return true;
    case AMD_REG_RMW:
        reg = amd_step_reg(c, step);
        value = dev->ops->mmio_read(dev->opaque, reg);
        value = (value & ~step->mask) | (step->val << step->shift);
        dev->ops->mmio_write(dev->opaque, reg, value);
        return true;
    case AMD_REG_WAIT:
        reg = amd_step_reg(c, step);
        return amd_step_wait(c, reg, step, wait_us, poll_us, deadline_ns,
                             gone);
    case AMD_REG_DELAY_US:
        dev->ops->sleep_us(dev->opaque, step->val);
        return true;
    }
    g_assert_not_reached();
}

bool amd_reset_run_table(const AMDResetDevice *dev, const AMDRegTable *table,
                         uint32_t wait_us, uint32_t poll_us,
                         int64_t deadline_ns, size_t *failed_step,
                         bool *gone)
{
    AMDTableCursor c = { .dev = dev };
    size_t part, i;

    *gone = false;
    for (part = 0; part < ARRAY_SIZE(table->parts); part++) {
        const AMDRegSteps *steps = &table->parts[part];

        for (i = 0; i < steps->count; i++) {
            c.rows++;
            if (!amd_step_run(&c, &steps->steps[i], wait_us, poll_us,
                              deadline_ns, gone)) {
                *failed_step = c.rows - 1;
                return false;
            }
        }
    }
    return true;
}

/*
 * Run @tables in order, to the end or, with @stop_on_failure, until one
 * fails.  The phase has the result of the last table run.
 */
static AMDResetResult amd_baco_phase(const AMDResetDevice *dev,
                                     const char *phase,
                                     const AMDRegTable *tables, size_t count,
                                     bool stop_on_failure,
                                     int64_t deadline_ns,
                                     AMDResetReport *report)
{
    const AMDResetFamily *f = dev->family;
    int64_t start = dev->ops->clock_ns(dev->opaque);
    const AMDRegTable *failed = NULL;
    size_t i, step, failed_step = 0;
    bool gone;

    for (i = 0; i < count; i++) {
        if (amd_reset_run_table(dev, &tables[i], f->baco_wait_timeout_us,
                                f->baco_poll_us, deadline_ns, &step, &gone)) {
            failed = NULL;
            continue;
        }
        if (gone) {
            trace_vfio_quirk_amd_reset_gone(dev->name, tables[i].name);
            return AMD_RESET_GONE;
        }
        trace_vfio_quirk_amd_reset_baco_timeout(dev->name, tables[i].name,
                                                step + 1,
                                                amd_elapsed_us(dev, start));
        failed = &tables[i];
        failed_step = step + 1;
        if (stop_on_failure) {
            break;
        }
    }
    trace_vfio_quirk_amd_reset_baco_phase(dev->name, phase,
                                          failed ? "timed out" : "done",
                                          amd_elapsed_us(dev, start));
    if (failed) {
        report->table = failed->name;
        report->step = failed_step;
        return AMD_RESET_TIMEOUT;
    }
    return AMD_RESET_DONE;
}

/*
 * Enter BACO, wait, leave it.  Like amdgpu, only the last enter table
 * decides whether the chip entered BACO, and the exit runs even when it
 * did not, so that the chip is not left half powered down.
 */
static AMDResetResult amd_reset_baco(const AMDResetDevice *dev,
                                     AMDResetReport *report)
{
    const AMDResetFamily *f = dev->family;
    const AMDBacoSequence *seq = f->baco;
    int64_t start = dev->ops->clock_ns(dev->opaque);
    int64_t end = start + (int64_t)f->baco_total_us * NS_PER_US;
    int64_t enter_end = end - (int64_t)(f->baco_gap_us +
                                        f->baco_wait_timeout_us) * NS_PER_US;
    AMDResetResult enter = AMD_RESET_DONE, exit;
    uint32_t cntl;

    report->method = AMD_RESET_METHOD_BACO;
    cntl = dev->ops->mmio_read(dev->opaque, mmBACO_CNTL);
    trace_vfio_quirk_amd_reset_baco(dev->name, cntl);
    if (cntl == AMD_ALL_ONES && !amd_device_present(dev)) {
        trace_vfio_quirk_amd_reset_gone(dev->name, "BACO_CNTL");
        return AMD_RESET_GONE;
    }
    if (!(cntl & BACO_CNTL__BACO_MODE_MASK)) {
        enter = amd_baco_phase(dev, "enter", seq->enter, seq->enter_count,
                               false, enter_end, report);
        if (enter == AMD_RESET_GONE) {
            return enter;
        }
    }

    /* "HW requires at least 20ms between regulator off and on" */
    dev->ops->sleep_us(dev->opaque, f->baco_gap_us);

    exit = amd_baco_phase(dev, "exit", seq->exit, seq->exit_count, true,
                          end, report);
    return exit == AMD_RESET_DONE ? enter : exit;
}

/* Config reset -------------------------------------------------------- */

static AMDResetResult amd_reset_config_smc(const AMDResetDevice *dev,
                                           AMDResetReport *report)
{
    const AMDResetOps *ops = dev->ops;
    AMDResetResult result;
    uint32_t clock, pc;

    report->method = AMD_RESET_METHOD_CONFIG;
    clock = amd_smc_read(dev, ixSMC_SYSCON_CLOCK_CNTL_0);
    pc = amd_smc_read(dev, ixSMC_PC_C);
    trace_vfio_quirk_amd_reset_smc(dev->name, clock, pc);
    if (clock == AMD_ALL_ONES || pc == AMD_ALL_ONES) {
        trace_vfio_quirk_amd_reset_gone(dev->name, "SMC registers");
        return AMD_RESET_GONE;
    }
    if ((clock & SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK) ||
        pc < AMD_SMC_FIRMWARE_PC_MIN) {
        /* the config reset does nothing without the SMC firmware */
        return AMD_RESET_NO_SMC;
    }

    amd_reset_set_gfx_scope(dev);

    trace_vfio_quirk_amd_reset_config(dev->name);
    ops->config_write(dev->opaque, AMD_PCI_CONFIG_RESET,
                      AMD_PCI_CONFIG_RESET_MAGIC, 4);
    ops->sleep_us(dev->opaque, dev->family->settle_us);

    result = amd_reset_wait_ready(dev);
    if (result == AMD_RESET_GONE) {
        return result;
    }
    if (result == AMD_RESET_TIMEOUT && dev->baco_fallback) {
        trace_vfio_quirk_amd_reset_escalate(dev->name);
        return amd_reset_baco(dev, report);
    }

    /*
     * Stop the SMC even after a timeout: a chip that did reset but reports
     * its memory size late still needs it, and one that did not reset is
     * not harmed by it.  The guest driver refuses to start a running SMC.
     */
    trace_vfio_quirk_amd_reset_smc_stop(dev->name);
    amd_smc_set_bits(dev, ixSMC_SYSCON_RESET_CNTL,
                     SMC_SYSCON_RESET_CNTL__rst_reg_MASK);
    amd_smc_set_bits(dev, ixSMC_SYSCON_CLOCK_CNTL_0,
                     SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK);
    return result;
}

AMDResetResult amd_reset_run(const AMDResetDevice *dev,
                             AMDResetReport *report)
{
    const AMDResetOps *ops = dev->ops;
    int64_t start = ops->clock_ns(dev->opaque);
    AMDResetReport dummy;
    AMDResetResult result;

    report = report ? report : &dummy;
    *report = (AMDResetReport) { .method = dev->method };

    if (dev->kernel_reset) {
        /* a reset the kernel implements always wins */
        trace_vfio_quirk_amd_reset_skipped(dev->name);
        return AMD_RESET_SKIPPED;
    }

    if (!amd_device_present(dev)) {
        trace_vfio_quirk_amd_reset_gone(dev->name, "config space");
        result = AMD_RESET_GONE;
        goto out;
    }

    /*
     * vfio_pci_pre_reset() has already turned off I/O, memory and bus
     * master.  Decode memory only while the registers are needed, and
     * leave the command register cleared, as a real reset does.
     */
    ops->config_write(dev->opaque, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);

    switch (dev->method) {
    case AMD_RESET_METHOD_CONFIG:
        result = amd_reset_config_smc(dev, report);
        break;
    case AMD_RESET_METHOD_BACO:
        result = amd_reset_baco(dev, report);
        break;
    default:
        g_assert_not_reached();
    }

    ops->config_write(dev->opaque, PCI_COMMAND, 0, 2);
out:
    report->elapsed_us = amd_elapsed_us(dev, start);
    trace_vfio_quirk_amd_reset_done(dev->name,
                                    amd_reset_method_str(report->method),
                                    amd_reset_result_str(result),
                                    report->elapsed_us);
    return result;
}

bool amd_reset_read_strap(const AMDResetDevice *dev)
{
    const AMDResetOps *ops = dev->ops;
    uint32_t strap;

    ops->config_write(dev->opaque, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    strap = ops->mmio_read(dev->opaque, mmCC_BIF_BX_FUSESTRAP0);
    ops->config_write(dev->opaque, PCI_COMMAND, 0, 2);
    return strap != AMD_ALL_ONES &&
           (strap & CC_BIF_BX_FUSESTRAP0__STRAP_BIF_PX_CAPABLE_MASK);
}

/* VBIOS --------------------------------------------------------------- */

#define ATOM_ROM_MAGIC_OFFSET           0x30
#define ATOM_ROM_MAGIC                  " 761295520"
#define ATOM_ROM_TABLE_PTR              0x48
#define ATOM_ROM_HEADER_SIGNATURE       0x04
#define ATOM_ROM_HEADER_DATA_TABLE      0x20
#define ATOM_MASTER_DATA_POWERPLAY      (4 + 2 * 15)    /* PowerPlayInfo */
#define PPTABLE_FORMAT_REVISION         2
#define PPTABLE_V1_PLATFORM_CAPS        19
#define PPTABLE_V1_STATE_ARRAY          35
#define PPTABLE_V1_MIN_SIZE             37
#define PPTABLE_V1_MIN_REVISION         7   /* ATOM_Tonga_TABLE_REVISION */
#define PPTABLE_V0_PLATFORM_CAPS        21
#define PPTABLE_V0_MIN_SIZE             25
#define PP_PLATFORM_CAP_BACO            0x00020000

/* Little-endian reads that fail instead of leaving the image */
static bool rom_u8(const uint8_t *rom, size_t len, size_t off, uint32_t *v)
{
    if (off >= len) {
        return false;
    }
    *v = rom[off];
    return true;
}

static bool rom_u16(const uint8_t *rom, size_t len, size_t off, uint32_t *v)
{
    if (off > len || len - off < 2) {
        return false;
    }
    *v = rom[off] | rom[off + 1] << 8;
    return true;
}

static bool rom_u32(const uint8_t *rom, size_t len, size_t off, uint32_t *v)
{
    if (off > len || len - off < 4) {
        return false;
    }
    *v = rom[off] | rom[off + 1] << 8 | rom[off + 2] << 16 |
         (uint32_t)rom[off + 3] << 24;
    return true;
}

static bool rom_has(const uint8_t *rom, size_t len, size_t off,
                    const char *str)
{
    size_t n = strlen(str);

    return off <= len && len - off >= n && !memcmp(rom + off, str, n);
}

AMDVbiosCap amd_vbios_baco_cap(const uint8_t *rom, size_t len,
                               AMDPPTableFormat format, const char **why)
{
    uint32_t hdr, mdt, pp, size, rev, caps, states, entries;
    size_t caps_off;

    if (!rom || len < 2 || rom[0] != 0x55 || rom[1] != 0xaa) {
        *why = "no ROM signature";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!rom_has(rom, len, ATOM_ROM_MAGIC_OFFSET, ATOM_ROM_MAGIC)) {
        *why = "not an ATOM BIOS";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!rom_u16(rom, len, ATOM_ROM_TABLE_PTR, &hdr) || !hdr ||
        !(rom_has(rom, len, hdr + ATOM_ROM_HEADER_SIGNATURE, "ATOM") ||
          rom_has(rom, len, hdr + ATOM_ROM_HEADER_SIGNATURE, "MOTA"))) {
        *why = "no ATOM ROM header";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!rom_u16(rom, len, hdr + ATOM_ROM_HEADER_DATA_TABLE, &mdt) || !mdt ||
        !rom_u16(rom, len, mdt + ATOM_MASTER_DATA_POWERPLAY, &pp)) {
        *why = "no master data table";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!pp) {
        *why = "no PowerPlay table";
        return AMD_VBIOS_CAP_ABSENT;
    }
    if (!rom_u16(rom, len, pp, &size) || size > len - pp ||
        size < (format == AMD_PPTABLE_V1 ? PPTABLE_V1_MIN_SIZE :
                                           PPTABLE_V0_MIN_SIZE)) {
        *why = "PowerPlay table truncated";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (format == AMD_PPTABLE_V1) {
        /* what amdgpu's V1 loader requires before it sets any cap */
        if (!rom_u8(rom, len, pp + PPTABLE_FORMAT_REVISION, &rev) ||
            rev < PPTABLE_V1_MIN_REVISION) {
            *why = "PowerPlay table revision too old";
            return AMD_VBIOS_CAP_UNKNOWN;
        }
        if (!rom_u16(rom, len, pp + PPTABLE_V1_STATE_ARRAY, &states) ||
            !states || !rom_u8(rom, len, (size_t)pp + states + 1, &entries) ||
            !entries) {
            *why = "PowerPlay table has no power states";
            return AMD_VBIOS_CAP_UNKNOWN;
        }
        caps_off = PPTABLE_V1_PLATFORM_CAPS;
    } else {
        caps_off = PPTABLE_V0_PLATFORM_CAPS;
    }
    if (!rom_u32(rom, len, pp + caps_off, &caps)) {
        *why = "PowerPlay table truncated";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    *why = caps & PP_PLATFORM_CAP_BACO ? "VBIOS has the BACO cap" :
                                         "VBIOS lacks the BACO cap";
    return caps & PP_PLATFORM_CAP_BACO ? AMD_VBIOS_CAP_PRESENT :
                                         AMD_VBIOS_CAP_ABSENT;
}

/* Strings ------------------------------------------------------------- */

const char *amd_reset_method_str(AMDResetMethod method)
{
    switch (method) {
    case AMD_RESET_METHOD_NONE:
        return "none";
    case AMD_RESET_METHOD_CONFIG:
        return "config reset";
    case AMD_RESET_METHOD_BACO:
        return "BACO";
    }
    g_assert_not_reached();
}

const char *amd_reset_result_str(AMDResetResult result)
{
    switch (result) {
    case AMD_RESET_DONE:
        return "done";
    case AMD_RESET_SKIPPED:
        return "skipped, the kernel resets the device";
    case AMD_RESET_NO_SMC:
        return "SMC firmware not running";
    case AMD_RESET_TIMEOUT:
        return "device did not answer before the deadline";
    case AMD_RESET_GONE:
        return "device not responding (reads all-ones)";
    }
    g_assert_not_reached();
}
