/*
 * BACO register tables of AMD Tonga, Fiji and Polaris (VI) GPUs, and of
 * Bonaire and Hawaii (CIK)
 *
 * The tables restate, step by step, the tables of Linux amdgpu's
 * powerplay (drivers/gpu/drm/amd/pm/powerplay/hwmgr/tonga_baco.c,
 * fiji_baco.c, polaris_baco.c, ci_baco.c), with the register names of its
 * asic_reg headers (bif_5_0, smu_7_1_2/7_1_3, gmc_8_1, dce_10_0/11_0; for
 * CIK bif_4_1, smu_7_0_1, gmc_7_1, dce_8_0, gfx_7_2).
 * Where amdgpu writes the SMC index register as a row of its own, a step
 * here names the SMC register (AMD_REG_SMC) and the engine writes the
 * index when it changes, as the tables do.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/vfio/amd-reset.h"
#include "hw/vfio/amd-reset-cik-vi.h"
#include "hw/vfio/amd-reset-table.h"

/* Registers of the BACO tables; BAR5 byte offsets, SMC-indirect "ix" */
#define mmGPIOPAD_MASK                  0x0608
#define mmGPIOPAD_EN                    0x0610
#define mmGPIOPAD_PU_EN                 0x0648
#define mmGPIOPAD_PD_EN                 0x064c
#define mmMC_SEQ_DRAM                   0x2898
#define   MC_SEQ_DRAM__RST_CTL_MASK                     0x10000000
#define   MC_SEQ_DRAM__RST_CTL__SHIFT                   28
#define mmMC_IO_RXCNTL_DPHY0_D0         0x2930
#define mmMC_IO_RXCNTL_DPHY1_D0         0x2934
#define mmMC_IO_RXCNTL_DPHY0_D1         0x2948
#define mmMC_IO_RXCNTL_DPHY1_D1         0x294c
#define mmMC_SEQ_CNTL_2                 0x2b50
#define   MC_SEQ_CNTL_2__DRST_PU_MASK                   0x00000010
#define   MC_SEQ_CNTL_2__DRST_PU__SHIFT                 4
#define   MC_SEQ_CNTL_2__DRST_PD_MASK                   0x00000020
#define   MC_SEQ_CNTL_2__DRST_PD__SHIFT                 5
#define mmMCLK_PWRMGT_CNTL              0x2ba0
#define   MCLK_PWRMGT_CNTL__MRDCK0_PDNB_MASK            0x00000100
#define   MCLK_PWRMGT_CNTL__MRDCK0_PDNB__SHIFT          8
#define   MCLK_PWRMGT_CNTL__MRDCK1_PDNB_MASK            0x00000200
#define   MCLK_PWRMGT_CNTL__MRDCK1_PDNB__SHIFT          9
#define mmMPLL_CNTL_MODE                0x2bb0
#define   MPLL_CNTL_MODE__MPLL_SW_DIR_CONTROL_MASK      0x00000100
#define   MPLL_CNTL_MODE__MPLL_SW_DIR_CONTROL__SHIFT    8
#define   MPLL_CNTL_MODE__MPLL_MCLK_SEL_MASK            0x00000800
#define   MPLL_CNTL_MODE__MPLL_MCLK_SEL__SHIFT          11
#define   MPLL_CNTL_MODE__GLOBAL_MPLL_RESET_MASK        0x80000000
#define   MPLL_CNTL_MODE__GLOBAL_MPLL_RESET__SHIFT      31
#define mmMPLL_FUNC_CNTL_2              0x2bbc
#define   MPLL_FUNC_CNTL_2__ISO_DIS_P_MASK              0x00010000
#define   MPLL_FUNC_CNTL_2__ISO_DIS_P__SHIFT            16
#define mmMPLL_CONTROL                  0x2bd4
#define mmPOLARIS_3688                  0x3688  /* idx 0xda2, no name */
#define mmDC_GPIO_GENERIC_MASK          0x12180
#define mmDC_GPIO_GENERIC_EN            0x12188
#define mmDC_GPIO_DVODATA_MASK          0x12190
#define mmDC_GPIO_DVODATA_EN            0x12198
#define mmDC_GPIO_SYNCA_MASK            0x12210
#define mmDC_GPIO_SYNCA_EN              0x12218
#define mmDC_GPIO_PAD_STRENGTH_1        0x12250
#define   DC_GPIO_PAD_STRENGTH_1__GENLK_STRENGTH_SP_MASK  0x000000f0
#define   DC_GPIO_PAD_STRENGTH_1__GENLK_STRENGTH_SP__SHIFT 4

