/*
 * Unit tests of BACO: each chip's full sequence against amdgpu's tables,
 * the state the model ends in, slow and broken chips, the bounds
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "test-amd-reset-env.h"

/*
 * BACO: the full reset of each chip, start to end, against sequences
 * written from amdgpu's tables (the order of the tables from
 * <chip>_baco_set_state(), their rows from the tables themselves; "#n" is
 * the row of the table named above it).  The engine's index register
 * writes reproduce the tables' rows that write the index; each RMW is a
 * read and a write, each WAIT one read per poll (every WAIT here is
 * satisfied at once), a DLY_US a sleep.
 *
 * The model's plain registers start all-ones (storage fill), so that every
 * bit a read-modify-write clears shows in the value written: a wrong mask,
 * value or shift in any entry changes the log.  BACO_CNTL reads 0x1f84 on
 * a powered chip: PWRGOOD_GPIO/MEM/DVO, PWRGOOD_BF, RCU_BIF_CONFIG_DONE,
 * BACO_ANA_ISO_DIS, BACO_ISO_DIS (see amd-gpu-model.h).
 */
#define BACO_FILL       0xffffffffU

/* Tonga (W7100, 1002:692b) */
static const AMDGPUModelAccess seq_baco_tonga[] = {
    CFG_R(0x08, 4, 0x03000000),         /* class, revision: present */
    CFG_W(0x04, 2, 0x0002),             /* memory decode on */
    MMIO_W(0x200, 0x80000004),          /* need a reset? SMC clock on, */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0x80000370),          /* PC in the firmware: yes */
    MMIO_R(0x204, 0x00020400),
    MMIO_R(0x5394, 0x00001f84),         /* BACO_CNTL: not in BACO */
    /* gpio_tbl */
    MMIO_W(0x610, 0x00000000),          /* #1 GPIOPAD_EN := 0 */
    MMIO_W(0x64c, 0x00000000),          /* #2 GPIOPAD_PD_EN := 0 */
    MMIO_W(0x648, 0x00000000),          /* #3 GPIOPAD_PU_EN := 0 */
    MMIO_W(0x608, 0xff77ffff),          /* #4 GPIOPAD_MASK */
    MMIO_W(0x12198, 0x00000000),        /* #5 DC_GPIO_DVODATA_EN */
    MMIO_W(0x12190, 0xffffffff),        /* #6 DC_GPIO_DVODATA_MASK */
    MMIO_W(0x12188, 0x00000000),        /* #7 DC_GPIO_GENERIC_EN */
    MMIO_R(0x12180, 0xffffffff),        /* #8 */
    MMIO_W(0x12180, 0xffffffff),        /* #8 DC_GPIO_GENERIC_MASK |= */
    MMIO_W(0x12218, 0x00000000),        /* #9 DC_GPIO_SYNCA_EN */
    MMIO_R(0x12210, 0xffffffff),        /* #10 */
    MMIO_W(0x12210, 0xffffffff),        /* #10 DC_GPIO_SYNCA_MASK |= */
    /* enable_fb_req_rej_tbl */
    MMIO_W(0x200, 0xc0300024),          /* #1 IDX: ix 0xc0300024 */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 bit 0 := 1 */
    MMIO_W(0x5490, 0x00000000),         /* #3 BIF_FB_EN := 0 */
    /* use_bclk_tbl (Tonga) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_BYPASS_EN := 1 */
    MMIO_W(0x200, 0xc0500144),          /* #3 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #4 */
    MMIO_W(0x204, 0xffffffff),          /* #4 SPLL_BYPASS_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #5 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #6 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #7 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #8 */
    MMIO_W(0x204, 0xffbfffff),          /* #8 SPLL_BYPASS_CHG := 0 */
    MMIO_R(0x204, 0xffbfffff),          /* #9 */
    MMIO_W(0x204, 0xffbfffff),          /* #9 SPLL_CTLREQ_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #10 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #11 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #12 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffbfffff),          /* #13 */
    MMIO_W(0x204, 0xff3fffff),          /* #13 SPLL_CTLREQ_CHG := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #14 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #15 */
    MMIO_W(0x204, 0xffffffff),          /* #15 bit 26 := 1 */
    MMIO_W(0x200, 0xc050019c),          /* #16 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffffffff),          /* #17 */
    MMIO_W(0x204, 0xffff02ff),          /* #17 MPLL_CLKOUT_SEL := 2 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #18 */
    MMIO_W(0x2bb0, 0xffffffff),         /* #18 MPLL_SW_DIR_CONTROL := 1 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #19 */
    MMIO_W(0x2bb0, 0xfffff7ff),         /* #19 MPLL_MCLK_SEL := 0 */
    /* turn_off_plls_tbl (Tonga) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_RESET := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #3 */
    MMIO_W(0x204, 0xfffffffd),          /* #3 SPLL_PWRON := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #4 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #5 */
    MMIO_W(0x204, 0xffffffff),          /* #5 bit 25 := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #6 */
    MMIO_W(0x204, 0xf7ffffff),          /* #6 bit 27 := 0 */
    MMIO_R(0x2bb0, 0xfffff7ff),         /* #7 */
    MMIO_W(0x2bb0, 0xfffff7ff),         /* #7 GLOBAL_MPLL_RESET := 1 */
    MMIO_W(0x2bd4, 0x00000006),         /* #8 MPLL_CONTROL */
    MMIO_W(0x2930, 0x00007740),         /* #9 MC_IO_RXCNTL_DPHY0_D0 */
    MMIO_W(0x2948, 0x00007740),         /* #10 MC_IO_RXCNTL_DPHY0_D1 */
    MMIO_W(0x2934, 0x00007740),         /* #11 MC_IO_RXCNTL_DPHY1_D0 */
    MMIO_W(0x294c, 0x00007740),         /* #12 MC_IO_RXCNTL_DPHY1_D1 */
    MMIO_R(0x2ba0, 0xffffffff),         /* #13 */
    MMIO_W(0x2ba0, 0xfffffeff),         /* #13 MRDCK0_PDNB := 0 */
    MMIO_R(0x2ba0, 0xfffffeff),         /* #14 */
    MMIO_W(0x2ba0, 0xfffffcff),         /* #14 MRDCK1_PDNB := 0 */
    MMIO_R(0x2b50, 0xffffffff),         /* #15 */
    MMIO_W(0x2b50, 0xffffffef),         /* #15 DRST_PU := 0 */
    MMIO_R(0x2b50, 0xffffffef),         /* #16 */
    MMIO_W(0x2b50, 0xffffffcf),         /* #16 DRST_PD := 0 */
    MMIO_W(0x200, 0xc05001a4),          /* #17 IDX: CG_CLKPIN_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #18 */
    MMIO_W(0x204, 0xfffffff7),          /* #18 FORCE_BIF_REFCLK_EN := 0 */
    MMIO_W(0x200, 0xc050019c),          /* #19 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffff02ff),          /* #20 */
    MMIO_W(0x204, 0xffff04ff),          /* #20 MPLL_CLKOUT_SEL := 4 */
    MMIO_W(0x200, 0xc05001ac),          /* #21 IDX: MISC_CLK_CTRL */
    MMIO_R(0x204, 0xffffffff),          /* #22 */
    MMIO_W(0x204, 0xffffff01),          /* #22 DEEP_SLEEP_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #23 */
    MMIO_W(0x204, 0xffff0101),          /* #23 ZCLK_SEL := 1 */
    MMIO_W(0x200, 0xc05001a0),          /* #24 IDX: CG_CLKPIN_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #25 */
    MMIO_W(0x204, 0xfffffffb),          /* #25 BCLK_AS_XCLK := 0 */
    MMIO_W(0x200, 0xc05001a8),          /* #26 IDX: THM_CLK_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #27 */
    MMIO_W(0x204, 0xffffff01),          /* #27 CMON_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #28 */
    MMIO_W(0x204, 0xffff0101),          /* #28 TMON_CLK_SEL := 1 */
    /* enter_baco_tbl */
    MMIO_R(0x5394, 0x00001f84),         /* #1 */
    MMIO_W(0x5394, 0x00001f85),         /* #1 BACO_EN := 1 */
    MMIO_R(0x5394, 0x00001f85),         /* #2 */
    MMIO_W(0x5394, 0x00041f85),         /* #2 BACO_BIF_SCLK_SWITCH := 1 */
    MMIO_R(0x5394, 0x00041f85),         /* #3 wait bit 18 set */
    MMIO_R(0x5394, 0x00041f85),         /* #4 */
    MMIO_W(0x5394, 0x00041f87),         /* #4 BACO_BCLK_OFF := 1 */
    MMIO_R(0x5394, 0x00041f87),         /* #5 wait bit 1 set */
    MMIO_R(0x5394, 0x00041f87),         /* #6 */
    MMIO_W(0x5394, 0x00041f83),         /* #6 BACO_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f83),         /* #7 wait bit 2 clear */
    MMIO_R(0x5394, 0x00041f83),         /* #8 */
    MMIO_W(0x5394, 0x00041f03),         /* #8 BACO_ANA_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f03),         /* #9 wait bit 7 clear */
    MMIO_R(0x5394, 0x00041f03),         /* #10 */
    MMIO_W(0x5394, 0x00041f0b),         /* #10 BACO_POWER_OFF := 1 */
    MMIO_R(0x5394, 0x0004004b),         /* #11 wait bit 3 set */
    MMIO_R(0x5394, 0x0004004b),         /* #12 wait BACO_MODE set */
    MMIO_R(0x5394, 0x0004004b),         /* in BACO: leave it */
    SLEEP(20000),                       /* 20 ms, regulator off -> on */
    /* exit_baco_tbl */
    MMIO_R(0x5394, 0x0004004b),         /* #1 */
    MMIO_W(0x5394, 0x0004005b),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x0004005b),         /* #2 */
    MMIO_W(0x5394, 0x00040059),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00040059),         /* #3 */
    MMIO_W(0x5394, 0x00040051),         /* #3 BACO_POWER_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #4 wait PWRGOOD_BF set */
    MMIO_R(0x5394, 0x00040251),         /* #5 */
    MMIO_W(0x5394, 0x00040255),         /* #5 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041e55),         /* #6 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00041e55),         /* #7 */
    MMIO_W(0x5394, 0x00041ed5),         /* #7 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041ed5),         /* #8 */
    MMIO_W(0x5394, 0x00001ed5),         /* #8 BACO_BIF_SCLK_SWITCH := 0 */
    MMIO_R(0x5394, 0x00001ed5),         /* #9 */
    MMIO_W(0x5394, 0x00001ec5),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001fc5),         /* #10 wait RCU_BIF_CONFIG_DONE set */
    MMIO_R(0x5394, 0x00001fc5),         /* #11 */
    MMIO_W(0x5394, 0x00001fc4),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    /* clean_baco_tbl (scratch 6, 7) */
    MMIO_W(0x173c, 0x00000000),         /* #1 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* #2 BIOS_SCRATCH_7 := 0 */
    CFG_W(0x04, 2, 0x0000),             /* memory decode off */
};

