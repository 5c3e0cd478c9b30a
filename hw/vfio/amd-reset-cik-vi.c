/*
 * The CIK/VI generation of AMD GPUs (GCN 1.1 and 1.2) and its families
 *
 * Bonaire and Hawaii (CIK), Tonga, Fiji and Polaris (VI) share the SMC,
 * RCU, CONFIG_MEMSIZE and BIF registers the reset uses, a 256 KiB BAR5,
 * the "does it need a reset" check of amdgpu's vi_need_reset_on_init()
 * and the choice its vi_asic_reset_method() makes; their families differ
 * in their BACO tables and in the PowerPlay table format of their VBIOS.
 *
 * To add a family of this generation: its BACO sequence (or none), its
 * PowerPlay format, and the IDs in amd-reset-ids.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/vfio/amd-reset.h"
#include "hw/vfio/amd-reset-cik-vi.h"
#include "trace.h"


static const AMDRegMap amd_cik_vi_regs = {
    .smc_index = mmSMC_IND_INDEX_0,
    .smc_data = mmSMC_IND_DATA_0,
    .memsize = mmCONFIG_MEMSIZE,
    .baco_cntl = mmBACO_CNTL,
    .baco_mode = BACO_CNTL__BACO_MODE_MASK,
    .strap = mmCC_BIF_BX_FUSESTRAP0,
    .strap_baco = CC_BIF_BX_FUSESTRAP0__STRAP_BIF_PX_CAPABLE_MASK,
};

/*
 * A driver left the chip dirty when the SMC firmware runs: its clock is
 * on and its program counter is past the firmware's load address, as
 * amdgpu's vi_need_reset_on_init() and radeon's ci_is_smc_running()
 * check.  After power-on, and after a config reset + SMC reset or a BACO
 * cycle, the SMC is stopped until a driver loads its firmware.  A chip
 * that a failed BACO exit left in BACO has its SMC stopped too, but it
 * still needs the exit: for a family with BACO, BACO_CNTL tells.
 */
static AMDResetResult amd_cik_vi_need_reset(const AMDResetDevice *dev,
                                            AMDResetReport *report)
{
    uint32_t clock = amd_reset_smc_read(dev, &amd_cik_vi_regs,
                                        ixSMC_SYSCON_CLOCK_CNTL_0);
    uint32_t pc = amd_reset_smc_read(dev, &amd_cik_vi_regs, ixSMC_PC_C);
    bool running;

    if (clock == AMD_ALL_ONES || pc == AMD_ALL_ONES) {
        trace_vfio_quirk_amd_reset_gone(dev->name, "SMC registers");
        return AMD_RESET_GONE;
    }
    running = !(clock & SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK) &&
              pc >= AMD_SMC_FIRMWARE_PC_MIN;
    if (!running && dev->family->baco) {
        uint32_t cntl = dev->ops->mmio_read(dev->opaque,
                                            amd_cik_vi_regs.baco_cntl);

        if (cntl != AMD_ALL_ONES && (cntl & amd_cik_vi_regs.baco_mode)) {
            trace_vfio_quirk_amd_reset_smc(dev->name, clock, pc,
                                           "stopped, chip left in BACO: "
                                           "reset");
            return AMD_RESET_DONE;
        }
    }
    trace_vfio_quirk_amd_reset_smc(dev->name, clock, pc,
                                   running ? "running: reset" :
                                   "stopped: chip clean, nothing to reset");
    return running ? AMD_RESET_DONE : AMD_RESET_CLEAN;
}

const AMDResetGeneration amd_reset_gen_cik_vi = {
    .name = "GCN 1.1/1.2",
    .regs = &amd_cik_vi_regs,
    .bar5_min = AMD_CIK_VI_BAR5_SIZE,
    .bar5_max = AMD_CIK_VI_BAR5_SIZE,
    .need_reset = amd_cik_vi_need_reset,
    .local_method = AMD_RESET_METHOD_CONFIG,
    .choose = amd_reset_choose_vi,
    .methods = {
        [AMD_RESET_METHOD_CONFIG] = &amd_reset_config_ops,
        [AMD_RESET_METHOD_BACO] = &amd_reset_baco_ops,
    },
};

/*
 * An AMD GPU of the generation that the table does not list
 * (x-amd-reset=on): the config reset, the one method that needs no
 * per-chip tables
 */
const AMDResetFamily amd_reset_family_cik_vi = {
    .name = "CIK/VI",
    .gen = &amd_reset_gen_cik_vi,
    .pptable = AMD_PPTABLE_V0,
};

/*
 * GCN 1.1: SMU 7.0.1, BIF 4.1.  The config reset first: radeon drives
 * these chips with it, so does QEMU's quirk since it exists, and amdgpu's
 * CIK BACO tables needed a fix as late as 2020.  BACO, from ci_baco.c,
 * when the config reset times out on a board that supports it.
 */
const AMDResetFamily amd_reset_family_cik = {
    .name = "CIK",
    .gen = &amd_reset_gen_cik_vi,
    .baco = &amd_baco_ci,
    .baco_fallback = true,
    .pptable = AMD_PPTABLE_V0,
};

/* GCN 1.2 (VI): BACO when the board supports it, else the config reset */
const AMDResetFamily amd_reset_family_tonga = {
    .name = "Tonga",
    .gen = &amd_reset_gen_cik_vi,
    .baco = &amd_baco_tonga,
    .pptable = AMD_PPTABLE_V1,
};

const AMDResetFamily amd_reset_family_fiji = {
    .name = "Fiji",
    .gen = &amd_reset_gen_cik_vi,
    .baco = &amd_baco_fiji,
    .pptable = AMD_PPTABLE_V1,
};

const AMDResetFamily amd_reset_family_polaris = {
    .name = "Polaris",
    .gen = &amd_reset_gen_cik_vi,
    .baco = &amd_baco_polaris,
    .pptable = AMD_PPTABLE_V1,
};
