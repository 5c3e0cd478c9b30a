/*
 * Register-level model of the reset behaviour of an AMD GPU
 *
 * See amd-gpu-model.h for what is modelled.  Configuration space is a byte
 * array with a per-byte write mask; BAR5 is a dword array; the SMC-indirect
 * registers that matter have their own fields and every other SMC address
 * lives in a hash table that reads the storage fill (0) until written.
 * SOC15 chips have a larger configuration space and BAR5, their own
 * registers with fields of their own, and a hash table for the SMN
 * addresses in the same way.  What a PSP mode1 changes only later (the
 * acknowledge, the bootloader) is applied when the clock has passed that
 * point and the model is next accessed (soc15_update()); so are the SMU's
 * answers and the end of a BACO exit.
 *
 * The BACO registers and tables below are written from amdgpu's register
 * headers and powerplay tables (names of the tables in the comments), with
 * raw numbers, independently of the engine's tables: the model is what the
 * engine is checked against.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "amd-gpu-model.h"

#define ALL_ONES            0xffffffffU
#define CLASS_DISPLAY_VGA   0x0300
#define BAR5_OFFSET         (PCI_BASE_ADDRESS_0 + 4 * AMD_MMIO_BAR)
#define CMD_WRITABLE        (PCI_COMMAND_IO | PCI_COMMAND_MEMORY | \
                             PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | \
                             PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE)
#define CMD_DRIVER          (PCI_COMMAND_IO | PCI_COMMAND_MEMORY | \
                             PCI_COMMAND_MASTER)

/* BAR5 byte offsets and ix addresses of the BACO tables */
#define R_IDX               0x200       /* GCK_SMC_IND_INDEX */
#define R_DATA              0x204       /* GCK_SMC_IND_DATA */
#define R_BIOS_SCRATCH_0    0x1724
#define R_FUSESTRAP0        0x535c      /* CC_BIF_BX_FUSESTRAP0 */
#define   STRAP_BIF_PX_CAPABLE  0x2
#define R_BACO_CNTL         0x5394
#define   BACO_EN               0x1
#define   BACO_BCLK_OFF         0x2
#define   BACO_ISO_DIS          0x4
#define   BACO_POWER_OFF        0x8
#define   BACO_RESET_EN         0x10
#define   BACO_HANG_PROT_EN     0x20
#define   BACO_MODE             0x40
#define   BACO_ANA_ISO_DIS      0x80
#define   RCU_BIF_CONFIG_DONE   0x100
#define   PWRGOOD_BF            0x200
#define   PWRGOOD_GPIO_MEM_DVO  0x1c00
#define   BACO_POWER_OFF_DRAM   0x10000
#define   BACO_BF_MEM_PHY_ISO   0x20000
#define   BACO_BIF_SCLK_SWITCH  0x40000     /* VI only */
#define IX_CG_SPLL_FUNC_CNTL_2  0xc0500144
#define   SPLL_BYPASS_CHG       0x400000
#define   SPLL_CTLREQ_CHG       0x800000
#define IX_CG_SPLL_STATUS   0xc050015c
#define   SPLL_CHG_STATUS       0x2
#define IX_POLARIS_SELF_CLEAR_A 0xc05002b0  /* unnamed, bit 4 */
#define IX_POLARIS_SELF_CLEAR_B 0xc050032c
#define   POLARIS_SELF_CLEAR    0x10

/* SOC15: BAR5 byte offsets and bits (amd-gpu-model.h) */
#define S_INDEX2            AMD_GPU_MODEL_mmPCIE_INDEX2
#define S_DATA2             AMD_GPU_MODEL_mmPCIE_DATA2
#define S_BIOS_SCRATCH_0    AMD_GPU_MODEL_mmBIOS_SCRATCH_0
#define S_STRAP0            AMD_GPU_MODEL_mmRCC_BIF_STRAP0
#define S_MEMSIZE           AMD_GPU_MODEL_mmRCC_CONFIG_MEMSIZE
#define S_BACO_CNTL         AMD_GPU_MODEL_mmBACO_CNTL
#define S_C2PMSG_33         AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_33
#define S_C2PMSG_35         AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_35
#define S_C2PMSG_64         AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_64
#define S_C2PMSG_81         AMD_GPU_MODEL_mmMP0_SMN_C2PMSG_81
#define S_C2PMSG_66         AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_66
#define S_C2PMSG_82         AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_82
#define S_C2PMSG_90         AMD_GPU_MODEL_mmMP1_SMN_C2PMSG_90
#define S_THM9              AMD_GPU_MODEL_mmTHM_BACO_CNTL_SMU9
#define S_THM11             AMD_GPU_MODEL_mmTHM_BACO_CNTL_SMU11
#define S_FUSE_INDEX        AMD_GPU_MODEL_mmSMU9_FUSE_INDEX
#define S_FUSE_DATA         AMD_GPU_MODEL_mmSMU9_FUSE_DATA
#define PSP_READY_MASK      (AMD_GPU_MODEL_GFX_CMD_RESPONSE_MASK | \
                             AMD_GPU_MODEL_GFX_CMD_STATUS_MASK)
#define FW_INTERRUPTS_ENABLED \
    AMD_GPU_MODEL_MP1_FIRMWARE_FLAGS_INTERRUPTS_ENABLED

/* SOC15: NBIF BACO_CNTL (UMR's bit positions) */
#define S_BACO_EN           AMD_GPU_MODEL_BACO_CNTL_BACO_EN
#define S_BACO_LCLK_SWITCH  AMD_GPU_MODEL_BACO_CNTL_BACO_BIF_LCLK_SWITCH
#define S_BACO_DUMMY_EN     AMD_GPU_MODEL_BACO_CNTL_BACO_DUMMY_EN
#define S_BACO_POWER_OFF    AMD_GPU_MODEL_BACO_CNTL_BACO_POWER_OFF
#define S_BACO_MODE         AMD_GPU_MODEL_BACO_CNTL_BACO_MODE

/* SOC15: THM_BACO_CNTL, thm_9_0_sh_mask.h */
#define T_ISO_EN            AMD_GPU_MODEL_THM_BACO_ISO_EN
#define T_PWROKRAW_CNTL     AMD_GPU_MODEL_THM_BACO_PWROKRAW_CNTL
#define T_RESET_EN          AMD_GPU_MODEL_THM_BACO_RESET_EN
#define T_SOC_VDCI_RESET    AMD_GPU_MODEL_THM_BACO_SOC_VDCI_RESET
#define T_SMNCLK_MUX        AMD_GPU_MODEL_THM_BACO_SMNCLK_MUX
#define T_SOC_REFCLK_OFF    AMD_GPU_MODEL_THM_BACO_SOC_REFCLK_OFF
#define T_AEB_ISO_EN        AMD_GPU_MODEL_THM_BACO_AEB_ISO_EN
#define T_BACO_EXIT         AMD_GPU_MODEL_THM_BACO_EXIT
#define T_ANA_ISO_EN        AMD_GPU_MODEL_THM_BACO_ANA_ISO_EN
#define T_SB_AXI_FENCE      AMD_GPU_MODEL_THM_BACO_SB_AXI_FENCE
#define T_SOC_DOMAIN_IDLE   AMD_GPU_MODEL_THM_BACO_SOC_DOMAIN_IDLE
/* what the enter table sets and the exit table clears, but RESET_EN */
#define T_ISOLATION         (T_ISO_EN | T_SOC_VDCI_RESET | T_SMNCLK_MUX | \
                             T_SOC_REFCLK_OFF | T_AEB_ISO_EN | T_ANA_ISO_EN)
#define T9_POWER_ON         T_PWROKRAW_CNTL
#define T11_ENTER           AMD_GPU_MODEL_THM11_BACO_ENTER
#define T11_EXIT_BUSY       AMD_GPU_MODEL_THM11_BACO_EXIT_BUSY

#define SMU_OK              AMD_GPU_MODEL_SMU_RESULT_OK
#define SMU_UNKNOWN_CMD     AMD_GPU_MODEL_SMU_RESULT_UNKNOWN_CMD
#define SMU_REJECTED        AMD_GPU_MODEL_SMU_RESULT_REJECTED
#define SMU_BUSY            AMD_GPU_MODEL_SMU_RESULT_BUSY

/* SOC15: configuration space */
#define PM_CAP              AMD_GPU_MODEL_SOC15_PM_CAP
#define PM_PMC_VERSION_3    0x0003
#define PMCSR               (PM_CAP + PCI_PM_CTRL)
#define EXP_CAP             AMD_GPU_MODEL_SOC15_EXP_CAP
#define EXP_FLAGS_V2_EP     (0x0002 | PCI_EXP_TYPE_ENDPOINT << 4)
#define EXP_DEVCAP          0x00008021  /* MPS 256, extended tag, RBER */
#define EXP_DEVCTL_WMASK    0x7fff      /* bit 15: FLR, reads 0 */
#define EXP_LNKCAP          0x00000103  /* 8 GT/s, x16 */
#define EXP_LNKCTL_WMASK    0x0fff
#define EXP_LNKSTA          0x0103      /* 8 GT/s, x16 */
#define DEVCTL              (EXP_CAP + PCI_EXP_DEVCTL)
#define LNKCTL              (EXP_CAP + PCI_EXP_LNKCTL)
#define DEVCTL2             (EXP_CAP + PCI_EXP_DEVCTL2)
#define LNKCTL2             (EXP_CAP + PCI_EXP_LNKCTL2)
#define MSI_CAP             AMD_GPU_MODEL_SOC15_MSI_CAP
#define REBAR_CAP           AMD_GPU_MODEL_SOC15_REBAR_CAP
#define REBAR_HEADER        (PCI_EXT_CAP_ID_REBAR | 1 << 16)    /* next 0 */
#define REBAR_CTRL          (REBAR_CAP + PCI_REBAR_CTRL)
#define REBAR_CTRL_NBAR_1   (1 << PCI_REBAR_CTRL_NBAR_SHIFT)    /* BAR 0 */
#define REBAR_CTRL_SIZE     0x3f00      /* bits 13:8 */

#define BACO_CTRL_BITS      (BACO_EN | BACO_BCLK_OFF | BACO_ISO_DIS | \
                             BACO_POWER_OFF | BACO_RESET_EN | \
                             BACO_HANG_PROT_EN | BACO_ANA_ISO_DIS | \
                             BACO_POWER_OFF_DRAM | BACO_BF_MEM_PHY_ISO)
#define BACO_CTRL_POWER_ON  (BACO_ISO_DIS | BACO_ANA_ISO_DIS)

/*
 * One write of a table as the chip sees it: @reg (a BAR5 offset, or an
 * SMC-indirect address written through the data register) gets a value
 * whose bits @mask equal @val.  A WRITE checks every bit; a
 * read-modify-write checks its field; one with mask 0 (a plain OR)
 * checks the bits it ORs in.  Index register writes are not listed: they
 * only select the address of the next data register access.
 */
typedef struct ModelWrite {
    uint32_t reg;
    bool ix;
    uint32_t mask;
    uint32_t val;
} ModelWrite;

#define W(reg, val)             { reg, false, ALL_ONES, val }
#define FIELD(reg, mask, val)   { reg, false, mask, val }
#define OR(reg, val)            { reg, false, val, val }
#define IX(ix, mask, val)       { ix, true, mask, val }

typedef struct ModelTable {
    const ModelWrite *writes;
    size_t count;
} ModelTable;

#define TABLE(t)                { t, ARRAY_SIZE(t) }
#define TABLE_PART(t, n)        { t, n }

/* gpio_tbl */
static const ModelWrite baco_gpio[] = {
    W(0x610, 0),                            /* 1 GPIOPAD_EN */
    W(0x64c, 0),                            /* 2 GPIOPAD_PD_EN */
    W(0x648, 0),                            /* 3 GPIOPAD_PU_EN */
    W(0x608, 0xff77ffff),                   /* 4 GPIOPAD_MASK */
    W(0x12198, 0),                          /* 5 DC_GPIO_DVODATA_EN */
    W(0x12190, 0xffffffff),                 /* 6 DC_GPIO_DVODATA_MASK */
    W(0x12188, 0),                          /* 7 DC_GPIO_GENERIC_EN */
    OR(0x12180, 0x03333333),                /* 8 DC_GPIO_GENERIC_MASK */
    W(0x12218, 0),                          /* 9 DC_GPIO_SYNCA_EN */
    OR(0x12210, 0x00001111),                /* 10 DC_GPIO_SYNCA_MASK */
};

/* gpio_tbl, CIK: the display GPIOs at their DCE 8.0 offsets */
static const ModelWrite baco_gpio_ci[] = {
    W(0x610, 0),                            /* 1 GPIOPAD_EN */
    W(0x64c, 0),                            /* 2 GPIOPAD_PD_EN */
    W(0x648, 0),                            /* 3 GPIOPAD_PU_EN */
    W(0x608, 0xff77ffff),                   /* 4 GPIOPAD_MASK */
    W(0x6528, 0),                           /* 5 DC_GPIO_DVODATA_EN */
    W(0x6520, 0xffffffff),                  /* 6 DC_GPIO_DVODATA_MASK */
    W(0x6518, 0),                           /* 7 DC_GPIO_GENERIC_EN */
    OR(0x6510, 0x03333333),                 /* 8 DC_GPIO_GENERIC_MASK */
    W(0x6598, 0),                           /* 9 DC_GPIO_SYNCA_EN */
    OR(0x6590, 0x00001111),                 /* 10 DC_GPIO_SYNCA_MASK */
};

/* enable_fb_req_rej_tbl */
static const ModelWrite baco_fb_req_rej[] = {
    IX(0xc0300024, 0x1, 0x1),               /* 2 bit 0 */
    W(0x5490, 0),                           /* 3 BIF_FB_EN */
};