/* Fiji (R9 Fury, 1002:7300) */
static const AMDGPUModelAccess seq_baco_fiji[] = {
    CFG_R(0x08, 4, 0x03000000),         /* class, revision: present */
    CFG_W(0x04, 2, 0x0002),             /* memory decode on */
    MMIO_W(0x200, 0x80000004),          /* need a reset? SMC clock on, */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0x80000370),          /* PC in the firmware: yes */
    MMIO_R(0x204, 0x00020400),
    MMIO_R(0x5394, 0x00001f84),         /* BACO_CNTL: not in BACO */
    /* gpio_tbl */
    MMIO_W(0x610, 0x00000000),          /* #1 GPIOPAD_EN := 0 */
    MMIO_W(0x64c, 0x00000000),          /* #2 GPIOPAD_PD_EN := 0 */
    MMIO_W(0x648, 0x00000000),          /* #3 GPIOPAD_PU_EN := 0 */
    MMIO_W(0x608, 0xff77ffff),          /* #4 GPIOPAD_MASK */
    MMIO_W(0x12198, 0x00000000),        /* #5 DC_GPIO_DVODATA_EN */
    MMIO_W(0x12190, 0xffffffff),        /* #6 DC_GPIO_DVODATA_MASK */
    MMIO_W(0x12188, 0x00000000),        /* #7 DC_GPIO_GENERIC_EN */
    MMIO_R(0x12180, 0xffffffff),        /* #8 */
    MMIO_W(0x12180, 0xffffffff),        /* #8 DC_GPIO_GENERIC_MASK |= */
    MMIO_W(0x12218, 0x00000000),        /* #9 DC_GPIO_SYNCA_EN */
    MMIO_R(0x12210, 0xffffffff),        /* #10 */
    MMIO_W(0x12210, 0xffffffff),        /* #10 DC_GPIO_SYNCA_MASK |= */
    /* enable_fb_req_rej_tbl */
    MMIO_W(0x200, 0xc0300024),          /* #1 IDX: ix 0xc0300024 */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 bit 0 := 1 */
    MMIO_W(0x5490, 0x00000000),         /* #3 BIF_FB_EN := 0 */
    /* use_bclk_tbl (Fiji: Tonga 1-17) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_BYPASS_EN := 1 */
    MMIO_W(0x200, 0xc0500144),          /* #3 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #4 */
    MMIO_W(0x204, 0xffffffff),          /* #4 SPLL_BYPASS_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #5 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #6 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #7 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #8 */
    MMIO_W(0x204, 0xffbfffff),          /* #8 SPLL_BYPASS_CHG := 0 */
    MMIO_R(0x204, 0xffbfffff),          /* #9 */
    MMIO_W(0x204, 0xffbfffff),          /* #9 SPLL_CTLREQ_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #10 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #11 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #12 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffbfffff),          /* #13 */
    MMIO_W(0x204, 0xff3fffff),          /* #13 SPLL_CTLREQ_CHG := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #14 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #15 */
    MMIO_W(0x204, 0xffffffff),          /* #15 bit 26 := 1 */
    MMIO_W(0x200, 0xc050019c),          /* #16 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffffffff),          /* #17 */
    MMIO_W(0x204, 0xffff02ff),          /* #17 MPLL_CLKOUT_SEL := 2 */
    /* turn_off_plls_tbl (Fiji: Tonga 1-6) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_RESET := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #3 */
    MMIO_W(0x204, 0xfffffffd),          /* #3 SPLL_PWRON := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #4 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #5 */
    MMIO_W(0x204, 0xffffffff),          /* #5 bit 25 := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #6 */
    MMIO_W(0x204, 0xf7ffffff),          /* #6 bit 27 := 0 */
    /* clk_req_b_tbl (Fiji) */
    MMIO_W(0x200, 0xc05001a4),          /* #1 IDX: CG_CLKPIN_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xfffffff7),          /* #2 FORCE_BIF_REFCLK_EN := 0 */
    MMIO_W(0x200, 0xc050019c),          /* #3 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffff02ff),          /* #4 */
    MMIO_W(0x204, 0xffff04ff),          /* #4 MPLL_CLKOUT_SEL := 4 */
    MMIO_W(0x200, 0xc05001ac),          /* #5 IDX: MISC_CLK_CTRL */
    MMIO_R(0x204, 0xffffffff),          /* #6 */
    MMIO_W(0x204, 0xffffff01),          /* #6 DEEP_SLEEP_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #7 */
    MMIO_W(0x204, 0xffff0101),          /* #7 ZCLK_SEL := 1 */
    MMIO_W(0x200, 0xc05001a0),          /* #8 IDX: CG_CLKPIN_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #9 */
    MMIO_W(0x204, 0xfffffffb),          /* #9 BCLK_AS_XCLK := 0 */
    MMIO_W(0x200, 0xc05001a8),          /* #10 IDX: THM_CLK_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #11 */
    MMIO_W(0x204, 0xffffff01),          /* #11 CMON_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #12 */
    MMIO_W(0x204, 0xffff0101),          /* #12 TMON_CLK_SEL := 1 */
    /* enter_baco_tbl */
    MMIO_R(0x5394, 0x00001f84),         /* #1 */
    MMIO_W(0x5394, 0x00001f85),         /* #1 BACO_EN := 1 */
    MMIO_R(0x5394, 0x00001f85),         /* #2 */
    MMIO_W(0x5394, 0x00041f85),         /* #2 BACO_BIF_SCLK_SWITCH := 1 */
    MMIO_R(0x5394, 0x00041f85),         /* #3 wait bit 18 set */
    MMIO_R(0x5394, 0x00041f85),         /* #4 */
    MMIO_W(0x5394, 0x00041f87),         /* #4 BACO_BCLK_OFF := 1 */
    MMIO_R(0x5394, 0x00041f87),         /* #5 wait bit 1 set */
    MMIO_R(0x5394, 0x00041f87),         /* #6 */
    MMIO_W(0x5394, 0x00041f83),         /* #6 BACO_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f83),         /* #7 wait bit 2 clear */
    MMIO_R(0x5394, 0x00041f83),         /* #8 */
    MMIO_W(0x5394, 0x00041f03),         /* #8 BACO_ANA_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f03),         /* #9 wait bit 7 clear */
    MMIO_R(0x5394, 0x00041f03),         /* #10 */
    MMIO_W(0x5394, 0x00041f0b),         /* #10 BACO_POWER_OFF := 1 */
    MMIO_R(0x5394, 0x0004004b),         /* #11 wait bit 3 set */
    MMIO_R(0x5394, 0x0004004b),         /* #12 wait BACO_MODE set */
    MMIO_R(0x5394, 0x0004004b),         /* in BACO: leave it */
    SLEEP(20000),                       /* 20 ms, regulator off -> on */
    /* exit_baco_tbl */
    MMIO_R(0x5394, 0x0004004b),         /* #1 */
    MMIO_W(0x5394, 0x0004005b),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x0004005b),         /* #2 */
    MMIO_W(0x5394, 0x00040059),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00040059),         /* #3 */
    MMIO_W(0x5394, 0x00040051),         /* #3 BACO_POWER_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #4 wait PWRGOOD_BF set */
    MMIO_R(0x5394, 0x00040251),         /* #5 */
    MMIO_W(0x5394, 0x00040255),         /* #5 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041e55),         /* #6 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00041e55),         /* #7 */
    MMIO_W(0x5394, 0x00041ed5),         /* #7 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041ed5),         /* #8 */
    MMIO_W(0x5394, 0x00001ed5),         /* #8 BACO_BIF_SCLK_SWITCH := 0 */
    MMIO_R(0x5394, 0x00001ed5),         /* #9 */
    MMIO_W(0x5394, 0x00001ec5),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001fc5),         /* #10 wait RCU_BIF_CONFIG_DONE set */
    MMIO_R(0x5394, 0x00001fc5),         /* #11 */
    MMIO_W(0x5394, 0x00001fc4),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    /* clean_baco_tbl (scratch 0-15) */
    MMIO_W(0x1724, 0x00000000),         /* #1 BIOS_SCRATCH_0 := 0 */
    MMIO_W(0x1728, 0x00000000),         /* #2 BIOS_SCRATCH_1 := 0 */
    MMIO_W(0x172c, 0x00000000),         /* #3 BIOS_SCRATCH_2 := 0 */
    MMIO_W(0x1730, 0x00000000),         /* #4 BIOS_SCRATCH_3 := 0 */
    MMIO_W(0x1734, 0x00000000),         /* #5 BIOS_SCRATCH_4 := 0 */
    MMIO_W(0x1738, 0x00000000),         /* #6 BIOS_SCRATCH_5 := 0 */
    MMIO_W(0x173c, 0x00000000),         /* #7 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* #8 BIOS_SCRATCH_7 := 0 */
    MMIO_W(0x1744, 0x00000000),         /* #9 BIOS_SCRATCH_8 := 0 */
    MMIO_W(0x1748, 0x00000000),         /* #10 BIOS_SCRATCH_9 := 0 */
    MMIO_W(0x174c, 0x00000000),         /* #11 BIOS_SCRATCH_10 := 0 */
    MMIO_W(0x1750, 0x00000000),         /* #12 BIOS_SCRATCH_11 := 0 */
    MMIO_W(0x1754, 0x00000000),         /* #13 BIOS_SCRATCH_12 := 0 */
    MMIO_W(0x1758, 0x00000000),         /* #14 BIOS_SCRATCH_13 := 0 */
    MMIO_W(0x175c, 0x00000000),         /* #15 BIOS_SCRATCH_14 := 0 */
    MMIO_W(0x1760, 0x00000000),         /* #16 BIOS_SCRATCH_15 := 0 */
    CFG_W(0x04, 2, 0x0000),             /* memory decode off */
};

