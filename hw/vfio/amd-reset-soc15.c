/*
 * The SOC15/NV generation of AMD GPUs (Vega, Navi 1x), its families and
 * PSP mode1
 *
 * Vega10, Vega12, Vega20 (SOC15) and Navi10, Navi12, Navi14 (NV) share
 * the register map the reset uses (MP0, MP1 and NBIO at the same bases,
 * amd-reset-soc15.h), a 512 KiB BAR5, the check of amdgpu's
 * soc15_need_reset_on_init() and nv_need_reset_on_init(), and PSP mode1,
 * the reset amdgpu runs on all of them when BACO is not available: a
 * command to the PSP (Platform Security Processor), after which the PSP
 * resets the whole chip, its PCIe interface and config space included.
 * Their families differ in where their SMU keeps its firmware flags.
 *
 * Mode1 follows amdgpu's amdgpu_device_mode1_reset() (amdgpu_device.c)
 * and psp_v3_1.c / psp_v11_0.c mode1_reset(), which are the same for
 * these chips, with three differences, each for what QEMU sees through
 * vfio-pci:
 *
 * - amdgpu reads the acknowledge before it restores config space; the
 *   chip's BARs do not decode then, and through vfio a BAR that does not
 *   decode reads all-ones, which has the acknowledge bit set.  QEMU
 *   writes the command register first, which makes vfio-pci restore the
 *   real BARs (vfio_basic_config_write(), vfio_bar_restore()), then
 *   reads the acknowledge; no wait takes all-ones for an answer.
 * - vfio-pci restores the BARs but no capability: QEMU puts back the PCIe
 *   device and link control registers and the Resizable BAR control it
 *   read before the reset, as amdgpu_device_load_pci_state() does with
 *   the whole config space.
 * - QEMU checks that the PSP takes a command before it writes anything,
 *   then sets the engine-hung scratch bit; amdgpu sets the bit first.
 *   A PSP that does not answer leaves the chip as it was.
 *
 * Every wait has its own deadline, and the whole mode1 one of its own.
 * Interrupts, D-states and bus mastering are never touched: the chip
 * stays in D0 with bus mastering off, as the engine's start left it
 * (amdgpu's pci_clear_master()).
 *
 * To add a family of this generation: its SMU's firmware flags address
 * and the IDs in amd-reset-ids.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "hw/vfio/amd-reset-soc15.h"
#include "trace.h"


static const AMDRegMap amd_soc15_regs = {
    .smn_index = mmPCIE_INDEX2,
    .smn_data = mmPCIE_DATA2,
    .smu_msg = mmMP1_SMN_C2PMSG_66,
    .smu_arg = mmMP1_SMN_C2PMSG_82,
    .smu_resp = mmMP1_SMN_C2PMSG_90,
    .memsize = mmRCC_CONFIG_MEMSIZE,
    .baco_cntl = mmBACO_CNTL_SOC15,
    .baco_mode = BACO_CNTL_SOC15__BACO_MODE_MASK,
    .strap = mmRCC_BIF_STRAP0,
    .strap_baco = RCC_BIF_STRAP0__STRAP_PX_CAPABLE_MASK,
};

/*
 * A driver left the chip dirty when the PSP's secure OS gave its sign of
 * life, as amdgpu's soc15_need_reset_on_init() and
 * nv_need_reset_on_init() check: after power-on and after a mode1 it
 * reads 0 until a driver loads the PSP firmware.  A chip clean in that
 * sense also has its bootloader ready; one whose sign of life is 0 but
 * whose bootloader is not ready is in no state QEMU knows how to reset.
 * The SMU's firmware flags are only traced.
 */
