/*
 * Device-specific reset for AMD GCN 1.1 (CIK) and GCN 1.2 (VI) GPUs
 *
 * The sequence, for a chip whose SMC firmware runs:
 *
 *  1. enable memory decode only, so that BAR5 answers and the GPU cannot
 *     master the bus;
 *  2. ask for a GFX-only reset scope: the RCU fuse gives the default scope
 *     and the RCU misc bit toggles it, so the misc bit is flipped when both
 *     agree;
 *  3. write the config reset magic to config offset 0x7c and wait for
 *     CONFIG_MEMSIZE to read something other than all-ones, against a clock
 *     deadline rather than an iteration count;
 *  4. put the SMC in reset and stop its clock, so that the guest driver
 *     finds the chip as after power-on and loads the SMC firmware again;
 *  5. restore the command register found on entry.
 *
 * The engine only reads and writes registers through AMDResetOps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "trace.h"

#define AMD_ALL_ONES    0xffffffffU

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

static bool amd_device_present(const AMDResetDevice *dev)
{
    return dev->ops->config_read(dev->opaque, PCI_VENDOR_ID, 2) != 0xffff;
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
 * all-ones until the memory controller is back.  A vendor ID of all-ones
 * means the device left the bus (root ports complete config reads of a
 * device that is merely busy with a retry, not with all-ones), so there is
 * no point in waiting for the deadline then.
 */
static AMDResetResult amd_reset_wait_ready(const AMDResetDevice *dev)
{
    const AMDResetOps *ops = dev->ops;
    int64_t start = ops->clock_ns(dev->opaque);
    int64_t deadline = start +
                       (int64_t)dev->family->ready_timeout_us * 1000;
    unsigned polls = 0;

    for (;;) {
        uint32_t memsize = ops->mmio_read(dev->opaque, mmCONFIG_MEMSIZE);
        int64_t now = ops->clock_ns(dev->opaque);

        polls++;
        if (memsize != AMD_ALL_ONES) {
            trace_vfio_quirk_amd_reset_ready(dev->name, memsize,
                                             (now - start) / 1000, polls);
            return AMD_RESET_DONE;
        }
        if (!amd_device_present(dev)) {
            trace_vfio_quirk_amd_reset_gone(dev->name, "waiting for reset");
            return AMD_RESET_GONE;
        }
        if (now >= deadline) {
            trace_vfio_quirk_amd_reset_timeout(dev->name,
                                               (now - start) / 1000, polls);
            return AMD_RESET_TIMEOUT;
        }
        ops->sleep_us(dev->opaque, AMD_RESET_POLL_US);
    }
}

static AMDResetResult amd_reset_config_smc(const AMDResetDevice *dev)
{
    const AMDResetOps *ops = dev->ops;
    AMDResetResult result;
    uint32_t clock, pc;

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

AMDResetResult amd_reset_run(const AMDResetDevice *dev)
{
    const AMDResetOps *ops = dev->ops;
    int64_t start = ops->clock_ns(dev->opaque);
    AMDResetResult result;
    uint32_t cmd;

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
     * master; keep what it left and put it back afterwards, so the device
     * ends as the rest of vfio expects it, with decode off.
     */
    cmd = ops->config_read(dev->opaque, PCI_COMMAND, 2);
    ops->config_write(dev->opaque, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);

    switch (dev->family->method) {
    case AMD_RESET_METHOD_CONFIG_SMC:
        result = amd_reset_config_smc(dev);
        break;
    default:
        g_assert_not_reached();
    }

    ops->config_write(dev->opaque, PCI_COMMAND, cmd, 2);
out:
    trace_vfio_quirk_amd_reset_done(dev->name, amd_reset_result_str(result),
                                    (ops->clock_ns(dev->opaque) - start) /
                                    1000);
    return result;
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
        return "device did not leave reset before the deadline";
    case AMD_RESET_GONE:
        return "device not responding (reads all-ones)";
    }
    g_assert_not_reached();
}
