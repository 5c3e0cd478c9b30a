/*
 * BACO sequences of AMD Vega10, Vega12, Vega20 and Navi1x GPUs
 *
 * Vega10 and Vega12 restate amdgpu's powerplay tables step by step
 * (drivers/gpu/drm/amd/pm/powerplay/hwmgr/vega10_baco.c, vega12_baco.c),
 * with the EnterBaco SMU message between the preparation and the enter
 * table, as vega10_baco_set_state() sends it; their exit is registers
 * only.  Vega20 (vega20_baco.c) and Navi1x (swsmu smu_v11_0.c,
 * navi10_ppt.c) enter and leave BACO by SMU messages, around a THM bit.
 *
 * Every sequence starts with a check that the SMU firmware runs (MP1
 * FIRMWARE_FLAGS.INTERRUPTS_ENABLED through SMN, as smu9_is_smc_ram_running()
 * and smu_v11_0_check_fw_status() read it): after a guest that unloaded
 * the SMU (Windows, or a Linux guest that did not see the hypervisor)
 * nothing answers a message, and nothing is written then.  Every message
 * must be answered with OK, where amdgpu's powerplay ignores the answer.
 *
 * Where these differ from amdgpu, on purpose:
 * - Vega12's enter table has its 5 ms delay written in the wrong field,
 *   so amdgpu waits 0 ms there; here it is 5 ms, as on Vega10;
 * - Vega20 and Navi1x wait for BACO_CNTL.BACO_MODE after EnterBaco and
 *   after ExitBaco, where amdgpu trusts the answers (amdgpu keeps Navi's
 *   state in software; QEMU reads the NBIO bit, as it does on the
 *   others);
 * - Navi's poll of THM bit 8 after ExitBaco fails the exit when it does
 *   not end, which smu_v11_0_poll_baco_exit() does not.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/vfio/amd-reset.h"
#include "hw/vfio/amd-reset-soc15.h"
#include "hw/vfio/amd-reset-table.h"
#include "trace.h"

/* The SMU runs and takes messages */
static const AMDRegStep smu9_running[] = {
    WAIT_SMN(smnMP1_FIRMWARE_FLAGS_SMU9,
             MP1_FIRMWARE_FLAGS__INTERRUPTS_ENABLED_MASK,
             MP1_FIRMWARE_FLAGS__INTERRUPTS_ENABLED_MASK),
};

static const AMDRegStep smu11_running[] = {
    WAIT_SMN(smnMP1_FIRMWARE_FLAGS_SMU11,
             MP1_FIRMWARE_FLAGS__INTERRUPTS_ENABLED_MASK,
             MP1_FIRMWARE_FLAGS__INTERRUPTS_ENABLED_MASK),
};

/* vega10_baco.c pre_baco_tbl; Vega12 clears DOORBELL_MONITOR_EN */
static const AMDRegStep vega10_pre_baco[] = {
    RMW_F(BIF_DOORBELL_CNTL, DOORBELL_MONITOR_EN, 1),
    W(mmBIF_FB_EN_SOC15, 0),
    RMW_F(BACO_CNTL_SOC15, BACO_DSTATE_BYPASS, 1),
    RMW_F(BACO_CNTL_SOC15, BACO_RST_INTR_MASK, 1),
};

static const AMDRegStep vega12_pre_baco[] = {
    RMW_F(BIF_DOORBELL_CNTL, DOORBELL_MONITOR_EN, 0),
    W(mmBIF_FB_EN_SOC15, 0),
    RMW_F(BACO_CNTL_SOC15, BACO_DSTATE_BYPASS, 1),
    RMW_F(BACO_CNTL_SOC15, BACO_RST_INTR_MASK, 1),
};

/* smu9_send_msg_to_smc(): no argument */
static const AMDRegStep vega10_enter_msg[] = {
    SMU_MSG_NOARG(PPSMC_MSG_EnterBaco_VEGA10),
};

static const AMDRegStep vega12_enter_msg[] = {
    SMU_MSG(PPSMC_MSG_EnterBaco_VEGA12, 0),
};

