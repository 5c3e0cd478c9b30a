/*
 * AMD GPU reset engine: runs a device's reset methods through its
 * accessors, and the config reset method of CIK and VI
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
 * The engine only reads and writes registers through AMDResetOps, and
 * knows a generation only through its AMDResetGeneration.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "hw/vfio/amd-reset-cik-vi.h"
#include "trace.h"


const AMDResetTimings amd_reset_timings = {
    .settle_us = 100,
    .ready_timeout_us = 100000,     /* amdgpu vi_gpu_pci_config_reset() */
    .ready_poll_us = 10,
    .baco_wait_timeout_us = 100000,
    .baco_total_us = 500000,        /* enter + gap + exit */
    .baco_gap_us = 20000,           /* amdgpu <chip>_baco_set_state() */
    .baco_poll_us = 1000,           /* amdgpu common_baco.c: msleep(1) */
    .psp_wait_timeout_us = 100000,  /* amdgpu psp_wait_for(): usec_timeout */
    .bootloader_timeout_us = 1000000, /* psp_v11_0_wait_for_bootloader() */
    .psp_poll_us = 1000,
    .mode1_total_us = 2500000,      /* the waits, the 500 ms and slack */
};

const AMDResetTimings *amd_reset_dev_timings(const AMDResetDevice *dev)
{
    return dev->timings ? dev->timings : &amd_reset_timings;
}

uint32_t amd_reset_smc_read(const AMDResetDevice *dev, const AMDRegMap *map,
                            uint32_t ix)
{
    dev->ops->mmio_write(dev->opaque, map->smc_index, ix);
    return dev->ops->mmio_read(dev->opaque, map->smc_data);
}

uint32_t amd_reset_smn_select(const AMDResetDevice *dev, const AMDRegMap *map,
                              uint32_t addr)
{
    dev->ops->mmio_write(dev->opaque, map->smn_index, addr);
    dev->ops->mmio_read(dev->opaque, map->smn_index);
    return map->smn_data;
}

uint32_t amd_reset_smn_read(const AMDResetDevice *dev, const AMDRegMap *map,
                            uint32_t addr)
{
    return dev->ops->mmio_read(dev->opaque,
                               amd_reset_smn_select(dev, map, addr));
}

/* the index register still selects @ix for the write */
static void amd_smc_set_bits(const AMDResetDevice *dev, const AMDRegMap *map,
                             uint32_t ix, uint32_t mask)
{
    uint32_t value = amd_reset_smc_read(dev, map, ix);

    dev->ops->mmio_write(dev->opaque, map->smc_data, value | mask);
}

/*
 * vfio-pci serves the vendor and device ID (and the interrupt pin) from
 * its own copy of config space, so a device that left the bus still reads
 * 1002:xxxx there.  The class code and revision come from the device: a
 * display controller never reads all-ones there.
 */
bool amd_reset_present(const AMDResetDevice *dev)
{
    return dev->ops->config_read(dev->opaque, PCI_CLASS_REVISION, 4) !=
           AMD_ALL_ONES;
}

/* Config reset -------------------------------------------------------- */

/*
 * Make the config reset reset the GFX block only.  The scope is
 * !(misc ^ fuse): when the misc bit equals the fuse bit the whole GPU
 * would be reset, so flip the misc bit.
 */
static void amd_reset_set_gfx_scope(const AMDResetDevice *dev,
                                    const AMDRegMap *map)
{
    uint32_t fuse = amd_reset_smc_read(dev, map, ixCC_RCU_FUSES);
    uint32_t misc = amd_reset_smc_read(dev, map, ixRCU_MISC_CTRL);
    bool fuse_bit = fuse & CC_RCU_FUSES__DRV_RST_MODE_MASK;
    bool misc_bit = misc & RCU_MISC_CTRL__REG_DRV_RST_MODE_MASK;

    trace_vfio_quirk_amd_reset_scope(dev->name, fuse, misc,
                                     fuse_bit == misc_bit);
    if (fuse_bit == misc_bit) {
        dev->ops->mmio_write(dev->opaque, map->smc_data,
                             misc ^ RCU_MISC_CTRL__REG_DRV_RST_MODE_MASK);
        /* read back so the write has landed before the reset */
        dev->ops->mmio_read(dev->opaque, map->smc_data);
    }
}