/* CIK: DCE 8.0 keeps the display GPIOs elsewhere; registers only it has */
#define mmDC_GPIO_GENERIC_MASK_DCE8     0x6510
#define mmDC_GPIO_GENERIC_EN_DCE8       0x6518
#define mmDC_GPIO_DVODATA_MASK_DCE8     0x6520
#define mmDC_GPIO_DVODATA_EN_DCE8       0x6528
#define mmDC_GPIO_SYNCA_MASK_DCE8       0x6590
#define mmDC_GPIO_SYNCA_EN_DCE8         0x6598
#define mmDISPPLL_BG_CNTL               0x04f0
#define   DISPPLL_BG_CNTL__DISPPLL_BG_PDN_MASK          0x00000001
#define   DISPPLL_BG_CNTL__DISPPLL_BG_PDN__SHIFT        0
#define mmPLL_CNTL                      0x5c1c      /* DCCG_PLL0_PLL_CNTL */
#define   PLL_CNTL__PLL_RESET_MASK                      0x00000001
#define   PLL_CNTL__PLL_RESET__SHIFT                    0
#define   PLL_CNTL__PLL_POWER_DOWN_MASK                 0x00000002
#define   PLL_CNTL__PLL_POWER_DOWN__SHIFT               1
#define   PLL_CNTL__PLL_BYPASS_CAL_MASK                 0x00000004
#define   PLL_CNTL__PLL_BYPASS_CAL__SHIFT               2
#define mmCP_PFP_UCODE_ADDR             0xc150