/* Polaris10 (RX 580, 1002:67df) */
static const AMDGPUModelAccess seq_baco_polaris[] = {
    CFG_R(0x08, 4, 0x03000000),         /* class, revision: present */
    CFG_W(0x04, 2, 0x0002),             /* memory decode on */
    MMIO_W(0x200, 0x80000004),          /* need a reset? SMC clock on, */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0x80000370),          /* PC in the firmware: yes */
    MMIO_R(0x204, 0x00020400),
    MMIO_R(0x5394, 0x00001f84),         /* BACO_CNTL: not in BACO */
    /* gpio_tbl */
    MMIO_W(0x610, 0x00000000),          /* #1 GPIOPAD_EN := 0 */
    MMIO_W(0x64c, 0x00000000),          /* #2 GPIOPAD_PD_EN := 0 */
    MMIO_W(0x648, 0x00000000),          /* #3 GPIOPAD_PU_EN := 0 */
    MMIO_W(0x608, 0xff77ffff),          /* #4 GPIOPAD_MASK */
    MMIO_W(0x12198, 0x00000000),        /* #5 DC_GPIO_DVODATA_EN */
    MMIO_W(0x12190, 0xffffffff),        /* #6 DC_GPIO_DVODATA_MASK */
    MMIO_W(0x12188, 0x00000000),        /* #7 DC_GPIO_GENERIC_EN */
    MMIO_R(0x12180, 0xffffffff),        /* #8 */
    MMIO_W(0x12180, 0xffffffff),        /* #8 DC_GPIO_GENERIC_MASK |= */
    MMIO_W(0x12218, 0x00000000),        /* #9 DC_GPIO_SYNCA_EN */
    MMIO_R(0x12210, 0xffffffff),        /* #10 */
    MMIO_W(0x12210, 0xffffffff),        /* #10 DC_GPIO_SYNCA_MASK |= */
    /* enable_fb_req_rej_tbl */
    MMIO_W(0x200, 0xc0300024),          /* #1 IDX: ix 0xc0300024 */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 bit 0 := 1 */
    MMIO_W(0x5490, 0x00000000),         /* #3 BIF_FB_EN := 0 */
    /* use_bclk_tbl (Polaris) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_BYPASS_EN := 1 */
    MMIO_W(0x200, 0xc0500170),          /* #3 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #4 */
    MMIO_W(0x204, 0xffffffff),          /* #4 bit 26 := 1 */
    MMIO_W(0x200, 0xc0500118),          /* #5 IDX: GCK_DFS_BYPASS_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #6 */
    MMIO_W(0x204, 0xffffffff),          /* #6 BYPASSACLK := 1 */
    MMIO_W(0x200, 0xc050019c),          /* #7 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffffffff),          /* #8 */
    MMIO_W(0x204, 0xffff02ff),          /* #8 MPLL_CLKOUT_SEL := 2 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #9 */
    MMIO_W(0x2bb0, 0xffffffff),         /* #9 MPLL_SW_DIR_CONTROL := 1 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #10 */
    MMIO_W(0x2bb0, 0xfffff7ff),         /* #10 MPLL_MCLK_SEL := 0 */
    /* turn_off_plls_tbl (Polaris) */
    MMIO_R(0x12250, 0xffffffff),        /* #1 */
    MMIO_W(0x12250, 0xffffff1f),        /* #1 GENLK_STRENGTH_SP := 1 */
    SLEEP(1),                           /* #2 DLY_US 1 */
    MMIO_R(0x2898, 0xffffffff),         /* #3 */
    MMIO_W(0x2898, 0xffffffff),         /* #3 MC_SEQ_DRAM RST_CTL := 1 */
    MMIO_W(0x200, 0xc05002b0),          /* #4 IDX: ix 0xc05002b0 */
    MMIO_R(0x204, 0xffffffef),          /* #5 */
    MMIO_W(0x204, 0xffffffff),          /* #5 bit 4 := 1 */
    MMIO_R(0x204, 0xffffffef),          /* #6 wait bit 4 == 0 */
    MMIO_W(0x200, 0xc050032c),          /* #7 IDX: ix 0xc050032c */
    MMIO_R(0x204, 0xffffffef),          /* #8 */
    MMIO_W(0x204, 0xffffffff),          /* #8 bit 4 := 1 */
    MMIO_R(0x204, 0xffffffef),          /* #9 wait bit 4 == 0 */
    MMIO_W(0x200, 0xc0500080),          /* #10 IDX: ix 0xc0500080 */
    MMIO_R(0x204, 0xffffffff),          /* #11 */
    MMIO_W(0x204, 0xffffffff),          /* #11 bit 0 := 1 */
    MMIO_R(0x3688, 0xffffffff),         /* #12 */
    MMIO_W(0x3688, 0xffffffbf),         /* #12 bit 6 := 0 */
    SLEEP(3),                           /* #13 DLY_US 3 */
    MMIO_R(0x3688, 0xffffffbf),         /* #14 */
    MMIO_W(0x3688, 0xffffffb7),         /* #14 bit 3 := 0 */
    MMIO_R(0x3688, 0xffffffb7),         /* #15 */
    MMIO_W(0x3688, 0xffc032b7),         /* #15 [21:8] := 0x32 */
    SLEEP(3),                           /* #16 DLY_US 3 */
    MMIO_R(0x2bbc, 0xffffffff),         /* #17 */
    MMIO_W(0x2bbc, 0xfffeffff),         /* #17 ISO_DIS_P := 0 */
    SLEEP(5),                           /* #18 DLY_US 5 */
    /* clk_req_b_tbl (Polaris) */
    MMIO_W(0x200, 0xc05001a8),          /* #1 IDX: THM_CLK_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffff01),          /* #2 CMON_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #3 */
    MMIO_W(0x204, 0xffff0101),          /* #3 TMON_CLK_SEL := 1 */
    MMIO_W(0x200, 0xc05001ac),          /* #4 IDX: MISC_CLK_CTRL */
    MMIO_R(0x204, 0xffffffff),          /* #5 */
    MMIO_W(0x204, 0xffffff01),          /* #5 DEEP_SLEEP_CLK_SEL := 1 */
    MMIO_R(0x204, 0xffffff01),          /* #6 */
    MMIO_W(0x204, 0xffff0101),          /* #6 ZCLK_SEL := 1 */
    MMIO_W(0x200, 0xc05001a0),          /* #7 IDX: CG_CLKPIN_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #8 */
    MMIO_W(0x204, 0xfffffffb),          /* #8 BCLK_AS_XCLK := 0 */
    MMIO_W(0x200, 0xc05001a4),          /* #9 IDX: CG_CLKPIN_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #10 */
    MMIO_W(0x204, 0xfffffff7),          /* #10 FORCE_BIF_REFCLK_EN := 0 */
    MMIO_W(0x200, 0xc050019c),          /* #11 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffff02ff),          /* #12 */
    MMIO_W(0x204, 0xffff04ff),          /* #12 MPLL_CLKOUT_SEL := 4 */
    /* enter_baco_tbl */
    MMIO_R(0x5394, 0x00001f84),         /* #1 */
    MMIO_W(0x5394, 0x00001f85),         /* #1 BACO_EN := 1 */
    MMIO_R(0x5394, 0x00001f85),         /* #2 */
    MMIO_W(0x5394, 0x00041f85),         /* #2 BACO_BIF_SCLK_SWITCH := 1 */
    MMIO_R(0x5394, 0x00041f85),         /* #3 wait bit 18 set */
    MMIO_R(0x5394, 0x00041f85),         /* #4 */
    MMIO_W(0x5394, 0x00041f87),         /* #4 BACO_BCLK_OFF := 1 */
    MMIO_R(0x5394, 0x00041f87),         /* #5 wait bit 1 set */
    MMIO_R(0x5394, 0x00041f87),         /* #6 */
    MMIO_W(0x5394, 0x00041f83),         /* #6 BACO_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f83),         /* #7 wait bit 2 clear */
    MMIO_R(0x5394, 0x00041f83),         /* #8 */
    MMIO_W(0x5394, 0x00041f03),         /* #8 BACO_ANA_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00041f03),         /* #9 wait bit 7 clear */
    MMIO_R(0x5394, 0x00041f03),         /* #10 */
    MMIO_W(0x5394, 0x00041f0b),         /* #10 BACO_POWER_OFF := 1 */
    MMIO_R(0x5394, 0x0004004b),         /* #11 wait bit 3 set */
    MMIO_R(0x5394, 0x0004004b),         /* #12 wait BACO_MODE set */
    MMIO_R(0x5394, 0x0004004b),         /* in BACO: leave it */
    SLEEP(20000),                       /* 20 ms, regulator off -> on */
    /* exit_baco_tbl */
    MMIO_R(0x5394, 0x0004004b),         /* #1 */
    MMIO_W(0x5394, 0x0004005b),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x0004005b),         /* #2 */
    MMIO_W(0x5394, 0x00040059),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00040059),         /* #3 */
    MMIO_W(0x5394, 0x00040051),         /* #3 BACO_POWER_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #4 wait PWRGOOD_BF set */
    MMIO_R(0x5394, 0x00040251),         /* #5 */
    MMIO_W(0x5394, 0x00040255),         /* #5 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041e55),         /* #6 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00041e55),         /* #7 */
    MMIO_W(0x5394, 0x00041ed5),         /* #7 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041ed5),         /* #8 */
    MMIO_W(0x5394, 0x00001ed5),         /* #8 BACO_BIF_SCLK_SWITCH := 0 */
    MMIO_R(0x5394, 0x00001ed5),         /* #9 */
    MMIO_W(0x5394, 0x00001ec5),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001fc5),         /* #10 wait RCU_BIF_CONFIG_DONE set */
    MMIO_R(0x5394, 0x00001fc5),         /* #11 */
    MMIO_W(0x5394, 0x00001fc4),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    /* clean_baco_tbl (scratch 6, 7) */
    MMIO_W(0x173c, 0x00000000),         /* #1 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* #2 BIOS_SCRATCH_7 := 0 */
    CFG_W(0x04, 2, 0x0000),             /* memory decode off */
};

/*
 * The same resets with the model's default storage (0): the value each
 * register the tables write is left with.  Catches the value bits an
 * all-ones register hides.
 */
typedef struct RegValue {
    uint32_t reg;                   /* BAR5 offset or SMC-indirect address */
    bool ix;
    uint32_t value;
} RegValue;

/*
 * Hawaii (R9 290X, 1002:67b0), ci_baco.c: the display GPIOs at their
 * DCE 8.0 offsets, the display PLL and reference clock off, the clock
 * selects at 2, no BACO_BIF_SCLK_SWITCH (BIF 4.1 has none), 20 ms in
 * the exit table, CP_PFP_UCODE_ADDR cleared
 */