/* use_bclk_tbl, Tonga (Fiji: steps 1-17, the first 7 writes) */
static const ModelWrite baco_use_bclk_tonga[] = {
    IX(0xc0500140, 0x8, 0x8),               /* 2 SPLL_BYPASS_EN := 1 */
    IX(0xc0500144, 0x400000, 0x400000),     /* 4 SPLL_BYPASS_CHG := 1 */
    IX(0xc0500144, 0x400000, 0),            /* 8 SPLL_BYPASS_CHG := 0 */
    IX(0xc0500144, 0x800000, 0x800000),     /* 9 SPLL_CTLREQ_CHG := 1 */
    IX(0xc0500144, 0x800000, 0),            /* 13 SPLL_CTLREQ_CHG := 0 */
    IX(0xc0500170, 0x4000000, 0x4000000),   /* 15 bit 26 */
    IX(0xc050019c, 0xff00, 0x200),          /* 17 MPLL_CLKOUT_SEL := 2 */
    FIELD(0x2bb0, 0x100, 0x100),            /* 18 MPLL_SW_DIR_CONTROL */
    FIELD(0x2bb0, 0x800, 0),                /* 19 MPLL_MCLK_SEL := 0 */
};

/* use_bclk_tbl, Polaris */
static const ModelWrite baco_use_bclk_polaris[] = {
    IX(0xc0500140, 0x8, 0x8),               /* 2 SPLL_BYPASS_EN := 1 */
    IX(0xc0500170, 0x4000000, 0x4000000),   /* 4 bit 26 */
    IX(0xc0500118, 0x80, 0x80),             /* 6 BYPASSACLK := 1 */
    IX(0xc050019c, 0xff00, 0x200),          /* 8 MPLL_CLKOUT_SEL := 2 */
    FIELD(0x2bb0, 0x100, 0x100),            /* 9 MPLL_SW_DIR_CONTROL */
    FIELD(0x2bb0, 0x800, 0),                /* 10 MPLL_MCLK_SEL := 0 */
};

/* turn_off_plls_tbl, Tonga (Fiji: steps 1-6, the first 4 writes) */
static const ModelWrite baco_turn_off_plls_tonga[] = {
    IX(0xc0500140, 0x1, 0x1),               /* 2 SPLL_RESET := 1 */
    IX(0xc0500140, 0x2, 0),                 /* 3 SPLL_PWRON := 0 */
    IX(0xc0500170, 0x2000000, 0x2000000),   /* 5 bit 25 */
    IX(0xc0500170, 0x8000000, 0),           /* 6 bit 27 clear */
    FIELD(0x2bb0, 0x80000000, 0x80000000),  /* 7 GLOBAL_MPLL_RESET */
    W(0x2bd4, 0x00000006),                  /* 8 MPLL_CONTROL */
    W(0x2930, 0x00007740),                  /* 9 MC_IO_RXCNTL_DPHY0_D0 */
    W(0x2948, 0x00007740),                  /* 10 MC_IO_RXCNTL_DPHY0_D1 */
    W(0x2934, 0x00007740),                  /* 11 MC_IO_RXCNTL_DPHY1_D0 */
    W(0x294c, 0x00007740),                  /* 12 MC_IO_RXCNTL_DPHY1_D1 */
    FIELD(0x2ba0, 0x100, 0),                /* 13 MRDCK0_PDNB := 0 */
    FIELD(0x2ba0, 0x200, 0),                /* 14 MRDCK1_PDNB := 0 */
    FIELD(0x2b50, 0x10, 0),                 /* 15 DRST_PU := 0 */
    FIELD(0x2b50, 0x20, 0),                 /* 16 DRST_PD := 0 */
    IX(0xc05001a4, 0x8, 0),                 /* 18 FORCE_BIF_REFCLK_EN */
    IX(0xc050019c, 0xff00, 0x400),          /* 20 MPLL_CLKOUT_SEL := 4 */
    IX(0xc05001ac, 0xff, 0x1),              /* 22 DEEP_SLEEP_CLK_SEL */
    IX(0xc05001ac, 0xff00, 0x100),          /* 23 ZCLK_SEL := 1 */
    IX(0xc05001a0, 0x4, 0),                 /* 25 BCLK_AS_XCLK := 0 */
    IX(0xc05001a8, 0xff, 0x1),              /* 27 CMON_CLK_SEL := 1 */
    IX(0xc05001a8, 0xff00, 0x100),          /* 28 TMON_CLK_SEL := 1 */
};

/*
 * turn_off_plls_tbl, CIK: display PLL and reference clock off (rows 1-7),
 * then Tonga's rows 1-16 (its first 14 writes), then the clock selects
 * (rows 24-34)
 */
static const ModelWrite baco_disp_plls_off_ci[] = {
    FIELD(0x04f0, 0x1, 0x1),                /* 1 DISPPLL_BG_PDN := 1 */
    IX(0xc0500204, 0x1, 0),                 /* 3 OSC_EN := 0 */
    IX(0xc0500204, 0x1c00, 0),              /* 4 XTALIN_SEL := 0 */
    FIELD(0x5c1c, 0x1, 0x1),                /* 5 PLL_RESET := 1 */
    FIELD(0x5c1c, 0x2, 0x2),                /* 6 PLL_POWER_DOWN := 1 */
    FIELD(0x5c1c, 0x4, 0x4),                /* 7 PLL_BYPASS_CAL := 1 */
};

static const ModelWrite baco_clk_sel_ci[] = {
    IX(0xc05001a4, 0x8, 0),                 /* 25 FORCE_BIF_REFCLK_EN */
    IX(0xc050019c, 0xff00, 0x400),          /* 27 MPLL_CLKOUT_SEL := 4 */
    IX(0xc05001ac, 0xff, 0x2),              /* 29 DEEP_SLEEP_CLK_SEL := 2 */
    IX(0xc05001ac, 0xff00, 0x200),          /* 30 ZCLK_SEL := 2 */
    IX(0xc05001ac, 0xff0000, 0x20000),      /* 31 DFT_SMS_PG_CLK_SEL := 2 */
    IX(0xc05001a8, 0xff, 0x2),              /* 33 CMON_CLK_SEL := 2 */
    IX(0xc05001a8, 0xff00, 0x200),          /* 34 TMON_CLK_SEL := 2 */
};

/* turn_off_plls_tbl, Polaris (its DLY_US steps are not writes) */
static const ModelWrite baco_turn_off_plls_polaris[] = {
    FIELD(0x12250, 0xf0, 0x10),             /* 1 GENLK_STRENGTH_SP := 1 */
    FIELD(0x2898, 0x10000000, 0x10000000),  /* 3 RST_CTL := 1 */
    IX(0xc05002b0, 0x10, 0x10),             /* 5 bit 4 */
    IX(0xc050032c, 0x10, 0x10),             /* 8 bit 4 */
    IX(0xc0500080, 0x1, 0x1),               /* 11 bit 0 */
    FIELD(0x3688, 0x40, 0),                 /* 12 bit 6 clear */
    FIELD(0x3688, 0x8, 0),                  /* 14 bit 3 clear */
    FIELD(0x3688, 0x3fff00, 0x3200),        /* 15 [21:8] := 0x32 */
    FIELD(0x2bbc, 0x10000, 0),              /* 17 ISO_DIS_P := 0 */
};

/* clk_req_b_tbl, Fiji */
static const ModelWrite baco_clk_req_b_fiji[] = {
    IX(0xc05001a4, 0x8, 0),                 /* 2 FORCE_BIF_REFCLK_EN */
    IX(0xc050019c, 0xff00, 0x400),          /* 4 MPLL_CLKOUT_SEL := 4 */
    IX(0xc05001ac, 0xff, 0x1),              /* 6 DEEP_SLEEP_CLK_SEL */
    IX(0xc05001ac, 0xff00, 0x100),          /* 7 ZCLK_SEL := 1 */
    IX(0xc05001a0, 0x4, 0),                 /* 9 BCLK_AS_XCLK := 0 */
    IX(0xc05001a8, 0xff, 0x1),              /* 11 CMON_CLK_SEL := 1 */
    IX(0xc05001a8, 0xff00, 0x100),          /* 12 TMON_CLK_SEL := 1 */
};

/* clk_req_b_tbl, Polaris */
static const ModelWrite baco_clk_req_b_polaris[] = {
    IX(0xc05001a8, 0xff, 0x1),              /* 2 CMON_CLK_SEL := 1 */
    IX(0xc05001a8, 0xff00, 0x100),          /* 3 TMON_CLK_SEL := 1 */
    IX(0xc05001ac, 0xff, 0x1),              /* 5 DEEP_SLEEP_CLK_SEL */
    IX(0xc05001ac, 0xff00, 0x100),          /* 6 ZCLK_SEL := 1 */
    IX(0xc05001a0, 0x4, 0),                 /* 8 BCLK_AS_XCLK := 0 */
    IX(0xc05001a4, 0x8, 0),                 /* 10 FORCE_BIF_REFCLK_EN */
    IX(0xc050019c, 0xff00, 0x400),          /* 12 MPLL_CLKOUT_SEL := 4 */
};

/* enter_baco_tbl (its WAIT steps are not writes) */
static const ModelWrite baco_enter[] = {
    FIELD(0x5394, 0x1, 0x1),                /* 1 BACO_EN := 1 */
    FIELD(0x5394, 0x40000, 0x40000),        /* 2 BACO_BIF_SCLK_SWITCH */
    FIELD(0x5394, 0x2, 0x2),                /* 4 BACO_BCLK_OFF := 1 */
    FIELD(0x5394, 0x4, 0),                  /* 6 BACO_ISO_DIS := 0 */
    FIELD(0x5394, 0x80, 0),                 /* 8 BACO_ANA_ISO_DIS := 0 */
    FIELD(0x5394, 0x8, 0x8),                /* 10 BACO_POWER_OFF := 1 */
};

/* enter_baco_tbl, CIK: BIF 4.1 has no BACO_BIF_SCLK_SWITCH */
static const ModelWrite baco_enter_ci[] = {
    FIELD(0x5394, 0x1, 0x1),                /* 1 BACO_EN := 1 */
    FIELD(0x5394, 0x2, 0x2),                /* 2 BACO_BCLK_OFF := 1 */
    FIELD(0x5394, 0x4, 0),                  /* 4 BACO_ISO_DIS := 0 */
    FIELD(0x5394, 0x80, 0),                 /* 6 BACO_ANA_ISO_DIS := 0 */
    FIELD(0x5394, 0x8, 0x8),                /* 8 BACO_POWER_OFF := 1 */
};

/*
 * The enter tables of each chip, in the order amdgpu's
 * <chip>_baco_set_state() runs them
 */
static const ModelTable baco_program_ci[] = {
    TABLE(baco_gpio_ci),
    TABLE(baco_fb_req_rej),
    TABLE(baco_use_bclk_tonga),
    TABLE(baco_disp_plls_off_ci),
    TABLE_PART(baco_turn_off_plls_tonga, 14),
    TABLE(baco_clk_sel_ci),
    TABLE(baco_enter_ci),
};

static const ModelTable baco_program_tonga[] = {
    TABLE(baco_gpio),
    TABLE(baco_fb_req_rej),
    TABLE(baco_use_bclk_tonga),
    TABLE(baco_turn_off_plls_tonga),
    TABLE(baco_enter),
};

static const ModelTable baco_program_fiji[] = {
    TABLE(baco_gpio),
    TABLE(baco_fb_req_rej),
    TABLE_PART(baco_use_bclk_tonga, 7),
    TABLE_PART(baco_turn_off_plls_tonga, 4),
    TABLE(baco_clk_req_b_fiji),
    TABLE(baco_enter),
};

static const ModelTable baco_program_polaris[] = {
    TABLE(baco_gpio),
    TABLE(baco_fb_req_rej),
    TABLE(baco_use_bclk_polaris),
    TABLE(baco_turn_off_plls_polaris),
    TABLE(baco_clk_req_b_polaris),
    TABLE(baco_enter),
};

/*
 * Vega10/12 enter_baco_tbl (vega10_baco.c, vega12_baco.c) from the write
 * after the EnterBaco answer: its WAIT and DELAY steps are not writes
 */
static const ModelWrite smu9_baco_enter[] = {
    FIELD(S_BACO_CNTL, S_BACO_EN, S_BACO_EN),               /* 2 */
    FIELD(S_BACO_CNTL, S_BACO_LCLK_SWITCH, S_BACO_LCLK_SWITCH), /* 3 */
    FIELD(S_BACO_CNTL, S_BACO_DUMMY_EN, S_BACO_DUMMY_EN),   /* 4 */
    FIELD(S_THM9, T_SOC_VDCI_RESET, T_SOC_VDCI_RESET),      /* 5 */
    FIELD(S_THM9, T_SMNCLK_MUX, T_SMNCLK_MUX),              /* 6 */
    FIELD(S_THM9, T_ISO_EN, T_ISO_EN),                      /* 7 */
    FIELD(S_THM9, T_AEB_ISO_EN, T_AEB_ISO_EN),              /* 8 */
    FIELD(S_THM9, T_ANA_ISO_EN, T_ANA_ISO_EN),              /* 9 */
    FIELD(S_THM9, T_SOC_REFCLK_OFF, T_SOC_REFCLK_OFF),      /* 10 */
    FIELD(S_BACO_CNTL, S_BACO_POWER_OFF, S_BACO_POWER_OFF), /* 11 */
    FIELD(S_THM9, T_RESET_EN, T_RESET_EN),                  /* 13 */
    FIELD(S_THM9, T_PWROKRAW_CNTL, 0),                      /* 14 */
};

typedef enum BacoState {
    BACO_STATE_POWERED,             /* normal operation */
    BACO_STATE_DOWN,                /* in BACO, power off */
    BACO_STATE_POWER_GOOD,          /* exit: PWRGOOD_BF */
    BACO_STATE_IO_GOOD,             /* exit: PWRGOOD_GPIO/MEM/DVO */
    BACO_STATE_CONFIG_DONE,         /* exit: RCU_BIF_CONFIG_DONE */
} BacoState;