#define ixFB_REQ_REJ                    0xc0300024  /* no name, bit 0 */
#define ixGCK_DFS_BYPASS_CNTL           0xc0500118
#define   GCK_DFS_BYPASS_CNTL__BYPASSACLK_MASK          0x00000080
#define   GCK_DFS_BYPASS_CNTL__BYPASSACLK__SHIFT        7
#define ixCG_SPLL_FUNC_CNTL             0xc0500140
#define   CG_SPLL_FUNC_CNTL__SPLL_RESET_MASK            0x00000001
#define   CG_SPLL_FUNC_CNTL__SPLL_RESET__SHIFT          0
#define   CG_SPLL_FUNC_CNTL__SPLL_PWRON_MASK            0x00000002
#define   CG_SPLL_FUNC_CNTL__SPLL_PWRON__SHIFT          1
#define   CG_SPLL_FUNC_CNTL__SPLL_BYPASS_EN_MASK        0x00000008
#define   CG_SPLL_FUNC_CNTL__SPLL_BYPASS_EN__SHIFT      3
#define ixCG_SPLL_FUNC_CNTL_2           0xc0500144
#define   CG_SPLL_FUNC_CNTL_2__SPLL_BYPASS_CHG_MASK     0x00400000
#define   CG_SPLL_FUNC_CNTL_2__SPLL_BYPASS_CHG__SHIFT   22
#define   CG_SPLL_FUNC_CNTL_2__SPLL_CTLREQ_CHG_MASK     0x00800000
#define   CG_SPLL_FUNC_CNTL_2__SPLL_CTLREQ_CHG__SHIFT   23
#define ixCG_SPLL_STATUS                0xc050015c
#define   CG_SPLL_STATUS__SPLL_CHG_STATUS_MASK          0x00000002
#define ixCLK_0170                      0xc0500170  /* no name, bits 25-27 */
#define   CLK_0170__BIT25_MASK                          0x02000000
#define   CLK_0170__BIT26_MASK                          0x04000000
#define   CLK_0170__BIT27_MASK                          0x08000000
#define ixMPLL_BYPASSCLK_SEL            0xc050019c
#define   MPLL_BYPASSCLK_SEL__MPLL_CLKOUT_SEL_MASK      0x0000ff00
#define   MPLL_BYPASSCLK_SEL__MPLL_CLKOUT_SEL__SHIFT    8
#define ixCG_CLKPIN_CNTL                0xc05001a0
#define   CG_CLKPIN_CNTL__BCLK_AS_XCLK_MASK             0x00000004
#define   CG_CLKPIN_CNTL__BCLK_AS_XCLK__SHIFT           2
#define ixCG_CLKPIN_CNTL_2              0xc05001a4
#define   CG_CLKPIN_CNTL_2__FORCE_BIF_REFCLK_EN_MASK    0x00000008
#define   CG_CLKPIN_CNTL_2__FORCE_BIF_REFCLK_EN__SHIFT  3
#define ixTHM_CLK_CNTL                  0xc05001a8
#define   THM_CLK_CNTL__CMON_CLK_SEL_MASK               0x000000ff
#define   THM_CLK_CNTL__CMON_CLK_SEL__SHIFT             0
#define   THM_CLK_CNTL__TMON_CLK_SEL_MASK               0x0000ff00
#define   THM_CLK_CNTL__TMON_CLK_SEL__SHIFT             8
#define ixMISC_CLK_CTRL                 0xc05001ac
#define   MISC_CLK_CTRL__DEEP_SLEEP_CLK_SEL_MASK        0x000000ff
#define   MISC_CLK_CTRL__DEEP_SLEEP_CLK_SEL__SHIFT      0
#define   MISC_CLK_CTRL__ZCLK_SEL_MASK                  0x0000ff00
#define   MISC_CLK_CTRL__ZCLK_SEL__SHIFT                8
#define ixCG_CLKPIN_CNTL_DC             0xc0500204  /* CIK only */
#define   CG_CLKPIN_CNTL_DC__OSC_EN_MASK                0x00000001
#define   CG_CLKPIN_CNTL_DC__OSC_EN__SHIFT              0
#define   CG_CLKPIN_CNTL_DC__XTALIN_SEL_MASK            0x00001c00
#define   CG_CLKPIN_CNTL_DC__XTALIN_SEL__SHIFT          10
#define   MISC_CLK_CTRL__DFT_SMS_PG_CLK_SEL_MASK        0x00ff0000  /* CIK */
#define   MISC_CLK_CTRL__DFT_SMS_PG_CLK_SEL__SHIFT      16
#define ixPOLARIS_0080                  0xc0500080  /* no name, bit 0 */
#define ixPOLARIS_02B0                  0xc05002b0  /* no name, bit 4 */
#define ixPOLARIS_032C                  0xc050032c  /* no name, bit 4 */

/*
 * Step lists, each written once; the tables below put them together in
 * the order of amdgpu's tables.
 */

/* GPIO pads and display GPIOs quiet */
static const AMDRegStep gpiopad[] = {
    W(mmGPIOPAD_EN, 0),
    W(mmGPIOPAD_PD_EN, 0),
    W(mmGPIOPAD_PU_EN, 0),
    W(mmGPIOPAD_MASK, 0xff77ffff),
};

static const AMDRegStep dc_gpio[] = {
    W(mmDC_GPIO_DVODATA_EN, 0),
    W(mmDC_GPIO_DVODATA_MASK, 0xffffffff),
    W(mmDC_GPIO_GENERIC_EN, 0),
    RMW(mmDC_GPIO_GENERIC_MASK, 0, 0, 0x03333333),
    W(mmDC_GPIO_SYNCA_EN, 0),
    RMW(mmDC_GPIO_SYNCA_MASK, 0, 0, 0x00001111),
};

/* CIK: the same at the DCE 8.0 offsets */
static const AMDRegStep dc_gpio_dce8[] = {
    W(mmDC_GPIO_DVODATA_EN_DCE8, 0),
    W(mmDC_GPIO_DVODATA_MASK_DCE8, 0xffffffff),
    W(mmDC_GPIO_GENERIC_EN_DCE8, 0),
    RMW(mmDC_GPIO_GENERIC_MASK_DCE8, 0, 0, 0x03333333),
    W(mmDC_GPIO_SYNCA_EN_DCE8, 0),
    RMW(mmDC_GPIO_SYNCA_MASK_DCE8, 0, 0, 0x00001111),
};

