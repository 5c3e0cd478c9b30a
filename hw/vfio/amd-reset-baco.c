/*
 * AMD GPU reset engine: register tables and the BACO method of VI
 *
 * BACO follows amdgpu's powerplay (hwmgr/smu7_baco.c, common_baco.c and
 * the per-chip <chip>_baco.c): the chip's enter tables, at least 20 ms,
 * its exit tables.  Each table is a list of register commands run by
 * amd_reset_run_table(), the counterpart of amdgpu's
 * baco_program_registers(), with one difference: amdgpu gives each wait
 * 5000 polls of at least 1 ms, QEMU holds the BQL, so here each wait has a
 * clock deadline and the whole cycle is bounded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/vfio/amd-reset.h"
#include "trace.h"


/*
 * Where a table run stands: the SMC index it last selected, and the
 * number of rows run so far, counting each write of the index register
 * as a row, as amdgpu's tables spell it out.
 */
typedef struct AMDTableCursor {
    const AMDResetDevice *dev;
    const AMDRegMap *map;
    bool ix_valid;
    uint32_t ix;
    size_t rows;
    uint32_t answer;                /* of the last SMU message */
} AMDTableCursor;

/*
 * Direct registers are BAR5 offsets; SMC ones go through the SMC index
 * pair, selected when it changes; SMN ones through the SMN index pair,
 * selected and read back at every step, as amdgpu's
 * amdgpu_device_indirect_rreg() and _wreg() do
 */
static uint32_t amd_step_reg(AMDTableCursor *c, const AMDRegStep *step)
{
    if (step->access == AMD_REG_MMIO) {
        return step->reg;
    }
    if (step->access == AMD_REG_SMN) {
        return amd_reset_smn_select(c->dev, c->map, step->reg);
    }
    if (!c->ix_valid || c->ix != step->reg) {
        c->dev->ops->mmio_write(c->dev->opaque, c->map->smc_index,
                                step->reg);
        c->ix = step->reg;
        c->ix_valid = true;
        c->rows++;
    }
    return c->map->smc_data;
}

/*
 * Poll @reg until (value & @mask) == @val, or with @differ until it is
 * not; *@last is what it read last.  The first read happens at once;
 * amdgpu sleeps before it, which reads the same registers later.
 */
static bool amd_poll(AMDTableCursor *c, uint32_t reg, uint32_t mask,
                     uint32_t val, bool differ, uint32_t wait_us,
                     uint32_t poll_us, int64_t deadline_ns, bool *gone,
                     uint32_t *last)
{
    const AMDResetDevice *dev = c->dev;
    int64_t now = dev->ops->clock_ns(dev->opaque);
    int64_t until = MIN(now + (int64_t)wait_us * AMD_NS_PER_US,
                        deadline_ns);

    for (;;) {
        uint32_t value = dev->ops->mmio_read(dev->opaque, reg);

        *last = value;
        /*
         * All-ones ends no wait: it is what a BAR that does not decode
         * reads through vfio, and what a device that left the bus reads.
         */
        if (value == AMD_ALL_ONES && !amd_reset_present(dev)) {
            *gone = true;
            return false;
        }
        if (value != AMD_ALL_ONES && ((value & mask) == val) != differ) {
            return true;
        }
        if (dev->ops->clock_ns(dev->opaque) >= until) {
            return false;
        }
        dev->ops->sleep_us(dev->opaque, poll_us);
    }
}

/*
 * One SMU message, as smu_cmn_send_smc_msg_with_param(): the mailbox idle
 * (a response, whatever it was), the response cleared, the argument, the
 * message, then its response, which must be OK.  Each wait has the
 * table's wait; no answer is a failure, as every other response is.
 */
static bool amd_step_smu_msg(AMDTableCursor *c, const AMDRegStep *step,
                             uint32_t wait_us, uint32_t poll_us,
                             int64_t deadline_ns, bool *gone)
{
    const AMDResetDevice *dev = c->dev;
    const AMDRegMap *map = c->map;
    uint32_t resp;

    if (!amd_poll(c, map->smu_resp, AMD_ALL_ONES, AMD_SMU_RESULT_NONE, true,
                  wait_us, poll_us, deadline_ns, gone, &resp)) {
        trace_vfio_quirk_amd_reset_smu(dev->name, step->reg, step->val, resp,
                                       "mailbox busy or SMU not running: "
                                       "not sent");
        c->answer = AMD_SMU_RESULT_NONE;
        return false;
    }
    dev->ops->mmio_write(dev->opaque, map->smu_resp, AMD_SMU_RESULT_NONE);
    if (!(step->mask & AMD_SMU_MSG_NO_ARG)) {
        dev->ops->mmio_write(dev->opaque, map->smu_arg, step->val);
    }
    dev->ops->mmio_write(dev->opaque, map->smu_msg, step->reg);
    if (!amd_poll(c, map->smu_resp, AMD_ALL_ONES, AMD_SMU_RESULT_NONE, true,
                  wait_us, poll_us, deadline_ns, gone, &resp)) {
        trace_vfio_quirk_amd_reset_smu(dev->name, step->reg, step->val, resp,
                                       "no answer");
        c->answer = AMD_SMU_RESULT_NONE;
        return false;
    }
    c->answer = resp;
    trace_vfio_quirk_amd_reset_smu(dev->name, step->reg, step->val, resp,
                                   amd_reset_smu_result_str(resp));
    return resp == AMD_SMU_RESULT_OK;
}