static const AMDGPUModelAccess seq_baco_ci[] = {
    CFG_R(0x08, 4, 0x03000000),         /* class, revision: present */
    CFG_W(0x04, 2, 0x0002),             /* memory decode on */
    MMIO_W(0x200, 0x80000004),          /* need a reset? SMC clock on, */
    MMIO_R(0x204, 0x00000000),
    MMIO_W(0x200, 0x80000370),          /* PC in the firmware: yes */
    MMIO_R(0x204, 0x00020400),
    MMIO_R(0x5394, 0x00001f84),         /* BACO_CNTL: not in BACO */
    /* gpio_tbl (dce_8_0 offsets) */
    MMIO_W(0x610, 0x00000000),          /* #1 GPIOPAD_EN := 0 */
    MMIO_W(0x64c, 0x00000000),          /* #2 GPIOPAD_PD_EN := 0 */
    MMIO_W(0x648, 0x00000000),          /* #3 GPIOPAD_PU_EN := 0 */
    MMIO_W(0x608, 0xff77ffff),          /* #4 GPIOPAD_MASK */
    MMIO_W(0x6528, 0x00000000),         /* #5 DC_GPIO_DVODATA_EN */
    MMIO_W(0x6520, 0xffffffff),         /* #6 DC_GPIO_DVODATA_MASK */
    MMIO_W(0x6518, 0x00000000),         /* #7 DC_GPIO_GENERIC_EN */
    MMIO_R(0x6510, 0xffffffff),         /* #8 */
    MMIO_W(0x6510, 0xffffffff),         /* #8 DC_GPIO_GENERIC_MASK |= */
    MMIO_W(0x6598, 0x00000000),         /* #9 DC_GPIO_SYNCA_EN */
    MMIO_R(0x6590, 0xffffffff),         /* #10 */
    MMIO_W(0x6590, 0xffffffff),         /* #10 DC_GPIO_SYNCA_MASK |= */
    /* enable_fb_req_rej_tbl */
    MMIO_W(0x200, 0xc0300024),          /* #1 IDX: ix 0xc0300024 */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 bit 0 := 1 */
    MMIO_W(0x5490, 0x00000000),         /* #3 BIF_FB_EN := 0 */
    /* use_bclk_tbl (as Tonga's) */
    MMIO_W(0x200, 0xc0500140),          /* #1 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #2 */
    MMIO_W(0x204, 0xffffffff),          /* #2 SPLL_BYPASS_EN := 1 */
    MMIO_W(0x200, 0xc0500144),          /* #3 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #4 */
    MMIO_W(0x204, 0xffffffff),          /* #4 SPLL_BYPASS_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #5 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #6 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #7 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #8 */
    MMIO_W(0x204, 0xffbfffff),          /* #8 SPLL_BYPASS_CHG := 0 */
    MMIO_R(0x204, 0xffbfffff),          /* #9 */
    MMIO_W(0x204, 0xffbfffff),          /* #9 SPLL_CTLREQ_CHG := 1 */
    MMIO_W(0x200, 0xc050015c),          /* #10 IDX: CG_SPLL_STATUS */
    MMIO_R(0x204, 0x00000002),          /* #11 wait SPLL_CHG_STATUS == 1 */
    MMIO_W(0x200, 0xc0500144),          /* #12 IDX: CG_SPLL_FUNC_CNTL_2 */
    MMIO_R(0x204, 0xffbfffff),          /* #13 */
    MMIO_W(0x204, 0xff3fffff),          /* #13 SPLL_CTLREQ_CHG := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #14 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #15 */
    MMIO_W(0x204, 0xffffffff),          /* #15 bit 26 := 1 */
    MMIO_W(0x200, 0xc050019c),          /* #16 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffffffff),          /* #17 */
    MMIO_W(0x204, 0xffff02ff),          /* #17 MPLL_CLKOUT_SEL := 2 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #18 */
    MMIO_W(0x2bb0, 0xffffffff),         /* #18 MPLL_SW_DIR_CONTROL := 1 */
    MMIO_R(0x2bb0, 0xffffffff),         /* #19 */
    MMIO_W(0x2bb0, 0xfffff7ff),         /* #19 MPLL_MCLK_SEL := 0 */
    /* turn_off_plls_tbl (CIK) */
    MMIO_R(0x04f0, 0xffffffff),         /* #1 */
    MMIO_W(0x04f0, 0xffffffff),         /* #1 DISPPLL_BG_PDN := 1 */
    MMIO_W(0x200, 0xc0500204),          /* #2 IDX: CG_CLKPIN_CNTL_DC */
    MMIO_R(0x204, 0xffffffff),          /* #3 */
    MMIO_W(0x204, 0xfffffffe),          /* #3 OSC_EN := 0 */
    MMIO_R(0x204, 0xfffffffe),          /* #4 */
    MMIO_W(0x204, 0xffffe3fe),          /* #4 XTALIN_SEL := 0 */
    MMIO_R(0x5c1c, 0xffffffff),         /* #5 */
    MMIO_W(0x5c1c, 0xffffffff),         /* #5 PLL_RESET := 1 */
    MMIO_R(0x5c1c, 0xffffffff),         /* #6 */
    MMIO_W(0x5c1c, 0xffffffff),         /* #6 PLL_POWER_DOWN := 1 */
    MMIO_R(0x5c1c, 0xffffffff),         /* #7 */
    MMIO_W(0x5c1c, 0xffffffff),         /* #7 PLL_BYPASS_CAL := 1 */
    MMIO_W(0x200, 0xc0500140),          /* #8 IDX: CG_SPLL_FUNC_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #9 */
    MMIO_W(0x204, 0xffffffff),          /* #9 SPLL_RESET := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #10 */
    MMIO_W(0x204, 0xfffffffd),          /* #10 SPLL_PWRON := 0 */
    MMIO_W(0x200, 0xc0500170),          /* #11 IDX: ix 0xc0500170 */
    MMIO_R(0x204, 0xffffffff),          /* #12 */
    MMIO_W(0x204, 0xffffffff),          /* #12 bit 25 := 1 */
    MMIO_R(0x204, 0xffffffff),          /* #13 */
    MMIO_W(0x204, 0xf7ffffff),          /* #13 bit 27 := 0 */
    MMIO_R(0x2bb0, 0xfffff7ff),         /* #14 */
    MMIO_W(0x2bb0, 0xfffff7ff),         /* #14 GLOBAL_MPLL_RESET := 1 */
    MMIO_W(0x2bd4, 0x00000006),         /* #15 MPLL_CONTROL */
    MMIO_W(0x2930, 0x00007740),         /* #16 MC_IO_RXCNTL_DPHY0_D0 */
    MMIO_W(0x2948, 0x00007740),         /* #17 MC_IO_RXCNTL_DPHY0_D1 */
    MMIO_W(0x2934, 0x00007740),         /* #18 MC_IO_RXCNTL_DPHY1_D0 */
    MMIO_W(0x294c, 0x00007740),         /* #19 MC_IO_RXCNTL_DPHY1_D1 */
    MMIO_R(0x2ba0, 0xffffffff),         /* #20 */
    MMIO_W(0x2ba0, 0xfffffeff),         /* #20 MRDCK0_PDNB := 0 */
    MMIO_R(0x2ba0, 0xfffffeff),         /* #21 */
    MMIO_W(0x2ba0, 0xfffffcff),         /* #21 MRDCK1_PDNB := 0 */
    MMIO_R(0x2b50, 0xffffffff),         /* #22 */
    MMIO_W(0x2b50, 0xffffffef),         /* #22 DRST_PU := 0 */
    MMIO_R(0x2b50, 0xffffffef),         /* #23 */
    MMIO_W(0x2b50, 0xffffffcf),         /* #23 DRST_PD := 0 */
    MMIO_W(0x200, 0xc05001a4),          /* #24 IDX: CG_CLKPIN_CNTL_2 */
    MMIO_R(0x204, 0xffffffff),          /* #25 */
    MMIO_W(0x204, 0xfffffff7),          /* #25 FORCE_BIF_REFCLK_EN := 0 */
    MMIO_W(0x200, 0xc050019c),          /* #26 IDX: MPLL_BYPASSCLK_SEL */
    MMIO_R(0x204, 0xffff02ff),          /* #27 */
    MMIO_W(0x204, 0xffff04ff),          /* #27 MPLL_CLKOUT_SEL := 4 */
    MMIO_W(0x200, 0xc05001ac),          /* #28 IDX: MISC_CLK_CTRL */
    MMIO_R(0x204, 0xffffffff),          /* #29 */
    MMIO_W(0x204, 0xffffff02),          /* #29 DEEP_SLEEP_CLK_SEL := 2 */
    MMIO_R(0x204, 0xffffff02),          /* #30 */
    MMIO_W(0x204, 0xffff0202),          /* #30 ZCLK_SEL := 2 */
    MMIO_R(0x204, 0xffff0202),          /* #31 */
    MMIO_W(0x204, 0xff020202),          /* #31 DFT_SMS_PG_CLK_SEL := 2 */
    MMIO_W(0x200, 0xc05001a8),          /* #32 IDX: THM_CLK_CNTL */
    MMIO_R(0x204, 0xffffffff),          /* #33 */
    MMIO_W(0x204, 0xffffff02),          /* #33 CMON_CLK_SEL := 2 */
    MMIO_R(0x204, 0xffffff02),          /* #34 */
    MMIO_W(0x204, 0xffff0202),          /* #34 TMON_CLK_SEL := 2 */
    /* enter_baco_tbl (CIK) */
    MMIO_R(0x5394, 0x00001f84),         /* #1 */
    MMIO_W(0x5394, 0x00001f85),         /* #1 BACO_EN := 1 */
    MMIO_R(0x5394, 0x00001f85),         /* #2 */
    MMIO_W(0x5394, 0x00001f87),         /* #2 BACO_BCLK_OFF := 1 */
    MMIO_R(0x5394, 0x00001f87),         /* #3 wait bit 1 set */
    MMIO_R(0x5394, 0x00001f87),         /* #4 */
    MMIO_W(0x5394, 0x00001f83),         /* #4 BACO_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00001f83),         /* #5 wait bit 2 clear */
    MMIO_R(0x5394, 0x00001f83),         /* #6 */
    MMIO_W(0x5394, 0x00001f03),         /* #6 BACO_ANA_ISO_DIS := 0 */
    MMIO_R(0x5394, 0x00001f03),         /* #7 wait bit 7 clear */
    MMIO_R(0x5394, 0x00001f03),         /* #8 */
    MMIO_W(0x5394, 0x00001f0b),         /* #8 BACO_POWER_OFF := 1 */
    MMIO_R(0x5394, 0x0000004b),         /* #9 wait bit 3 set */
    MMIO_R(0x5394, 0x0000004b),         /* #10 wait BACO_MODE set */
    MMIO_R(0x5394, 0x0000004b),         /* in BACO: leave it */
    SLEEP(20000),                       /* 20 ms, regulator off -> on */
    /* exit_baco_tbl (CIK) */
    MMIO_R(0x5394, 0x0000004b),         /* #1 */
    MMIO_W(0x5394, 0x0000005b),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x0000005b),         /* #2 */
    MMIO_W(0x5394, 0x00000059),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00000059),         /* #3 */
    MMIO_W(0x5394, 0x00000051),         /* #3 BACO_POWER_OFF := 0 */
    SLEEP(20000),                       /* #4 DLY_MS 20 */
    MMIO_R(0x5394, 0x00000251),         /* #5 wait PWRGOOD_BF set */
    MMIO_R(0x5394, 0x00000251),         /* #6 */
    MMIO_W(0x5394, 0x00000255),         /* #6 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00001e55),         /* #7 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00001e55),         /* #8 */
    MMIO_W(0x5394, 0x00001ed5),         /* #8 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00001ed5),         /* #9 */
    MMIO_W(0x5394, 0x00001ec5),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001fc5),         /* #10 wait RCU_BIF_CONFIG_DONE set */
    MMIO_R(0x5394, 0x00001fc5),         /* #11 */
    MMIO_W(0x5394, 0x00001fc4),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    /* clean_baco_tbl (CIK) */
    MMIO_W(0x173c, 0x00000000),         /* #1 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* #2 BIOS_SCRATCH_7 := 0 */
    MMIO_W(0xc150, 0x00000000),         /* #3 CP_PFP_UCODE_ADDR := 0 */
    CFG_W(0x04, 2, 0x0000),             /* memory decode off */
};