/*
 * Wait for the chip to come out of the config reset: CONFIG_MEMSIZE reads
 * all-ones until the memory controller is back, and for good when the
 * device left the bus, which the class code tells apart.
 */
static AMDResetResult amd_reset_wait_ready(const AMDResetDevice *dev,
                                           const AMDRegMap *map)
{
    const AMDResetOps *ops = dev->ops;
    const AMDResetTimings *t = amd_reset_dev_timings(dev);
    int64_t start = ops->clock_ns(dev->opaque);
    int64_t deadline = start + (int64_t)t->ready_timeout_us * AMD_NS_PER_US;
    unsigned polls = 0;

    for (;;) {
        uint32_t memsize = ops->mmio_read(dev->opaque, map->memsize);
        int64_t now = ops->clock_ns(dev->opaque);

        polls++;
        if (memsize != AMD_ALL_ONES) {
            trace_vfio_quirk_amd_reset_ready(dev->name, memsize,
                                             (now - start) / AMD_NS_PER_US,
                                             polls);
            return AMD_RESET_DONE;
        }
        if (!amd_reset_present(dev)) {
            trace_vfio_quirk_amd_reset_gone(dev->name, "waiting for reset");
            return AMD_RESET_GONE;
        }
        if (now >= deadline) {
            trace_vfio_quirk_amd_reset_timeout(dev->name,
                                               (now - start) / AMD_NS_PER_US,
                                               polls);
            return AMD_RESET_TIMEOUT;
        }
        ops->sleep_us(dev->opaque, t->ready_poll_us);
    }
}

static AMDResetResult amd_reset_config_run(const AMDResetDevice *dev,
                                           bool last, AMDResetReport *report)
{
    const AMDRegMap *map = dev->family->gen->regs;
    AMDResetResult result;

    amd_reset_set_gfx_scope(dev, map);

    trace_vfio_quirk_amd_reset_config(dev->name);
    dev->ops->config_write(dev->opaque, AMD_PCI_CONFIG_RESET,
                           AMD_PCI_CONFIG_RESET_MAGIC, 4);
    dev->ops->sleep_us(dev->opaque, amd_reset_dev_timings(dev)->settle_us);

    result = amd_reset_wait_ready(dev, map);
    if (result == AMD_RESET_GONE || (result == AMD_RESET_TIMEOUT && !last)) {
        /* the next method resets the chip anyway */
        return result;
    }

    /*
     * Stop the SMC even after a timeout: a chip that did reset but reports
     * its memory size late still needs it, and one that did not reset is
     * not harmed by it.  The guest driver refuses to start a running SMC.
     */
    trace_vfio_quirk_amd_reset_smc_stop(dev->name);
    amd_smc_set_bits(dev, map, ixSMC_SYSCON_RESET_CNTL,
                     SMC_SYSCON_RESET_CNTL__rst_reg_MASK);
    amd_smc_set_bits(dev, map, ixSMC_SYSCON_CLOCK_CNTL_0,
                     SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK);
    return result;
}

/* resets the GPU function only (GFX scope), not the HD audio function */
const AMDResetMethodOps amd_reset_config_ops = {
    .run = amd_reset_config_run,
};

/* The methods in order ------------------------------------------------ */

/*
 * Of @dev's methods, those that may run: a chip-wide method only when QEMU
 * owns every function it resets, else the generation's method for the GPU
 * function alone in its place (once).  Returns how many are in @run.
 */
static unsigned amd_reset_owned_methods(const AMDResetDevice *dev,
                                        AMDResetMethod *run,
                                        AMDResetReport *report)
{
    const AMDResetGeneration *gen = dev->family->gen;
    bool chip_wide = false, owned = true;
    unsigned i, n = 0;

    for (i = 0; i < dev->n_methods; i++) {
        chip_wide |= gen->methods[dev->methods[i]]->chip_wide;
    }
    if (chip_wide && dev->ops->chip_owned) {
        owned = dev->ops->chip_owned(dev->opaque, report->unowned,
                                     sizeof(report->unowned));
    }
    if (owned) {
        memcpy(run, dev->methods, sizeof(dev->methods));
        return dev->n_methods;
    }

    trace_vfio_quirk_amd_reset_not_owned(dev->name, report->unowned);
    for (i = 0; i < dev->n_methods; i++) {
        AMDResetMethod m = dev->methods[i];

        if (gen->methods[m]->chip_wide) {
            m = gen->local_method;
        }
        if (m != AMD_RESET_METHOD_NONE && (!n || run[n - 1] != m)) {
            run[n++] = m;
        }
    }
    return n;
}