/* Run one step; false if it is a WAITFOR that did not end in time */
static bool amd_step_run(AMDTableCursor *c, const AMDRegStep *step,
                         uint32_t wait_us, uint32_t poll_us,
                         int64_t deadline_ns, bool *gone)
{
    const AMDResetDevice *dev = c->dev;
    uint32_t reg, value;

    switch (step->cmd) {
    case AMD_REG_CMD_WRITE:
        reg = amd_step_reg(c, step);
        dev->ops->mmio_write(dev->opaque, reg, step->val << step->shift);
        return true;
    case AMD_REG_CMD_RMW:
        reg = amd_step_reg(c, step);
        value = dev->ops->mmio_read(dev->opaque, reg);
        value = (value & ~step->mask) | (step->val << step->shift);
        dev->ops->mmio_write(dev->opaque, reg, value);
        return true;
    case AMD_REG_CMD_WAITFOR:
        reg = amd_step_reg(c, step);
        return amd_poll(c, reg, step->mask, step->val, false, wait_us,
                        poll_us, deadline_ns, gone, &value);
    case AMD_REG_CMD_DELAY_US:
        dev->ops->sleep_us(dev->opaque, step->timeout);
        return true;
    case AMD_REG_CMD_SMU_MSG:
        if (!c->map->smu_msg) {
            /* a generation without a mailbox: nobody to answer */
            c->answer = AMD_SMU_RESULT_NONE;
            return false;
        }
        return amd_step_smu_msg(c, step, wait_us, poll_us, deadline_ns, gone);
    }
    /* a command amdgpu does not have fails, as in common_baco.c */
    return false;
}

bool amd_reset_run_table(const AMDResetDevice *dev, const AMDRegMap *map,
                         const AMDRegTable *table, uint32_t wait_us,
                         uint32_t poll_us, int64_t deadline_ns,
                         size_t *failed_step, bool *gone, uint32_t *answer)
{
    AMDTableCursor c = { .dev = dev, .map = map };
    size_t part, i;

    *gone = false;
    for (part = 0; part < ARRAY_SIZE(table->parts); part++) {
        const AMDRegSteps *steps = &table->parts[part];

        for (i = 0; i < steps->count; i++) {
            c.rows++;
            c.answer = AMD_ALL_ONES;        /* not an SMU message */
            if (!amd_step_run(&c, &steps->steps[i], wait_us, poll_us,
                              deadline_ns, gone)) {
                *failed_step = c.rows - 1;
                if (answer) {
                    *answer = c.answer;
                }
                return false;
            }
        }
    }
    return true;
}

/*
 * Run one table of a BACO phase before @deadline_ns.  A timeout is traced
 * and, if @report is not NULL, recorded there for the user's warning.
 */
static AMDResetResult amd_baco_table(const AMDResetDevice *dev,
                                     const AMDRegTable *table,
                                     int64_t start_ns, int64_t deadline_ns,
                                     AMDResetReport *report)
{
    const AMDResetTimings *t = amd_reset_dev_timings(dev);
    uint32_t answer;
    size_t step;
    bool gone;

    if (amd_reset_run_table(dev, dev->family->gen->regs, table,
                            t->baco_wait_timeout_us, t->baco_poll_us,
                            deadline_ns, &step, &gone, &answer)) {
        return AMD_RESET_DONE;
    }
    if (gone) {
        trace_vfio_quirk_amd_reset_gone(dev->name, table->name);
        return AMD_RESET_GONE;
    }
    trace_vfio_quirk_amd_reset_baco_timeout(
        dev->name, table->name, step + 1,
        (dev->ops->clock_ns(dev->opaque) - start_ns) / AMD_NS_PER_US);
    if (report) {
        report->table = table->name;
        report->step = step + 1;
        if (answer != AMD_ALL_ONES) {
            /* an SMU message: its answer, or none */
            report->reg = dev->family->gen->regs->smu_resp;
            report->seen = answer;
        }
    }
    return AMD_RESET_TIMEOUT;
}

static void amd_baco_trace_phase(const AMDResetDevice *dev, const char *phase,
                                 AMDResetResult result, int64_t start_ns)
{
    trace_vfio_quirk_amd_reset_baco_phase(
        dev->name, phase, result == AMD_RESET_DONE ? "done" : "timed out",
        (dev->ops->clock_ns(dev->opaque) - start_ns) / AMD_NS_PER_US);
}

