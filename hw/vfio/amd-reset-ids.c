/*
 * AMD GPUs that need a device-specific reset, as data: device IDs, the
 * families they belong to, each family's reset methods in order of
 * preference and the register tables of its BACO sequence.
 *
 * To add a device, give its physical PCI ID, the family it belongs to and
 * its pci.ids name, keep the rows in ascending order, and say in the commit
 * message on which card and host the reset was tested.  A device that is
 * not listed can be tried first with x-amd-reset=on.
 *
 * The BACO tables restate, step by step, the tables of Linux amdgpu's
 * powerplay (drivers/gpu/drm/amd/pm/powerplay/hwmgr/tonga_baco.c,
 * fiji_baco.c, polaris_baco.c), with the register names of its
 * asic_reg headers (bif_5_0, smu_7_1_2/7_1_3, gmc_8_1, dce_10_0/11_0).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/vfio/amd-reset.h"

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
#define ixPOLARIS_0080                  0xc0500080  /* no name, bit 0 */
#define ixPOLARIS_02B0                  0xc05002b0  /* no name, bit 4 */
#define ixPOLARIS_032C                  0xc050032c  /* no name, bit 4 */

#define W(r, v)             { AMD_REG_WRITE, 0, 0, r, 0, v }
#define RMW(r, m, s, v)     { AMD_REG_RMW, 0, s, r, m, v }
#define RMW_F(r, f, v)      { AMD_REG_RMW, 0, r##__##f##__SHIFT, mm##r, \
                              r##__##f##_MASK, v }
#define WAIT_F(r, f, v)     { AMD_REG_WAIT, 0, 0, mm##r, r##__##f##_MASK, \
                              (v) ? r##__##f##_MASK : 0 }
#define RMW_IX(r, f, v)     { AMD_REG_RMW, AMD_REG_IX, r##__##f##__SHIFT, \
                              ix##r, r##__##f##_MASK, v }
#define SET_IX(r, m)        { AMD_REG_RMW, AMD_REG_IX, 0, ix##r, m, m }
#define CLR_IX(r, m)        { AMD_REG_RMW, AMD_REG_IX, 0, ix##r, m, 0 }
#define WAIT_IX(r, m, v)    { AMD_REG_WAIT, AMD_REG_IX, 0, ix##r, m, v }
#define DELAY_US(n)         { AMD_REG_DELAY_US, 0, 0, 0, 0, n }

#define STEPS(a)            { a, ARRAY_SIZE(a) }
#define TABLE(name, ...)    { #name, { __VA_ARGS__ } }

/*
 * Step lists, each written once; the tables below put them together in
 * the order of amdgpu's tables.
 */