/* BACO_CNTL status bits in each state */
static const uint32_t baco_status[] = {
    [BACO_STATE_POWERED] = RCU_BIF_CONFIG_DONE | PWRGOOD_BF |
                           PWRGOOD_GPIO_MEM_DVO,
    [BACO_STATE_DOWN] = BACO_MODE,
    [BACO_STATE_POWER_GOOD] = BACO_MODE | PWRGOOD_BF,
    [BACO_STATE_IO_GOOD] = BACO_MODE | PWRGOOD_BF | PWRGOOD_GPIO_MEM_DVO,
    [BACO_STATE_CONFIG_DONE] = BACO_MODE | PWRGOOD_BF |
                               PWRGOOD_GPIO_MEM_DVO | RCU_BIF_CONFIG_DONE,
};

struct AMDGPUModel {
    GMutex lock;
    AMDGPUModelClock now_ns;
    void *clock_opaque;
    AMDGPUModelChip chip;

    uint8_t config[AMD_GPU_MODEL_SOC15_CONFIG_SIZE];
    uint8_t wmask[AMD_GPU_MODEL_SOC15_CONFIG_SIZE];
    uint32_t config_size;           /* of the chip, at most the above */
    uint32_t *bar5;                 /* bar5_size / 4 dwords */
    uint32_t bar5_size;
    uint32_t vram_mb;
    uint32_t scratch[AMD_GPU_MODEL_SCRATCH_COUNT];
    uint32_t storage_fill;          /* unwritten SMC storage reads this */
    bool strap;                     /* STRAP_BIF_PX_CAPABLE */

    /* BACO */
    const ModelTable *program;      /* enter tables, NULL: no BACO */
    size_t program_len;
    size_t track_table;             /* next expected write of program */
    size_t track_write;
    uint32_t baco_ctrl;             /* stored BACO_CNTL bits */
    BacoState baco_state;
    int64_t baco_changed_ns;        /* last control write or transition */
    int64_t status_delay_ns;        /* before the chip's status answers */
    int64_t spll_request_ns;        /* SPLL change requested */
    int64_t self_clear_ns[2];       /* Polaris's bit 4 set */
    unsigned baco_entries;
    unsigned baco_cycles;

    /* VBIOS image of the ROM BAR */
    uint8_t *rom;
    size_t rom_size;

    /* SMC */
    uint32_t smc_reset_cntl;        /* ixSMC_SYSCON_RESET_CNTL */
    uint32_t smc_clock_cntl;        /* ixSMC_SYSCON_CLOCK_CNTL_0 */
    uint32_t smc_pc;                /* ixSMC_PC_C */
    uint32_t rcu_misc;              /* ixRCU_MISC_CTRL */
    bool fuse;                      /* ixCC_RCU_FUSES DRV_RST_MODE */
    GHashTable *smc_other;          /* any other ix address */

    /* reset state */
    bool driver_loaded;
    bool reset_pending;             /* a config reset has happened */
    bool worn_out;                  /* in reset until power goes */
    unsigned resets_since_power;
    int64_t reset_time_ns;
    int64_t ready_delay_ns;
    bool last_whole_gpu;
    unsigned config_resets;
    unsigned ignored_config_resets;
    unsigned bus_resets;

    /* faults */
    bool stuck;
    bool all_ones;
    bool vanish_after_reset;
    bool vanished;
    bool baco_never_enters;
    bool baco_never_exits;
    unsigned wear_limit;            /* config resets that work, 0: all */
    bool fall_off_armed;
    unsigned fall_off_left;         /* accesses before it falls off */
    bool fell_off;

    /* SOC15 */
    GHashTable *smn_other;          /* any SMN address but FIRMWARE_FLAGS */
    uint32_t fw_flags_addr;         /* SMN FIRMWARE_FLAGS of the SMU */
    uint32_t fw_flags;              /* MP1 FIRMWARE_FLAGS */
    uint32_t sol;                   /* C2PMSG_81 */
    uint32_t c2pmsg33;
    uint32_t c2pmsg35;
    uint32_t c2pmsg64;
    uint32_t c2pmsg90;
    uint32_t soc15_baco_cntl;
    bool bars_lost;                 /* until a command write restores them */
    bool mode1_memsize_pending;     /* MEMSIZE all-ones until the delay */
    bool mode1_ack_pending;         /* C2PMSG_33 acknowledge to come */
    bool mode1_boot_pending;        /* C2PMSG_35 bootloader ready to come */
    int64_t mode1_time_ns;
    int64_t mode1_ack_delay_ns;
    int64_t mode1_memsize_delay_ns;
    int64_t mode1_boot_delay_ns;
    unsigned mode1_resets;
    unsigned mode1_refused;
    unsigned bar_restores;
    unsigned pmcsr_writes;
    bool psp_forced;
    uint32_t psp_forced_c2pmsg64;
    bool mode1_never_acked;
    bool bootloader_never_ready;
    bool off_bus_after_mode1;
    bool off_bus;                   /* fell off at a mode1 */

    /* SOC15 SMU and BACO */
    uint32_t thm_baco_addr;         /* THM_BACO_CNTL of the chip */
    uint32_t thm_baco;              /* its stored bits */
    uint32_t smu_version;           /* GetSmuVersion */
    uint32_t msg_enter_baco;
    uint32_t msg_exit_baco;         /* 0: none (Vega10/12) */
    bool smu_features;              /* DPM features enabled */
    bool smu_pending;               /* a message not answered yet */
    uint32_t smu_pending_msg;
    uint32_t smu_pending_arg;
    int64_t smu_msg_ns;             /* when it was written */
    int64_t smu_delay_ns;
    unsigned smu_messages;
    uint32_t smu_last_msg;
    unsigned smu_enters;            /* EnterBaco taken since power-on */
    unsigned smu_reject_after;      /* 0: never rejects */
    bool smu_no_answer;
    bool baco_fuse;                 /* Vega10/12 fuse pair */
    bool soc15_baco;                /* in BACO: BACO_MODE */
    bool smu9_armed;                /* EnterBaco OK: SOC_DOMAIN_IDLE */
    size_t smu9_track;              /* next smu9_baco_enter write */
    bool baco_exiting;              /* BACO_EXIT / THM bit 0x100 reads 1 */
    bool baco_exit_powered;         /* Vega10/12: steps 1-9 done */
    bool baco_exit_done;            /* Vega10/12: BACO_EXIT self-cleared */
    int64_t baco_exit_ns;           /* when the exit started */
    int64_t baco_exit_delay_ns;

    GArray *log;                    /* of AMDGPUModelAccess */
};

static int64_t amd_gpu_model_default_clock(void *opaque)
{
    return g_get_monotonic_time() * 1000;
}

/* Helpers below run with the lock held */

static int64_t model_now(AMDGPUModel *m)
{
    return m->now_ns(m->clock_opaque);
}

static bool model_dead(AMDGPUModel *m)
{
    return m->all_ones || m->vanished || m->fell_off || m->off_bus;
}

/* Every register access counts towards set_all_ones_after() */
static void model_count_access(AMDGPUModel *m)
{
    if (!m->fall_off_armed || m->fell_off) {
        return;
    }
    if (m->fall_off_left == 0) {
        m->fell_off = true;
    } else {
        m->fall_off_left--;
    }
}

static bool model_is_vi(AMDGPUModel *m)
{
    return m->chip == AMD_GPU_MODEL_CHIP_TONGA ||
           m->chip == AMD_GPU_MODEL_CHIP_FIJI ||
           m->chip == AMD_GPU_MODEL_CHIP_POLARIS;
}

static bool model_is_soc15(AMDGPUModel *m)
{
    return m->chip >= AMD_GPU_MODEL_CHIP_VEGA10;
}

/* Vega10 and Vega12 have SMU9, the others SMU11 */
static bool model_is_smu9(AMDGPUModel *m)
{
    return m->chip == AMD_GPU_MODEL_CHIP_VEGA10 ||
           m->chip == AMD_GPU_MODEL_CHIP_VEGA12;
}

/*
 * amdgpu_drv.c pciidlist: CHIP_BONAIRE .. CHIP_POLARIS12, CHIP_VEGA10 ..
 * CHIP_NAVI12
 */
static AMDGPUModelChip model_chip_of(uint16_t device_id)
{
    if ((device_id >= 0x6640 && device_id <= 0x665f) ||
        (device_id >= 0x67a0 && device_id <= 0x67be)) {
        return AMD_GPU_MODEL_CHIP_CIK;             /* Bonaire, Hawaii */
    }
    if (device_id >= 0x6920 && device_id <= 0x693b) {
        return AMD_GPU_MODEL_CHIP_TONGA;
    }
    if (device_id == 0x7300 || device_id == 0x730f) {
        return AMD_GPU_MODEL_CHIP_FIJI;
    }
    if ((device_id >= 0x67c0 && device_id <= 0x67ff) ||
        device_id == 0x6fdf ||
        (device_id >= 0x6980 && device_id <= 0x699f)) {
        return AMD_GPU_MODEL_CHIP_POLARIS;         /* 10, 11, 12 */
    }
    if ((device_id >= 0x6860 && device_id <= 0x686f) ||
        device_id == 0x687f) {
        return AMD_GPU_MODEL_CHIP_VEGA10;
    }
    if (device_id >= 0x69a0 && device_id <= 0x69af) {
        return AMD_GPU_MODEL_CHIP_VEGA12;
    }
    if (device_id >= 0x66a0 && device_id <= 0x66af) {
        return AMD_GPU_MODEL_CHIP_VEGA20;
    }
    if (device_id >= 0x7310 && device_id <= 0x731f) {
        return AMD_GPU_MODEL_CHIP_NAVI10;
    }
    if (device_id >= 0x7340 && device_id <= 0x734f) {
        return AMD_GPU_MODEL_CHIP_NAVI14;
    }
    if (device_id >= 0x7360 && device_id <= 0x736f) {
        return AMD_GPU_MODEL_CHIP_NAVI12;
    }
    return AMD_GPU_MODEL_CHIP_OTHER;
}

static uint32_t size_mask(unsigned size)
{
    return size == 4 ? ALL_ONES : (1U << (size * 8)) - 1;
}

static void model_log(AMDGPUModel *m, AMDGPUModelAccessKind kind,
                      uint32_t offset, unsigned size, uint32_t value)
{
    AMDGPUModelAccess entry = {
        .kind = kind,
        .offset = offset,
        .size = size,
        .value = value,
        .time_ns = model_now(m),
    };

    g_array_append_val(m->log, entry);
}

static void config_set(AMDGPUModel *m, uint32_t offset, uint32_t value,
                       unsigned size, uint32_t wmask)
{
    unsigned i;

    for (i = 0; i < size; i++) {
        m->config[offset + i] = value >> (i * 8);
        m->wmask[offset + i] = wmask >> (i * 8);
    }
}

static uint32_t config_get(AMDGPUModel *m, uint32_t offset, unsigned size)
{
    uint32_t value = 0;
    unsigned i;

    for (i = 0; i < size; i++) {
        value |= (uint32_t)m->config[offset + i] << (i * 8);
    }
    return value;
}

static bool model_smc_running(AMDGPUModel *m)
{
    return !(m->smc_clock_cntl & SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK) &&
           m->smc_pc >= AMD_SMC_FIRMWARE_PC_MIN;
}

static bool model_smc_stopped(AMDGPUModel *m)
{
    return (m->smc_reset_cntl & SMC_SYSCON_RESET_CNTL__rst_reg_MASK) &&
           (m->smc_clock_cntl & SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK);
}

static bool model_in_reset(AMDGPUModel *m)
{
    if (model_is_soc15(m)) {
        /* MEMSIZE after a PSP mode1 */
        return m->mode1_memsize_pending &&
               (m->stuck ||
                model_now(m) - m->mode1_time_ns < m->mode1_memsize_delay_ns);
    }
    if (!m->reset_pending) {
        return false;
    }
    if (m->stuck || m->worn_out) {
        return true;
    }
    return model_now(m) - m->reset_time_ns < m->ready_delay_ns;
}

static uint32_t smc_storage(AMDGPUModel *m, uint32_t ix)
{
    gpointer value;

    if (g_hash_table_lookup_extended(m->smc_other, GUINT_TO_POINTER(ix),
                                     NULL, &value)) {
        return GPOINTER_TO_UINT(value);
    }
    return m->storage_fill;
}

/* The status the chip was asked for at @since is there */
static bool model_settled(AMDGPUModel *m, int64_t since)
{
    return model_now(m) - since >= m->status_delay_ns;
}

static int polaris_self_clear(AMDGPUModel *m, uint32_t ix)
{
    if (m->chip != AMD_GPU_MODEL_CHIP_POLARIS) {
        return -1;
    }
    return ix == IX_POLARIS_SELF_CLEAR_A ? 0 :
           ix == IX_POLARIS_SELF_CLEAR_B ? 1 : -1;
}

static uint32_t smc_get(AMDGPUModel *m, uint32_t ix)
{
    uint32_t value;
    int sc;

    switch (ix) {
    case ixSMC_SYSCON_RESET_CNTL:
        return m->smc_reset_cntl;
    case ixSMC_SYSCON_CLOCK_CNTL_0:
        return m->smc_clock_cntl;
    case ixSMC_PC_C:
        return m->smc_pc;
    case ixRCU_MISC_CTRL:
        return m->rcu_misc;
    case ixCC_RCU_FUSES:
        return m->fuse ? CC_RCU_FUSES__DRV_RST_MODE_MASK : 0;
    case IX_CG_SPLL_STATUS:
        /* the SPLL acknowledges a pending change request (use_bclk_tbl) */
        return smc_storage(m, IX_CG_SPLL_FUNC_CNTL_2) &
               (SPLL_BYPASS_CHG | SPLL_CTLREQ_CHG) &&
               model_settled(m, m->spll_request_ns) ? SPLL_CHG_STATUS : 0;
    default:
        value = smc_storage(m, ix);
        sc = polaris_self_clear(m, ix);
        if (sc >= 0 && model_settled(m, m->self_clear_ns[sc])) {
            /* Polaris 5.4 steps 5-6 and 8-9: done once the chip is */
            value &= ~POLARIS_SELF_CLEAR;
        }
        return value;
    }
}

