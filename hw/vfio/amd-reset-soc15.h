/*
 * Registers of AMD SOC15 (Vega10, Vega12, Vega20) and NV (Navi10, Navi12,
 * Navi14) GPUs that the reset uses, with the names of amdgpu's asic_reg
 * headers (nbio_6_1, nbio_7_4, nbio_2_3, mp_9_0, mp_11_0), as BAR5 byte
 * offsets: (IP base + register offset) x 4.  The IP bases are those of
 * the IP_BASE structs in amdgpu's vega10_ip_offset.h, vega20_ip_offset.h
 * and navi1x_ip_offset.h, the same for all six chips: MP0 and MP1 at
 * 0x16000, NBIO segment 1 at 0x14 and segment 2 at 0xd20 (dwords).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_VFIO_AMD_RESET_SOC15_H
#define HW_VFIO_AMD_RESET_SOC15_H

#include "hw/vfio/amd-reset.h"

/*
 * Every NBIO of these chips keeps its remapped HDP registers in the last
 * page below 512 KiB (MMIO_REG_HOLE_OFFSET in nbio_v6_1.c, nbio_v7_4.c,
 * nbio_v2_3.c): BAR5 is that large.  No other size is known, so no other
 * is accepted.
 */
#define AMD_SOC15_BAR5_SIZE             0x80000

/* NBIO: the SMN window (amdgpu_device_indirect_rreg/wreg) */
#define mmPCIE_INDEX2                   0x038
#define mmPCIE_DATA2                    0x03c

/*
 * The names of the nbio and thm headers are those of bif_5_0 for other
 * registers and bits, so the ones CIK/VI also has carry _SOC15 here.
 */

/* NBIO segment 1: the VBIOS scratch registers (atombios) */
#define mmBIOS_SCRATCH_3_SOC15          0x13c
#define   ATOM_S3_ASIC_GUI_ENGINE_HUNG                  0x20000000
#define mmBIOS_SCRATCH_6_SOC15          0x148
#define mmBIOS_SCRATCH_7_SOC15          0x14c

/* NBIO segment 2 */
#define mmRCC_BIF_STRAP0                0x3480
#define   RCC_BIF_STRAP0__STRAP_PX_CAPABLE_MASK         0x00000080
#define mmRCC_CONFIG_MEMSIZE            0x378c      /* reads ~0 in reset */
#define mmBIF_DOORBELL_CNTL             0x3870
#define   BIF_DOORBELL_CNTL__DOORBELL_MONITOR_EN_MASK   0x00000010
#define   BIF_DOORBELL_CNTL__DOORBELL_MONITOR_EN__SHIFT 4
#define mmBIF_FB_EN_SOC15               0x387c
#define mmBACO_CNTL_SOC15               0x38ac
#define   BACO_CNTL_SOC15__BACO_EN_MASK                 0x00000001
#define   BACO_CNTL_SOC15__BACO_EN__SHIFT               0
#define   BACO_CNTL_SOC15__BACO_BIF_LCLK_SWITCH_MASK    0x00000002
#define   BACO_CNTL_SOC15__BACO_BIF_LCLK_SWITCH__SHIFT  1
#define   BACO_CNTL_SOC15__BACO_DUMMY_EN_MASK           0x00000004
#define   BACO_CNTL_SOC15__BACO_DUMMY_EN__SHIFT         2
#define   BACO_CNTL_SOC15__BACO_POWER_OFF_MASK          0x00000008
#define   BACO_CNTL_SOC15__BACO_POWER_OFF__SHIFT        3
#define   BACO_CNTL_SOC15__BACO_DSTATE_BYPASS_MASK      0x00000020
#define   BACO_CNTL_SOC15__BACO_DSTATE_BYPASS__SHIFT    5
#define   BACO_CNTL_SOC15__BACO_RST_INTR_MASK_MASK      0x00000040
#define   BACO_CNTL_SOC15__BACO_RST_INTR_MASK__SHIFT    6
#define   BACO_CNTL_SOC15__BACO_MODE_MASK               0x00000100

/*
 * Vega10/12: an index/data pair smu9_baco.c writes 0xfff0003b to and
 * reads 1 back from when the chip is fused for BACO (dwords 0x12074 and
 * 0x12075; no header names them)
 */
#define mmSMU9_BACO_FUSE_INDEX          0x481d0
#define mmSMU9_BACO_FUSE_DATA           0x481d4
#define   SMU9_BACO_FUSE_SELECT                         0xfff0003b
#define   SMU9_BACO_FUSE_ON                             0x00000001