/* GPIO pads and display GPIOs quiet */
static const AMDRegStep gpio[] = {
    W(mmGPIOPAD_EN, 0),
    W(mmGPIOPAD_PD_EN, 0),
    W(mmGPIOPAD_PU_EN, 0),
    W(mmGPIOPAD_MASK, 0xff77ffff),
    W(mmDC_GPIO_DVODATA_EN, 0),
    W(mmDC_GPIO_DVODATA_MASK, 0xffffffff),
    W(mmDC_GPIO_GENERIC_EN, 0),
    RMW(mmDC_GPIO_GENERIC_MASK, 0, 0, 0x03333333),
    W(mmDC_GPIO_SYNCA_EN, 0),
    RMW(mmDC_GPIO_SYNCA_MASK, 0, 0, 0x00001111),
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

/* Isolate the chip and power it off; BACO_MODE says it is done */
static const AMDRegStep enter_baco[] = {
    RMW_F(BACO_CNTL, BACO_EN, 1),
    RMW_F(BACO_CNTL, BACO_BIF_SCLK_SWITCH, 1),
    WAIT_F(BACO_CNTL, BACO_BIF_SCLK_SWITCH, 1),
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

/* Power on, wait for the power rails, lift the isolation, leave BACO */
static const AMDRegStep exit_baco[] = {
    RMW_F(BACO_CNTL, BACO_RESET_EN, 1),
    RMW_F(BACO_CNTL, BACO_BCLK_OFF, 0),
    RMW_F(BACO_CNTL, BACO_POWER_OFF, 0),
    WAIT_F(BACO_CNTL, PWRGOOD_BF, 1),
    RMW_F(BACO_CNTL, BACO_ISO_DIS, 1),
    { AMD_REG_WAIT, 0, 0, mmBACO_CNTL, BACO_CNTL__PWRGOOD_MASK,
      BACO_CNTL__PWRGOOD_MASK },
    RMW_F(BACO_CNTL, BACO_ANA_ISO_DIS, 1),
    RMW_F(BACO_CNTL, BACO_BIF_SCLK_SWITCH, 0),
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

#define SCRATCH(n)  W(mmBIOS_SCRATCH_0 + 4 * (n), 0)

static const AMDRegStep scratch_0_15[] = {
    SCRATCH(0), SCRATCH(1), SCRATCH(2), SCRATCH(3),
    SCRATCH(4), SCRATCH(5), SCRATCH(6), SCRATCH(7),
    SCRATCH(8), SCRATCH(9), SCRATCH(10), SCRATCH(11),
    SCRATCH(12), SCRATCH(13), SCRATCH(14), SCRATCH(15),
};

/* The tables, named and ordered as amdgpu's (facts: per-chip _baco.c) */
static const AMDRegTable tonga_baco_enter[] = {
    TABLE(gpio_tbl, STEPS(gpio)),
    TABLE(enable_fb_req_rej_tbl, STEPS(fb_req_rej)),
    TABLE(use_bclk_tbl, STEPS(spll_bypass_handshake),
          STEPS(mpll_sw_control)),
    TABLE(turn_off_plls_tbl, STEPS(spll_off), STEPS(tonga_mpll_off),
          STEPS(clkpin_refclk), STEPS(misc_clk), STEPS(clkpin_bclk),
          STEPS(thm_clk)),
    TABLE(enter_baco_tbl, STEPS(enter_baco)),
};

static const AMDRegTable fiji_baco_enter[] = {
    TABLE(gpio_tbl, STEPS(gpio)),
    TABLE(enable_fb_req_rej_tbl, STEPS(fb_req_rej)),
    TABLE(use_bclk_tbl, STEPS(spll_bypass_handshake)),
    TABLE(turn_off_plls_tbl, STEPS(spll_off)),
    TABLE(clk_req_b_tbl, STEPS(clkpin_refclk), STEPS(misc_clk),
          STEPS(clkpin_bclk), STEPS(thm_clk)),
    TABLE(enter_baco_tbl, STEPS(enter_baco)),
};

static const AMDRegTable polaris_baco_enter[] = {
    TABLE(gpio_tbl, STEPS(gpio)),
    TABLE(enable_fb_req_rej_tbl, STEPS(fb_req_rej)),
    TABLE(use_bclk_tbl, STEPS(polaris_spll_bypass), STEPS(mpll_sw_control)),
    TABLE(turn_off_plls_tbl, STEPS(polaris_plls_off)),
    TABLE(clk_req_b_tbl, STEPS(thm_clk), STEPS(misc_clk),
          STEPS(clkpin_bclk), STEPS(clkpin_refclk)),
    TABLE(enter_baco_tbl, STEPS(enter_baco)),
};

static const AMDRegTable baco_exit[] = {
    TABLE(exit_baco_tbl, STEPS(exit_baco)),
    TABLE(clean_baco_tbl, STEPS(scratch_6_7)),
};

static const AMDRegTable fiji_baco_exit[] = {
    TABLE(exit_baco_tbl, STEPS(exit_baco)),
    TABLE(clean_baco_tbl, STEPS(scratch_0_15)),
};

#define AMD_BACO(enter, exit) { enter, ARRAY_SIZE(enter), \
                                exit, ARRAY_SIZE(exit) }

static const AMDBacoSequence tonga_baco = AMD_BACO(tonga_baco_enter,
                                                   baco_exit);
static const AMDBacoSequence fiji_baco = AMD_BACO(fiji_baco_enter,
                                                  fiji_baco_exit);
static const AMDBacoSequence polaris_baco = AMD_BACO(polaris_baco_enter,
                                                     baco_exit);

#define AMD_RESET_TIMING \
    .settle_us = AMD_RESET_SETTLE_US, \
    .ready_timeout_us = AMD_RESET_READY_TIMEOUT_US, \
    .baco_wait_timeout_us = AMD_BACO_WAIT_TIMEOUT_US, \
    .baco_total_us = AMD_BACO_TOTAL_US, \
    .baco_gap_us = AMD_BACO_GAP_US, \
    .baco_poll_us = AMD_BACO_POLL_US

/*
 * GCN 1.1: SMU 7.0.1, BIF 4.1.  The config reset only: radeon drives these
 * chips with it, and amdgpu's CIK BACO tables needed a fix as late as 2020.
 */
static const AMDResetFamily amd_reset_family_cik = {
    .name = "CIK",
    .methods = { AMD_RESET_METHOD_CONFIG },
    .pptable = AMD_PPTABLE_V0,
    AMD_RESET_TIMING,
};

/*
 * GCN 1.2 (VI): amdgpu's vi_asic_reset_method() prefers BACO when the
 * board supports it and falls back to the config reset, whose SMC, RCU and
 * CONFIG_MEMSIZE registers are those of CIK.
 */
static const AMDResetFamily amd_reset_family_tonga = {
    .name = "Tonga",
    .methods = { AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_CONFIG },
    .baco = &tonga_baco,
    .pptable = AMD_PPTABLE_V1,
    AMD_RESET_TIMING,
};

static const AMDResetFamily amd_reset_family_fiji = {
    .name = "Fiji",
    .methods = { AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_CONFIG },
    .baco = &fiji_baco,
    .pptable = AMD_PPTABLE_V1,
    AMD_RESET_TIMING,
};

static const AMDResetFamily amd_reset_family_polaris = {
    .name = "Polaris",
    .methods = { AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_CONFIG },
    .baco = &polaris_baco,
    .pptable = AMD_PPTABLE_V1,
    AMD_RESET_TIMING,
};

#define AMD_ID(dev, fam, str)   { AMD_RESET_VENDOR_ID, dev, \
                                  &amd_reset_family_##fam, str }

/*
 * Not listed:
 * - 0x692f (Tonga XTV GL [FirePro S7150V]) is the MxGPU virtual function
 *   of the S7150; a VF must never issue a chip-wide reset;
 * - Topaz (0x6900-0x6907) runs Tonga's BACO function but keeps its BACO
 *   cap in the other PowerPlay table format, and its own exit table; none
 *   of that is covered by tests yet;
 * - VegaM (0x694c, 0x694e, 0x694f): amdgpu does not BACO-reset it.
 */
const AMDResetDeviceId amd_reset_ids[] = {
    /* Bonaire */
    AMD_ID(0x6640, cik, "Saturn XT [FirePro M6100]"),
    AMD_ID(0x6641, cik, "Saturn PRO [Radeon HD 8930M]"),
    AMD_ID(0x6646, cik, "Bonaire XT [Radeon R9 M280X]"),
    AMD_ID(0x6647, cik, "Saturn PRO/XT [Radeon R9 M270X/M280X]"),
    AMD_ID(0x6649, cik, "Bonaire [FirePro W5100]"),
    AMD_ID(0x6650, cik, "Bonaire"),
    AMD_ID(0x6651, cik, "Bonaire"),
    AMD_ID(0x6658, cik, "Bonaire XTX [Radeon R7 260X/360]"),
    AMD_ID(0x665c, cik,
           "Bonaire XT [Radeon HD 7790/8770 / R7 360 / R9 260/360 OEM]"),
    AMD_ID(0x665d, cik, "Bonaire [Radeon R7 200 Series]"),
    AMD_ID(0x665f, cik, "Tobago PRO [Radeon R7 360 / R9 360 OEM]"),
    /* Hawaii */
    AMD_ID(0x67a0, cik, "Hawaii XT GL [FirePro W9100]"),
    AMD_ID(0x67a1, cik, "Hawaii PRO GL [FirePro W8100]"),
    AMD_ID(0x67a2, cik, "Hawaii GL"),
    AMD_ID(0x67a8, cik, "Hawaii"),
    AMD_ID(0x67a9, cik, "Hawaii"),
    AMD_ID(0x67aa, cik, "Hawaii"),
    AMD_ID(0x67b0, cik, "Hawaii XT / Grenada XT [Radeon R9 290X/390X]"),
    AMD_ID(0x67b1, cik, "Hawaii PRO [Radeon R9 290/390]"),
    AMD_ID(0x67b8, cik, "Hawaii XT [Radeon R9 290X Engineering Sample]"),
    AMD_ID(0x67b9, cik, "Vesuvius [Radeon R9 295X2]"),
    AMD_ID(0x67ba, cik, "Hawaii"),
    AMD_ID(0x67be, cik, "Hawaii LE"),
    /* Polaris10 */
    AMD_ID(0x67c0, polaris, "Ellesmere [Radeon Pro WX 7100 Mobile]"),
    AMD_ID(0x67c1, polaris, "Ellesmere"),
    AMD_ID(0x67c2, polaris, "Ellesmere [Radeon Pro V7300X / V7350x2]"),
    AMD_ID(0x67c4, polaris, "Ellesmere [Radeon Pro WX 7100]"),
    AMD_ID(0x67c7, polaris, "Ellesmere [Radeon Pro WX 5100]"),
    AMD_ID(0x67c8, polaris, "Ellesmere"),
    AMD_ID(0x67c9, polaris, "Ellesmere"),
    AMD_ID(0x67ca, polaris, "Ellesmere [Polaris10]"),
    AMD_ID(0x67cc, polaris, "Ellesmere [Polaris10]"),
    AMD_ID(0x67cf, polaris, "Ellesmere [Polaris10]"),
    AMD_ID(0x67d0, polaris, "Ellesmere [Radeon Pro V7300X / V7350x2]"),
    AMD_ID(0x67df, polaris,
           "Ellesmere [Radeon RX 470/480/570/570X/580/580X/590]"),
    /* Polaris11 */
    AMD_ID(0x67e0, polaris, "Baffin [Radeon Pro WX 4170]"),
    AMD_ID(0x67e1, polaris, "Baffin [Polaris11]"),
    AMD_ID(0x67e3, polaris, "Baffin [Radeon Pro WX 4100]"),
    AMD_ID(0x67e7, polaris, "Baffin"),
    AMD_ID(0x67e8, polaris, "Baffin [Radeon Pro WX 4130/4150]"),
    AMD_ID(0x67e9, polaris, "Baffin [Polaris11]"),
    AMD_ID(0x67eb, polaris, "Baffin [Radeon Pro V5300X]"),
    AMD_ID(0x67ef, polaris,
           "Baffin [Radeon RX 460/560D / Pro 450/455/460/555/555X/560/560X]"),
    AMD_ID(0x67ff, polaris, "Baffin [Radeon RX 550 640SP / RX 560/560X]"),
    /* Tonga */
    AMD_ID(0x6920, tonga, "Amethyst [Radeon R9 M395/ M395X Mac Edition]"),
    AMD_ID(0x6921, tonga, "Amethyst XT [Radeon R9 M295X / M390X]"),
    AMD_ID(0x6928, tonga, "Tonga"),
    AMD_ID(0x6929, tonga, "Tonga XT GL [FirePro S7150]"),
    AMD_ID(0x692b, tonga, "Tonga PRO GL [FirePro W7100]"),
    AMD_ID(0x6930, tonga, "Tonga PRO [Radeon R9 380 4GB]"),
    AMD_ID(0x6938, tonga, "Tonga XT / Amethyst XT [Radeon R9 380X / R9 M295X]"),
    AMD_ID(0x6939, tonga, "Tonga PRO [Radeon R9 285/380]"),
    AMD_ID(0x693b, tonga, "Tonga PRO GL [FirePro W7100 / Barco MXRT-7600]"),
    /* Polaris12 */
    AMD_ID(0x6980, polaris, "Polaris12"),
    AMD_ID(0x6981, polaris, "Lexa XT [Radeon PRO WX 3200]"),
    AMD_ID(0x6985, polaris, "Lexa XT [Radeon PRO WX 3100]"),
    AMD_ID(0x6986, polaris, "Polaris12"),
    AMD_ID(0x6987, polaris, "Lexa [Radeon 540X/550X/630 / RX 640 / E9171 MCM]"),
    AMD_ID(0x6995, polaris, "Lexa XT [Radeon PRO WX 2100]"),
    AMD_ID(0x6997, polaris, "Lexa PRO [Radeon PRO WX 2100]"),
    AMD_ID(0x699f, polaris,
           "Lexa PRO [Radeon 540/540X/550/550X / RX 540X/550/550X]"),
    /* Polaris10 */
    AMD_ID(0x6fdf, polaris, "Polaris 20 XL [Radeon RX 580 2048SP]"),
    /* Fiji */
    AMD_ID(0x7300, fiji, "Fiji [Radeon R9 FURY / NANO Series]"),
    AMD_ID(0x730f, fiji, "Fiji"),
};

const size_t amd_reset_ids_count = ARRAY_SIZE(amd_reset_ids);

const char *const amd_reset_method_choice_str[] = {
    [AMD_RESET_METHOD_CHOICE_AUTO] = "auto",
    [AMD_RESET_METHOD_CHOICE_BACO] = "baco",
    [AMD_RESET_METHOD_CHOICE_CONFIG] = "config",
};

const AMDResetDeviceId *amd_reset_lookup(uint16_t vendor, uint16_t device)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(amd_reset_ids); i++) {
        if (amd_reset_ids[i].vendor == vendor &&
            amd_reset_ids[i].device == device) {
            return &amd_reset_ids[i];
        }
    }
    return NULL;
}