/*
 * Read BACO_CNTL: true with *@in_baco set, or false when it reads
 * all-ones, which tells nothing of the state (*@result GONE when the
 * device left the bus, else TIMEOUT, reported against BACO_CNTL)
 */
static bool amd_baco_state(const AMDResetDevice *dev, bool *in_baco,
                           AMDResetResult *result, AMDResetReport *report)
{
    const AMDRegMap *map = dev->family->gen->regs;
    uint32_t cntl = dev->ops->mmio_read(dev->opaque, map->baco_cntl);

    trace_vfio_quirk_amd_reset_baco(dev->name, cntl);
    if (cntl == AMD_ALL_ONES) {
        if (!amd_reset_present(dev)) {
            trace_vfio_quirk_amd_reset_gone(dev->name, "BACO_CNTL");
            *result = AMD_RESET_GONE;
        } else {
            *result = AMD_RESET_TIMEOUT;
            report->table = "BACO_CNTL";
            report->step = 0;
        }
        return false;
    }
    *in_baco = cntl & map->baco_mode;
    return true;
}

/*
 * Enter BACO, wait, leave it, in the order of amdgpu's
 * tonga_baco_set_state(), which reads the BACO state first on each way:
 * the enter tables unless the chip is in BACO already, the exit tables
 * only if the chip is in BACO then, so that a chip the enter left half
 * way is brought back but one that never went down is not driven
 * through an exit it did not need.
 */
static AMDResetResult amd_reset_baco_run(const AMDResetDevice *dev,
                                         bool last, AMDResetReport *report)
{
    const AMDResetTimings *t = amd_reset_dev_timings(dev);
    const AMDBacoSequence *seq = dev->family->baco;
    int64_t start = dev->ops->clock_ns(dev->opaque);
    int64_t end = start + (int64_t)t->baco_total_us * AMD_NS_PER_US;
    int64_t enter_end = end - (int64_t)(t->baco_gap_us +
                                        t->baco_wait_timeout_us) *
                              AMD_NS_PER_US;
    AMDResetResult enter = AMD_RESET_DONE, exit, result;
    int64_t phase_start;
    bool in_baco;
    size_t i;

    if (seq->check) {
        /* nothing written before the firmware BACO needs is found */
        phase_start = dev->ops->clock_ns(dev->opaque);
        result = amd_baco_table(dev, seq->check, phase_start, enter_end,
                                report);
        if (result != AMD_RESET_DONE) {
            amd_baco_trace_phase(dev, "check", result, phase_start);
            return result;
        }
    }
    if (!amd_baco_state(dev, &in_baco, &result, report)) {
        return result;
    }
    if (!in_baco) {
        phase_start = dev->ops->clock_ns(dev->opaque);
        for (i = 0; i < seq->prep_count; i++) {
            /* as amdgpu: a preparation table that fails stops only itself */
            if (amd_baco_table(dev, &seq->prep[i], phase_start, enter_end,
                               NULL) == AMD_RESET_GONE) {
                return AMD_RESET_GONE;
            }
        }
        enter = amd_baco_table(dev, seq->enter, phase_start, enter_end,
                               report);
        if (enter == AMD_RESET_GONE) {
            return enter;
        }
        amd_baco_trace_phase(dev, "enter", enter, phase_start);
    }

    if (!amd_baco_state(dev, &in_baco, &result, report)) {
        return result;
    }
    if (!in_baco) {
        /* BACO_STATE_OUT already: nothing to leave */
        trace_vfio_quirk_amd_reset_baco_phase(dev->name, "exit",
                                              "skipped, not in BACO", 0);
        if (enter == AMD_RESET_DONE) {
            /* the enter's waits passed, yet BACO_CNTL says not in BACO */
            report->table = "BACO_CNTL";
            report->step = 0;
            return AMD_RESET_TIMEOUT;
        }
        return enter;
    }

    /* "HW requires at least 20ms between regulator off and on" */
    dev->ops->sleep_us(dev->opaque, t->baco_gap_us);

    phase_start = dev->ops->clock_ns(dev->opaque);
    exit = amd_baco_table(dev, seq->exit, phase_start, end, report);
    if (exit == AMD_RESET_DONE) {
        exit = amd_baco_table(dev, seq->clean, phase_start, end, report);
    }
    if (exit == AMD_RESET_GONE) {
        return exit;
    }
    amd_baco_trace_phase(dev, "exit", exit, phase_start);
    return exit == AMD_RESET_DONE ? enter : exit;
}

/* the whole chip but its PCIe interface powers down: HD audio too */
const AMDResetMethodOps amd_reset_baco_ops = {
    .chip_wide = true,
    .run = amd_reset_baco_run,
};
