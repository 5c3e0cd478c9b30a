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

/* NBIO segment 1: the VBIOS scratch registers (atombios) */
#define mmBIOS_SCRATCH_3_SOC15          0x13c
#define   ATOM_S3_ASIC_GUI_ENGINE_HUNG                  0x20000000

/* NBIO segment 2 */
#define mmRCC_BIF_STRAP0                0x3480
#define   RCC_BIF_STRAP0__STRAP_PX_CAPABLE_MASK         0x00000080
#define mmRCC_CONFIG_MEMSIZE            0x378c      /* reads ~0 in reset */
#define mmBACO_CNTL_SOC15               0x38ac
#define   BACO_CNTL__BACO_MODE_MASK_SOC15               0x00000100

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

/* MP1 (SMU) firmware flags, an SMN address */
#define smnMP1_FIRMWARE_FLAGS_SMU9      0x03b10028  /* Vega10, Vega12 */
#define smnMP1_FIRMWARE_FLAGS_SMU11     0x03b10024  /* Vega20, Navi1x */
#define   MP1_FIRMWARE_FLAGS__INTERRUPTS_ENABLED_MASK   0x00000001

#endif /* HW_VFIO_AMD_RESET_SOC15_H */