/* Framebuffer requests rejected, framebuffer access off */
static const AMDRegStep fb_req_rej[] = {
    SET_IX(FB_REQ_REJ, 0x1),
    W(mmBIF_FB_EN, 0),
};

/* Engine clock to bypass, with the SPLL handshakes */
static const AMDRegStep spll_bypass_handshake[] = {
    RMW_IX(CG_SPLL_FUNC_CNTL, SPLL_BYPASS_EN, 1),
    RMW_IX(CG_SPLL_FUNC_CNTL_2, SPLL_BYPASS_CHG, 1),
    WAIT_IX(CG_SPLL_STATUS, CG_SPLL_STATUS__SPLL_CHG_STATUS_MASK,
            CG_SPLL_STATUS__SPLL_CHG_STATUS_MASK),
    RMW_IX(CG_SPLL_FUNC_CNTL_2, SPLL_BYPASS_CHG, 0),
    RMW_IX(CG_SPLL_FUNC_CNTL_2, SPLL_CTLREQ_CHG, 1),
    WAIT_IX(CG_SPLL_STATUS, CG_SPLL_STATUS__SPLL_CHG_STATUS_MASK,
            CG_SPLL_STATUS__SPLL_CHG_STATUS_MASK),
    RMW_IX(CG_SPLL_FUNC_CNTL_2, SPLL_CTLREQ_CHG, 0),
    SET_IX(CLK_0170, CLK_0170__BIT26_MASK),
    RMW_IX(MPLL_BYPASSCLK_SEL, MPLL_CLKOUT_SEL, 2),
};

/* Polaris: engine clock to bypass without handshake */
static const AMDRegStep polaris_spll_bypass[] = {
    RMW_IX(CG_SPLL_FUNC_CNTL, SPLL_BYPASS_EN, 1),
    SET_IX(CLK_0170, CLK_0170__BIT26_MASK),
    RMW_IX(GCK_DFS_BYPASS_CNTL, BYPASSACLK, 1),
    RMW_IX(MPLL_BYPASSCLK_SEL, MPLL_CLKOUT_SEL, 2),
};

/* Memory clock under software control */
static const AMDRegStep mpll_sw_control[] = {
    RMW_F(MPLL_CNTL_MODE, MPLL_SW_DIR_CONTROL, 1),
    RMW_F(MPLL_CNTL_MODE, MPLL_MCLK_SEL, 0),
};

/* CIK: display PLL and the display reference clock off */
static const AMDRegStep ci_disp_plls_off[] = {
    RMW_F(DISPPLL_BG_CNTL, DISPPLL_BG_PDN, 1),
    RMW_IX(CG_CLKPIN_CNTL_DC, OSC_EN, 0),
    RMW_IX(CG_CLKPIN_CNTL_DC, XTALIN_SEL, 0),
    RMW_F(PLL_CNTL, PLL_RESET, 1),
    RMW_F(PLL_CNTL, PLL_POWER_DOWN, 1),
    RMW_F(PLL_CNTL, PLL_BYPASS_CAL, 1),
};

/* Engine PLL off */
static const AMDRegStep spll_off[] = {
    RMW_IX(CG_SPLL_FUNC_CNTL, SPLL_RESET, 1),
    RMW_IX(CG_SPLL_FUNC_CNTL, SPLL_PWRON, 0),
    SET_IX(CLK_0170, CLK_0170__BIT25_MASK),
    CLR_IX(CLK_0170, CLK_0170__BIT27_MASK),
};

/* Tonga: memory PLL and memory interface off */
static const AMDRegStep tonga_mpll_off[] = {
    RMW_F(MPLL_CNTL_MODE, GLOBAL_MPLL_RESET, 1),
    W(mmMPLL_CONTROL, 0x00000006),
    W(mmMC_IO_RXCNTL_DPHY0_D0, 0x00007740),
    W(mmMC_IO_RXCNTL_DPHY0_D1, 0x00007740),
    W(mmMC_IO_RXCNTL_DPHY1_D0, 0x00007740),
    W(mmMC_IO_RXCNTL_DPHY1_D1, 0x00007740),
    RMW_F(MCLK_PWRMGT_CNTL, MRDCK0_PDNB, 0),
    RMW_F(MCLK_PWRMGT_CNTL, MRDCK1_PDNB, 0),
    RMW_F(MC_SEQ_CNTL_2, DRST_PU, 0),
    RMW_F(MC_SEQ_CNTL_2, DRST_PD, 0),
};