static AMDResetResult amd_soc15_need_reset(const AMDResetDevice *dev,
                                           AMDResetReport *report)
{
    const AMDRegMap *map = &amd_soc15_regs;
    uint32_t sol = dev->ops->mmio_read(dev->opaque, mmMP0_SMN_C2PMSG_81);
    uint32_t boot = dev->ops->mmio_read(dev->opaque, mmMP0_SMN_C2PMSG_35);
    uint32_t gfx = dev->ops->mmio_read(dev->opaque, mmMP0_SMN_C2PMSG_64);
    uint32_t flags = AMD_ALL_ONES;

    if (dev->family->smu_fw_flags) {
        flags = amd_reset_smn_read(dev, map, dev->family->smu_fw_flags);
    }
    if (sol == AMD_ALL_ONES || boot == AMD_ALL_ONES) {
        if (!amd_reset_present(dev)) {
            trace_vfio_quirk_amd_reset_gone(dev->name, "PSP registers");
            return AMD_RESET_GONE;
        }
        /* config space answers, BAR5 does not: no register to go by */
        trace_vfio_quirk_amd_reset_psp(dev->name, sol, boot, gfx, flags,
                                       "BAR5 reads all-ones: no reset");
        error_setg(&report->err, "BAR5 reads all-ones (MP0_SMN_C2PMSG_81 "
                   "0x%08x, MP0_SMN_C2PMSG_35 0x%08x) while the device "
                   "answers in config space: the chip was left as it is",
                   sol, boot);
        return AMD_RESET_FIRMWARE;
    }
    if (sol) {
        trace_vfio_quirk_amd_reset_psp(dev->name, sol, boot, gfx, flags,
                                       "sOS running: reset");
        return AMD_RESET_DONE;
    }
    if (boot & MP0_C2PMSG_35__BOOTLOADER_READY) {
        trace_vfio_quirk_amd_reset_psp(dev->name, sol, boot, gfx, flags,
                                       "no sOS, bootloader ready: chip "
                                       "clean, nothing to reset");
        return AMD_RESET_CLEAN;
    }
    trace_vfio_quirk_amd_reset_psp(dev->name, sol, boot, gfx, flags,
                                   "no sOS, bootloader not ready: no reset");
    error_setg(&report->err, "the PSP has no secure OS (MP0_SMN_C2PMSG_81 "
               "0x%08x) and its bootloader is not ready (MP0_SMN_C2PMSG_35 "
               "0x%08x): the chip was left as it is", sol, boot);
    return AMD_RESET_FIRMWARE;
}

/* PSP mode1 ------------------------------------------------------------ */