/* MP0 (PSP) */
#define mmMP0_SMN_C2PMSG_33             0x58184     /* mode1 acknowledge */
#define   MP0_C2PMSG_33__MODE1_DONE                     0x80000000
#define mmMP0_SMN_C2PMSG_35             0x5818c     /* bootloader */
#define   MP0_C2PMSG_35__BOOTLOADER_READY               0x80000000
#define mmMP0_SMN_C2PMSG_64             0x58200     /* GFX control */
#define   GFX_CMD_RESPONSE_MASK                         0x80000000
#define   GFX_CMD_STATUS_MASK                           0x0000ffff
#define   GFX_CTRL_CMD_ID_MODE1_RST                     0x00070000
#define mmMP0_SMN_C2PMSG_81             0x58244     /* sOS sign of life */

/* MP1 (SMU) mailbox */
#define mmMP1_SMN_C2PMSG_66             0x58a08     /* message */
#define mmMP1_SMN_C2PMSG_82             0x58a48     /* argument */
#define mmMP1_SMN_C2PMSG_90             0x58a68     /* response */

/* THM (thm_9_0): Vega10, Vega12 */
#define mmTHM_BACO_CNTL                 0x599f0
#define   THM_BACO_CNTL__BACO_ISO_EN_MASK               0x00000002
#define   THM_BACO_CNTL__BACO_ISO_EN__SHIFT             1
#define   THM_BACO_CNTL__BACO_PWROKRAW_CNTL_MASK        0x00000004
#define   THM_BACO_CNTL__BACO_PWROKRAW_CNTL__SHIFT      2
#define   THM_BACO_CNTL__BACO_RESET_EN_MASK             0x00000008
#define   THM_BACO_CNTL__BACO_RESET_EN__SHIFT           3
#define   THM_BACO_CNTL__BACO_SOC_VDCI_RESET_MASK       0x00000010
#define   THM_BACO_CNTL__BACO_SOC_VDCI_RESET__SHIFT     4
#define   THM_BACO_CNTL__BACO_SMNCLK_MUX_MASK           0x00000020
#define   THM_BACO_CNTL__BACO_SMNCLK_MUX__SHIFT         5
#define   THM_BACO_CNTL__BACO_SOC_REFCLK_OFF_MASK       0x00000040
#define   THM_BACO_CNTL__BACO_SOC_REFCLK_OFF__SHIFT     6
#define   THM_BACO_CNTL__BACO_AEB_ISO_EN_MASK           0x00000080
#define   THM_BACO_CNTL__BACO_AEB_ISO_EN__SHIFT         7
#define   THM_BACO_CNTL__BACO_EXIT_MASK                 0x00000100
#define   THM_BACO_CNTL__BACO_EXIT__SHIFT               8
#define   THM_BACO_CNTL__BACO_ANA_ISO_EN_MASK           0x00000200
#define   THM_BACO_CNTL__BACO_ANA_ISO_EN__SHIFT         9
#define   THM_BACO_CNTL__BACO_SB_AXI_FENCE_MASK         0x40000000
#define   THM_BACO_CNTL__BACO_SB_AXI_FENCE__SHIFT       30
#define   THM_BACO_CNTL__SOC_DOMAIN_IDLE_MASK           0x80000000

/*
 * THM (thm_11_0_2): Vega20, Navi1x.  Its sh_mask header names no field;
 * vega20_baco.c and smu_v11_0.c set bit 31 before EnterBaco, and Navi
 * polls bit 8 after ExitBaco.
 */
#define mmTHM_BACO_CNTL_11_0_2          0x59a04
#define   THM_BACO_CNTL_11_0_2__BIT31                   0x80000000
#define   THM_BACO_CNTL_11_0_2__BIT8                    0x00000100

/*
 * SMU messages (vega10_ppsmc.h, vega12_ppsmc.h, vega20_ppsmc.h,
 * smu_v11_0_ppsmc.h)
 */
#define PPSMC_MSG_EnterBaco_VEGA10      0x1e
#define PPSMC_MSG_EnterBaco_VEGA12      0x25
#define PPSMC_MSG_EnterBaco_VEGA20      0x25
#define PPSMC_MSG_ExitBaco_VEGA20       0x58
#define PPSMC_MSG_EnterBaco_NAVI10      0x18
#define PPSMC_MSG_ExitBaco_NAVI10       0x19

/* MP1 (SMU) firmware flags, an SMN address */
#define smnMP1_FIRMWARE_FLAGS_SMU9      0x03b10028  /* Vega10, Vega12 */
#define smnMP1_FIRMWARE_FLAGS_SMU11     0x03b10024  /* Vega20, Navi1x */
#define   MP1_FIRMWARE_FLAGS__INTERRUPTS_ENABLED_MASK   0x00000001

/* BACO sequences (amd-reset-soc15-baco.c) */
extern const AMDBacoSequence amd_baco_vega10;
extern const AMDBacoSequence amd_baco_vega12;
extern const AMDBacoSequence amd_baco_vega20;
extern const AMDBacoSequence amd_baco_navi10;

/* The SMU9 fuse of Vega10/12's BACO (amdgpu smu9_get_bamaco_support()) */
bool amd_soc15_baco_fused(const AMDResetDevice *dev);

#endif /* HW_VFIO_AMD_RESET_SOC15_H */