bool amd_reset_select(OnOffAuto policy, uint16_t vendor, uint16_t device,
                      const AMDResetFamily **family, Error **errp)
{
    const AMDResetDeviceId *id;

    *family = NULL;
    switch (policy) {
    case ON_OFF_AUTO_OFF:
        return true;
    case ON_OFF_AUTO_ON:
        if (vendor != AMD_RESET_VENDOR_ID) {
            error_setg(errp, "x-amd-reset=on needs an AMD GPU (vendor 0x%04x),"
                       " but the device is %04x:%04x",
                       AMD_RESET_VENDOR_ID, vendor, device);
            return false;
        }
        id = amd_reset_lookup(vendor, device);
        *family = id ? id->family : &amd_reset_family_cik;
        return true;
    case ON_OFF_AUTO_AUTO:
    default:
        id = amd_reset_lookup(vendor, device);
        *family = id ? id->family : NULL;
        return true;
    }
}

static bool amd_family_has(const AMDResetFamily *family,
                           AMDResetMethod method)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(family->methods); i++) {
        if (family->methods[i] == method) {
            return true;
        }
    }
    return false;
}

bool amd_reset_choose(const AMDResetFamily *family, AMDResetMethodChoice choice,
                      bool strap, AMDVbiosCap cap, AMDResetMethod *method,
                      bool *baco_fallback, const char **why, Error **errp)
{
    bool baco = amd_family_has(family, AMD_RESET_METHOD_BACO) && family->baco;
    size_t i;

    *baco_fallback = false;
    switch (choice) {
    case AMD_RESET_METHOD_CHOICE_BACO:
        if (!baco) {
            error_setg(errp, "x-amd-reset-method=baco: the %s family has no "
                       "BACO sequence", family->name);
            return false;
        }
        if (!strap) {
            error_setg(errp, "x-amd-reset-method=baco: the board is not BACO "
                       "capable (CC_BIF_BX_FUSESTRAP0 strap clear)");
            return false;
        }
        *method = AMD_RESET_METHOD_BACO;
        *why = "x-amd-reset-method=baco";
        return true;
    case AMD_RESET_METHOD_CHOICE_CONFIG:
        *method = AMD_RESET_METHOD_CONFIG;
        *why = "x-amd-reset-method=config";
        return true;
    default:
        break;
    }

    /* as amdgpu: the family's methods in order, BACO only if supported */
    for (i = 0; i < ARRAY_SIZE(family->methods); i++) {
        switch (family->methods[i]) {
        case AMD_RESET_METHOD_BACO:
            if (!baco) {
                continue;
            }
            if (!strap) {
                *why = "no BACO strap";
                continue;
            }
            if (cap == AMD_VBIOS_CAP_PRESENT) {
                *method = AMD_RESET_METHOD_BACO;
                *why = "strap and VBIOS BACO cap";
                return true;
            }
            /* a VBIOS we cannot read may still allow BACO as a last resort */
            *baco_fallback = cap == AMD_VBIOS_CAP_UNKNOWN;
            *why = cap == AMD_VBIOS_CAP_UNKNOWN ? "VBIOS not readable" :
                                                  "VBIOS lacks the BACO cap";
            continue;
        case AMD_RESET_METHOD_CONFIG:
            *method = AMD_RESET_METHOD_CONFIG;
            if (i == 0) {
                *why = "family default";
            }
            return true;
        default:
            break;
        }
    }
    g_assert_not_reached();
}