#define AMD_SOC15_STEP(c, r, m, s, t, v) \
    { AMD_REG_CMD_##c, AMD_REG_MMIO, r, m, s, t, v }

/* psp_v11_0_mode1_reset(): the PSP takes a command, status 0 */
static const AMDRegStep amd_mode1_ready_steps[] = {
    AMD_SOC15_STEP(WAITFOR, mmMP0_SMN_C2PMSG_64,
                   GFX_CMD_RESPONSE_MASK | GFX_CMD_STATUS_MASK, 0, 0,
                   GFX_CMD_RESPONSE_MASK),
};

/*
 * The mode1 command, then the 500 ms amdgpu sleeps before it looks at
 * the chip again
 */
static const AMDRegStep amd_mode1_command_steps[] = {
    AMD_SOC15_STEP(WRITE, mmMP0_SMN_C2PMSG_64, 0, 0, 0,
                   GFX_CTRL_CMD_ID_MODE1_RST),
    AMD_SOC15_STEP(DELAY_US, 0, 0, 0, 500000, 0),
};

/* psp_v11_0_mode1_reset(): the PSP acknowledges the reset */
static const AMDRegStep amd_mode1_ack_steps[] = {
    AMD_SOC15_STEP(WAITFOR, mmMP0_SMN_C2PMSG_33, MP0_C2PMSG_33__MODE1_DONE,
                   0, 0, MP0_C2PMSG_33__MODE1_DONE),
};

/*
 * amdgpu_device_mode1_reset(): get_memsize() reads something other than
 * all-ones; a WAITFOR with mask 0 ends at the first such read
 */
static const AMDRegStep amd_mode1_memsize_steps[] = {
    AMD_SOC15_STEP(WAITFOR, mmRCC_CONFIG_MEMSIZE, 0, 0, 0, 0),
};

/* psp_v11_0_wait_for_bootloader() */
static const AMDRegStep amd_mode1_bootloader_steps[] = {
    AMD_SOC15_STEP(WAITFOR, mmMP0_SMN_C2PMSG_35,
                   MP0_C2PMSG_35__BOOTLOADER_READY, 0, 0,
                   MP0_C2PMSG_35__BOOTLOADER_READY),
};

#define AMD_SOC15_TABLE(n, s)   { .name = n, .parts = { { s, ARRAY_SIZE(s) } } }

static const AMDRegTable amd_mode1_ready =
    AMD_SOC15_TABLE("PSP ready", amd_mode1_ready_steps);
static const AMDRegTable amd_mode1_command =
    AMD_SOC15_TABLE("mode1 command", amd_mode1_command_steps);
static const AMDRegTable amd_mode1_ack =
    AMD_SOC15_TABLE("mode1 acknowledge", amd_mode1_ack_steps);
static const AMDRegTable amd_mode1_memsize =
    AMD_SOC15_TABLE("out of reset", amd_mode1_memsize_steps);
static const AMDRegTable amd_mode1_bootloader =
    AMD_SOC15_TABLE("bootloader", amd_mode1_bootloader_steps);

/*
 * amdgpu_atombios_scratch_regs_engine_hung(): set or clear the bit in
 * BIOS_SCRATCH_3.  An all-ones read is no register value: written back,
 * it would set every other scratch bit the guest driver reads, so
 * nothing is written then.
 */
static bool amd_mode1_engine_hung(const AMDResetDevice *dev, bool hung)
{
    uint32_t v = dev->ops->mmio_read(dev->opaque, mmBIOS_SCRATCH_3_SOC15);

    if (v == AMD_ALL_ONES) {
        return false;
    }
    v = hung ? v | ATOM_S3_ASIC_GUI_ENGINE_HUNG :
               v & ~ATOM_S3_ASIC_GUI_ENGINE_HUNG;
    dev->ops->mmio_write(dev->opaque, mmBIOS_SCRATCH_3_SOC15, v);
    return true;
}

/*
 * Config registers of the chip that a mode1 resets and vfio-pci does not
 * restore: PCIe device and link control (and their second versions), and
 * each Resizable BAR control
 */
#define AMD_SOC15_MAX_SAVED     12

typedef struct AMDConfigReg {
    uint16_t offset;
    uint8_t size;
    uint32_t value;
} AMDConfigReg;

typedef struct AMDConfigState {
    AMDConfigReg regs[AMD_SOC15_MAX_SAVED];
    unsigned count;
} AMDConfigState;

/* A register that reads all-ones was not read: nothing to put back */
static void amd_config_save(const AMDResetDevice *dev, AMDConfigState *st,
                            uint16_t offset, uint8_t size)
{
    uint32_t value;

    if (st->count == AMD_SOC15_MAX_SAVED ||
        offset + size > PCI_CFG_SPACE_EXP_SIZE) {
        return;
    }
    value = dev->ops->config_read(dev->opaque, offset, size);
    if (value == (size == 4 ? AMD_ALL_ONES : (1U << (size * 8)) - 1)) {
        return;
    }
    st->regs[st->count++] = (AMDConfigReg) {
        .offset = offset,
        .size = size,
        .value = value,
    };
}

/* The PCI Express capability, walking at most the 48 a list can hold */
static uint16_t amd_config_find_pcie(const AMDResetDevice *dev)
{
    uint8_t pos;
    unsigned i;

    if (!(dev->ops->config_read(dev->opaque, PCI_STATUS, 2) &
          PCI_STATUS_CAP_LIST)) {
        return 0;
    }
    pos = dev->ops->config_read(dev->opaque, PCI_CAPABILITY_LIST, 1);
    for (i = 0; i < 48 && pos >= PCI_STD_HEADER_SIZEOF; i++) {
        pos &= ~3;
        if (dev->ops->config_read(dev->opaque, pos + PCI_CAP_LIST_ID, 1) ==
            PCI_CAP_ID_EXP) {
            return pos;
        }
        pos = dev->ops->config_read(dev->opaque, pos + PCI_CAP_LIST_NEXT, 1);
    }
    return 0;
}

/* The Resizable BAR capability, in the extended list */
static uint16_t amd_config_find_rebar(const AMDResetDevice *dev)
{
    uint16_t pos = PCI_CFG_SPACE_SIZE;
    unsigned i;

    /* PCI_EXT_CAP_NEXT() is dword aligned and below 4 KiB */
    for (i = 0; i < (PCI_CFG_SPACE_EXP_SIZE - PCI_CFG_SPACE_SIZE) / 8 &&
                pos >= PCI_CFG_SPACE_SIZE; i++) {
        uint32_t header = dev->ops->config_read(dev->opaque, pos, 4);

        if (header == 0 || header == AMD_ALL_ONES) {
            return 0;
        }
        if (PCI_EXT_CAP_ID(header) == PCI_EXT_CAP_ID_REBAR) {
            /* its first control register within config space */
            return pos + PCI_REBAR_CTRL + 4 <= PCI_CFG_SPACE_EXP_SIZE ?
                   pos : 0;
        }
        pos = PCI_EXT_CAP_NEXT(header);
    }
    return 0;
}

static void amd_config_save_all(const AMDResetDevice *dev, AMDConfigState *st)
{
    uint16_t exp = amd_config_find_pcie(dev);
    uint16_t rebar;

    st->count = 0;
    if (exp) {
        uint16_t flags = dev->ops->config_read(dev->opaque,
                                               exp + PCI_EXP_FLAGS, 2);

        amd_config_save(dev, st, exp + PCI_EXP_DEVCTL, 2);
        amd_config_save(dev, st, exp + PCI_EXP_LNKCTL, 2);
        if ((flags & PCI_EXP_FLAGS_VERS) >= 2) {
            amd_config_save(dev, st, exp + PCI_EXP_DEVCTL2, 2);
            amd_config_save(dev, st, exp + PCI_EXP_LNKCTL2, 2);
        }
    }
    rebar = amd_config_find_rebar(dev);
    if (rebar) {
        uint32_t ctrl = dev->ops->config_read(dev->opaque,
                                              rebar + PCI_REBAR_CTRL, 4);
        unsigned nbar = (ctrl & PCI_REBAR_CTRL_NBAR_MASK) >>
                        PCI_REBAR_CTRL_NBAR_SHIFT;
        unsigned i;

        /* each control within config space: amd_config_save() checks */
        for (i = 0; i < nbar && ctrl != AMD_ALL_ONES; i++) {
            amd_config_save(dev, st, rebar + PCI_REBAR_CTRL + i * 8, 4);
        }
    }
}

static void amd_config_restore_all(const AMDResetDevice *dev,
                                   const AMDConfigState *st)
{
    unsigned i;

    for (i = 0; i < st->count; i++) {
        const AMDConfigReg *r = &st->regs[i];

        trace_vfio_quirk_amd_reset_config_restore(dev->name, r->offset,
                                                  r->value);
        if (dev->ops->config_write_raw) {
            dev->ops->config_write_raw(dev->opaque, r->offset, r->value,
                                       r->size);
        } else {
            dev->ops->config_write(dev->opaque, r->offset, r->value, r->size);
        }
    }
}

/*
 * Run one phase of mode1, its waits bounded by @wait_us and by the
 * deadline of the whole mode1; a wait that did not end is reported with
 * what its register reads when the wait gives up.
 */
static AMDResetResult amd_mode1_phase(const AMDResetDevice *dev,
                                      const AMDRegTable *table,
                                      uint32_t wait_us, int64_t start_ns,
                                      int64_t deadline_ns,
                                      AMDResetReport *report)
{
    const AMDResetTimings *t = amd_reset_dev_timings(dev);
    int64_t elapsed;
    size_t step;
    bool gone;

    if (amd_reset_run_table(dev, &amd_soc15_regs, table, wait_us,
                            t->psp_poll_us, deadline_ns, &step, &gone, NULL)) {
        trace_vfio_quirk_amd_reset_mode1(
            dev->name, table->name, "done",
            (dev->ops->clock_ns(dev->opaque) - start_ns) / AMD_NS_PER_US);
        return AMD_RESET_DONE;
    }
    if (gone) {
        trace_vfio_quirk_amd_reset_gone(dev->name, table->name);
        return AMD_RESET_GONE;
    }
    elapsed = (dev->ops->clock_ns(dev->opaque) - start_ns) / AMD_NS_PER_US;
    report->table = table->name;
    report->step = step + 1;
    report->reg = table->parts[0].steps[step].reg;
    report->seen = dev->ops->mmio_read(dev->opaque, report->reg);
    trace_vfio_quirk_amd_reset_mode1_timeout(dev->name, table->name,
                                             report->reg, report->seen,
                                             elapsed);
    return AMD_RESET_TIMEOUT;
}

static AMDResetResult amd_reset_mode1_run(const AMDResetDevice *dev,
                                          bool last, AMDResetReport *report)
{
    const AMDResetTimings *t = amd_reset_dev_timings(dev);
    int64_t start = dev->ops->clock_ns(dev->opaque);
    int64_t end = start + (int64_t)t->mode1_total_us * AMD_NS_PER_US;
    AMDConfigState saved;
    AMDResetResult result;

    /* no write to a PSP that would not take the command */
    result = amd_mode1_phase(dev, &amd_mode1_ready, t->psp_wait_timeout_us,
                             start, end, report);
    if (result != AMD_RESET_DONE) {
        return result;
    }

    amd_config_save_all(dev, &saved);
    if (!amd_mode1_engine_hung(dev, true)) {
        /* BAR5 stopped answering since the PSP did: no command */
        trace_vfio_quirk_amd_reset_gone(dev->name, "BIOS_SCRATCH_3");
        if (!amd_reset_present(dev)) {
            return AMD_RESET_GONE;
        }
        report->table = "engine hung";
        report->step = 1;
        report->reg = mmBIOS_SCRATCH_3_SOC15;
        report->seen = AMD_ALL_ONES;
        return AMD_RESET_TIMEOUT;
    }
    amd_mode1_phase(dev, &amd_mode1_command, 0, start, end, report);

    /*
     * The chip's config space is reset, vfio's copy is not: a write of
     * the command register with memory decode on makes vfio-pci see the
     * difference and restore the real BARs.  Until then BAR5 reads
     * all-ones.  Bus mastering stays off.
     */
    dev->ops->config_write(dev->opaque, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);

    result = amd_mode1_phase(dev, &amd_mode1_ack, t->psp_wait_timeout_us,
                             start, end, report);
    /* put back what the chip lost even if the PSP did not confirm */
    amd_config_restore_all(dev, &saved);
    if (result != AMD_RESET_DONE) {
        return result;
    }
    result = amd_mode1_phase(dev, &amd_mode1_memsize, t->psp_wait_timeout_us,
                             start, end, report);
    if (result == AMD_RESET_DONE) {
        result = amd_mode1_phase(dev, &amd_mode1_bootloader,
                                 t->bootloader_timeout_us, start, end,
                                 report);
    }
    if (result != AMD_RESET_DONE) {
        /* as amdgpu: the chip is still marked hung for the guest driver */
        return result;
    }
    amd_mode1_engine_hung(dev, false);
    return AMD_RESET_DONE;
}

/* the PSP resets the whole chip: HD audio and USB-C functions too */
const AMDResetMethodOps amd_reset_mode1_ops = {
    .chip_wide = true,
    .run = amd_reset_mode1_run,
};

/* The generation and its families ------------------------------------- */

const AMDResetGeneration amd_reset_gen_soc15 = {
    .name = "SOC15/NV",
    .regs = &amd_soc15_regs,
    .bar5_min = AMD_SOC15_BAR5_SIZE,
    .bar5_max = AMD_SOC15_BAR5_SIZE,
    .need_reset = amd_soc15_need_reset,
    .local_method = AMD_RESET_METHOD_NONE,
    /* vendor-reset sets PCI_DEV_FLAGS_NO_BUS_RESET on all of them */
    .no_bus_reset = true,
    .choose = amd_reset_choose_soc15,
    .methods = {
        [AMD_RESET_METHOD_BACO] = &amd_reset_baco_ops,
        [AMD_RESET_METHOD_MODE1] = &amd_reset_mode1_ops,
    },
};

/* x-amd-reset=on for a chip of this generation that is not listed */
const AMDResetFamily amd_reset_family_soc15 = {
    .name = "SOC15/NV",
    .gen = &amd_reset_gen_soc15,
};

/*
 * MP1 9.0.0: SMU9 (amdgpu smu9_smumgr.c).  BACO when the strap, the SMU9
 * fuse and the VBIOS cap allow it (smu9_get_bamaco_support()).
 */
const AMDResetFamily amd_reset_family_vega10 = {
    .name = "Vega10",
    .gen = &amd_reset_gen_soc15,
    .baco = &amd_baco_vega10,
    .pptable = AMD_PPTABLE_ATOMFW,
    .smu_fw_flags = smnMP1_FIRMWARE_FLAGS_SMU9,
    .baco_auto = true,
    .baco_fuse = true,
};

const AMDResetFamily amd_reset_family_vega12 = {
    .name = "Vega12",
    .gen = &amd_reset_gen_soc15,
    .baco = &amd_baco_vega12,
    .pptable = AMD_PPTABLE_ATOMFW,
    .smu_fw_flags = smnMP1_FIRMWARE_FLAGS_SMU9,
    .baco_auto = true,
    .baco_fuse = true,
};

/*
 * MP1 11.0.x: SMU11 (amdgpu vega20_smumgr.c, smu_v11_0.c).  amdgpu's
 * soc15_asic_reset_method() takes BACO on Vega20 only with a PSP secure
 * OS of version 0x80067 or later, which QEMU cannot read: mode1, BACO
 * only when asked for.
 */
const AMDResetFamily amd_reset_family_vega20 = {
    .name = "Vega20",
    .gen = &amd_reset_gen_soc15,
    .baco = &amd_baco_vega20,
    .pptable = AMD_PPTABLE_ATOMFW,
    .smu_fw_flags = smnMP1_FIRMWARE_FLAGS_SMU11,
};

/* nv_asic_reset_method(): BACO when the board supports it */
const AMDResetFamily amd_reset_family_navi10 = {
    .name = "Navi10",
    .gen = &amd_reset_gen_soc15,
    .baco = &amd_baco_navi10,
    .pptable = AMD_PPTABLE_ATOMFW_BAMACO,
    .smu_fw_flags = smnMP1_FIRMWARE_FLAGS_SMU11,
    .baco_auto = true,
};

const AMDResetFamily amd_reset_family_navi12 = {
    .name = "Navi12",
    .gen = &amd_reset_gen_soc15,
    .baco = &amd_baco_navi10,
    .pptable = AMD_PPTABLE_ATOMFW_BAMACO,
    .smu_fw_flags = smnMP1_FIRMWARE_FLAGS_SMU11,
    .baco_auto = true,
};

const AMDResetFamily amd_reset_family_navi14 = {
    .name = "Navi14",
    .gen = &amd_reset_gen_soc15,
    .baco = &amd_baco_navi10,
    .pptable = AMD_PPTABLE_ATOMFW_BAMACO,
    .smu_fw_flags = smnMP1_FIRMWARE_FLAGS_SMU11,
    .baco_auto = true,
};