static const RegValue final_tonga[] = {
    { 0x608, false, 0xff77ffff },           /* GPIOPAD_MASK */
    { 0x610, false, 0x00000000 },           /* GPIOPAD_EN */
    { 0x648, false, 0x00000000 },           /* GPIOPAD_PU_EN */
    { 0x64c, false, 0x00000000 },           /* GPIOPAD_PD_EN */
    { 0x2930, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY0_D0 */
    { 0x2934, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY1_D0 */
    { 0x2948, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY0_D1 */
    { 0x294c, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY1_D1 */
    { 0x2b50, false, 0x00000000 },          /* MC_SEQ_CNTL_2 */
    { 0x2ba0, false, 0x00000000 },          /* MCLK_PWRMGT_CNTL */
    { 0x2bb0, false, 0x80000100 },          /* MPLL_CNTL_MODE */
    { 0x2bd4, false, 0x00000006 },          /* MPLL_CONTROL */
    { 0x5490, false, 0x00000000 },          /* BIF_FB_EN */
    { 0x12180, false, 0x03333333 },         /* DC_GPIO_GENERIC_MASK */
    { 0x12188, false, 0x00000000 },         /* DC_GPIO_GENERIC_EN */
    { 0x12190, false, 0xffffffff },         /* DC_GPIO_DVODATA_MASK */
    { 0x12198, false, 0x00000000 },         /* DC_GPIO_DVODATA_EN */
    { 0x12210, false, 0x00001111 },         /* DC_GPIO_SYNCA_MASK */
    { 0x12218, false, 0x00000000 },         /* DC_GPIO_SYNCA_EN */
    { 0xc0300024, true, 0x00000001 },       /* fb request reject */
    { 0xc0500140, true, 0x00000009 },       /* CG_SPLL_FUNC_CNTL */
    { 0xc0500144, true, 0x00000000 },       /* CG_SPLL_FUNC_CNTL_2 */
    { 0xc0500170, true, 0x06000000 },       /* bits 25-27 */
    { 0xc050019c, true, 0x00000400 },       /* MPLL_BYPASSCLK_SEL */
    { 0xc05001a0, true, 0x00000000 },       /* CG_CLKPIN_CNTL */
    { 0xc05001a4, true, 0x00000000 },       /* CG_CLKPIN_CNTL_2 */
    { 0xc05001a8, true, 0x00000101 },       /* THM_CLK_CNTL */
    { 0xc05001ac, true, 0x00000101 },       /* MISC_CLK_CTRL */
};

static const RegValue final_fiji[] = {
    { 0x608, false, 0xff77ffff },           /* GPIOPAD_MASK */
    { 0x610, false, 0x00000000 },           /* GPIOPAD_EN */
    { 0x648, false, 0x00000000 },           /* GPIOPAD_PU_EN */
    { 0x64c, false, 0x00000000 },           /* GPIOPAD_PD_EN */
    { 0x5490, false, 0x00000000 },          /* BIF_FB_EN */
    { 0x12180, false, 0x03333333 },         /* DC_GPIO_GENERIC_MASK */
    { 0x12188, false, 0x00000000 },         /* DC_GPIO_GENERIC_EN */
    { 0x12190, false, 0xffffffff },         /* DC_GPIO_DVODATA_MASK */
    { 0x12198, false, 0x00000000 },         /* DC_GPIO_DVODATA_EN */
    { 0x12210, false, 0x00001111 },         /* DC_GPIO_SYNCA_MASK */
    { 0x12218, false, 0x00000000 },         /* DC_GPIO_SYNCA_EN */
    { 0xc0300024, true, 0x00000001 },       /* fb request reject */
    { 0xc0500140, true, 0x00000009 },       /* CG_SPLL_FUNC_CNTL */
    { 0xc0500144, true, 0x00000000 },       /* CG_SPLL_FUNC_CNTL_2 */
    { 0xc0500170, true, 0x06000000 },       /* bits 25-27 */
    { 0xc050019c, true, 0x00000400 },       /* MPLL_BYPASSCLK_SEL */
    { 0xc05001a0, true, 0x00000000 },       /* CG_CLKPIN_CNTL */
    { 0xc05001a4, true, 0x00000000 },       /* CG_CLKPIN_CNTL_2 */
    { 0xc05001a8, true, 0x00000101 },       /* THM_CLK_CNTL */
    { 0xc05001ac, true, 0x00000101 },       /* MISC_CLK_CTRL */
};

static const RegValue final_polaris[] = {
    { 0x608, false, 0xff77ffff },           /* GPIOPAD_MASK */
    { 0x610, false, 0x00000000 },           /* GPIOPAD_EN */
    { 0x648, false, 0x00000000 },           /* GPIOPAD_PU_EN */
    { 0x64c, false, 0x00000000 },           /* GPIOPAD_PD_EN */
    { 0x2898, false, 0x10000000 },          /* MC_SEQ_DRAM */
    { 0x2bb0, false, 0x00000100 },          /* MPLL_CNTL_MODE */
    { 0x2bbc, false, 0x00000000 },          /* MPLL_FUNC_CNTL_2 */
    { 0x3688, false, 0x00003200 },          /* idx 0xda2 */
    { 0x5490, false, 0x00000000 },          /* BIF_FB_EN */
    { 0x12180, false, 0x03333333 },         /* DC_GPIO_GENERIC_MASK */
    { 0x12188, false, 0x00000000 },         /* DC_GPIO_GENERIC_EN */
    { 0x12190, false, 0xffffffff },         /* DC_GPIO_DVODATA_MASK */
    { 0x12198, false, 0x00000000 },         /* DC_GPIO_DVODATA_EN */
    { 0x12210, false, 0x00001111 },         /* DC_GPIO_SYNCA_MASK */
    { 0x12218, false, 0x00000000 },         /* DC_GPIO_SYNCA_EN */
    { 0x12250, false, 0x00000010 },         /* DC_GPIO_PAD_STRENGTH_1 */
    { 0xc0300024, true, 0x00000001 },       /* fb request reject */
    { 0xc0500080, true, 0x00000001 },       /* Polaris bit 0 */
    { 0xc0500118, true, 0x00000080 },       /* GCK_DFS_BYPASS_CNTL */
    { 0xc0500140, true, 0x00000008 },       /* CG_SPLL_FUNC_CNTL */
    { 0xc0500170, true, 0x04000000 },       /* bits 25-27 */
    { 0xc050019c, true, 0x00000400 },       /* MPLL_BYPASSCLK_SEL */
    { 0xc05001a0, true, 0x00000000 },       /* CG_CLKPIN_CNTL */
    { 0xc05001a4, true, 0x00000000 },       /* CG_CLKPIN_CNTL_2 */
    { 0xc05001a8, true, 0x00000101 },       /* THM_CLK_CNTL */
    { 0xc05001ac, true, 0x00000101 },       /* MISC_CLK_CTRL */
    { 0xc05002b0, true, 0x00000000 },       /* bit 4 self-clearing */
    { 0xc050032c, true, 0x00000000 },       /* bit 4 self-clearing */
};

static const RegValue final_ci[] = {
    { 0x04f0, false, 0x00000001 },          /* DISPPLL_BG_CNTL */
    { 0x608, false, 0xff77ffff },           /* GPIOPAD_MASK */
    { 0x610, false, 0x00000000 },           /* GPIOPAD_EN */
    { 0x648, false, 0x00000000 },           /* GPIOPAD_PU_EN */
    { 0x64c, false, 0x00000000 },           /* GPIOPAD_PD_EN */
    { 0x2930, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY0_D0 */
    { 0x2934, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY1_D0 */
    { 0x2948, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY0_D1 */
    { 0x294c, false, 0x00007740 },          /* MC_IO_RXCNTL_DPHY1_D1 */
    { 0x2b50, false, 0x00000000 },          /* MC_SEQ_CNTL_2 */
    { 0x2ba0, false, 0x00000000 },          /* MCLK_PWRMGT_CNTL */
    { 0x2bb0, false, 0x80000100 },          /* MPLL_CNTL_MODE */
    { 0x2bd4, false, 0x00000006 },          /* MPLL_CONTROL */
    { 0x5490, false, 0x00000000 },          /* BIF_FB_EN */
    { 0x5c1c, false, 0x00000007 },          /* PLL_CNTL */
    { 0x6510, false, 0x03333333 },          /* DC_GPIO_GENERIC_MASK */
    { 0x6518, false, 0x00000000 },          /* DC_GPIO_GENERIC_EN */
    { 0x6520, false, 0xffffffff },          /* DC_GPIO_DVODATA_MASK */
    { 0x6528, false, 0x00000000 },          /* DC_GPIO_DVODATA_EN */
    { 0x6590, false, 0x00001111 },          /* DC_GPIO_SYNCA_MASK */
    { 0x6598, false, 0x00000000 },          /* DC_GPIO_SYNCA_EN */
    { 0xc150, false, 0x00000000 },          /* CP_PFP_UCODE_ADDR */
    { 0xc0300024, true, 0x00000001 },       /* fb request reject */
    { 0xc0500140, true, 0x00000009 },       /* CG_SPLL_FUNC_CNTL */
    { 0xc0500144, true, 0x00000000 },       /* CG_SPLL_FUNC_CNTL_2 */
    { 0xc0500170, true, 0x06000000 },       /* bits 25-27 */
    { 0xc050019c, true, 0x00000400 },       /* MPLL_BYPASSCLK_SEL */
    { 0xc05001a4, true, 0x00000000 },       /* CG_CLKPIN_CNTL_2 */
    { 0xc05001a8, true, 0x00000202 },       /* THM_CLK_CNTL */
    { 0xc05001ac, true, 0x00020202 },       /* MISC_CLK_CTRL */
    { 0xc0500204, true, 0x00000000 },       /* CG_CLKPIN_CNTL_DC */
};

typedef struct BacoCase {
    const char *name;
    uint16_t device;
    const char *family;
    const AMDGPUModelAccess *seq;
    size_t seq_len;
    const RegValue *final;
    size_t final_len;
    uint16_t scratch_cleared;       /* bit n: the clean table clears n */
    int64_t delay_us;               /* DLY_US steps of the tables */
    unsigned delays;                /* how many */
    /*
     * WAITs that poll on a slow chip: every status the tables wait for,
     * but CIK's PWRGOOD_BF, which its exit table's 20 ms delay covers
     */
    unsigned slow_waits;
} BacoCase;

static const BacoCase baco_cases[] = {
    {
        .name = "tonga",
        .device = DEV_W7100, .family = "Tonga",
        .seq = seq_baco_tonga, .seq_len = ARRAY_SIZE(seq_baco_tonga),
        .final = final_tonga, .final_len = ARRAY_SIZE(final_tonga),
        .scratch_cleared = 0x00c0,
        .slow_waits = 7,
    }, {
        .name = "fiji",
        .device = DEV_FURY, .family = "Fiji",
        .seq = seq_baco_fiji, .seq_len = ARRAY_SIZE(seq_baco_fiji),
        .final = final_fiji, .final_len = ARRAY_SIZE(final_fiji),
        .scratch_cleared = 0xffff,
        .slow_waits = 7,
    }, {
        .name = "polaris",
        .device = DEV_RX580, .family = "Polaris",
        .seq = seq_baco_polaris, .seq_len = ARRAY_SIZE(seq_baco_polaris),
        .final = final_polaris, .final_len = ARRAY_SIZE(final_polaris),
        .scratch_cleared = 0x00c0,
        /* turn_off_plls_tbl, Polaris #2, #13, #16, #18 */
        .delay_us = 1 + 3 + 3 + 5, .delays = 4,
        .slow_waits = 7,
    }, {
        .name = "hawaii",
        .device = DEV_HAWAII, .family = "CIK",
        .seq = seq_baco_ci, .seq_len = ARRAY_SIZE(seq_baco_ci),
        .final = final_ci, .final_len = ARRAY_SIZE(final_ci),
        .scratch_cleared = 0x00c0,
        /* exit_baco_tbl, CIK #4 */
        .delay_us = 20000, .delays = 1,
        .slow_waits = 6,
    }, {
        .name = "bonaire",
        .device = DEV_W5100, .family = "CIK",
        .seq = seq_baco_ci, .seq_len = ARRAY_SIZE(seq_baco_ci),
        .final = final_ci, .final_len = ARRAY_SIZE(final_ci),
        .scratch_cleared = 0x00c0,
        .delay_us = 20000, .delays = 1,
        .slow_waits = 6,
    },
};

/* A board that supports BACO: CIK models have the strap clear otherwise */
static TestEnv *env_baco_board(uint16_t device)
{
    TestEnv *env = env_new(device);

    amd_gpu_model_set_strap(env->model, true);
    amd_gpu_model_set_vbios_cap(env->model, true);
    return env;
}

/* Distinct values in every scratch register, posted bit included */
static void env_preset_scratch(TestEnv *env, uint32_t *before)
{
    unsigned n;

    for (n = 0; n < AMD_GPU_MODEL_SCRATCH_COUNT; n++) {
        amd_gpu_model_set_scratch(env->model, n, 0x5c000000 | n << 8 | n);
    }
    amd_gpu_model_set_scratch(env->model, 7, 0x5c000700 |
                              AMD_GPU_MODEL_SCRATCH7_POSTED);
    for (n = 0; n < AMD_GPU_MODEL_SCRATCH_COUNT; n++) {
        before[n] = amd_gpu_model_scratch(env->model, n);
    }
}

/* As after power-on: SMC stopped, PC 0, no driver, MEMSIZE readable */
static void assert_power_on_clean(TestEnv *env)
{
    g_assert_false(amd_gpu_model_in_baco(env->model));
    g_assert_true(amd_gpu_model_smc_stopped(env->model));
    g_assert_false(amd_gpu_model_smc_running(env->model));
    g_assert_cmphex(amd_gpu_model_smc_peek(env->model, ixSMC_PC_C), ==, 0);
    g_assert_false(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_is_clean(env->model));
    g_assert_false(amd_gpu_model_in_reset(env->model));
    g_assert_cmphex(amd_gpu_model_mmio_peek(env->model, 0x5428), ==,
                    AMD_GPU_MODEL_VRAM_MB);
    g_assert_cmphex(amd_gpu_model_mmio_peek(env->model, 0x5394), ==,
                    0x1f84);
    g_assert_cmphex(amd_gpu_model_get_command(env->model), ==, 0);
}

static void assert_scratch(TestEnv *env, const uint32_t *before,
                           uint16_t cleared)
{
    unsigned n;

    for (n = 0; n < AMD_GPU_MODEL_SCRATCH_COUNT; n++) {
        g_assert_cmphex(amd_gpu_model_scratch(env->model, n), ==,
                        cleared & (1 << n) ? 0 : before[n]);
    }
}

/* The full BACO reset, start to end, and the chip it leaves */
static void test_baco_sequence(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = env_baco_board(c->device);
    uint32_t scratch[AMD_GPU_MODEL_SCRATCH_COUNT];
    AMDResetReport report;

    g_assert_cmpstr(env->dev.family->name, ==, c->family);
    amd_gpu_model_set_storage_fill(env->model, BACO_FILL);
    env_preset_scratch(env, scratch);
    env_guest_ran(env, 0);
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    assert_log_tail(env, 0, c->seq, c->seq_len);

    /* time passes only in the gap and the DLY_US steps */
    g_assert_cmpint(env->now_ns - START_NS, ==,
                    (amd_reset_timings.baco_gap_us + c->delay_us) * 1000);
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    assert_power_on_clean(env);
    assert_scratch(env, scratch, c->scratch_cleared);
    env_free(env);
}

/* With the default storage: what the registers hold afterwards */
static void test_baco_registers(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = env_baco_board(c->device);
    AMDResetReport report;
    uint32_t index = 0;
    size_t i, j, n;

    env_guest_ran(env, 0);
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);

    for (i = 0; i < c->final_len; i++) {
        const RegValue *r = &c->final[i];
        uint32_t value = r->ix ? amd_gpu_model_smc_peek(env->model, r->reg)
                               : amd_gpu_model_mmio_peek(env->model, r->reg);

        if (value != r->value) {
            g_test_message("%s 0x%x: 0x%x, expected 0x%x", r->ix ? "ix" :
                           "mmio", r->reg, value, r->value);
        }
        g_assert_cmphex(value, ==, r->value);
    }

    /* and no register outside the tables was written */
    n = amd_gpu_model_log_count(env->model);
    for (i = 0; i < n; i++) {
        AMDGPUModelAccess e = log_entry(env, i);
        bool ix = e.offset == 0x204;
        uint32_t reg = ix ? index : e.offset;

        if (e.kind != AMD_GPU_MODEL_MMIO_WRITE) {
            continue;
        }
        if (e.offset == 0x200) {
            index = e.value;
            continue;
        }
        if (e.offset == 0x5394 ||
            (e.offset >= 0x1724 && e.offset <= 0x1760)) {
            continue;               /* BACO_CNTL, BIOS_SCRATCH_n */
        }
        for (j = 0; j < c->final_len; j++) {
            if (c->final[j].ix == ix && c->final[j].reg == reg) {
                break;
            }
        }
        if (j == c->final_len) {
            g_test_message("%s 0x%x written", ix ? "ix" : "mmio", reg);
        }
        g_assert_cmpuint(j, <, c->final_len);
    }
    env_free(env);
}

/*
 * A slow chip: every status the tables wait for (SPLL acknowledge,
 * Polaris's self-clearing bits, BACO_MODE, PWRGOOD_BF, PWRGOOD_GPIO/MEM/
 * DVO, RCU_BIF_CONFIG_DONE, BACO_MODE clear) comes 3 ms after the write
 * that asks for it.  Each of the seven WAITs of a chip's sequence polls
 * three times, 1 ms apart, and the reset ends power-on clean: a WAIT that
 * did not really wait would leave the chip behind.
 */
static void test_baco_slow_chip(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = env_baco_board(c->device);
    AMDResetReport report;

    amd_gpu_model_set_status_delay_ns(env->model, 3 * MS);
    env_guest_ran(env, 0);
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_SLEEP, -1), ==,
                     c->slow_waits * 3 + 1 + c->delays);
    g_assert_cmpint(env->now_ns - START_NS, ==,
                    (amd_reset_timings.baco_gap_us +
                     c->slow_waits * 3 * amd_reset_timings.baco_poll_us +
                     c->delay_us) * 1000);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
    assert_power_on_clean(env);
    env_free(env);
}

/*
 * Each chip enters BACO only after its own tables: another chip's
 * sequence leaves it powered, enter_baco times out at its last step
 * (wait for BACO_MODE; on a CIK chip, which has no BACO_BIF_SCLK_SWITCH,
 * at the VI table's wait for it), and since the chip is not in BACO the
 * exit does not run, as amdgpu's tonga_baco_set_state() returns early.
 */
typedef struct CrossCase {
    const char *name;
    uint16_t model;                 /* the chip */
    uint16_t tables;                /* whose family's tables run */
    unsigned step;                  /* where enter_baco times out */
} CrossCase;

static const CrossCase cross_cases[] = {
    { "tonga-model-fiji-tables", DEV_W7100, DEV_FURY, 12 },
    { "tonga-model-polaris-tables", DEV_W7100, DEV_RX580, 12 },
    { "tonga-model-hawaii-tables", DEV_W7100, DEV_HAWAII, 10 },
    { "fiji-model-tonga-tables", DEV_FURY, DEV_W7100, 12 },
    { "fiji-model-polaris-tables", DEV_FURY, DEV_RX580, 12 },
    { "polaris-model-tonga-tables", DEV_RX580, DEV_W7100, 12 },
    { "polaris-model-fiji-tables", DEV_RX580, DEV_FURY, 12 },
    { "polaris-model-hawaii-tables", DEV_RX580, DEV_HAWAII, 10 },
    /* BIF 4.1 has no BACO_BIF_SCLK_SWITCH: VI's wait for it times out */
    { "hawaii-model-tonga-tables", DEV_HAWAII, DEV_W7100, 3 },
    { "hawaii-model-polaris-tables", DEV_HAWAII, DEV_RX580, 3 },
    { "tonga-model-tonga-tables", DEV_W7100, DEV_W7100 },
    { "fiji-model-fiji-tables", DEV_FURY, DEV_FURY },
    { "polaris-model-polaris-tables", DEV_RX580, DEV_RX580 },
    { "hawaii-model-hawaii-tables", DEV_HAWAII, DEV_HAWAII },
};

/*
 * After an enter that left the chip powered, the log ends with the last
 * read of its WAIT, the read of the state (BACO_MODE clear: nothing to
 * leave) and the command register write
 */
static void assert_not_entered_tail(TestEnv *env)
{
    size_t n = amd_gpu_model_log_count(env->model);
    AMDGPUModelAccess wait = log_entry(env, n - 3);
    AMDGPUModelAccess state = log_entry(env, n - 2);
    AMDGPUModelAccess cmd = log_entry(env, n - 1);

    g_assert_true(entry_is(&wait, AMD_GPU_MODEL_MMIO_READ, 0x5394));
    g_assert_true(entry_is(&state, AMD_GPU_MODEL_MMIO_READ, 0x5394));
    g_assert_cmphex(state.value, ==, wait.value);
    g_assert_cmphex(state.value & 0x40, ==, 0);
    g_assert_true(entry_is(&cmd, AMD_GPU_MODEL_CFG_WRITE, 0x04));
    g_assert_cmphex(cmd.value, ==, 0);
}

static void test_baco_cross(const void *opaque)
{
    const CrossCase *c = opaque;
    TestEnv *env = env_baco_board(c->model);
    AMDResetReport report;
    AMDResetResult result;
    ssize_t gap;

    env->dev.family = amd_reset_lookup(AMD_RESET_VENDOR_ID,
                                       c->tables)->family;
    env_guest_ran(env, 0);
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);

    result = env_run(env, &report);

    gap = log_find(env, 0, AMD_GPU_MODEL_SLEEP, 0);
    while (gap >= 0 &&
           log_entry(env, gap).value != amd_reset_timings.baco_gap_us) {
        gap = log_find(env, gap + 1, AMD_GPU_MODEL_SLEEP, 0);
    }
    if (c->model == c->tables) {
        g_assert_cmpint(gap, >, 0);
        g_assert_cmpint(result, ==, AMD_RESET_DONE);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
        assert_power_on_clean(env);
    } else {
        g_assert_cmpint(result, ==, AMD_RESET_TIMEOUT);
        g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
        g_assert_nonnull(report.table);
        g_assert_nonnull(strstr(report.table, "enter_baco"));
        g_assert_cmpuint(report.step, ==, c->step);
        g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 0);
        /* never powered down: the guest's state is still there */
        g_assert_true(amd_gpu_model_driver_loaded(env->model));
        g_assert_false(amd_gpu_model_in_baco(env->model));
        /* no gap and no exit: the state read, the command register */
        g_assert_cmpint(gap, ==, -1);
        assert_not_entered_tail(env);
        g_assert_cmpint(env->now_ns - START_NS, <=, 500 * MS);
    }
    env_free(env);
}

/*
 * Fault: BACO_MODE never sets.  enter_baco times out at step 12 after
 * its 100 ms; the chip is not in BACO, so, as in amdgpu's
 * tonga_baco_set_state(), the exit tables do not run.
 */
static void test_baco_never_enters(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;
    ssize_t first;
    size_t polls, n;
    int64_t t0, t1;

    amd_gpu_model_set_baco_never_enters(env->model, true);
    env_guest_ran(env, 0);
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_nonnull(report.table);
    g_assert_nonnull(strstr(report.table, "enter_baco"));
    g_assert_cmpuint(report.step, ==, 12);

    /* the wait for BACO_MODE: a read per ms for 100 ms */
    first = log_find(env, 0, AMD_GPU_MODEL_SLEEP, 0);
    g_assert_cmpint(first, >, 0);
    g_assert_cmpuint(log_entry(env, first).value, ==,
                     amd_reset_timings.baco_poll_us);
    n = amd_gpu_model_log_count(env->model);
    t0 = log_entry(env, first - 1).time_ns;
    t1 = log_entry(env, n - 3).time_ns;
    g_assert_cmpint(t1 - t0, >=, 100 * MS);
    g_assert_cmpint(t1 - t0, <=, 101 * MS);
    /* the reads of the wait, then the one of the state */
    polls = log_count_kind(env, first - 1, AMD_GPU_MODEL_MMIO_READ, 0x5394);
    g_assert_cmpuint(polls, >=, 101 + 1);
    g_assert_cmpuint(polls, <=, 102 + 1);
    g_assert_cmpuint(log_count_kind(env, first - 1, AMD_GPU_MODEL_SLEEP, -1),
                     ==, polls - 2);  /* one per poll but the last */
    assert_not_entered_tail(env);

    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 0);
    g_assert_false(amd_gpu_model_in_baco(env->model));
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    g_assert_true(amd_gpu_model_smc_running(env->model));
    g_assert_cmpint(env->now_ns - START_NS, <=, 500 * MS);
    env_free(env);
}

/* Already in BACO: the enter is skipped, the exit brings the chip back */
static const AMDGPUModelAccess seq_baco_resume[] = {
    CFG_R(0x08, 4, 0x03000000),
    CFG_W(0x04, 2, 0x0002),
    MMIO_W(0x200, 0x80000004),          /* need a reset? SMC clock off */
    MMIO_R(0x204, 0x00000001),
    MMIO_W(0x200, 0x80000370),
    MMIO_R(0x204, 0x00000000),
    MMIO_R(0x5394, 0x00040251),         /* but left in BACO: yes */
    MMIO_R(0x5394, 0x00040251),         /* BACO_MODE: in BACO; power */
    MMIO_R(0x5394, 0x00040251),         /* in BACO: leave it */
    SLEEP(20000),
    MMIO_R(0x5394, 0x00040251),         /* exit_baco_tbl #1 */
    MMIO_W(0x5394, 0x00040251),         /* #1 BACO_RESET_EN := 1 */
    MMIO_R(0x5394, 0x00040251),         /* #2 */
    MMIO_W(0x5394, 0x00040251),         /* #2 BACO_BCLK_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #3 */
    MMIO_W(0x5394, 0x00040251),         /* #3 BACO_POWER_OFF := 0 */
    MMIO_R(0x5394, 0x00040251),         /* #4 wait PWRGOOD_BF */
    MMIO_R(0x5394, 0x00040251),         /* #5 */
    MMIO_W(0x5394, 0x00040255),         /* #5 BACO_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041e55),         /* #6 wait PWRGOOD GPIO/MEM/DVO */
    MMIO_R(0x5394, 0x00041e55),         /* #7 */
    MMIO_W(0x5394, 0x00041ed5),         /* #7 BACO_ANA_ISO_DIS := 1 */
    MMIO_R(0x5394, 0x00041ed5),         /* #8 */
    MMIO_W(0x5394, 0x00001ed5),         /* #8 BACO_BIF_SCLK_SWITCH := 0 */
    MMIO_R(0x5394, 0x00001ed5),         /* #9 */
    MMIO_W(0x5394, 0x00001ec5),         /* #9 BACO_RESET_EN := 0 */
    MMIO_R(0x5394, 0x00001fc5),         /* #10 wait RCU_BIF_CONFIG_DONE */
    MMIO_R(0x5394, 0x00001fc5),         /* #11 */
    MMIO_W(0x5394, 0x00001fc4),         /* #11 BACO_EN := 0 */
    MMIO_R(0x5394, 0x00001f84),         /* #12 wait BACO_MODE clear */
    /* clean_baco_tbl */
    MMIO_W(0x173c, 0x00000000),         /* #1 BIOS_SCRATCH_6 := 0 */
    MMIO_W(0x1740, 0x00000000),         /* #2 BIOS_SCRATCH_7 := 0 */
    CFG_W(0x04, 2, 0x0000),
};

/*
 * Fault: the power never comes back.  The exit gives up at its step 4
 * (PWRGOOD_BF) after 100 ms, so the reset is bounded; the chip stays in
 * BACO and the clean table does not run.  Once the fault is gone, the
 * next reset finds the chip in BACO, skips the enter and brings it back.
 */
static void test_baco_never_exits(void)
{
    TestEnv *env = env_new(DEV_W7100);
    uint32_t scratch[AMD_GPU_MODEL_SCRATCH_COUNT];
    AMDResetReport report;
    AMDGPUModelAccess e;

    amd_gpu_model_set_baco_never_exits(env->model, true);
    env_preset_scratch(env, scratch);
    env_guest_ran(env, 0);
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_nonnull(report.table);
    g_assert_nonnull(strstr(report.table, "exit_baco"));
    g_assert_cmpuint(report.step, ==, 4);
    g_assert_cmpint(env->now_ns - START_NS, >=, 120 * MS);
    g_assert_cmpint(env->now_ns - START_NS, <=, 121 * MS);
    e = log_entry(env, amd_gpu_model_log_count(env->model) - 2);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_MMIO_READ, 0x5394));
    g_assert_cmphex(e.value, ==, 0x00040051);     /* no PWRGOOD_BF */
    e = log_entry(env, amd_gpu_model_log_count(env->model) - 1);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_CFG_WRITE, 0x04));

    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 0);
    g_assert_true(amd_gpu_model_in_baco(env->model));
    g_assert_false(amd_gpu_model_driver_loaded(env->model));
    assert_scratch(env, scratch, 0);

    /* the power is back (PWRGOOD_BF at once): the next reset only exits */
    amd_gpu_model_set_baco_never_exits(env->model, false);
    amd_gpu_model_log_clear(env->model);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    assert_log_tail(env, 0, seq_baco_resume, ARRAY_SIZE(seq_baco_resume));
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 1);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
    assert_power_on_clean(env);
    assert_scratch(env, scratch, 0x00c0);
    env_free(env);
}