/* Polaris: memory and PLLs off, with its own handshakes and delays */
static const AMDRegStep polaris_plls_off[] = {
    RMW_F(DC_GPIO_PAD_STRENGTH_1, GENLK_STRENGTH_SP, 1),
    DELAY_US(1),
    RMW_F(MC_SEQ_DRAM, RST_CTL, 1),
    SET_IX(POLARIS_02B0, 0x10),
    WAIT_IX(POLARIS_02B0, 0x10, 0),
    SET_IX(POLARIS_032C, 0x10),
    WAIT_IX(POLARIS_032C, 0x10, 0),
    SET_IX(POLARIS_0080, 0x1),
    RMW(mmPOLARIS_3688, 0x40, 6, 0),
    DELAY_US(3),
    RMW(mmPOLARIS_3688, 0x8, 3, 0),
    RMW(mmPOLARIS_3688, 0x3fff00, 8, 0x32),
    DELAY_US(3),
    RMW_F(MPLL_FUNC_CNTL_2, ISO_DIS_P, 0),
    DELAY_US(5),
};

/* Clock pins and the sleep and monitor clocks to the bus clock */
static const AMDRegStep clkpin_refclk[] = {
    RMW_IX(CG_CLKPIN_CNTL_2, FORCE_BIF_REFCLK_EN, 0),
    RMW_IX(MPLL_BYPASSCLK_SEL, MPLL_CLKOUT_SEL, 4),
};

static const AMDRegStep misc_clk[] = {
    RMW_IX(MISC_CLK_CTRL, DEEP_SLEEP_CLK_SEL, 1),
    RMW_IX(MISC_CLK_CTRL, ZCLK_SEL, 1),
};

static const AMDRegStep clkpin_bclk[] = {
    RMW_IX(CG_CLKPIN_CNTL, BCLK_AS_XCLK, 0),
};

static const AMDRegStep thm_clk[] = {
    RMW_IX(THM_CLK_CNTL, CMON_CLK_SEL, 1),
    RMW_IX(THM_CLK_CNTL, TMON_CLK_SEL, 1),
};

/* CIK: the same clocks to the other source, and the DFT/SMS one too */
static const AMDRegStep ci_misc_thm_clk[] = {
    RMW_IX(MISC_CLK_CTRL, DEEP_SLEEP_CLK_SEL, 2),
    RMW_IX(MISC_CLK_CTRL, ZCLK_SEL, 2),
    RMW_IX(MISC_CLK_CTRL, DFT_SMS_PG_CLK_SEL, 2),
    RMW_IX(THM_CLK_CNTL, CMON_CLK_SEL, 2),
    RMW_IX(THM_CLK_CNTL, TMON_CLK_SEL, 2),
};

/*
 * Isolate the chip and power it off; BACO_MODE says it is done.  BIF 4.1
 * (CIK) has no BACO_BIF_SCLK_SWITCH: its table leaves those steps out.
 */
static const AMDRegStep baco_en[] = {
    RMW_F(BACO_CNTL, BACO_EN, 1),
};

static const AMDRegStep bif_sclk_switch_on[] = {
    RMW_F(BACO_CNTL, BACO_BIF_SCLK_SWITCH, 1),
    WAIT_F(BACO_CNTL, BACO_BIF_SCLK_SWITCH, 1),
};

static const AMDRegStep baco_power_off[] = {
    RMW_F(BACO_CNTL, BACO_BCLK_OFF, 1),
    WAIT_F(BACO_CNTL, BACO_BCLK_OFF, 1),
    RMW_F(BACO_CNTL, BACO_ISO_DIS, 0),
    WAIT_F(BACO_CNTL, BACO_ISO_DIS, 0),
    RMW_F(BACO_CNTL, BACO_ANA_ISO_DIS, 0),
    WAIT_F(BACO_CNTL, BACO_ANA_ISO_DIS, 0),
    RMW_F(BACO_CNTL, BACO_POWER_OFF, 1),
    WAIT_F(BACO_CNTL, BACO_POWER_OFF, 1),
    WAIT_F(BACO_CNTL, BACO_MODE, 1),
};