static void smc_set(AMDGPUModel *m, uint32_t ix, uint32_t value)
{
    int sc;

    switch (ix) {
    case ixSMC_SYSCON_RESET_CNTL:
        m->smc_reset_cntl = value;
        if (value & SMC_SYSCON_RESET_CNTL__rst_reg_MASK) {
            /* held in reset; leaving reset does not reload any firmware */
            m->smc_pc = 0;
        }
        break;
    case ixSMC_SYSCON_CLOCK_CNTL_0:
        m->smc_clock_cntl = value;
        break;
    case ixSMC_PC_C:
    case ixCC_RCU_FUSES:
    case IX_CG_SPLL_STATUS:
        /* read-only */
        break;
    case ixRCU_MISC_CTRL:
        m->rcu_misc = value;
        break;
    default:
        sc = polaris_self_clear(m, ix);
        if (sc >= 0 && (value & POLARIS_SELF_CLEAR)) {
            m->self_clear_ns[sc] = model_now(m);
        }
        if (ix == IX_CG_SPLL_FUNC_CNTL_2 &&
            !(smc_storage(m, ix) & (SPLL_BYPASS_CHG | SPLL_CTLREQ_CHG)) &&
            (value & (SPLL_BYPASS_CHG | SPLL_CTLREQ_CHG))) {
            m->spll_request_ns = model_now(m);
        }
        g_hash_table_insert(m->smc_other, GUINT_TO_POINTER(ix),
                            GUINT_TO_POINTER(value));
        break;
    }
}

/* BACO */

static const ModelWrite *baco_expected(AMDGPUModel *m)
{
    if (!m->program || m->track_table >= m->program_len) {
        return NULL;
    }
    return &m->program[m->track_table].writes[m->track_write];
}

static bool baco_track_complete(AMDGPUModel *m)
{
    return m->program && m->track_table == m->program_len;
}

static void baco_track_reset(AMDGPUModel *m)
{
    m->track_table = 0;
    m->track_write = 0;
}

static bool baco_write_matches(const ModelWrite *w, bool ix, uint32_t reg,
                               uint32_t value)
{
    return w && w->ix == ix && w->reg == reg && (value & w->mask) == w->val;
}

/*
 * A BAR5 write other than to the index register (@ix: a data register
 * write to SMC address @reg): the next one the chip's enter program
 * expects, or the program starts over.
 */
static void baco_track(AMDGPUModel *m, bool ix, uint32_t reg, uint32_t value)
{
    if (!m->program) {
        return;
    }
    if (!baco_write_matches(baco_expected(m), ix, reg, value)) {
        baco_track_reset(m);
        if (!baco_write_matches(baco_expected(m), ix, reg, value)) {
            return;
        }
    }
    if (++m->track_write == m->program[m->track_table].count) {
        m->track_table++;
        m->track_write = 0;
    }
}

static uint32_t baco_ctrl_mask(AMDGPUModel *m)
{
    return BACO_CTRL_BITS | (model_is_vi(m) ? BACO_BIF_SCLK_SWITCH : 0);
}

static uint32_t baco_read(AMDGPUModel *m)
{
    return m->baco_ctrl | baco_status[m->baco_state];
}

/* The power goes: what lives in the chip is lost */
static void baco_power_down(AMDGPUModel *m)
{
    m->baco_state = BACO_STATE_DOWN;
    m->baco_changed_ns = model_now(m);
    m->baco_entries++;
    baco_track_reset(m);
    m->smc_reset_cntl |= SMC_SYSCON_RESET_CNTL__rst_reg_MASK;
    m->smc_clock_cntl |= SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK;
    m->smc_pc = 0;
    m->driver_loaded = false;
    m->reset_pending = false;
    m->worn_out = false;
    m->resets_since_power = 0;
}

/*
 * After a write or before a read of BACO_CNTL: move as far as the control
 * bits allow, one state per status delay
 */
static void baco_update(AMDGPUModel *m)
{
    uint32_t c = m->baco_ctrl;
    uint32_t enter = BACO_EN | BACO_BCLK_OFF | BACO_POWER_OFF |
                     (model_is_vi(m) ? BACO_BIF_SCLK_SWITCH : 0);
    BacoState state;

    for (state = m->baco_state; model_settled(m, m->baco_changed_ns);
         state = m->baco_state) {
        switch (m->baco_state) {
        case BACO_STATE_POWERED:
            /* enter_baco_tbl, after the chip's own tables */
            if (baco_track_complete(m) && m->strap &&
                !m->baco_never_enters && (c & enter) == enter &&
                !(c & (BACO_ISO_DIS | BACO_ANA_ISO_DIS))) {
                baco_power_down(m);
            }
            return;
        case BACO_STATE_DOWN:
            /* exit_baco_tbl steps 1-4 */
            if (m->baco_never_exits || !(c & BACO_RESET_EN) ||
                (c & (BACO_BCLK_OFF | BACO_POWER_OFF))) {
                return;
            }
            m->baco_state = BACO_STATE_POWER_GOOD;
            break;
        case BACO_STATE_POWER_GOOD:
            /* steps 5-6 */
            if (!(c & BACO_ISO_DIS)) {
                return;
            }
            m->baco_state = BACO_STATE_IO_GOOD;
            break;
        case BACO_STATE_IO_GOOD:
            /* steps 7-10 */
            if (!(c & BACO_ANA_ISO_DIS) ||
                (c & (BACO_RESET_EN | BACO_BIF_SCLK_SWITCH))) {
                return;
            }
            m->baco_state = BACO_STATE_CONFIG_DONE;
            break;
        case BACO_STATE_CONFIG_DONE:
            /* steps 11-12 */
            if (c & BACO_EN) {
                return;
            }
            m->baco_state = BACO_STATE_POWERED;
            m->baco_cycles++;
            break;
        }
        if (m->status_delay_ns && m->baco_state != state) {
            m->baco_changed_ns = model_now(m);
        }
    }
}

static void model_config_reset(AMDGPUModel *m)
{
    bool misc = m->rcu_misc & RCU_MISC_CTRL__REG_DRV_RST_MODE_MASK;

    if (!model_smc_running(m)) {
        /* without the SMC firmware nobody acts on the trigger */
        m->ignored_config_resets++;
        return;
    }
    m->config_resets++;
    m->last_whole_gpu = !(misc ^ m->fuse);
    m->driver_loaded = false;
    m->reset_pending = true;
    m->reset_time_ns = model_now(m);
    if (m->wear_limit && m->resets_since_power >= m->wear_limit) {
        /* the W7100 report: works twice, then stays black */
        m->worn_out = true;
    }
    m->resets_since_power++;
    if (m->vanish_after_reset) {
        m->vanished = true;
    }
}

/* SOC15 */

static bool soc15_is_scratch(uint32_t offset)
{
    return offset >= S_BIOS_SCRATCH_0 &&
           offset < S_BIOS_SCRATCH_0 + 4 * AMD_GPU_MODEL_SCRATCH_COUNT;
}

/* Registers with a meaning of their own: not plain storage */
static bool soc15_is_modelled(AMDGPUModel *m, uint32_t offset)
{
    if (offset == m->thm_baco_addr) {
        return true;
    }
    switch (offset) {
    case S_INDEX2:
    case S_DATA2:
    case S_STRAP0:
    case S_MEMSIZE:
    case S_BACO_CNTL:
    case S_C2PMSG_33:
    case S_C2PMSG_35:
    case S_C2PMSG_64:
    case S_C2PMSG_81:
    case S_C2PMSG_90:
        return true;
    default:
        return soc15_is_scratch(offset);
    }
}

/* SOC15 SMU and BACO */

static bool soc15_smu_runs(AMDGPUModel *m)
{
    return m->fw_flags & FW_INTERRUPTS_ENABLED;
}

/* In BACO for the SMU: BACO_MODE set, or a Navi exit still running */
static bool soc15_smu_in_baco(AMDGPUModel *m)
{
    return m->soc15_baco || (!model_is_smu9(m) && m->baco_exiting);
}

/* What lets the chip power down once asked to */
static bool soc15_baco_capable(AMDGPUModel *m)
{
    return m->strap && (!model_is_smu9(m) || m->baco_fuse) &&
           !m->baco_never_enters;
}

static void soc15_baco_enter(AMDGPUModel *m)
{
    m->soc15_baco = true;
    m->baco_entries++;
    m->smu9_track = 0;
}

/*
 * The end of a BACO exit: the chip comes back as after a power cycle of
 * all but its PCI Express interface (BACO is bus active)
 */
static void soc15_baco_leave(AMDGPUModel *m)
{
    m->soc15_baco = false;
    m->baco_cycles++;
    m->sol = 0;
    m->fw_flags = 0;
    m->c2pmsg64 = 0;
    m->c2pmsg33 = 0;
    m->c2pmsg35 = AMD_GPU_MODEL_PSP_BOOTLOADER_READY;
    m->driver_loaded = false;
    m->smu_features = false;
    m->smu_pending = false;
    m->thm_baco = model_is_smu9(m) ? T9_POWER_ON : 0;
    m->smu9_armed = false;
    m->smu9_track = 0;
    m->baco_exiting = false;
    m->baco_exit_powered = false;
    m->baco_exit_done = false;
}

/*
 * Vega10/12 exit_baco_tbl steps 11-16, after BACO_EXIT self-cleared:
 * BACO_EN clear ends BACO
 */
static void smu9_baco_check_exit(AMDGPUModel *m)
{
    if (m->soc15_baco && m->baco_exit_done &&
        !(m->soc15_baco_cntl & (S_BACO_EN | S_BACO_DUMMY_EN |
                                S_BACO_LCLK_SWITCH)) &&
        !(m->thm_baco & (T_RESET_EN | T_SB_AXI_FENCE))) {
        soc15_baco_leave(m);
    }
}

/*
 * Vega10/12: a BAR5 write after an EnterBaco answered OK, followed against
 * enter_baco_tbl; its last write powers the chip down
 */
static void smu9_baco_track(AMDGPUModel *m, uint32_t offset, uint32_t value)
{
    const ModelWrite *w;
    uint32_t bc = m->soc15_baco_cntl, thm = m->thm_baco;
    uint32_t on = S_BACO_EN | S_BACO_LCLK_SWITCH | S_BACO_DUMMY_EN |
                  S_BACO_POWER_OFF;

    if (!model_is_smu9(m) || !m->smu9_armed || m->soc15_baco ||
        offset == S_INDEX2) {
        return;
    }
    w = &smu9_baco_enter[m->smu9_track];
    if (!baco_write_matches(w, false, offset, value)) {
        m->smu9_track = 0;
        w = &smu9_baco_enter[0];
        if (!baco_write_matches(w, false, offset, value)) {
            return;
        }
    }
    if (++m->smu9_track < ARRAY_SIZE(smu9_baco_enter)) {
        return;
    }
    m->smu9_track = 0;
    if (soc15_baco_capable(m) && (bc & on) == on &&
        (thm & (T_ISOLATION | T_RESET_EN)) == (T_ISOLATION | T_RESET_EN) &&
        !(thm & T_PWROKRAW_CNTL)) {
        soc15_baco_enter(m);
    }
}

/* EnterBaco, outside BACO; @arg is C2PMSG_82 at the message */
static uint32_t soc15_smu_enter_baco(AMDGPUModel *m, uint32_t arg)
{
    m->smu_enters++;
    if (m->smu_reject_after && m->smu_enters > m->smu_reject_after) {
        /* the reported Navi14 second-reset failure */
        return SMU_REJECTED;
    }
    if (model_is_smu9(m)) {
        /* smu9_baco.c: the enter table does the rest */
        m->smu9_armed = true;
        m->smu9_track = 0;
        return SMU_OK;
    }
    /*
     * vega20_baco.c, smu_v11_0.c: the THM bit first, argument 0; the RAS
     * variant (argument 1, no THM write) is not modelled
     */
    if (!(m->thm_baco & T11_ENTER) || arg != 0) {
        return SMU_REJECTED;
    }
    if (soc15_baco_capable(m)) {
        soc15_baco_enter(m);
    }
    return SMU_OK;
}

/* ExitBaco in BACO (Vega20, Navi), answered at @at_ns */
static uint32_t soc15_smu_exit_baco(AMDGPUModel *m, int64_t at_ns)
{
    if (m->chip == AMD_GPU_MODEL_CHIP_VEGA20) {
        if (!m->baco_never_exits) {
            soc15_baco_leave(m);
        }
    } else if (!m->baco_exiting) {
        /* smu_v11_0_poll_baco_exit() waits for THM bit 0x100 to clear */
        m->baco_exiting = true;
        m->baco_exit_ns = at_ns;
    }
    return SMU_OK;
}

/* The SMU's answer to message @msg with argument @arg */
static uint32_t soc15_smu_answer(AMDGPUModel *m, uint32_t msg, uint32_t arg,
                                 int64_t at_ns)
{
    bool exit = m->msg_exit_baco && msg == m->msg_exit_baco;

    if (soc15_smu_in_baco(m)) {
        return exit && !m->baco_exiting ? soc15_smu_exit_baco(m, at_ns) :
                                          SMU_BUSY;
    }
    if (msg == AMD_GPU_MODEL_SMU_MSG_TEST) {
        return SMU_OK;
    }
    if (msg == AMD_GPU_MODEL_SMU_MSG_GET_SMU_VERSION) {
        m->bar5[S_C2PMSG_82 / 4] = m->smu_version;
        return SMU_OK;
    }
    if (msg == m->msg_enter_baco) {
        return soc15_smu_enter_baco(m, arg);
    }
    if (exit) {
        return SMU_REJECTED;                /* not in BACO */
    }
    return SMU_UNKNOWN_CMD;
}