/*
 * Fault: the chip falls off the bus in the middle of a BACO reset.  The
 * first WAIT that reads all-ones asks config space (class code, which
 * the kernel does not virtualize), gets all-ones and ends the reset at
 * once as GONE: nothing but the final command write follows.
 */
typedef struct GoneCase {
    const char *name;
    unsigned accesses;              /* before the chip falls off */
    unsigned wait_entry;            /* log index of the all-ones WAIT */
    uint32_t wait_offset;
    int64_t elapsed_ns;
} GoneCase;

#define TONGA_GAP_ENTRY 114         /* SLEEP(20000) in seq_baco_tonga */

static const GoneCase gone_cases[] = {
    /* in gpio_tbl; the first WAIT is use_bclk #6, log entry 30 */
    {
        .name = "enter",
        .accesses = 14, .wait_entry = 30, .wait_offset = 0x204,
    },
    /* in exit_baco, after its steps 1-3 (six accesses) */
    {
        .name = "exit",
        .accesses = TONGA_GAP_ENTRY + 6, .wait_entry = TONGA_GAP_ENTRY + 7,
        .wait_offset = 0x5394, .elapsed_ns = 20 * MS,
    },
};

static void test_baco_gone(const void *opaque)
{
    const GoneCase *c = opaque;
    TestEnv *env = env_new(DEV_W7100);
    /* entries that are still those of the full sequence */
    size_t same = MIN(c->accesses, TONGA_GAP_ENTRY) +
                  (c->accesses > TONGA_GAP_ENTRY ?
                   c->accesses - TONGA_GAP_ENTRY + 1 : 0);
    AMDResetReport report;
    const AMDGPUModelAccess tail[] = {
        MMIO_R(c->wait_offset, 0xffffffff),     /* the WAIT: all-ones */
        CFG_R(0x08, 4, 0xffffffff),             /* gone */
        CFG_W(0x04, 2, 0x0000),
    };

    g_assert_cmpint(seq_baco_tonga[TONGA_GAP_ENTRY].kind, ==,
                    AMD_GPU_MODEL_SLEEP);
    amd_gpu_model_set_storage_fill(env->model, BACO_FILL);
    env_guest_ran(env, 0);
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);
    amd_gpu_model_set_all_ones_after(env->model, c->accesses);

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_GONE);

    /* the full sequence up to the fall, the WAIT, nothing more */
    assert_log_tail(env, c->wait_entry, tail, ARRAY_SIZE(tail));
    {
        g_autofree char *want = format_table(seq_baco_tonga, same);
        g_autofree char *got = amd_gpu_model_log_format(env->model, 0, same);

        g_assert_cmpstr(got, ==, want);
    }
    g_assert_cmpint(env->now_ns - START_NS, ==, c->elapsed_ns);
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==,
                     c->accesses > TONGA_GAP_ENTRY);
    env_free(env);
}