#define BACO_CNTL__PWRGOOD_MASK     (BACO_CNTL__PWRGOOD_GPIO_MASK | \
                                     BACO_CNTL__PWRGOOD_MEM_MASK | \
                                     BACO_CNTL__PWRGOOD_DVO_MASK)

/*
 * Power on, wait for the power rails, lift the isolation, leave BACO.
 * CIK's table waits 20 ms after the power-on and has no
 * BACO_BIF_SCLK_SWITCH; it is amdgpu's ci_baco.c table as fixed in 2020
 * (the fix was first posted with "drm/amd/pm: enable baco reset for
 * Hawaii"), whose waits compare with the PWRGOOD_BF, PWRGOOD and
 * RCU_BIF_CONFIG_DONE masks where the older one compared with values
 * those masks can never produce.
 */
static const AMDRegStep baco_power_on[] = {
    RMW_F(BACO_CNTL, BACO_RESET_EN, 1),
    RMW_F(BACO_CNTL, BACO_BCLK_OFF, 0),
    RMW_F(BACO_CNTL, BACO_POWER_OFF, 0),
};

static const AMDRegStep ci_power_on_delay[] = {
    DELAY_US(20000),                /* amdgpu: CMD_DELAY_MS, 20 */
};

static const AMDRegStep baco_iso_off[] = {
    WAIT_F(BACO_CNTL, PWRGOOD_BF, 1),
    RMW_F(BACO_CNTL, BACO_ISO_DIS, 1),
    WAIT(mmBACO_CNTL, BACO_CNTL__PWRGOOD_MASK, BACO_CNTL__PWRGOOD_MASK),
    RMW_F(BACO_CNTL, BACO_ANA_ISO_DIS, 1),
};

static const AMDRegStep bif_sclk_switch_off[] = {
    RMW_F(BACO_CNTL, BACO_BIF_SCLK_SWITCH, 0),
};

static const AMDRegStep baco_leave[] = {
    RMW_F(BACO_CNTL, BACO_RESET_EN, 0),
    WAIT_F(BACO_CNTL, RCU_BIF_CONFIG_DONE, 1),
    RMW_F(BACO_CNTL, BACO_EN, 0),
    WAIT_F(BACO_CNTL, BACO_MODE, 0),
};

/* The VBIOS scratch registers as after power-on: the board needs a POST */
static const AMDRegStep scratch_6_7[] = {
    W(mmBIOS_SCRATCH_6, 0),
    W(mmBIOS_SCRATCH_7, 0),
};

/* CIK: and the PFP microcode address the guest driver left */
static const AMDRegStep ci_pfp_ucode_addr[] = {
    W(mmCP_PFP_UCODE_ADDR, 0),
};

#define SCRATCH(n)  W(mmBIOS_SCRATCH_0 + 4 * (n), 0)

static const AMDRegStep scratch_0_15[] = {
    SCRATCH(0), SCRATCH(1), SCRATCH(2), SCRATCH(3),
    SCRATCH(4), SCRATCH(5), SCRATCH(6), SCRATCH(7),
    SCRATCH(8), SCRATCH(9), SCRATCH(10), SCRATCH(11),
    SCRATCH(12), SCRATCH(13), SCRATCH(14), SCRATCH(15),
};

/*
 * The tables, named and ordered as in amdgpu's tonga_baco.c, fiji_baco.c,
 * polaris_baco.c and ci_baco.c; the preparation tables of each chip run in
 * the order of its <chip>_baco_set_state()
 */
static const AMDRegTable enter_baco_tbl =
    TABLE(enter_baco_tbl, STEPS(baco_en), STEPS(bif_sclk_switch_on),
          STEPS(baco_power_off));
static const AMDRegTable exit_baco_tbl =
    TABLE(exit_baco_tbl, STEPS(baco_power_on), STEPS(baco_iso_off),
          STEPS(bif_sclk_switch_off), STEPS(baco_leave));
static const AMDRegTable clean_baco_tbl =
    TABLE(clean_baco_tbl, STEPS(scratch_6_7));