/* A write to C2PMSG_66: a message, if the SMU takes it */
static void soc15_smu_message(AMDGPUModel *m, uint32_t msg)
{
    m->smu_messages++;
    m->smu_last_msg = msg;
    if (!soc15_smu_runs(m) || m->smu_no_answer || m->smu_pending) {
        /* nobody answers, or the SMU is busy with the previous one */
        return;
    }
    m->smu_pending = true;
    m->smu_pending_msg = msg;
    m->smu_pending_arg = m->bar5[S_C2PMSG_82 / 4];
    m->smu_msg_ns = model_now(m);
}

/* The SMU answers and the BACO exits end once the clock has got there */
static void soc15_smu_update(AMDGPUModel *m)
{
    int64_t now = model_now(m);

    if (m->smu_pending && now - m->smu_msg_ns >= m->smu_delay_ns) {
        int64_t at_ns = m->smu_msg_ns + m->smu_delay_ns;

        m->smu_pending = false;
        if (soc15_smu_runs(m) && !m->smu_no_answer) {
            m->c2pmsg90 = soc15_smu_answer(m, m->smu_pending_msg,
                                           m->smu_pending_arg, at_ns);
        }
    }
    if (m->baco_exiting && !m->baco_never_exits &&
        now - m->baco_exit_ns >= m->baco_exit_delay_ns) {
        m->baco_exiting = false;
        if (!model_is_smu9(m)) {
            soc15_baco_leave(m);            /* THM bit 0x100 clear */
        } else if (m->baco_exit_powered) {
            m->baco_exit_done = true;       /* BACO_EXIT self-cleared */
            smu9_baco_check_exit(m);
        }
    }
}

static uint32_t soc15_thm_get(AMDGPUModel *m)
{
    if (model_is_smu9(m)) {
        return m->thm_baco |
               (m->smu9_armed ? T_SOC_DOMAIN_IDLE : 0) |
               (m->baco_exiting ? T_BACO_EXIT : 0);
    }
    return m->thm_baco | (m->baco_exiting ? T11_EXIT_BUSY : 0);
}

static void soc15_thm_set(AMDGPUModel *m, uint32_t value)
{
    if (!model_is_smu9(m)) {
        /* thm_11_0_2: bit 0x100 is the SMU's exit status */
        m->thm_baco = value & ~T11_EXIT_BUSY;
        return;
    }
    m->thm_baco = value & ~(T_SOC_DOMAIN_IDLE | T_BACO_EXIT);
    if ((value & T_BACO_EXIT) && !m->baco_exiting) {
        /* exit_baco_tbl step 10: the power returns if steps 1-9 ran */
        m->baco_exiting = true;
        m->baco_exit_ns = model_now(m);
        m->baco_exit_done = false;
        m->baco_exit_powered = m->soc15_baco &&
            !(m->soc15_baco_cntl & S_BACO_POWER_OFF) &&
            (m->thm_baco & T_PWROKRAW_CNTL) &&
            !(m->thm_baco & T_ISOLATION);
    }
}

/* What the mode1 changes later happens once the clock has got there */
static void soc15_update(AMDGPUModel *m)
{
    int64_t since = model_now(m) - m->mode1_time_ns;

    soc15_smu_update(m);

    if (m->mode1_ack_pending && !m->mode1_never_acked &&
        since >= m->mode1_ack_delay_ns) {
        m->c2pmsg33 = AMD_GPU_MODEL_PSP_MODE1_ACK;
        m->mode1_ack_pending = false;
    }
    if (m->mode1_boot_pending && !m->bootloader_never_ready &&
        since >= m->mode1_boot_delay_ns) {
        m->c2pmsg35 |= AMD_GPU_MODEL_PSP_BOOTLOADER_READY;
        m->mode1_boot_pending = false;
    }
}

static uint32_t smn_get(AMDGPUModel *m, uint32_t addr)
{
    gpointer value;

    if (addr == m->fw_flags_addr) {
        return m->fw_flags;
    }
    if (g_hash_table_lookup_extended(m->smn_other, GUINT_TO_POINTER(addr),
                                     NULL, &value)) {
        return GPOINTER_TO_UINT(value);
    }
    return m->storage_fill;
}

static void smn_set(AMDGPUModel *m, uint32_t addr, uint32_t value)
{
    if (addr == m->fw_flags_addr) {
        /* the SMU firmware's own state: read-only */
        return;
    }
    g_hash_table_insert(m->smn_other, GUINT_TO_POINTER(addr),
                        GUINT_TO_POINTER(value));
}

static uint32_t soc15_c2pmsg64(AMDGPUModel *m)
{
    return m->psp_forced ? m->psp_forced_c2pmsg64 : m->c2pmsg64;
}

/*
 * The chip's side of configuration space returns to what the chip resets
 * to; what vfio-pci virtualizes (command register, BARs, MSI) keeps
 * vfio's copy
 */
static void soc15_config_chip_reset(AMDGPUModel *m)
{
    config_set(m, DEVCTL, AMD_GPU_MODEL_SOC15_DEVCTL_RESET, 2,
               EXP_DEVCTL_WMASK);
    config_set(m, LNKCTL, AMD_GPU_MODEL_SOC15_LNKCTL_RESET, 2,
               EXP_LNKCTL_WMASK);
    config_set(m, DEVCTL2, 0, 2, 0xffff);
    config_set(m, LNKCTL2, 0, 2, 0xffff);
    config_set(m, REBAR_CTRL, REBAR_CTRL_NBAR_1 |
               AMD_GPU_MODEL_SOC15_REBAR_SIZE_RESET << 8, 4,
               REBAR_CTRL_SIZE);
}

/* The values host firmware and the host kernel set at boot */
static void soc15_config_host_boot(AMDGPUModel *m)
{
    config_set(m, PMCSR, 0, 2, PCI_PM_CTRL_STATE_MASK);
    config_set(m, DEVCTL, AMD_GPU_MODEL_SOC15_DEVCTL_HOST, 2,
               EXP_DEVCTL_WMASK);
    config_set(m, LNKCTL, AMD_GPU_MODEL_SOC15_LNKCTL_HOST, 2,
               EXP_LNKCTL_WMASK);
    config_set(m, DEVCTL2, 0, 2, 0xffff);
    config_set(m, LNKCTL2, 0, 2, 0xffff);
    config_set(m, MSI_CAP + PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT, 2,
               PCI_MSI_FLAGS_ENABLE);
    config_set(m, REBAR_CTRL, REBAR_CTRL_NBAR_1 |
               AMD_GPU_MODEL_SOC15_REBAR_SIZE_HOST << 8, 4,
               REBAR_CTRL_SIZE);
}

/* The capabilities; the registers set at boot are soc15_config_host_boot() */
static void soc15_config_layout(AMDGPUModel *m)
{
    config_set(m, PCI_STATUS, PCI_STATUS_CAP_LIST, 2, 0);
    config_set(m, PCI_CAPABILITY_LIST, PM_CAP, 1, 0);

    config_set(m, PM_CAP, PCI_CAP_ID_PM | EXP_CAP << 8, 2, 0);
    config_set(m, PM_CAP + PCI_PM_PMC, PM_PMC_VERSION_3, 2, 0);

    config_set(m, EXP_CAP, PCI_CAP_ID_EXP | MSI_CAP << 8, 2, 0);
    config_set(m, EXP_CAP + PCI_EXP_FLAGS, EXP_FLAGS_V2_EP, 2, 0);
    config_set(m, EXP_CAP + PCI_EXP_DEVCAP, EXP_DEVCAP, 4, 0);
    config_set(m, EXP_CAP + PCI_EXP_LNKCAP, EXP_LNKCAP, 4, 0);
    config_set(m, EXP_CAP + PCI_EXP_LNKSTA, EXP_LNKSTA, 2, 0);

    config_set(m, MSI_CAP, PCI_CAP_ID_MSI, 2, 0);
    config_set(m, MSI_CAP + PCI_MSI_ADDRESS_LO, 0, 4, 0xfffffffc);
    config_set(m, MSI_CAP + PCI_MSI_ADDRESS_HI, 0, 4, ALL_ONES);
    config_set(m, MSI_CAP + PCI_MSI_DATA_64, 0, 2, 0xffff);

    config_set(m, REBAR_CAP, REBAR_HEADER, 4, 0);
    config_set(m, REBAR_CAP + PCI_REBAR_CAP, AMD_GPU_MODEL_SOC15_REBAR_SIZES,
               4, 0);
}

/*
 * psp_v3_1.c / psp_v11_0.c mode1 reset, the chip's side: the PSP resets
 * the chip at the command and answers after the delays
 */
static void soc15_mode1(AMDGPUModel *m)
{
    m->mode1_resets++;
    m->mode1_time_ns = model_now(m);
    m->sol = 0;
    m->c2pmsg64 = 0;
    m->c2pmsg33 = 0;
    m->c2pmsg35 = 0;
    m->c2pmsg90 = 0;
    m->fw_flags = 0;
    m->driver_loaded = false;
    m->mode1_memsize_pending = true;
    m->mode1_ack_pending = true;
    m->mode1_boot_pending = true;
    m->smu_pending = false;
    m->smu_features = false;
    m->smu9_armed = false;
    m->smu9_track = 0;
    /* the chip forgets its BARs; vfio-pci keeps its copy */
    m->bars_lost = true;
    soc15_config_chip_reset(m);
    if (m->off_bus_after_mode1) {
        m->off_bus = true;
    }
}

/* A write to C2PMSG_64: a command for the PSP */
static void soc15_psp_command(AMDGPUModel *m, uint32_t value)
{
    if (value == AMD_GPU_MODEL_GFX_CTRL_CMD_ID_MODE1_RST) {
        if (m->sol != 0 && (soc15_c2pmsg64(m) & PSP_READY_MASK) ==
                           AMD_GPU_MODEL_GFX_CMD_RESPONSE_MASK) {
            soc15_mode1(m);
            return;
        }
        /* sOS not running, or not ready for a command */
        m->mode1_refused++;
    }
    m->c2pmsg64 = value;
}

/* The content of BAR5 @offset, as a decoded read returns it */
static uint32_t soc15_mmio_get(AMDGPUModel *m, uint32_t offset)
{
    switch (offset) {
    case S_DATA2:
        return smn_get(m, m->bar5[S_INDEX2 / 4]);
    case S_MEMSIZE:
        return model_in_reset(m) ? ALL_ONES : m->vram_mb;
    case S_STRAP0:
        return m->strap ? AMD_GPU_MODEL_STRAP_PX_CAPABLE : 0;
    case S_BACO_CNTL:
        return m->soc15_baco_cntl | (m->soc15_baco ? S_BACO_MODE : 0);
    case S_C2PMSG_33:
        return m->c2pmsg33;
    case S_C2PMSG_35:
        return m->c2pmsg35;
    case S_C2PMSG_64:
        return soc15_c2pmsg64(m);
    case S_C2PMSG_81:
        return m->sol;
    case S_C2PMSG_90:
        return m->c2pmsg90;
    default:
        if (offset == m->thm_baco_addr) {
            return soc15_thm_get(m);
        }
        if (model_is_smu9(m) && offset == S_FUSE_DATA &&
            m->bar5[S_FUSE_INDEX / 4] == AMD_GPU_MODEL_SMU9_FUSE_BACO_QUERY) {
            /* smu9_baco.c: the BACO fuse */
            return m->baco_fuse ? 1 : 0;
        }
        if (soc15_is_scratch(offset)) {
            return m->scratch[(offset - S_BIOS_SCRATCH_0) / 4];
        }
        return m->bar5[offset / 4];
    }
}

static void soc15_mmio_set(AMDGPUModel *m, uint32_t offset, uint32_t value)
{
    switch (offset) {
    case S_DATA2:
        smn_set(m, m->bar5[S_INDEX2 / 4], value);
        break;
    case S_MEMSIZE:
    case S_STRAP0:
        /* read-only */
        break;
    case S_BACO_CNTL:
        /* BACO_MODE is the chip's state */
        m->soc15_baco_cntl = value & ~S_BACO_MODE;
        smu9_baco_check_exit(m);
        break;
    case S_C2PMSG_66:
        m->bar5[offset / 4] = value;
        soc15_smu_message(m, value);
        break;
    case S_C2PMSG_33:
        m->c2pmsg33 = value;
        break;
    case S_C2PMSG_35:
        m->c2pmsg35 = value;
        break;
    case S_C2PMSG_64:
        soc15_psp_command(m, value);
        break;
    case S_C2PMSG_81:
        m->sol = value;
        break;
    case S_C2PMSG_90:
        m->c2pmsg90 = value;
        break;
    default:
        if (offset == m->thm_baco_addr) {
            soc15_thm_set(m, value);
            smu9_baco_check_exit(m);
        } else if (soc15_is_scratch(offset)) {
            m->scratch[(offset - S_BIOS_SCRATCH_0) / 4] = value;
        } else {
            m->bar5[offset / 4] = value;
        }
        break;
    }
}

/*
 * A config write that reaches the chip: vfio_basic_config_write() restores
 * the BARs when the command register is written with memory decode on
 * after the device lost them (vfio_bar_restore()); PMCSR writes are counted
 */
static void soc15_config_written(AMDGPUModel *m, uint32_t offset,
                                 uint32_t value, unsigned size)
{
    if (offset <= PCI_COMMAND && PCI_COMMAND < offset + size &&
        (value >> ((PCI_COMMAND - offset) * 8)) & PCI_COMMAND_MEMORY &&
        m->bars_lost) {
        m->bars_lost = false;
        m->bar_restores++;
    }
    if (offset <= PMCSR && PMCSR < offset + size) {
        m->pmcsr_writes++;
    }
}

