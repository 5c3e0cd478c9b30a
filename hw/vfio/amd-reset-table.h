/*
 * Shorthands for register table steps (AMDRegStep), in the field order
 * of amdgpu's struct baco_cmd_entry, for the files that hold tables
 * (amd-reset-vi-baco.c, amd-reset-soc15-baco.c); include it only there.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_VFIO_AMD_RESET_TABLE_H
#define HW_VFIO_AMD_RESET_TABLE_H

#include "hw/vfio/amd-reset.h"

#define W(r, v)             { .cmd = AMD_REG_CMD_WRITE, .reg = r, .val = v }
#define RMW(r, m, s, v)     { .cmd = AMD_REG_CMD_RMW, .reg = r, .mask = m, \
                              .shift = s, .val = v }
#define RMW_F(r, f, v)      RMW(mm##r, r##__##f##_MASK, r##__##f##__SHIFT, v)
#define WAIT(r, m, v)       { .cmd = AMD_REG_CMD_WAITFOR, .reg = r, \
                              .mask = m, .val = v }
#define WAIT_F(r, f, v)     WAIT(mm##r, r##__##f##_MASK, \
                                 (v) ? r##__##f##_MASK : 0)
#define RMW_IX(r, f, v)     { .cmd = AMD_REG_CMD_RMW, .access = AMD_REG_SMC, \
                              .reg = ix##r, .mask = r##__##f##_MASK, \
                              .shift = r##__##f##__SHIFT, .val = v }
#define SET_IX(r, m)        { .cmd = AMD_REG_CMD_RMW, .access = AMD_REG_SMC, \
                              .reg = ix##r, .mask = m, .val = m }
#define CLR_IX(r, m)        { .cmd = AMD_REG_CMD_RMW, .access = AMD_REG_SMC, \
                              .reg = ix##r, .mask = m, .val = 0 }
#define WAIT_IX(r, m, v)    { .cmd = AMD_REG_CMD_WAITFOR, \
                              .access = AMD_REG_SMC, .reg = ix##r, \
                              .mask = m, .val = v }
#define WAIT_SMN(a, m, v)   { .cmd = AMD_REG_CMD_WAITFOR, \
                              .access = AMD_REG_SMN, .reg = a, \
                              .mask = m, .val = v }
#define DELAY_US(n)         { .cmd = AMD_REG_CMD_DELAY_US, .timeout = n }
#define SMU_MSG(m, arg)     { .cmd = AMD_REG_CMD_SMU_MSG, .reg = m, \
                              .val = arg }
#define SMU_MSG_NOARG(m)    { .cmd = AMD_REG_CMD_SMU_MSG, .reg = m, \
                              .mask = AMD_SMU_MSG_NO_ARG }

#define STEPS(a)            { a, ARRAY_SIZE(a) }
#define TABLE(name, ...)    { #name, { __VA_ARGS__ } }

#endif /* HW_VFIO_AMD_RESET_TABLE_H */