/*
 * "Config reset wears out" (the W7100 report: two resets work, the third
 * leaves a black screen).  Without the VBIOS cap the engine picks the
 * config reset, as amdgpu does, and the third reset times out, bounded;
 * on a Tonga as on a Hawaii whose strap says BACO but whose VBIOS lacks
 * the cap (as on the Bonaire MXM boards).
 */
static void test_wear_config(const void *opaque)
{
    TestEnv *env = env_baco_board(GPOINTER_TO_UINT(opaque));
    AMDResetReport report;
    unsigned i;

    amd_gpu_model_set_vbios_cap(env->model, false);
    amd_gpu_model_set_config_reset_wear(env->model, 2);
    env_choose(env, AMD_RESET_METHOD_NONE);
    g_assert_cmpint(env->dev.methods[0], ==, AMD_RESET_METHOD_CONFIG);
    g_assert_cmpuint(env->dev.n_methods, ==, 1);

    for (i = 1; i <= 3; i++) {
        int64_t start = env->now_ns;

        env_guest_ran(env, 0);
        if (i < 3) {
            g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
            g_assert_true(amd_gpu_model_is_clean(env->model));
            g_assert_false(amd_gpu_model_in_reset(env->model));
            continue;
        }
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
        g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_CONFIG);
        g_assert_true(amd_gpu_model_in_reset(env->model));
        g_assert_cmpint(env->now_ns - start, <=,
                        (env->timings.settle_us + env->timings.ready_timeout_us
                         + amd_reset_timings.ready_poll_us) * 1000LL);
    }
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 3);
    g_assert_cmpuint(amd_gpu_model_baco_entries(env->model), ==, 0);

    /* a power cycle (host reboot) brings it back, twice more */
    amd_gpu_model_power_cycle(env->model);
    g_assert_false(amd_gpu_model_in_reset(env->model));
    env_guest_ran(env, 0);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    env_free(env);
}