static bool soc15_is_clean(AMDGPUModel *m)
{
    soc15_update(m);
    return !m->driver_loaded && m->sol == 0 &&
           !(m->fw_flags & FW_INTERRUPTS_ENABLED) &&
           (m->c2pmsg35 & AMD_GPU_MODEL_PSP_BOOTLOADER_READY) &&
           !model_in_reset(m) && !m->bars_lost;
}

/* Host boot, or a power cycle */
static void soc15_power_on(AMDGPUModel *m)
{
    soc15_config_host_boot(m);
    m->bar5[S_INDEX2 / 4] = 0;
    m->fw_flags = 0;
    m->sol = 0;
    m->c2pmsg33 = 0;
    m->c2pmsg35 = AMD_GPU_MODEL_PSP_BOOTLOADER_READY;
    m->c2pmsg64 = 0;
    m->c2pmsg90 = 0;
    m->soc15_baco_cntl = 0;
    m->bars_lost = false;
    m->mode1_memsize_pending = false;
    m->mode1_ack_pending = false;
    m->mode1_boot_pending = false;
    m->off_bus = false;
    m->thm_baco = model_is_smu9(m) ? T9_POWER_ON : 0;
    m->smu_features = false;
    m->smu_pending = false;
    m->smu_enters = 0;
    m->soc15_baco = false;
    m->smu9_armed = false;
    m->smu9_track = 0;
    m->baco_exiting = false;
    m->baco_exit_powered = false;
    m->baco_exit_done = false;
}

/* vfio-pci serves these from its own copy of config space */
static bool config_virtualized(uint32_t offset)
{
    return offset < PCI_COMMAND || offset == PCI_INTERRUPT_PIN;
}

static uint32_t do_config_read(AMDGPUModel *m, uint32_t offset, unsigned size)
{
    uint32_t value = 0;
    unsigned i;

    g_assert(size == 1 || size == 2 || size == 4);
    g_assert(offset % size == 0 && offset < m->config_size);

    model_count_access(m);
    for (i = 0; i < size; i++) {
        uint8_t byte = m->config[offset + i];

        if (model_dead(m) && !config_virtualized(offset + i)) {
            byte = 0xff;
        }
        value |= (uint32_t)byte << (i * 8);
    }
    model_log(m, AMD_GPU_MODEL_CFG_READ, offset, size, value);
    return value;
}

static void do_config_write(AMDGPUModel *m, uint32_t offset, uint32_t value,
                            unsigned size)
{
    unsigned i;

    g_assert(size == 1 || size == 2 || size == 4);
    g_assert(offset % size == 0 && offset < m->config_size);

    model_count_access(m);
    value &= size_mask(size);
    model_log(m, AMD_GPU_MODEL_CFG_WRITE, offset, size, value);
    if (model_dead(m)) {
        return;
    }
    if (!model_is_soc15(m) && offset == AMD_PCI_CONFIG_RESET &&
        size == 4 && value == AMD_PCI_CONFIG_RESET_MAGIC) {
        model_config_reset(m);
        return;
    }
    for (i = 0; i < size; i++) {
        uint8_t mask = m->wmask[offset + i];
        uint8_t byte = value >> (i * 8);

        m->config[offset + i] = (m->config[offset + i] & ~mask) |
                                (byte & mask);
    }
    if (model_is_soc15(m)) {
        soc15_config_written(m, offset, value, size);
    }
}

static bool model_decodes_mmio(AMDGPUModel *m)
{
    /* SOC15 after a mode1: vfio's COMMAND says on, the chip's is off */
    return (m->config[PCI_COMMAND] & PCI_COMMAND_MEMORY) && !m->bars_lost;
}

static bool is_scratch(uint32_t offset)
{
    return offset >= R_BIOS_SCRATCH_0 &&
           offset < R_BIOS_SCRATCH_0 + 4 * AMD_GPU_MODEL_SCRATCH_COUNT;
}

/* Registers with a meaning of their own: not plain storage */
static bool is_modelled(uint32_t offset)
{
    return offset == R_IDX || offset == R_DATA ||
           offset == mmCONFIG_MEMSIZE || offset == R_FUSESTRAP0 ||
           offset == R_BACO_CNTL || is_scratch(offset);
}

/* The content of BAR5 @offset, as a decoded read returns it */
static uint32_t mmio_get(AMDGPUModel *m, uint32_t offset)
{
    if (model_is_soc15(m)) {
        soc15_update(m);
        return soc15_mmio_get(m, offset);
    }
    switch (offset) {
    case R_DATA:
        return smc_get(m, m->bar5[R_IDX / 4]);
    case mmCONFIG_MEMSIZE:
        return model_in_reset(m) ? ALL_ONES : m->vram_mb;
    case R_FUSESTRAP0:
        return m->strap ? STRAP_BIF_PX_CAPABLE : 0;
    case R_BACO_CNTL:
        return baco_read(m);
    default:
        if (is_scratch(offset)) {
            return m->scratch[(offset - R_BIOS_SCRATCH_0) / 4];
        }
        return m->bar5[offset / 4];
    }
}

static uint32_t do_mmio_read(AMDGPUModel *m, uint32_t offset)
{
    uint32_t value;

    g_assert(offset % 4 == 0 && offset < m->bar5_size);

    model_count_access(m);
    if (model_dead(m) || !model_decodes_mmio(m)) {
        value = ALL_ONES;
    } else {
        if (offset == R_BACO_CNTL) {
            baco_update(m);
        }
        value = mmio_get(m, offset);
    }
    model_log(m, AMD_GPU_MODEL_MMIO_READ, offset, 4, value);
    return value;
}

static void do_mmio_write(AMDGPUModel *m, uint32_t offset, uint32_t value)
{
    g_assert(offset % 4 == 0 && offset < m->bar5_size);

    model_count_access(m);
    model_log(m, AMD_GPU_MODEL_MMIO_WRITE, offset, 4, value);
    if (model_dead(m) || !model_decodes_mmio(m)) {
        return;
    }
    if (model_is_soc15(m)) {
        soc15_update(m);
        soc15_mmio_set(m, offset, value);
        smu9_baco_track(m, offset, value);
        /* an answer without delay is there at once */
        soc15_update(m);
        return;
    }
    switch (offset) {
    case R_IDX:
        m->bar5[offset / 4] = value;
        return;
    case R_DATA:
        smc_set(m, m->bar5[R_IDX / 4], value);
        baco_track(m, true, m->bar5[R_IDX / 4], value);
        return;
    case mmCONFIG_MEMSIZE:
    case R_FUSESTRAP0:
        /* read-only */
        break;
    case R_BACO_CNTL:
        m->baco_ctrl = value & baco_ctrl_mask(m);
        m->baco_changed_ns = model_now(m);
        break;
    default:
        if (is_scratch(offset)) {
            m->scratch[(offset - R_BIOS_SCRATCH_0) / 4] = value;
        } else {
            m->bar5[offset / 4] = value;
        }
        break;
    }
    baco_track(m, false, offset, value);
    if (offset == R_BACO_CNTL) {
        baco_update(m);
    }
}

static void storage_fill(AMDGPUModel *m, uint32_t value)
{
    uint32_t offset;

    m->storage_fill = value;
    g_hash_table_remove_all(m->smc_other);
    g_hash_table_remove_all(m->smn_other);
    for (offset = 0; offset < m->bar5_size; offset += 4) {
        if (model_is_soc15(m) ? !soc15_is_modelled(m, offset) :
            !is_modelled(offset)) {
            m->bar5[offset / 4] = value;
        }
    }
}

/*
 * Host boot, or a power cycle: the VBIOS posted the chip; the SMC is
 * stopped until a driver loads its firmware (amdgpu's
 * vi_need_reset_on_init() finds nothing to reset then)
 */
static void model_power_on(AMDGPUModel *m)
{
    config_set(m, PCI_COMMAND, 0, 2, CMD_WRITABLE);
    storage_fill(m, m->storage_fill);
    m->bar5[R_IDX / 4] = 0;
    memset(m->scratch, 0, sizeof(m->scratch));
    m->scratch[7] = AMD_GPU_MODEL_SCRATCH7_POSTED;
    m->smc_reset_cntl = SMC_SYSCON_RESET_CNTL__rst_reg_MASK;
    m->smc_clock_cntl = SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK;
    m->smc_pc = 0;
    m->rcu_misc = 0;
    m->driver_loaded = false;
    m->reset_pending = false;
    m->worn_out = false;
    m->resets_since_power = 0;
    m->baco_ctrl = BACO_CTRL_POWER_ON;
    m->baco_state = BACO_STATE_POWERED;
    baco_track_reset(m);
    if (model_is_soc15(m)) {
        soc15_power_on(m);
    }
}

static AMDPPTableFormat model_pptable_format(AMDGPUModel *m)
{
    return model_is_vi(m) ? AMD_PPTABLE_V1 :
           model_is_soc15(m) ? AMD_PPTABLE_ATOMFW : AMD_PPTABLE_V0;
}

/* The SMU's interface: the ppsmc header of each chip */
static void soc15_smu_init(AMDGPUModel *m)
{
    m->thm_baco_addr = model_is_smu9(m) ? S_THM9 : S_THM11;
    m->smu_delay_ns = AMD_GPU_MODEL_SMU_DELAY_NS;
    m->baco_exit_delay_ns = AMD_GPU_MODEL_BACO_EXIT_DELAY_NS;
    m->baco_fuse = true;
    switch (m->chip) {
    case AMD_GPU_MODEL_CHIP_VEGA10:
        m->smu_version = AMD_GPU_MODEL_SMU_VERSION_VEGA10;
        m->msg_enter_baco = AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_VEGA10;
        break;
    case AMD_GPU_MODEL_CHIP_VEGA12:
        m->smu_version = AMD_GPU_MODEL_SMU_VERSION_VEGA12;
        m->msg_enter_baco = AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_VEGA12;
        break;
    case AMD_GPU_MODEL_CHIP_VEGA20:
        m->smu_version = AMD_GPU_MODEL_SMU_VERSION_VEGA20;
        m->msg_enter_baco = AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_VEGA20;
        m->msg_exit_baco = AMD_GPU_MODEL_SMU_MSG_EXIT_BACO_VEGA20;
        break;
    default:
        m->smu_version = m->chip == AMD_GPU_MODEL_CHIP_NAVI10 ?
                         AMD_GPU_MODEL_SMU_VERSION_NAVI10 :
                         m->chip == AMD_GPU_MODEL_CHIP_NAVI12 ?
                         AMD_GPU_MODEL_SMU_VERSION_NAVI12 :
                         AMD_GPU_MODEL_SMU_VERSION_NAVI14;
        m->msg_enter_baco = AMD_GPU_MODEL_SMU_MSG_ENTER_BACO_NAVI;
        m->msg_exit_baco = AMD_GPU_MODEL_SMU_MSG_EXIT_BACO_NAVI;
        break;
    }
}

AMDGPUModel *amd_gpu_model_new(uint16_t device_id)
{
    AMDGPUModel *m = g_new0(AMDGPUModel, 1);
    AMDGPUModelVbiosSpec spec = { 0 };

    g_mutex_init(&m->lock);
    m->now_ns = amd_gpu_model_default_clock;
    m->chip = model_chip_of(device_id);
    switch (m->chip) {
    case AMD_GPU_MODEL_CHIP_CIK:
        m->program = baco_program_ci;
        m->program_len = ARRAY_SIZE(baco_program_ci);
        break;
    case AMD_GPU_MODEL_CHIP_TONGA:
        m->program = baco_program_tonga;
        m->program_len = ARRAY_SIZE(baco_program_tonga);
        break;
    case AMD_GPU_MODEL_CHIP_FIJI:
        m->program = baco_program_fiji;
        m->program_len = ARRAY_SIZE(baco_program_fiji);
        break;
    case AMD_GPU_MODEL_CHIP_POLARIS:
        m->program = baco_program_polaris;
        m->program_len = ARRAY_SIZE(baco_program_polaris);
        break;
    default:
        break;
    }
    /* CIK boards as the ones without BACO: strap clear, no VBIOS cap */
    m->strap = model_is_vi(m) || model_is_soc15(m);
    m->config_size = model_is_soc15(m) ? AMD_GPU_MODEL_SOC15_CONFIG_SIZE :
                                         AMD_GPU_MODEL_CONFIG_SIZE;
    m->bar5_size = model_is_soc15(m) ? AMD_GPU_MODEL_SOC15_BAR5_SIZE :
                                       AMD_GPU_MODEL_BAR5_SIZE;
    m->bar5 = g_new0(uint32_t, m->bar5_size / 4);
    m->vram_mb = AMD_GPU_MODEL_VRAM_MB;
    m->smc_other = g_hash_table_new(g_direct_hash, g_direct_equal);
    m->smn_other = g_hash_table_new(g_direct_hash, g_direct_equal);
    m->fw_flags_addr = model_is_smu9(m) ?
                       AMD_GPU_MODEL_smnMP1_FIRMWARE_FLAGS_SMU9 :
                       AMD_GPU_MODEL_smnMP1_FIRMWARE_FLAGS_SMU11;
    if (model_is_soc15(m)) {
        soc15_smu_init(m);
    }
    m->mode1_ack_delay_ns = AMD_GPU_MODEL_MODE1_ACK_DELAY_NS;
    m->mode1_memsize_delay_ns = AMD_GPU_MODEL_MODE1_MEMSIZE_DELAY_NS;
    m->mode1_boot_delay_ns = AMD_GPU_MODEL_MODE1_BOOTLOADER_DELAY_NS;
    m->log = g_array_new(false, true, sizeof(AMDGPUModelAccess));

    config_set(m, PCI_VENDOR_ID, AMD_RESET_VENDOR_ID, 2, 0);
    config_set(m, PCI_DEVICE_ID, device_id, 2, 0);
    config_set(m, PCI_COMMAND, 0, 2, CMD_WRITABLE);
    /* status: no capability list, nothing to report */
    config_set(m, PCI_CLASS_PROG, 0, 1, 0);
    config_set(m, PCI_CLASS_DEVICE, CLASS_DISPLAY_VGA, 2, 0);
    config_set(m, PCI_HEADER_TYPE, PCI_HEADER_TYPE_NORMAL, 1, 0);
    /* BAR0..BAR4 absent: read 0, no writable bit */
    config_set(m, BAR5_OFFSET, PCI_BASE_ADDRESS_SPACE_MEMORY |
               PCI_BASE_ADDRESS_MEM_TYPE_32, 4, ~(m->bar5_size - 1));
    config_set(m, PCI_SUBSYSTEM_VENDOR_ID, AMD_GPU_MODEL_SUBSYS_VENDOR, 2, 0);
    config_set(m, PCI_SUBSYSTEM_ID, AMD_GPU_MODEL_SUBSYS_ID, 2, 0);
    config_set(m, PCI_INTERRUPT_LINE, 0, 1, 0xff);
    config_set(m, PCI_INTERRUPT_PIN, 0, 1, 0);
    if (model_is_soc15(m)) {
        soc15_config_layout(m);
    }

    /* after host boot: VBIOS posted, SMC stopped */
    model_power_on(m);

    /*
     * the PowerPlay format follows the chip (smu7_init_function_pointers(),
     * atomfirmware on SOC15)
     */
    spec.format = model_pptable_format(m);
    spec.baco_cap = model_is_vi(m) || model_is_soc15(m);
    m->rom = amd_gpu_model_vbios_build(&spec, NULL);
    m->rom_size = AMD_GPU_MODEL_ROM_SIZE;
    return m;
}