/* vega10_baco.c enter_baco_tbl */
static const AMDRegStep vega10_enter_baco[] = {
    WAIT(mmTHM_BACO_CNTL, THM_BACO_CNTL__SOC_DOMAIN_IDLE_MASK,
         THM_BACO_CNTL__SOC_DOMAIN_IDLE_MASK),
    RMW_F(BACO_CNTL_SOC15, BACO_EN, 1),
    RMW_F(BACO_CNTL_SOC15, BACO_BIF_LCLK_SWITCH, 1),
    RMW_F(BACO_CNTL_SOC15, BACO_DUMMY_EN, 1),
    RMW_F(THM_BACO_CNTL, BACO_SOC_VDCI_RESET, 1),
    RMW_F(THM_BACO_CNTL, BACO_SMNCLK_MUX, 1),
    RMW_F(THM_BACO_CNTL, BACO_ISO_EN, 1),
    RMW_F(THM_BACO_CNTL, BACO_AEB_ISO_EN, 1),
    RMW_F(THM_BACO_CNTL, BACO_ANA_ISO_EN, 1),
    RMW_F(THM_BACO_CNTL, BACO_SOC_REFCLK_OFF, 1),
    RMW_F(BACO_CNTL_SOC15, BACO_POWER_OFF, 1),
    DELAY_US(5000),
    RMW_F(THM_BACO_CNTL, BACO_RESET_EN, 1),
    RMW_F(THM_BACO_CNTL, BACO_PWROKRAW_CNTL, 0),
    WAIT_F(BACO_CNTL_SOC15, BACO_MODE, 1),
};

/* vega10_baco.c exit_baco_tbl: no SMU, the hardware clears BACO_EXIT */
static const AMDRegStep vega10_exit_baco[] = {
    RMW_F(BACO_CNTL_SOC15, BACO_POWER_OFF, 0),
    DELAY_US(10000),
    RMW_F(THM_BACO_CNTL, BACO_SOC_REFCLK_OFF, 0),
    RMW_F(THM_BACO_CNTL, BACO_ANA_ISO_EN, 0),
    RMW_F(THM_BACO_CNTL, BACO_AEB_ISO_EN, 0),
    RMW_F(THM_BACO_CNTL, BACO_ISO_EN, 0),
    RMW_F(THM_BACO_CNTL, BACO_PWROKRAW_CNTL, 1),
    RMW_F(THM_BACO_CNTL, BACO_SMNCLK_MUX, 0),
    RMW_F(THM_BACO_CNTL, BACO_SOC_VDCI_RESET, 0),
    RMW_F(THM_BACO_CNTL, BACO_EXIT, 1),
    RMW_F(THM_BACO_CNTL, BACO_RESET_EN, 0),
    WAIT_F(THM_BACO_CNTL, BACO_EXIT, 0),
    RMW_F(THM_BACO_CNTL, BACO_SB_AXI_FENCE, 0),
    RMW_F(BACO_CNTL_SOC15, BACO_DUMMY_EN, 0),
    RMW_F(BACO_CNTL_SOC15, BACO_BIF_LCLK_SWITCH, 0),
    RMW_F(BACO_CNTL_SOC15, BACO_EN, 0),
    WAIT_F(BACO_CNTL_SOC15, BACO_MODE, 0),
};

/* clean_baco_tbl, and what the SMU11 exits clear */
static const AMDRegStep scratch_6_7[] = {
    W(mmBIOS_SCRATCH_6_SOC15, 0),
    W(mmBIOS_SCRATCH_7_SOC15, 0),
};

/* vega20_baco_set_state(), without RAS */
static const AMDRegStep vega20_enter[] = {
    RMW(mmTHM_BACO_CNTL_11_0_2, THM_BACO_CNTL_11_0_2__BIT31, 0,
        THM_BACO_CNTL_11_0_2__BIT31),
    SMU_MSG(PPSMC_MSG_EnterBaco_VEGA20, 0),
    WAIT_F(BACO_CNTL_SOC15, BACO_MODE, 1),
};

static const AMDRegStep vega20_exit[] = {
    SMU_MSG(PPSMC_MSG_ExitBaco_VEGA20, 0),
    WAIT_F(BACO_CNTL_SOC15, BACO_MODE, 0),
};