/* With the cap: BACO every time, twenty resets, each power-on clean */
static void test_wear_baco(const void *opaque)
{
    const BacoCase *c = opaque;
    TestEnv *env = env_new(c->device);
    AMDResetReport report;
    unsigned i;

    amd_gpu_model_set_config_reset_wear(env->model, 2);
    env_choose(env, AMD_RESET_METHOD_NONE);
    g_assert_cmpint(env->dev.methods[0], ==, AMD_RESET_METHOD_BACO);

    for (i = 1; i <= 20; i++) {
        env_guest_ran(env, 0);
        amd_gpu_model_set_scratch(env->model, 6, 0x1234);
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
        g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
        g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, i);
        assert_power_on_clean(env);
        g_assert_cmphex(amd_gpu_model_scratch(env->model, 6), ==, 0);
        g_assert_cmphex(amd_gpu_model_scratch(env->model, 7), ==, 0);
    }
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    env_free(env);
}

/*
 * The config reset first, BACO when it times out: on a VI board whose
 * VBIOS cannot be read, and on every CIK board with the strap and the
 * cap (or a VBIOS that cannot be read).  With the config reset worn out
 * after two resets, every third reset escalates, and BACO, run right
 * away without an SMC reset, brings the chip back: its power-down also
 * ends the wear, so the two after it are config resets again.
 */
typedef struct FallbackCase {
    const char *name;
    uint16_t device;
    bool vbios;                     /* readable, with the cap */
    unsigned reboots;
} FallbackCase;

static const FallbackCase fallback_cases[] = {
    { "tonga-vbios-unreadable", DEV_W7100, false, 3 },
    { "hawaii", DEV_HAWAII, true, 10 },
    { "hawaii-vbios-unreadable", DEV_HAWAII, false, 10 },
    { "bonaire", DEV_W5100, true, 10 },
};

/* The timed-out config reset, its last poll, then BACO: no SMC reset */
static void assert_escalation(TestEnv *env)
{
    ssize_t trigger = log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c);
    ssize_t baco = log_find(env, 0, AMD_GPU_MODEL_MMIO_READ, 0x5394);
    AMDGPUModelAccess e;

    g_assert_cmpint(trigger, >, 0);
    g_assert_cmpint(baco, >, trigger);
    e = log_entry(env, baco - 2);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_MMIO_READ, 0x5428));
    g_assert_cmphex(e.value, ==, ALL_ONES);
    e = log_entry(env, baco - 1);
    g_assert_true(entry_is(&e, AMD_GPU_MODEL_CFG_READ, 0x08));
    g_assert_cmpuint(log_count_kind(env, trigger, AMD_GPU_MODEL_MMIO_WRITE,
                                    0x204), ==,
                     log_count_kind(env, baco, AMD_GPU_MODEL_MMIO_WRITE,
                                    0x204));
    g_assert_cmpint(env->now_ns - log_entry(env, trigger).time_ns, <=,
                    (env->timings.settle_us + env->timings.ready_timeout_us +
                     amd_reset_timings.ready_poll_us +
                     amd_reset_timings.baco_total_us) * 1000LL);
}

static void test_wear_fallback(const void *opaque)
{
    const FallbackCase *c = opaque;
    TestEnv *env = env_baco_board(c->device);
    AMDResetReport report;
    unsigned i;

    if (!c->vbios) {
        amd_gpu_model_set_vbios(env->model, NULL, 0);
    }
    amd_gpu_model_set_config_reset_wear(env->model, 2);
    env_choose(env, AMD_RESET_METHOD_NONE);
    g_assert_cmpint(env->dev.methods[0], ==, AMD_RESET_METHOD_CONFIG);
    g_assert_cmpuint(env->dev.n_methods, ==, 2);
    g_assert_cmpint(env->dev.methods[1], ==, AMD_RESET_METHOD_BACO);

    for (i = 1; i <= c->reboots; i++) {
        bool worn = i % 3 == 0;

        env_guest_ran(env, 0);
        g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
        g_assert_cmpint(report.method, ==, worn ? AMD_RESET_METHOD_BACO :
                        AMD_RESET_METHOD_CONFIG);
        g_assert_false(amd_gpu_model_in_reset(env->model));
        g_assert_true(amd_gpu_model_is_clean(env->model));
        g_assert_false(amd_gpu_model_in_baco(env->model));
        g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, i / 3);
        if (worn) {
            assert_escalation(env);
        }
    }
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==,
                     c->reboots);
    env_free(env);
}

/*
 * A chip that never answers: after the SMC check, every BAR5 read returns
 * one value, which no WAIT of the tables accepts (no SPLL_CHG_STATUS, no
 * BACO_BIF_SCLK_SWITCH, no PWRGOOD_BF, Polaris's bit 4 never clears).
 * With 0x10 the chip is not in BACO: the enter times out and, the chip
 * still not in BACO, nothing follows; with waits allowed 300 ms each the
 * enter's deadline cuts it at 180 ms (500 - 300 - 20), leaving room for
 * an exit.  With 0x50 (BACO_MODE set) the chip reads as in BACO: no
 * enter, the gap, and the exit, whose deadline is the cycle's 500 ms.
 */
typedef struct BoundCase {
    const char *name;
    uint16_t device;
    uint32_t frozen_value;
    uint32_t wait_timeout_us;       /* 0: the family's */
    int64_t min_ns, max_ns;
} BoundCase;

static const BoundCase bound_cases[] = {
    /* Tonga: use_bclk #6, enter_baco #3 */
    { "tonga", DEV_W7100, 0x10, 0, 200 * MS, 203 * MS },
    /* Polaris: turn_off_plls #6, enter_baco #3 */
    { "polaris", DEV_RX580, 0x10, 0, 200 * MS, 203 * MS },
    { "tonga-long-waits", DEV_W7100, 0x10, 300000, 180 * MS, 180 * MS },
    { "fiji-long-waits", DEV_FURY, 0x10, 300000, 180 * MS, 180 * MS },
    /* gap, exit_baco #4 */
    { "tonga-in-baco", DEV_W7100, 0x50, 0, 120 * MS, 121 * MS },
    { "tonga-in-baco-long-waits", DEV_W7100, 0x50, 600000,
      500 * MS, 500 * MS },
};

static void test_baco_bound(const void *opaque)
{
    const BoundCase *c = opaque;
    TestEnv *env = env_new(c->device);
    AMDResetReport report;

    env_guest_ran(env, 0);
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);
    if (c->wait_timeout_us) {
        env->timings.baco_wait_timeout_us = c->wait_timeout_us;
    }
    env->frozen = true;
    env->frozen_value = c->frozen_value;
    env->frozen_after = 2;          /* the SMC check reads the model */

    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_nonnull(report.table);
    g_assert_cmpuint(report.step, >, 0);
    g_assert_cmpint(env->now_ns - START_NS, >=, c->min_ns);
    g_assert_cmpint(env->now_ns - START_NS, <=, c->max_ns);
    g_assert_cmpint(env->now_ns - START_NS, <=,
                    amd_reset_timings.baco_total_us * 1000LL);
    /* at most one read per ms of polling, plus the other steps' */
    g_assert_cmpuint(env->frozen_reads, <=, 500 + 100);
    env_free(env);
}

/* The same on the real clock: 500 ms of wall time, and not much more */
static void test_baco_bound_real_clock(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;
    int64_t start, elapsed_us;

    env_use_real_clock(env);
    env_guest_ran(env, 0);
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);
    env->timings.baco_wait_timeout_us = 600000;
    env->frozen = true;
    env->frozen_value = 0x50;       /* in BACO: the exit runs to 500 ms */
    env->frozen_after = 2;          /* the SMC check reads the model */

    start = g_get_monotonic_time();
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_TIMEOUT);
    elapsed_us = g_get_monotonic_time() - start;

    g_assert_cmpint(elapsed_us, >=, amd_reset_timings.baco_total_us - 1000);
    /* one poll's oversleep, generously */
    g_assert_cmpint(elapsed_us, <, amd_reset_timings.baco_total_us + 100000);
    env_free(env);
}

void test_amd_reset_add_baco(void)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(baco_cases); i++) {
        add_case("/vfio/amd-reset/baco/sequence/%s", baco_cases[i].name,
                 &baco_cases[i], test_baco_sequence);
        add_case("/vfio/amd-reset/baco/registers/%s", baco_cases[i].name,
                 &baco_cases[i], test_baco_registers);
        add_case("/vfio/amd-reset/baco/slow-chip/%s", baco_cases[i].name,
                 &baco_cases[i], test_baco_slow_chip);
    }
    for (i = 0; i < ARRAY_SIZE(cross_cases); i++) {
        add_case("/vfio/amd-reset/baco/own-tables/%s", cross_cases[i].name,
                 &cross_cases[i], test_baco_cross);
    }
    g_test_add_func("/vfio/amd-reset/baco/never-enters",
                    test_baco_never_enters);
    g_test_add_func("/vfio/amd-reset/baco/never-exits",
                    test_baco_never_exits);
    for (i = 0; i < ARRAY_SIZE(gone_cases); i++) {
        add_case("/vfio/amd-reset/baco/gone/%s", gone_cases[i].name,
                 &gone_cases[i], test_baco_gone);
    }
    for (i = 0; i < ARRAY_SIZE(bound_cases); i++) {
        add_case("/vfio/amd-reset/baco/bound/%s", bound_cases[i].name,
                 &bound_cases[i], test_baco_bound);
    }
    g_test_add_func("/vfio/amd-reset/baco/bound/real-clock",
                    test_baco_bound_real_clock);

    /* the W7100 report, and what BACO does about it */
    g_test_add_data_func("/vfio/amd-reset/wear-out/config/tonga",
                         GUINT_TO_POINTER(DEV_W7100), test_wear_config);
    g_test_add_data_func("/vfio/amd-reset/wear-out/config/hawaii-no-cap",
                         GUINT_TO_POINTER(DEV_HAWAII), test_wear_config);
    for (i = 0; i < ARRAY_SIZE(baco_cases); i++) {
        /* a family whose BACO is a fallback never starts with it */
        if (amd_reset_lookup(AMD_RESET_VENDOR_ID,
                             baco_cases[i].device)->family->baco_fallback) {
            continue;
        }
        add_case("/vfio/amd-reset/wear-out/baco/%s", baco_cases[i].name,
                 &baco_cases[i], test_wear_baco);
    }
    for (i = 0; i < ARRAY_SIZE(fallback_cases); i++) {
        add_case("/vfio/amd-reset/wear-out/fallback/%s",
                 fallback_cases[i].name, &fallback_cases[i],
                 test_wear_fallback);
    }
}
