/*
 * Unit tests for the AMD GPU reset engine, device table and policy
 *
 * The engine (hw/vfio/amd-reset.c) runs against the register model in
 * amd-gpu-model.c, driven by a fake clock that only advances when the
 * engine sleeps, so every test is deterministic and checks the exact
 * register sequence, the timing against the deadline and the state the
 * chip is left in.
 *
 * The expected sequences are written from amdgpu's tables
 * (hwmgr/tonga_baco.c, fiji_baco.c, polaris_baco.c; "use_bclk_tbl #4" is
 * row 4 of that table, counting its index register writes), never from
 * the engine's tables: they are what the engine's tables are checked
 * against.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "test-amd-reset-env.h"

/*
 * One file per concern: the config reset (test-amd-reset-config.c), BACO
 * (test-amd-reset-baco.c), the choice of the method, the VBIOS and the
 * tables (test-amd-reset-choice.c), the model's own checks
 * (test-amd-reset-model.c), PSP mode1 of Vega and Navi
 * (test-amd-reset-soc15.c) and their BACO (test-amd-reset-soc15-baco.c),
 * on the environment of test-amd-reset-env.c.
 */
int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_amd_reset_add_config();
    test_amd_reset_add_baco();
    test_amd_reset_add_choice();
    test_amd_reset_add_model();
    test_amd_reset_add_soc15();
    test_amd_reset_add_soc15_baco();
    return g_test_run();
}