void amd_gpu_model_free(AMDGPUModel *m)
{
    if (!m) {
        return;
    }
    g_array_free(m->log, true);
    g_hash_table_destroy(m->smc_other);
    g_hash_table_destroy(m->smn_other);
    g_free(m->rom);
    g_free(m->bar5);
    g_mutex_clear(&m->lock);
    g_free(m);
}

void amd_gpu_model_set_clock(AMDGPUModel *m, AMDGPUModelClock now_ns,
                             void *opaque)
{
    g_mutex_lock(&m->lock);
    m->now_ns = now_ns ? now_ns : amd_gpu_model_default_clock;
    m->clock_opaque = now_ns ? opaque : NULL;
    g_mutex_unlock(&m->lock);
}

uint32_t amd_gpu_model_config_read(AMDGPUModel *m, uint32_t offset,
                                   unsigned size)
{
    uint32_t value;

    g_mutex_lock(&m->lock);
    value = do_config_read(m, offset, size);
    g_mutex_unlock(&m->lock);
    return value;
}

void amd_gpu_model_config_write(AMDGPUModel *m, uint32_t offset,
                                uint32_t value, unsigned size)
{
    g_mutex_lock(&m->lock);
    do_config_write(m, offset, value, size);
    g_mutex_unlock(&m->lock);
}

bool amd_gpu_model_config_access(AMDGPUModel *m, uint32_t offset,
                                 uint8_t *buf, size_t len, bool is_write)
{
    /* the sizes do not change after amd_gpu_model_new() */
    if (offset > m->config_size || len > m->config_size - offset) {
        return false;
    }

    g_mutex_lock(&m->lock);
    while (len) {
        unsigned size = 1;
        uint32_t value = 0;
        unsigned i;

        if (offset % 4 == 0 && len >= 4) {
            size = 4;
        } else if (offset % 2 == 0 && len >= 2) {
            size = 2;
        }
        if (is_write) {
            for (i = 0; i < size; i++) {
                value |= (uint32_t)buf[i] << (i * 8);
            }
            do_config_write(m, offset, value, size);
        } else {
            value = do_config_read(m, offset, size);
            for (i = 0; i < size; i++) {
                buf[i] = value >> (i * 8);
            }
        }
        offset += size;
        buf += size;
        len -= size;
    }
    g_mutex_unlock(&m->lock);
    return true;
}

uint32_t amd_gpu_model_mmio_read(AMDGPUModel *m, uint32_t offset)
{
    uint32_t value;

    g_mutex_lock(&m->lock);
    value = do_mmio_read(m, offset);
    g_mutex_unlock(&m->lock);
    return value;
}

void amd_gpu_model_mmio_write(AMDGPUModel *m, uint32_t offset,
                              uint32_t value)
{
    g_mutex_lock(&m->lock);
    do_mmio_write(m, offset, value);
    g_mutex_unlock(&m->lock);
}

bool amd_gpu_model_mmio_access(AMDGPUModel *m, uint32_t offset,
                               uint8_t *buf, size_t len, bool is_write)
{
    if (offset % 4 || len % 4 || offset > m->bar5_size ||
        len > m->bar5_size - offset) {
        return false;
    }

    g_mutex_lock(&m->lock);
    for (; len; offset += 4, buf += 4, len -= 4) {
        if (is_write) {
            do_mmio_write(m, offset, ldl_le_p(buf));
        } else {
            stl_le_p(buf, do_mmio_read(m, offset));
        }
    }
    g_mutex_unlock(&m->lock);
    return true;
}

void amd_gpu_model_bus_reset(AMDGPUModel *m)
{
    g_mutex_lock(&m->lock);
    /* the hardware bug: neither bus reset nor FLR resets anything */
    m->bus_resets++;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_power_cycle(AMDGPUModel *m)
{
    g_mutex_lock(&m->lock);
    model_power_on(m);
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_load_driver(AMDGPUModel *m)
{
    g_mutex_lock(&m->lock);
    if (model_is_soc15(m)) {
        /* what the chip was doing until now has happened */
        soc15_update(m);
    }
    /* it POSTs the chip if the scratch registers say it is not */
    m->scratch[7] |= AMD_GPU_MODEL_SCRATCH7_POSTED;
    m->smc_reset_cntl &= ~SMC_SYSCON_RESET_CNTL__rst_reg_MASK;
    m->smc_clock_cntl &= ~SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK;
    m->smc_pc = AMD_GPU_MODEL_FIRMWARE_PC;
    config_set(m, PCI_COMMAND, CMD_DRIVER, 2, CMD_WRITABLE);
    m->driver_loaded = true;
    if (model_is_soc15(m)) {
        /* sOS and the SMU firmware run; the PSP waits for a command */
        m->sol = AMD_GPU_MODEL_SOC15_SOL;
        m->c2pmsg64 = AMD_GPU_MODEL_GFX_CMD_RESPONSE_MASK;
        m->c2pmsg33 = 0;
        m->c2pmsg35 = AMD_GPU_MODEL_PSP_BOOTLOADER_READY;
        m->c2pmsg90 = 1;
        m->fw_flags = FW_INTERRUPTS_ENABLED;
        m->smu_features = true;
        m->smu_pending = false;
        m->bars_lost = false;
        m->mode1_memsize_pending = false;
        m->mode1_ack_pending = false;
        m->mode1_boot_pending = false;
    }
    g_mutex_unlock(&m->lock);
}

AMDGPUModelChip amd_gpu_model_chip(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->chip;
}

bool amd_gpu_model_is_soc15(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return model_is_soc15(m);
}

uint32_t amd_gpu_model_bar5_size(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->bar5_size;
}

uint32_t amd_gpu_model_config_size(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->config_size;
}

bool amd_gpu_model_in_baco(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    if (model_is_soc15(m)) {
        soc15_update(m);
        return m->soc15_baco;
    }
    baco_update(m);
    return baco_read(m) & BACO_MODE;
}

unsigned amd_gpu_model_baco_entries(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    if (model_is_soc15(m)) {
        soc15_update(m);
    }
    return m->baco_entries;
}

unsigned amd_gpu_model_baco_cycles(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    if (model_is_soc15(m)) {
        soc15_update(m);
    }
    return m->baco_cycles;
}

uint32_t amd_gpu_model_scratch(AMDGPUModel *m, unsigned n)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    g_assert(n < AMD_GPU_MODEL_SCRATCH_COUNT);
    return m->scratch[n];
}

void amd_gpu_model_set_scratch(AMDGPUModel *m, unsigned n, uint32_t value)
{
    g_assert(n < AMD_GPU_MODEL_SCRATCH_COUNT);
    g_mutex_lock(&m->lock);
    m->scratch[n] = value;
    g_mutex_unlock(&m->lock);
}

uint32_t amd_gpu_model_mmio_peek(AMDGPUModel *m, uint32_t offset)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    g_assert(offset % 4 == 0 && offset < m->bar5_size);
    return mmio_get(m, offset);
}

bool amd_gpu_model_driver_loaded(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->driver_loaded;
}

bool amd_gpu_model_smc_running(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    if (model_is_soc15(m)) {
        return m->fw_flags & FW_INTERRUPTS_ENABLED;
    }
    return model_smc_running(m);
}

bool amd_gpu_model_smc_stopped(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    if (model_is_soc15(m)) {
        return !(m->fw_flags & FW_INTERRUPTS_ENABLED);
    }
    return model_smc_stopped(m);
}

bool amd_gpu_model_is_clean(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    if (model_is_soc15(m)) {
        return soc15_is_clean(m);
    }
    return !m->driver_loaded && model_smc_stopped(m);
}

bool amd_gpu_model_in_reset(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return model_in_reset(m);
}

unsigned amd_gpu_model_config_resets(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->config_resets;
}

unsigned amd_gpu_model_ignored_config_resets(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->ignored_config_resets;
}

unsigned amd_gpu_model_bus_resets(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->bus_resets;
}

bool amd_gpu_model_last_reset_whole_gpu(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->last_whole_gpu;
}

int64_t amd_gpu_model_last_reset_time_ns(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->reset_time_ns;
}

uint16_t amd_gpu_model_get_command(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return config_get(m, PCI_COMMAND, 2);
}

unsigned amd_gpu_model_mode1_resets(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->mode1_resets;
}

unsigned amd_gpu_model_mode1_refused(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->mode1_refused;
}

int64_t amd_gpu_model_last_mode1_time_ns(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->mode1_time_ns;
}

unsigned amd_gpu_model_bar_restores(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->bar_restores;
}

bool amd_gpu_model_bars_lost(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->bars_lost;
}

unsigned amd_gpu_model_pmcsr_writes(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->pmcsr_writes;
}

unsigned amd_gpu_model_power_state(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    if (!model_is_soc15(m)) {
        return 0;                           /* no PM capability: D0 */
    }
    return config_get(m, PMCSR, 2) & PCI_PM_CTRL_STATE_MASK;
}

uint32_t amd_gpu_model_config_peek(AMDGPUModel *m, uint32_t offset,
                                   unsigned size)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    g_assert(size == 1 || size == 2 || size == 4);
    g_assert(offset % size == 0 && offset < m->config_size);
    return config_get(m, offset, size);
}

uint32_t amd_gpu_model_smn_peek(AMDGPUModel *m, uint32_t addr)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    g_assert(model_is_soc15(m));
    return smn_get(m, addr);
}

uint32_t amd_gpu_model_smc_peek(AMDGPUModel *m, uint32_t ix)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return smc_get(m, ix);
}