/* smu_v11_0_baco_set_state() and smu_v11_0_baco_enter(), without RAS */
static const AMDRegStep navi10_enter[] = {
    RMW(mmTHM_BACO_CNTL_11_0_2, THM_BACO_CNTL_11_0_2__BIT31, 0,
        THM_BACO_CNTL_11_0_2__BIT31),
    SMU_MSG(PPSMC_MSG_EnterBaco_NAVI10, 0),
    DELAY_US(10000),
    WAIT_F(BACO_CNTL_SOC15, BACO_MODE, 1),
};

/* ExitBaco, the scratch registers, smu_v11_0_poll_baco_exit() */
static const AMDRegStep navi10_exit[] = {
    SMU_MSG(PPSMC_MSG_ExitBaco_NAVI10, 0),
    W(mmBIOS_SCRATCH_6_SOC15, 0),
    W(mmBIOS_SCRATCH_7_SOC15, 0),
    WAIT(mmTHM_BACO_CNTL_11_0_2, THM_BACO_CNTL_11_0_2__BIT8, 0),
    WAIT_F(BACO_CNTL_SOC15, BACO_MODE, 0),
};

static const AMDRegTable smu9_check =
    TABLE(smu_running, STEPS(smu9_running));
static const AMDRegTable smu11_check =
    TABLE(smu_running, STEPS(smu11_running));
static const AMDRegTable vega10_prep[] = {
    TABLE(pre_baco_tbl, STEPS(vega10_pre_baco)),
};
static const AMDRegTable vega12_prep[] = {
    TABLE(pre_baco_tbl, STEPS(vega12_pre_baco)),
};
static const AMDRegTable vega10_enter_tbl =
    TABLE(enter_baco_tbl, STEPS(vega10_enter_msg), STEPS(vega10_enter_baco));
static const AMDRegTable vega12_enter_tbl =
    TABLE(enter_baco_tbl, STEPS(vega12_enter_msg), STEPS(vega10_enter_baco));
static const AMDRegTable vega10_exit_tbl =
    TABLE(exit_baco_tbl, STEPS(vega10_exit_baco));
static const AMDRegTable clean_tbl =
    TABLE(clean_baco_tbl, STEPS(scratch_6_7));
static const AMDRegTable vega20_enter_tbl =
    TABLE(enter_baco, STEPS(vega20_enter));
static const AMDRegTable vega20_exit_tbl =
    TABLE(exit_baco, STEPS(vega20_exit));
static const AMDRegTable navi10_enter_tbl =
    TABLE(enter_baco, STEPS(navi10_enter));
static const AMDRegTable navi10_exit_tbl =
    TABLE(exit_baco, STEPS(navi10_exit));
static const AMDRegTable none_tbl = { "none" };

const AMDBacoSequence amd_baco_vega10 = {
    .check = &smu9_check,
    .prep = vega10_prep,
    .prep_count = ARRAY_SIZE(vega10_prep),
    .enter = &vega10_enter_tbl,
    .exit = &vega10_exit_tbl,
    .clean = &clean_tbl,
};

const AMDBacoSequence amd_baco_vega12 = {
    .check = &smu9_check,
    .prep = vega12_prep,
    .prep_count = ARRAY_SIZE(vega12_prep),
    .enter = &vega12_enter_tbl,
    .exit = &vega10_exit_tbl,
    .clean = &clean_tbl,
};

const AMDBacoSequence amd_baco_vega20 = {
    .check = &smu11_check,
    .enter = &vega20_enter_tbl,
    .exit = &vega20_exit_tbl,
    .clean = &clean_tbl,
};

const AMDBacoSequence amd_baco_navi10 = {
    .check = &smu11_check,
    .enter = &navi10_enter_tbl,
    .exit = &navi10_exit_tbl,
    .clean = &none_tbl,
};

bool amd_soc15_baco_fused(const AMDResetDevice *dev)
{
    uint32_t v;

    dev->ops->mmio_write(dev->opaque, mmSMU9_BACO_FUSE_INDEX,
                         SMU9_BACO_FUSE_SELECT);
    v = dev->ops->mmio_read(dev->opaque, mmSMU9_BACO_FUSE_DATA);
    trace_vfio_quirk_amd_reset_baco_fuse(dev->name, v);
    return v == SMU9_BACO_FUSE_ON;
}