static const AMDRegTable tonga_baco_prep[] = {
    TABLE(gpio_tbl, STEPS(gpiopad), STEPS(dc_gpio)),
    TABLE(enable_fb_req_rej_tbl, STEPS(fb_req_rej)),
    TABLE(use_bclk_tbl, STEPS(spll_bypass_handshake),
          STEPS(mpll_sw_control)),
    TABLE(turn_off_plls_tbl, STEPS(spll_off), STEPS(tonga_mpll_off),
          STEPS(clkpin_refclk), STEPS(misc_clk), STEPS(clkpin_bclk),
          STEPS(thm_clk)),
};

const AMDBacoSequence amd_baco_tonga = {
    .prep = tonga_baco_prep,
    .prep_count = ARRAY_SIZE(tonga_baco_prep),
    .enter = &enter_baco_tbl,
    .exit = &exit_baco_tbl,
    .clean = &clean_baco_tbl,
};

static const AMDRegTable fiji_baco_prep[] = {
    TABLE(gpio_tbl, STEPS(gpiopad), STEPS(dc_gpio)),
    TABLE(enable_fb_req_rej_tbl, STEPS(fb_req_rej)),
    TABLE(use_bclk_tbl, STEPS(spll_bypass_handshake)),
    TABLE(turn_off_plls_tbl, STEPS(spll_off)),
    TABLE(clk_req_b_tbl, STEPS(clkpin_refclk), STEPS(misc_clk),
          STEPS(clkpin_bclk), STEPS(thm_clk)),
};

static const AMDRegTable fiji_clean_baco_tbl =
    TABLE(clean_baco_tbl, STEPS(scratch_0_15));

const AMDBacoSequence amd_baco_fiji = {
    .prep = fiji_baco_prep,
    .prep_count = ARRAY_SIZE(fiji_baco_prep),
    .enter = &enter_baco_tbl,
    .exit = &exit_baco_tbl,
    .clean = &fiji_clean_baco_tbl,
};

static const AMDRegTable polaris_baco_prep[] = {
    TABLE(gpio_tbl, STEPS(gpiopad), STEPS(dc_gpio)),
    TABLE(enable_fb_req_rej_tbl, STEPS(fb_req_rej)),
    TABLE(use_bclk_tbl, STEPS(polaris_spll_bypass), STEPS(mpll_sw_control)),
    TABLE(turn_off_plls_tbl, STEPS(polaris_plls_off)),
    TABLE(clk_req_b_tbl, STEPS(thm_clk), STEPS(misc_clk),
          STEPS(clkpin_bclk), STEPS(clkpin_refclk)),
};

const AMDBacoSequence amd_baco_polaris = {
    .prep = polaris_baco_prep,
    .prep_count = ARRAY_SIZE(polaris_baco_prep),
    .enter = &enter_baco_tbl,
    .exit = &exit_baco_tbl,
    .clean = &clean_baco_tbl,
};

static const AMDRegTable ci_baco_prep[] = {
    TABLE(gpio_tbl, STEPS(gpiopad), STEPS(dc_gpio_dce8)),
    TABLE(enable_fb_req_rej_tbl, STEPS(fb_req_rej)),
    TABLE(use_bclk_tbl, STEPS(spll_bypass_handshake),
          STEPS(mpll_sw_control)),
    TABLE(turn_off_plls_tbl, STEPS(ci_disp_plls_off), STEPS(spll_off),
          STEPS(tonga_mpll_off), STEPS(clkpin_refclk),
          STEPS(ci_misc_thm_clk)),
};

static const AMDRegTable ci_enter_baco_tbl =
    TABLE(enter_baco_tbl, STEPS(baco_en), STEPS(baco_power_off));
static const AMDRegTable ci_exit_baco_tbl =
    TABLE(exit_baco_tbl, STEPS(baco_power_on), STEPS(ci_power_on_delay),
          STEPS(baco_iso_off), STEPS(baco_leave));
static const AMDRegTable ci_clean_baco_tbl =
    TABLE(clean_baco_tbl, STEPS(scratch_6_7), STEPS(ci_pfp_ucode_addr));

const AMDBacoSequence amd_baco_ci = {
    .prep = ci_baco_prep,
    .prep_count = ARRAY_SIZE(ci_baco_prep),
    .enter = &ci_enter_baco_tbl,
    .exit = &ci_exit_baco_tbl,
    .clean = &ci_clean_baco_tbl,
};