void amd_gpu_model_smc_poke(AMDGPUModel *m, uint32_t ix, uint32_t value)
{
    g_mutex_lock(&m->lock);
    smc_set(m, ix, value);
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_smc_running(AMDGPUModel *m, bool running)
{
    g_mutex_lock(&m->lock);
    if (model_is_soc15(m)) {
        /* the SMU firmware runs or halts; C2PMSG_90 keeps its value */
        m->fw_flags = running ? FW_INTERRUPTS_ENABLED : 0;
        g_mutex_unlock(&m->lock);
        return;
    }
    if (running) {
        m->smc_reset_cntl &= ~SMC_SYSCON_RESET_CNTL__rst_reg_MASK;
        m->smc_clock_cntl &= ~SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK;
        m->smc_pc = AMD_GPU_MODEL_FIRMWARE_PC;
    } else {
        m->smc_reset_cntl |= SMC_SYSCON_RESET_CNTL__rst_reg_MASK;
        m->smc_clock_cntl |= SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK;
        m->smc_pc = 0;
    }
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_smc_pc(AMDGPUModel *m, uint32_t pc)
{
    g_mutex_lock(&m->lock);
    if (!(m->smc_reset_cntl & SMC_SYSCON_RESET_CNTL__rst_reg_MASK)) {
        m->smc_pc = pc;
    }
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_stuck(AMDGPUModel *m, bool stuck)
{
    g_mutex_lock(&m->lock);
    m->stuck = stuck;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_all_ones(AMDGPUModel *m, bool all_ones)
{
    g_mutex_lock(&m->lock);
    m->all_ones = all_ones;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_vanish_after_reset(AMDGPUModel *m, bool vanish)
{
    g_mutex_lock(&m->lock);
    m->vanish_after_reset = vanish;
    if (!vanish) {
        m->vanished = false;
    }
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_fuse(AMDGPUModel *m, bool drv_rst_mode)
{
    g_mutex_lock(&m->lock);
    m->fuse = drv_rst_mode;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_ready_delay_ns(AMDGPUModel *m, int64_t delay_ns)
{
    g_mutex_lock(&m->lock);
    m->ready_delay_ns = delay_ns;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_command(AMDGPUModel *m, uint16_t cmd)
{
    g_mutex_lock(&m->lock);
    config_set(m, PCI_COMMAND, cmd & CMD_WRITABLE, 2, CMD_WRITABLE);
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_storage_fill(AMDGPUModel *m, uint32_t value)
{
    g_mutex_lock(&m->lock);
    storage_fill(m, value);
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_strap(AMDGPUModel *m, bool baco_capable)
{
    g_mutex_lock(&m->lock);
    m->strap = baco_capable;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_baco_never_enters(AMDGPUModel *m, bool on)
{
    g_mutex_lock(&m->lock);
    m->baco_never_enters = on;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_baco_never_exits(AMDGPUModel *m, bool on)
{
    g_mutex_lock(&m->lock);
    m->baco_never_exits = on;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_all_ones_after(AMDGPUModel *m, unsigned accesses)
{
    g_mutex_lock(&m->lock);
    m->fall_off_armed = accesses > 0;
    m->fall_off_left = accesses;
    m->fell_off = false;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_status_delay_ns(AMDGPUModel *m, int64_t delay_ns)
{
    g_mutex_lock(&m->lock);
    m->status_delay_ns = delay_ns;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_config_reset_wear(AMDGPUModel *m, unsigned resets)
{
    g_mutex_lock(&m->lock);
    m->wear_limit = resets;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_mode1_delays_ns(AMDGPUModel *m, int64_t ack_ns,
                                       int64_t memsize_ns,
                                       int64_t bootloader_ns)
{
    g_mutex_lock(&m->lock);
    m->mode1_ack_delay_ns = ack_ns;
    m->mode1_memsize_delay_ns = memsize_ns;
    m->mode1_boot_delay_ns = bootloader_ns;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_psp_state(AMDGPUModel *m, bool forced,
                                 uint32_t c2pmsg64)
{
    g_mutex_lock(&m->lock);
    m->psp_forced = forced;
    m->psp_forced_c2pmsg64 = c2pmsg64;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_mode1_never_acked(AMDGPUModel *m, bool on)
{
    g_mutex_lock(&m->lock);
    m->mode1_never_acked = on;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_bootloader_never_ready(AMDGPUModel *m, bool on)
{
    g_mutex_lock(&m->lock);
    m->bootloader_never_ready = on;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_off_bus_after_mode1(AMDGPUModel *m, bool on)
{
    g_mutex_lock(&m->lock);
    m->off_bus_after_mode1 = on;
    if (!on) {
        m->off_bus = false;
    }
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_guest_shutdown(AMDGPUModel *m, AMDGPUModelShutdown how)
{
    g_mutex_lock(&m->lock);
    if (!model_is_soc15(m)) {
        g_mutex_unlock(&m->lock);
        return;
    }
    soc15_update(m);
    /* the last message, DisableAllSmuFeatures or the unload, got 1 */
    m->c2pmsg90 = SMU_OK;
    m->smu_pending = false;
    m->smu_features = false;
    switch (how) {
    case AMD_GPU_MODEL_SHUTDOWN_LINUX:
        /* amdgpu_pci_shutdown(): no MP1 unload in passthrough */
        m->fw_flags = FW_INTERRUPTS_ENABLED;
        break;
    case AMD_GPU_MODEL_SHUTDOWN_WINDOWS:
        /* MP1 unloaded; sOS stays resident */
        m->fw_flags = 0;
        break;
    }
    g_mutex_unlock(&m->lock);
}

unsigned amd_gpu_model_smu_messages(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->smu_messages;
}

uint32_t amd_gpu_model_last_smu_message(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->smu_last_msg;
}

bool amd_gpu_model_smu_features_enabled(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    if (model_is_soc15(m)) {
        soc15_update(m);
    }
    return m->smu_features;
}

void amd_gpu_model_set_smu_delay_ns(AMDGPUModel *m, int64_t delay_ns)
{
    g_mutex_lock(&m->lock);
    m->smu_delay_ns = delay_ns;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_baco_exit_delay_ns(AMDGPUModel *m, int64_t delay_ns)
{
    g_mutex_lock(&m->lock);
    m->baco_exit_delay_ns = delay_ns;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_smu_reject_enter_after(AMDGPUModel *m, unsigned n)
{
    g_mutex_lock(&m->lock);
    m->smu_reject_after = n;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_smu_no_answer(AMDGPUModel *m, bool on)
{
    g_mutex_lock(&m->lock);
    m->smu_no_answer = on;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_baco_fuse(AMDGPUModel *m, bool on)
{
    g_mutex_lock(&m->lock);
    m->baco_fuse = on;
    g_mutex_unlock(&m->lock);
}

/*
 * VBIOS images: atombios.h, pptable.h and tonga_pptable.h layouts, and
 * the atomfirmware powerplayinfo tables (vega10_pptable.h,
 * vega20_pptable.h, smu_v11_0_pptable.h)
 */

#define VBIOS_SIGNATURE_OFFSET  0x30
#define VBIOS_HEADER_PTR        0x48
#define VBIOS_HEADER            0x100
#define VBIOS_HEADER_SIZE       0x24
#define VBIOS_MASTER_DATA       0x140
#define VBIOS_MASTER_ENTRIES    16      /* as far as PowerPlayInfo */
#define VBIOS_POWERPLAY         0x200
#define VBIOS_POWERPLAY_INDEX   15
#define VBIOS_V1_SIZE           0x40    /* up to usStateArrayOffset + room */
#define VBIOS_V1_REVISION       7       /* ATOM_Tonga_TABLE_REVISION_TONGA */
#define VBIOS_V1_CAPS           19
#define VBIOS_V1_STATE_ARRAY    35
#define VBIOS_V1_STATES_SIZE    2       /* ucRevId, ucNumEntries */
#define VBIOS_V0_SIZE           37      /* to usBootNonClockInfoOffset */
#define VBIOS_V0_CAPS           21
#define VBIOS_V0_REVISION       6       /* real CIK images: 6.1 */
#define VBIOS_CAP_BACO          0x00020000
#define VBIOS_ATOMFW_SIZE       AMD_GPU_MODEL_VBIOS_ATOMFW_SIZE
#define VBIOS_ATOMFW_CAPS       AMD_GPU_MODEL_VBIOS_ATOMFW_CAPS
#define VBIOS_ATOMFW_FORMAT_REV 2       /* atom_common_table_header */

uint8_t *amd_gpu_model_vbios_build(const AMDGPUModelVbiosSpec *spec,
                                   AMDGPUModelVbiosLayout *layout)
{
    size_t size = spec->size ? spec->size : AMD_GPU_MODEL_ROM_SIZE;
    uint8_t *rom = g_malloc0(size);
    bool v1 = spec->format == AMD_PPTABLE_V1;
    bool atomfw = spec->format == AMD_PPTABLE_ATOMFW;
    size_t pp_size = v1 ? VBIOS_V1_SIZE :
                     atomfw ? VBIOS_ATOMFW_SIZE : VBIOS_V0_SIZE;
    size_t caps_off = v1 ? VBIOS_V1_CAPS :
                      atomfw ? VBIOS_ATOMFW_CAPS : VBIOS_V0_CAPS;
    size_t end = pp_size + (v1 ? VBIOS_V1_STATES_SIZE : 0);
    size_t hdr = VBIOS_HEADER, mdt = VBIOS_MASTER_DATA;
    size_t pp = spec->table_at_end ? size - end : VBIOS_POWERPLAY;
    uint32_t caps = spec->other_caps |
                    (!spec->baco_cap ? 0 :
                     atomfw ? AMD_GPU_MODEL_ATOMFW_CAP_BACO : VBIOS_CAP_BACO);

    g_assert(size >= VBIOS_POWERPLAY + end && size <= 0x20000);

    /* 1, 2: signatures; the size in 512-byte units (at most 255) */
    rom[0] = 0x55;
    rom[1] = 0xaa;
    rom[2] = MIN(DIV_ROUND_UP(size, 512), 0xff);
    memcpy(rom + VBIOS_SIGNATURE_OFFSET, " 761295520", 10);

    /* 3-5: ATOM_ROM_HEADER */
    stw_le_p(rom + VBIOS_HEADER_PTR, hdr);
    stw_le_p(rom + hdr, VBIOS_HEADER_SIZE);
    rom[hdr + 2] = 1;                       /* format revision */
    rom[hdr + 3] = 1;                       /* content revision */
    memcpy(rom + hdr + 4, "ATOM", 4);
    stw_le_p(rom + hdr + 0x20, mdt);

    /* 6-7: ATOM_MASTER_DATA_TABLE, entry 15 is PowerPlayInfo */
    stw_le_p(rom + mdt, 4 + 2 * VBIOS_MASTER_ENTRIES);
    rom[mdt + 2] = 1;
    rom[mdt + 3] = 1;
    stw_le_p(rom + mdt + 4 + 2 * VBIOS_POWERPLAY_INDEX, pp);

    /* 8: the PowerPlay table */
    stw_le_p(rom + pp, pp_size);
    if (v1) {
        rom[pp + 2] = VBIOS_V1_REVISION;    /* ucTableFormatRevision */
        rom[pp + 3] = 1;                    /* ucTableContentRevision */
        stw_le_p(rom + pp + 5, pp_size);    /* usTableSize */
        stl_le_p(rom + pp + VBIOS_V1_CAPS, caps);
        stw_le_p(rom + pp + VBIOS_V1_STATE_ARRAY, pp_size);
        rom[pp + pp_size] = 0;              /* state array: ucRevId */
        rom[pp + pp_size + 1] = 1;          /* ucNumEntries */
    } else if (atomfw) {
        rom[pp + 2] = VBIOS_ATOMFW_FORMAT_REV;
        rom[pp + 3] = 1;
        stw_le_p(rom + pp + 5, pp_size);    /* usTableSize */
        stl_le_p(rom + pp + VBIOS_ATOMFW_CAPS, caps);
    } else {
        /*
         * 6.1, as on every Bonaire and Hawaii image; amdgpu's V0 loader
         * checks no revision.  The header's state count stays 0, as
         * there too: the states are reached through the array offsets.
         */
        rom[pp + 2] = VBIOS_V0_REVISION;
        rom[pp + 3] = 1;
        stl_le_p(rom + pp + VBIOS_V0_CAPS, caps);
    }

    if (layout) {
        *layout = (AMDGPUModelVbiosLayout) {
            .size = size,
            .header = hdr,
            .master_data = mdt,
            .powerplay = pp,
            .powerplay_size = pp_size,
            .caps = pp + caps_off,
            .state_array = v1 ? pp + pp_size : 0,
        };
    }
    return rom;
}

void amd_gpu_model_set_vbios(AMDGPUModel *m, const uint8_t *rom, size_t len)
{
    g_mutex_lock(&m->lock);
    g_free(m->rom);
    m->rom = len ? g_memdup2(rom, len) : NULL;
    m->rom_size = len;
    g_mutex_unlock(&m->lock);
}

void amd_gpu_model_set_vbios_cap(AMDGPUModel *m, bool baco_cap)
{
    AMDGPUModelVbiosSpec spec = {
        .format = model_pptable_format(m),
        .baco_cap = baco_cap,
    };
    uint8_t *rom = amd_gpu_model_vbios_build(&spec, NULL);

    g_mutex_lock(&m->lock);
    g_free(m->rom);
    m->rom = rom;
    m->rom_size = AMD_GPU_MODEL_ROM_SIZE;
    g_mutex_unlock(&m->lock);
}

size_t amd_gpu_model_rom_size(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->rom_size;
}

bool amd_gpu_model_rom_read(AMDGPUModel *m, uint32_t offset, uint8_t *buf,
                            size_t len)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    if (offset > m->rom_size || len > m->rom_size - offset) {
        return false;
    }
    if (len) {
        memcpy(buf, m->rom + offset, len);
    }
    return true;
}

size_t amd_gpu_model_log_count(AMDGPUModel *m)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    return m->log->len;
}

void amd_gpu_model_log_sleep(AMDGPUModel *m, uint32_t us)
{
    g_mutex_lock(&m->lock);
    model_log(m, AMD_GPU_MODEL_SLEEP, 0, 0, us);
    g_mutex_unlock(&m->lock);
}

bool amd_gpu_model_log_get(AMDGPUModel *m, size_t i,
                           AMDGPUModelAccess *entry)
{
    bool ret = false;

    g_mutex_lock(&m->lock);
    if (i < m->log->len) {
        *entry = g_array_index(m->log, AMDGPUModelAccess, i);
        ret = true;
    }
    g_mutex_unlock(&m->lock);
    return ret;
}

void amd_gpu_model_log_clear(AMDGPUModel *m)
{
    g_mutex_lock(&m->lock);
    g_array_set_size(m->log, 0);
    g_mutex_unlock(&m->lock);
}

char *amd_gpu_model_access_format(const AMDGPUModelAccess *entry)
{
    switch (entry->kind) {
    case AMD_GPU_MODEL_CFG_READ:
    case AMD_GPU_MODEL_CFG_WRITE:
        return g_strdup_printf("cfg %c%u 0x%02x 0x%x",
                               entry->kind == AMD_GPU_MODEL_CFG_READ ?
                               'r' : 'w', entry->size, entry->offset,
                               entry->value);
    case AMD_GPU_MODEL_MMIO_READ:
    case AMD_GPU_MODEL_MMIO_WRITE:
        return g_strdup_printf("mmio %c 0x%x 0x%x",
                               entry->kind == AMD_GPU_MODEL_MMIO_READ ?
                               'r' : 'w', entry->offset, entry->value);
    case AMD_GPU_MODEL_SLEEP:
        return g_strdup_printf("sleep %u", entry->value);
    }
    g_assert_not_reached();
}

char *amd_gpu_model_log_format(AMDGPUModel *m, size_t start, size_t count)
{
    GString *str = g_string_new("");
    size_t i;

    g_mutex_lock(&m->lock);
    for (i = start; i < m->log->len && i - start < count; i++) {
        char *line = amd_gpu_model_access_format(
            &g_array_index(m->log, AMDGPUModelAccess, i));

        g_string_append_printf(str, "%s\n", line);
        g_free(line);
    }
    g_mutex_unlock(&m->lock);
    return g_string_free(str, false);
}

void amd_gpu_model_set_interrupt_pin(AMDGPUModel *m, uint8_t pin)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&m->lock);

    config_set(m, PCI_INTERRUPT_PIN, pin, 1, 0);
}