AMDResetResult amd_reset_start(const AMDResetDevice *dev,
                               AMDResetReport *report)
{
    /*
     * vfio_pci_pre_reset() has already turned off I/O, memory and bus
     * master.  Decode memory only while the registers are needed, and
     * leave the command register cleared, as a real reset does.
     */
    dev->ops->config_write(dev->opaque, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);

    /*
     * As amdgpu's <generation>_need_reset_on_init(): a chip no driver ran
     * on since power-on or the last reset has nothing to undo.  This is
     * the state of a GPU after host boot, and after a reset when the
     * guest's driver never loaded.
     */
    return dev->family->gen->need_reset(dev, report);
}

AMDResetResult amd_reset_methods(const AMDResetDevice *dev,
                                 AMDResetReport *report)
{
    AMDResetMethod run[AMD_RESET_MAX_METHODS];
    AMDResetResult result;
    bool chip_wide = false;
    unsigned i, n;

    n = amd_reset_owned_methods(dev, run, report);
    result = n ? AMD_RESET_DONE : AMD_RESET_NOT_OWNED;
    for (i = 0; i < n; i++) {
        const AMDResetMethodOps *m = dev->family->gen->methods[run[i]];

        if (i) {
            trace_vfio_quirk_amd_reset_escalate(
                dev->name, amd_reset_method_str(run[i - 1]),
                amd_reset_method_str(run[i]));
        }
        report->method = run[i];
        chip_wide |= m->chip_wide;
        result = m->run(dev, i + 1 == n, report);
        if (result != AMD_RESET_TIMEOUT) {
            break;
        }
    }
    if (chip_wide && dev->ops->restore_functions) {
        /* the other functions lost their BARs as the GPU did */
        dev->ops->restore_functions(dev->opaque);
    }
    return result;
}

void amd_reset_stop(const AMDResetDevice *dev)
{
    dev->ops->config_write(dev->opaque, PCI_COMMAND, 0, 2);
}

bool amd_reset_read_strap(const AMDResetDevice *dev)
{
    const AMDRegMap *map = dev->family->gen->regs;
    uint32_t strap = dev->ops->mmio_read(dev->opaque, map->strap);

    return strap != AMD_ALL_ONES && (strap & map->strap_baco);
}

/* Strings ------------------------------------------------------------- */

const char *amd_reset_method_str(AMDResetMethod method)
{
    static const char *const str[AMD_RESET_METHOD__MAX] = {
        [AMD_RESET_METHOD_NONE] = "none",
        [AMD_RESET_METHOD_CONFIG] = "config reset",
        [AMD_RESET_METHOD_BACO] = "BACO",
        [AMD_RESET_METHOD_MODE1] = "PSP mode1",
    };

    return method < AMD_RESET_METHOD__MAX ? str[method] : "?";
}

const char *amd_reset_smu_result_str(uint32_t answer)
{
    switch (answer) {
    case AMD_SMU_RESULT_NONE:
        return "no answer";
    case AMD_SMU_RESULT_OK:
        return "OK";
    case AMD_SMU_RESULT_FAILED:
        return "failed";
    case AMD_SMU_RESULT_UNKNOWN_CMD:
        return "unknown command";
    case AMD_SMU_RESULT_REJECTED:
        return "rejected: prerequisites not met";
    case AMD_SMU_RESULT_BUSY:
        return "busy with another command";
    }
    return "undefined answer";
}

const char *amd_reset_result_str(AMDResetResult result)
{
    switch (result) {
    case AMD_RESET_DONE:
        return "done";
    case AMD_RESET_CLEAN:
        return "chip clean, no driver ran on it since its last reset";
    case AMD_RESET_TIMEOUT:
        return "device did not answer before the deadline";
    case AMD_RESET_GONE:
        return "device not responding (reads all-ones)";
    case AMD_RESET_NOT_OWNED:
        return "a function of the chip is not assigned to this VM";
    case AMD_RESET_REFUSED:
        return "the device cannot be reset as asked";
    case AMD_RESET_NOT_USED:
        return "no AMD GPU reset for this device";
    case AMD_RESET_FIRMWARE:
        return "the chip's firmware is in no state to reset from";
    }
    return "?";
}
