/*
 * Registers of AMD GCN 1.1 (CIK) and GCN 1.2 (VI) GPUs that the reset
 * uses, with the names of amdgpu's asic_reg headers (bif_5_0, smu_7_1_2,
 * oss_3_0): BAR5 byte offsets (the headers' "mm" dword index x 4) and
 * SMC-indirect "ix" addresses.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_VFIO_AMD_RESET_CIK_VI_H
#define HW_VFIO_AMD_RESET_CIK_VI_H

#include "hw/vfio/amd-reset.h"

/* BAR5 (register aperture), byte offsets (Linux "mm" index x 4) */
#define AMD_CIK_VI_BAR5_SIZE            0x40000
#define mmSMC_IND_INDEX_0               0x200       /* GCK_SMC_IND_INDEX */
#define mmSMC_IND_DATA_0                0x204       /* GCK_SMC_IND_DATA */
#define mmCONFIG_MEMSIZE                0x5428

/* SMC-indirect registers (through SMC_IND_INDEX_0 / SMC_IND_DATA_0) */
#define ixSMC_SYSCON_RESET_CNTL         0x80000000
#define   SMC_SYSCON_RESET_CNTL__rst_reg_MASK           0x00000001
#define ixSMC_SYSCON_CLOCK_CNTL_0       0x80000004
#define   SMC_SYSCON_CLOCK_CNTL_0__ck_disable_MASK      0x00000001
#define ixSMC_PC_C                      0x80000370
#define ixRCU_MISC_CTRL                 0xc0000010
#define   RCU_MISC_CTRL__REG_DRV_RST_MODE_MASK          0x00000002
#define ixCC_RCU_FUSES                  0xc00c0000
#define   CC_RCU_FUSES__DRV_RST_MODE_MASK               0x00000040

/* SMC firmware is loaded at 0x20000; a PC past this runs the firmware */
#define AMD_SMC_FIRMWARE_PC_MIN         0x20100

/* BACO: bif_5_0 (VI); BIF 4.1 (CIK) lacks BACO_BIF_SCLK_SWITCH */
#define mmBACO_CNTL                     0x5394
#define   BACO_CNTL__BACO_EN_MASK                       0x00000001
#define   BACO_CNTL__BACO_EN__SHIFT                     0
#define   BACO_CNTL__BACO_BCLK_OFF_MASK                 0x00000002
#define   BACO_CNTL__BACO_BCLK_OFF__SHIFT               1
#define   BACO_CNTL__BACO_ISO_DIS_MASK                  0x00000004
#define   BACO_CNTL__BACO_ISO_DIS__SHIFT                2
#define   BACO_CNTL__BACO_POWER_OFF_MASK                0x00000008
#define   BACO_CNTL__BACO_POWER_OFF__SHIFT              3
#define   BACO_CNTL__BACO_RESET_EN_MASK                 0x00000010
#define   BACO_CNTL__BACO_RESET_EN__SHIFT               4
#define   BACO_CNTL__BACO_MODE_MASK                     0x00000040
#define   BACO_CNTL__BACO_ANA_ISO_DIS_MASK              0x00000080
#define   BACO_CNTL__BACO_ANA_ISO_DIS__SHIFT            7
#define   BACO_CNTL__RCU_BIF_CONFIG_DONE_MASK           0x00000100
#define   BACO_CNTL__PWRGOOD_BF_MASK                    0x00000200
#define   BACO_CNTL__PWRGOOD_GPIO_MASK                  0x00000400
#define   BACO_CNTL__PWRGOOD_MEM_MASK                   0x00000800
#define   BACO_CNTL__PWRGOOD_DVO_MASK                   0x00001000
#define   BACO_CNTL__BACO_BIF_SCLK_SWITCH_MASK          0x00040000
#define   BACO_CNTL__BACO_BIF_SCLK_SWITCH__SHIFT        18
#define mmCC_BIF_BX_FUSESTRAP0          0x535c
#define   CC_BIF_BX_FUSESTRAP0__STRAP_BIF_PX_CAPABLE_MASK 0x00000002
#define mmBIF_FB_EN                     0x5490
#define mmBIOS_SCRATCH_0                0x1724      /* _n at 0x1724 + 4n */
#define mmBIOS_SCRATCH_6                0x173c
#define mmBIOS_SCRATCH_7                0x1740

/* BACO sequences (amd-reset-vi-baco.c) */
extern const AMDBacoSequence amd_baco_ci;
extern const AMDBacoSequence amd_baco_tonga;
extern const AMDBacoSequence amd_baco_fiji;
extern const AMDBacoSequence amd_baco_polaris;

#endif /* HW_VFIO_AMD_RESET_CIK_VI_H */
