/*
 * Unit tests of the policy: the choice of the method, the strap, the
 * VBIOS parser, the device table and the families
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/pci/pci_regs.h"
#include "qemu/bswap.h"
#include "test-amd-reset-env.h"

/*
 * Method choice (amd_reset_choose_vi()), as amdgpu's vi_asic_reset_method():
 * BACO iff the family has it, the strap is set and the VBIOS has the cap;
 * a config reset that may escalate to BACO when the VBIOS could not be
 * read; errors for what cannot be honoured.
 */
typedef struct ChooseCase {
    bool strap;
    AMDVbiosCap cap;
    AMDResetMethod choice;          /* NONE: auto */
    bool ok;
    AMDResetMethod method;
    bool fallback;
    const char *error;              /* in the message */
} ChooseCase;

#define CAP_U   AMD_VBIOS_CAP_UNKNOWN
#define CAP_A   AMD_VBIOS_CAP_ABSENT
#define CAP_P   AMD_VBIOS_CAP_PRESENT
#define CH_AUTO AMD_RESET_METHOD_NONE
#define CH_BACO AMD_RESET_METHOD_BACO
#define CH_CFG  AMD_RESET_METHOD_CONFIG
#define M_CFG   AMD_RESET_METHOD_CONFIG
#define M_BACO  AMD_RESET_METHOD_BACO

/* Tonga, Fiji, Polaris */
static const ChooseCase choose_baco_family[] = {
    { false, CAP_U, CH_AUTO, true, M_CFG, false },
    { false, CAP_U, CH_BACO, false, .error = "strap" },
    { false, CAP_U, CH_CFG, true, M_CFG, false },
    { false, CAP_A, CH_AUTO, true, M_CFG, false },
    { false, CAP_A, CH_BACO, false, .error = "strap" },
    { false, CAP_A, CH_CFG, true, M_CFG, false },
    { false, CAP_P, CH_AUTO, true, M_CFG, false },
    { false, CAP_P, CH_BACO, false, .error = "strap" },
    { false, CAP_P, CH_CFG, true, M_CFG, false },
    { true, CAP_U, CH_AUTO, true, M_CFG, true },
    { true, CAP_U, CH_BACO, true, M_BACO, false },
    { true, CAP_U, CH_CFG, true, M_CFG, false },
    { true, CAP_A, CH_AUTO, true, M_CFG, false },
    { true, CAP_A, CH_BACO, true, M_BACO, false },
    { true, CAP_A, CH_CFG, true, M_CFG, false },
    { true, CAP_P, CH_AUTO, true, M_BACO, false },
    { true, CAP_P, CH_BACO, true, M_BACO, false },
    { true, CAP_P, CH_CFG, true, M_CFG, false },
};

/*
 * CIK: the config reset first; BACO after it where the board supports
 * BACO or its VBIOS cannot be read, and when forced
 */
static const ChooseCase choose_cik_family[] = {
    { false, CAP_U, CH_AUTO, true, M_CFG, false },
    { false, CAP_U, CH_BACO, false, .error = "strap" },
    { false, CAP_U, CH_CFG, true, M_CFG, false },
    { false, CAP_A, CH_AUTO, true, M_CFG, false },
    { false, CAP_A, CH_BACO, false, .error = "strap" },
    { false, CAP_A, CH_CFG, true, M_CFG, false },
    { false, CAP_P, CH_AUTO, true, M_CFG, false },
    { false, CAP_P, CH_BACO, false, .error = "strap" },
    { false, CAP_P, CH_CFG, true, M_CFG, false },
    { true, CAP_U, CH_AUTO, true, M_CFG, true },
    { true, CAP_U, CH_BACO, true, M_BACO, false },
    { true, CAP_U, CH_CFG, true, M_CFG, false },
    { true, CAP_A, CH_AUTO, true, M_CFG, false },
    { true, CAP_A, CH_BACO, true, M_BACO, false },
    { true, CAP_A, CH_CFG, true, M_CFG, false },
    { true, CAP_P, CH_AUTO, true, M_CFG, true },
    { true, CAP_P, CH_BACO, true, M_BACO, false },
    { true, CAP_P, CH_CFG, true, M_CFG, false },
};

static void check_choose(uint16_t device, const ChooseCase *cases,
                         size_t count)
{
    const AMDResetFamily *family =
        amd_reset_lookup(AMD_RESET_VENDOR_ID, device)->family;
    size_t i;

    for (i = 0; i < count; i++) {
        const ChooseCase *c = &cases[i];
        AMDResetDevice dev = {
            .family = family, .strap = c->strap, .cap = c->cap,
        };
        AMDResetConfig cfg = { .method = c->choice };
        Error *err = NULL;
        bool ok;

        g_test_message("%s: strap %d, cap %d, choice %s", family->name,
                       c->strap, c->cap, amd_reset_method_str(c->choice));
        ok = family->gen->choose(&dev, &cfg, &err);
        g_assert_cmpint(ok, ==, c->ok);
        if (!ok) {
            g_assert_nonnull(err);
            g_assert_nonnull(strstr(error_get_pretty(err), c->error));
            error_free(err);
            continue;
        }
        g_assert_null(err);
        g_assert_cmpint(dev.methods[0], ==, c->method);
        g_assert_cmpuint(dev.n_methods, ==, c->fallback ? 2 : 1);
        if (c->fallback) {
            g_assert_cmpint(dev.methods[1], ==, AMD_RESET_METHOD_BACO);
        }
        g_assert_nonnull(dev.why);
        g_assert_cmpuint(strlen(dev.why), >, 0);
    }
}

static void test_choose(void)
{
    check_choose(DEV_W7100, choose_baco_family,
                 ARRAY_SIZE(choose_baco_family));
    check_choose(DEV_FURY, choose_baco_family,
                 ARRAY_SIZE(choose_baco_family));
    check_choose(DEV_RX580, choose_baco_family,
                 ARRAY_SIZE(choose_baco_family));
    check_choose(DEV_HAWAII, choose_cik_family,
                 ARRAY_SIZE(choose_cik_family));
    check_choose(0x6649, choose_cik_family,                /* Bonaire */
                 ARRAY_SIZE(choose_cik_family));
}

/*
 * The strap read: one read of CC_BIF_BX_FUSESTRAP0, with decode on (the
 * reset has turned it on; nothing writes the command register for it)
 */
static void test_read_strap(void)
{
    TestEnv *env = env_new(DEV_W7100);
    static const AMDGPUModelAccess set[] = {
        MMIO_R(0x535c, 0x00000002),     /* STRAP_BIF_PX_CAPABLE */
    };
    static const AMDGPUModelAccess clear[] = {
        MMIO_R(0x535c, 0x00000000),
    };
    static const AMDGPUModelAccess gone[] = {
        MMIO_R(0x535c, 0xffffffff),
    };

    amd_gpu_model_set_command(env->model, PCI_COMMAND_MEMORY);
    amd_gpu_model_log_clear(env->model);
    g_assert_true(amd_reset_read_strap(&env->dev));
    assert_log_tail(env, 0, set, ARRAY_SIZE(set));

    amd_gpu_model_log_clear(env->model);
    amd_gpu_model_set_strap(env->model, false);
    g_assert_false(amd_reset_read_strap(&env->dev));
    assert_log_tail(env, 0, clear, ARRAY_SIZE(clear));

    amd_gpu_model_log_clear(env->model);
    amd_gpu_model_set_strap(env->model, true);
    amd_gpu_model_set_all_ones(env->model, true);
    g_assert_false(amd_reset_read_strap(&env->dev));
    assert_log_tail(env, 0, gone, ARRAY_SIZE(gone));
    env_free(env);
}

/*
 * VBIOS parser (amdgpu process_pptables_v1_0.c, processpptables.c):
 * images from the model's
 * builder, corrupted one field at a time.  Each image is a buffer of
 * exactly its length, so that ASan sees any read past it.
 */
typedef enum VbiosEdit {
    VB_AS_BUILT,
    VB_BAD_55,                      /* ROM+0 */
    VB_BAD_AA,                      /* ROM+1 */
    VB_BAD_ATOMBIOS_SIG,            /* " 761295520" at 0x30 */
    VB_HEADER_ZERO,                 /* u16 at 0x48 */
    VB_HEADER_PAST_END,
    VB_HEADER_AT_END,               /* "ATOM" would run past the end */
    VB_BAD_ATOM,
    VB_MOTA,                        /* also accepted */
    VB_MDT_ZERO,
    VB_MDT_PAST_END,
    VB_MDT_AT_END,                  /* entry 15 would be past the end */
    VB_PP_ZERO,                     /* no PowerPlay table */
    VB_PP_PAST_END,
    VB_PP_AT_END,                   /* usStructureSize past the end */
    VB_SIZE_PAST_END,               /* the table runs past the end */
    VB_SIZE_SHORT,                  /* V1 36, V0 24 */
    VB_SIZE_MIN,                    /* V1 37, V0 25 */
    VB_REVISION_6,                  /* V1 only */
    VB_REVISION_8,
    VB_STATES_ZERO_OFFSET,
    VB_STATES_PAST_END,
    VB_STATES_NO_ENTRIES,
    VB_TRUNCATED,                   /* one byte short */
    VB_CAP_AT_OTHER_OFFSET,         /* where the other format has it */
    VB_PARSE_AS_OTHER,              /* the other format's parser */
    VB_MOVED_ODD,                   /* data tables moved, table at odd */
    VB_EMPTY,
} VbiosEdit;

typedef struct VbiosCase {
    const char *name;
    AMDPPTableFormat format;
    bool cap;
    bool table_at_end;
    VbiosEdit edit;
    AMDVbiosCap expect;
} VbiosCase;

#define V0      AMD_PPTABLE_V0
#define V1      AMD_PPTABLE_V1

static const VbiosCase vbios_cases[] = {
    { "v1-cap", V1, true, false, VB_AS_BUILT, CAP_P },
    { "v1-no-cap", V1, false, false, VB_AS_BUILT, CAP_A },
    { "v0-cap", V0, true, false, VB_AS_BUILT, CAP_P },
    { "v0-no-cap", V0, false, false, VB_AS_BUILT, CAP_A },
    { "v1-at-end", V1, true, true, VB_AS_BUILT, CAP_P },
    { "v0-at-end", V0, true, true, VB_AS_BUILT, CAP_P },
    { "v1-at-end-truncated", V1, true, true, VB_TRUNCATED, CAP_U },
    { "v0-at-end-truncated", V0, true, true, VB_TRUNCATED, CAP_U },
    { "bad-55", V1, true, false, VB_BAD_55, CAP_U },
    { "bad-aa", V1, true, false, VB_BAD_AA, CAP_U },
    { "bad-atombios-signature", V1, true, false, VB_BAD_ATOMBIOS_SIG,
      CAP_U },
    { "header-zero", V1, true, false, VB_HEADER_ZERO, CAP_U },
    { "header-past-end", V1, true, false, VB_HEADER_PAST_END, CAP_U },
    { "header-at-end", V1, true, false, VB_HEADER_AT_END, CAP_U },
    { "bad-atom", V1, true, false, VB_BAD_ATOM, CAP_U },
    { "mota", V1, true, false, VB_MOTA, CAP_P },
    { "mdt-zero", V1, true, false, VB_MDT_ZERO, CAP_U },
    { "mdt-past-end", V1, true, false, VB_MDT_PAST_END, CAP_U },
    { "mdt-at-end", V1, true, false, VB_MDT_AT_END, CAP_U },
    { "v1-no-powerplay", V1, true, false, VB_PP_ZERO, CAP_A },
    { "v0-no-powerplay", V0, true, false, VB_PP_ZERO, CAP_A },
    { "v1-pp-past-end", V1, true, false, VB_PP_PAST_END, CAP_U },
    { "v0-pp-past-end", V0, true, false, VB_PP_PAST_END, CAP_U },
    { "v1-pp-at-end", V1, true, false, VB_PP_AT_END, CAP_U },
    { "v0-pp-at-end", V0, true, false, VB_PP_AT_END, CAP_U },
    { "v1-table-past-end", V1, true, false, VB_SIZE_PAST_END, CAP_U },
    { "v0-table-past-end", V0, true, false, VB_SIZE_PAST_END, CAP_U },
    { "v1-short-table", V1, true, false, VB_SIZE_SHORT, CAP_U },
    { "v0-short-table", V0, true, false, VB_SIZE_SHORT, CAP_U },
    { "v1-min-table", V1, true, false, VB_SIZE_MIN, CAP_P },
    { "v0-min-table", V0, true, false, VB_SIZE_MIN, CAP_P },
    { "v1-revision-6", V1, true, false, VB_REVISION_6, CAP_U },
    { "v1-revision-8", V1, true, false, VB_REVISION_8, CAP_P },
    { "v0-revision-6", V0, true, false, VB_REVISION_6, CAP_P },
    { "v1-states-offset-zero", V1, true, false, VB_STATES_ZERO_OFFSET,
      CAP_U },
    { "v1-states-past-end", V1, true, false, VB_STATES_PAST_END, CAP_U },
    { "v1-states-no-entries", V1, true, false, VB_STATES_NO_ENTRIES,
      CAP_U },
    { "v1-cap-at-v0-offset", V1, true, false, VB_CAP_AT_OTHER_OFFSET,
      CAP_A },
    { "v0-cap-at-v1-offset", V0, true, false, VB_CAP_AT_OTHER_OFFSET,
      CAP_A },
    /*
     * As a rebuilt Hawaii image: master data table at 0x3a6, PowerPlay
     * table at an odd offset; format revision 6 and no state count in
     * the header, as on every Bonaire and Hawaii image
     */
    { "v0-hawaii-moved", V0, true, false, VB_MOVED_ODD, CAP_P },
    { "v0-hawaii-moved-no-cap", V0, false, false, VB_MOVED_ODD, CAP_A },
    { "v1-moved", V1, true, false, VB_MOVED_ODD, CAP_P },
    { "v1-image-as-v0", V1, true, false, VB_PARSE_AS_OTHER, CAP_A },
    { "v0-image-as-v1", V0, true, false, VB_PARSE_AS_OTHER, CAP_U },
    { "empty", V1, true, false, VB_EMPTY, CAP_U },
};

#define VBIOS_TEST_SIZE 0x1000

static void test_vbios(const void *opaque)
{
    const VbiosCase *c = opaque;
    AMDGPUModelVbiosSpec spec = {
        .format = c->format,
        .baco_cap = c->cap,
        .other_caps = 0x2 | 0x8000,     /* POWERPLAY, VDDCI_CONTROL */
        .size = VBIOS_TEST_SIZE,
        .table_at_end = c->table_at_end,
    };
    AMDGPUModelVbiosLayout l;
    g_autofree uint8_t *rom = amd_gpu_model_vbios_build(&spec, &l);
    g_autofree uint8_t *image = NULL;
    size_t len = l.size, pp = l.powerplay;
    size_t other = c->format == V1 ? pp + 21 : pp + 19;
    AMDPPTableFormat format = c->format;
    const char *why = NULL;
    AMDVbiosCap cap;

    g_assert_cmpuint(l.size, ==, VBIOS_TEST_SIZE);
    switch (c->edit) {
    case VB_AS_BUILT:
        break;
    case VB_BAD_55:
        rom[0] = 0x56;
        break;
    case VB_BAD_AA:
        rom[1] = 0xab;
        break;
    case VB_BAD_ATOMBIOS_SIG:
        rom[0x30 + 9] = '1';
        break;
    case VB_HEADER_ZERO:
        stw_le_p(rom + 0x48, 0);
        break;
    case VB_HEADER_PAST_END:
        stw_le_p(rom + 0x48, 0xfff0);
        break;
    case VB_HEADER_AT_END:
        stw_le_p(rom + 0x48, len - 6);
        memcpy(rom + len - 2, "AT", 2);
        break;
    case VB_BAD_ATOM:
        rom[l.header + 4 + 3] = 'N';
        break;
    case VB_MOTA:
        memcpy(rom + l.header + 4, "MOTA", 4);
        break;
    case VB_MDT_ZERO:
        stw_le_p(rom + l.header + 0x20, 0);
        break;
    case VB_MDT_PAST_END:
        stw_le_p(rom + l.header + 0x20, 0xff00);
        break;
    case VB_MDT_AT_END:
        /* the header fits, entry 15 at mdt + 0x22 does not */
        stw_le_p(rom + l.header + 0x20, len - 0x22);
        break;
    case VB_PP_ZERO:
        stw_le_p(rom + l.master_data + 0x22, 0);
        break;
    case VB_PP_PAST_END:
        stw_le_p(rom + l.master_data + 0x22, 0xfffe);
        break;
    case VB_PP_AT_END:
        stw_le_p(rom + l.master_data + 0x22, len - 1);
        break;
    case VB_SIZE_PAST_END:
        stw_le_p(rom + pp, len - pp + 1);
        break;
    case VB_SIZE_SHORT:
        stw_le_p(rom + pp, c->format == V1 ? 36 : 24);
        break;
    case VB_SIZE_MIN:
        stw_le_p(rom + pp, c->format == V1 ? 37 : 25);
        break;
    case VB_REVISION_6:
        rom[pp + 2] = 6;
        break;
    case VB_REVISION_8:
        rom[pp + 2] = 8;
        break;
    case VB_STATES_ZERO_OFFSET:
        stw_le_p(rom + pp + 35, 0);
        break;
    case VB_STATES_PAST_END:
        /* byte 0 of the array is the last byte, ucNumEntries is past it */
        stw_le_p(rom + pp + 35, len - 1 - pp);
        break;
    case VB_STATES_NO_ENTRIES:
        rom[l.state_array + 1] = 0;
        break;
    case VB_TRUNCATED:
        len--;
        break;
    case VB_CAP_AT_OTHER_OFFSET:
        /* the two words overlap: caps without BACO, then BACO beside */
        stl_le_p(rom + l.caps, spec.other_caps);
        stl_le_p(rom + other, 0x00020000);
        break;
    case VB_PARSE_AS_OTHER:
        format = c->format == V1 ? V0 : V1;
        break;
    case VB_MOVED_ODD:
        if (c->format == V0) {
            g_assert_cmpuint(rom[pp + 2], ==, 6);   /* format revision */
            g_assert_cmpuint(rom[pp + 5], ==, 0);   /* ucNumStates */
        }
        memmove(rom + 0x3a6, rom + l.master_data, 0x24);
        memset(rom + l.master_data, 0, 0x24);
        stw_le_p(rom + l.header + 0x20, 0x3a6);
        memmove(rom + 0x753, rom + pp, l.powerplay_size + 2);
        memset(rom + pp, 0, l.powerplay_size + 2);
        stw_le_p(rom + 0x3a6 + 0x22, 0x753);
        if (c->format == V1) {
            /* its state array moved with it */
            g_assert_cmpuint(lduw_le_p(rom + 0x753 + 35), ==,
                             l.state_array - pp);
        }
        break;
    case VB_EMPTY:
        len = 0;
        break;
    }

    image = len ? g_memdup2(rom, len) : NULL;
    cap = amd_vbios_baco_cap(image, len, format, &why);
    if (cap == AMD_VBIOS_CAP_UNKNOWN) {
        g_assert_nonnull(why);
        g_test_message("%s: unknown: %s", c->name, why);
    }
    g_assert_cmpint(cap, ==, c->expect);
    if (c->edit == VB_CAP_AT_OTHER_OFFSET && c->format == V1) {
        /* the V0 parser finds it where it looks */
        g_assert_cmpint(amd_vbios_baco_cap(image, len, V0, &why), ==,
                        CAP_P);
    }
}

/* Device table: the IDs of amdgpu_drv.c, names from pci.ids */
typedef struct ListedId {
    uint16_t device;
    const char *family;
} ListedId;

static const ListedId listed_ids[] = {
    /* upstream QEMU */
    { 0x6649, "CIK" }, { 0x6650, "CIK" }, { 0x6651, "CIK" },
    { 0x6658, "CIK" }, { 0x665c, "CIK" }, { 0x665d, "CIK" },
    { 0x67a0, "CIK" }, { 0x67a1, "CIK" }, { 0x67a2, "CIK" },
    { 0x67a8, "CIK" }, { 0x67a9, "CIK" }, { 0x67aa, "CIK" },
    { 0x67b0, "CIK" }, { 0x67b1, "CIK" }, { 0x67b8, "CIK" },
    { 0x67b9, "CIK" }, { 0x67ba, "CIK" }, { 0x67be, "CIK" },
    /* Bonaire additions */
    { 0x665f, "CIK" }, { 0x6640, "CIK" }, { 0x6641, "CIK" },
    { 0x6646, "CIK" }, { 0x6647, "CIK" },
    /* Tonga */
    { 0x6920, "Tonga" }, { 0x6921, "Tonga" }, { 0x6928, "Tonga" },
    { 0x6929, "Tonga" }, { 0x692b, "Tonga" }, { 0x6930, "Tonga" },
    { 0x6938, "Tonga" }, { 0x6939, "Tonga" }, { 0x693b, "Tonga" },
    /* Fiji */
    { 0x7300, "Fiji" }, { 0x730f, "Fiji" },
    /* Polaris10 */
    { 0x67c0, "Polaris" }, { 0x67c1, "Polaris" }, { 0x67c2, "Polaris" },
    { 0x67c4, "Polaris" }, { 0x67c7, "Polaris" }, { 0x67c8, "Polaris" },
    { 0x67c9, "Polaris" }, { 0x67ca, "Polaris" }, { 0x67cc, "Polaris" },
    { 0x67cf, "Polaris" }, { 0x67d0, "Polaris" }, { 0x67df, "Polaris" },
    { 0x6fdf, "Polaris" },
    /* Polaris11 */
    { 0x67e0, "Polaris" }, { 0x67e1, "Polaris" }, { 0x67e3, "Polaris" },
    { 0x67e7, "Polaris" }, { 0x67e8, "Polaris" }, { 0x67e9, "Polaris" },
    { 0x67eb, "Polaris" }, { 0x67ef, "Polaris" }, { 0x67ff, "Polaris" },
    /* Polaris12 */
    { 0x6980, "Polaris" }, { 0x6981, "Polaris" }, { 0x6985, "Polaris" },
    { 0x6986, "Polaris" }, { 0x6987, "Polaris" }, { 0x6995, "Polaris" },
    { 0x6997, "Polaris" }, { 0x699f, "Polaris" },
    /* Vega10, Vega12, Vega20 */
    { 0x6860, "Vega10" }, { 0x6861, "Vega10" }, { 0x6862, "Vega10" },
    { 0x6863, "Vega10" }, { 0x6864, "Vega10" }, { 0x6867, "Vega10" },
    { 0x6868, "Vega10" }, { 0x6869, "Vega10" }, { 0x686a, "Vega10" },
    { 0x686b, "Vega10" }, { 0x686d, "Vega10" }, { 0x686e, "Vega10" },
    { 0x687f, "Vega10" },
    { 0x69a0, "Vega12" }, { 0x69a1, "Vega12" }, { 0x69a2, "Vega12" },
    { 0x69a3, "Vega12" }, { 0x69af, "Vega12" },
    { 0x66a0, "Vega20" }, { 0x66a1, "Vega20" }, { 0x66a2, "Vega20" },
    { 0x66a3, "Vega20" }, { 0x66a7, "Vega20" }, { 0x66af, "Vega20" },
    /* Navi10, Navi14, Navi12 */
    { 0x7310, "Navi10" }, { 0x7312, "Navi10" }, { 0x7319, "Navi10" },
    { 0x731b, "Navi10" }, { 0x731e, "Navi10" }, { 0x731f, "Navi10" },
    { 0x7340, "Navi14" }, { 0x7341, "Navi14" }, { 0x7347, "Navi14" },
    { 0x734f, "Navi14" },
    { 0x7360, "Navi12" }, { 0x7362, "Navi12" },
};

static const uint16_t unlisted_ids[] = {
    0x692f,                         /* S7150V, MxGPU VF */
    0x6900, 0x6901, 0x6902, 0x6903, 0x6907,     /* Topaz */
    0x694c, 0x694e, 0x694f,         /* VegaM: amdgpu does not BACO it */
    0x686c,                         /* Vega 10 MxGPU VF */
    0x66a4, 0x686f, 0x7318, 0x731a, /* no pci.ids name */
    0x73bf, 0x73ff,                 /* Navi2x: SMU mode1, not QEMU's */
    0x15d8, 0x1636,                 /* APUs: Picasso, Renoir */
    0xaac8, 0xaad8, 0xaae8, 0xaaf0, /* HDMI audio functions */
};

static void test_table(void)
{
    const AMDResetDeviceId *id;
    const AMDResetFamily *polaris = NULL;
    size_t i;

    g_assert_cmpuint(amd_reset_ids_count, ==, ARRAY_SIZE(listed_ids));
    for (i = 0; i < amd_reset_ids_count; i++) {
        const AMDResetDeviceId *e = &amd_reset_ids[i];

        g_assert_cmphex(e->vendor, ==, 0x1002);
        g_assert_nonnull(e->name);
        g_assert_cmpuint(strlen(e->name), >, 0);
        g_assert_nonnull(e->family);
        g_assert_true(amd_reset_lookup(e->vendor, e->device) == e);
        if (i > 0) {
            g_assert_cmphex(amd_reset_ids[i - 1].device, <, e->device);
        }
    }

    for (i = 0; i < ARRAY_SIZE(listed_ids); i++) {
        id = amd_reset_lookup(0x1002, listed_ids[i].device);
        if (!id) {
            g_test_message("missing 1002:%04x", listed_ids[i].device);
        }
        g_assert_nonnull(id);
        g_assert_cmphex(id->device, ==, listed_ids[i].device);
        g_assert_cmpstr(id->family->name, ==, listed_ids[i].family);
        if (!strcmp(listed_ids[i].family, "Polaris")) {
            /* one family for Polaris10/11/12: they share the tables */
            g_assert_true(!polaris || polaris == id->family);
            polaris = id->family;
        }
    }
    for (i = 0; i < ARRAY_SIZE(unlisted_ids); i++) {
        g_assert_null(amd_reset_lookup(0x1002, unlisted_ids[i]));
    }
    g_assert_null(amd_reset_lookup(0x10de, 0x692b));
}

/* Families as data: methods in order, table format, BACO tables, timing */
typedef struct FamilyCase {
    uint16_t device;
    const char *name;
    AMDPPTableFormat pptable;
    size_t prep_tables;             /* amdgpu <chip>_baco_set_state() */
    size_t enter_steps;
    size_t clean_steps;
    bool baco_fallback;
} FamilyCase;

/* CIK's enter table has no BACO_BIF_SCLK_SWITCH steps (BIF 4.1) */
static const FamilyCase family_cases[] = {
    { DEV_HAWAII, "CIK", V0, 4, 10, 3, true },
    { 0x6649, "CIK", V0, 4, 10, 3, true },
    { DEV_W7100, "Tonga", V1, 4, 12, 2 },
    { DEV_FURY, "Fiji", V1, 5, 12, 16 },
    { DEV_RX580, "Polaris", V1, 5, 12, 2 },
};

static size_t table_steps(const AMDRegTable *t)
{
    size_t k, steps = 0;

    g_assert_nonnull(t->name);
    for (k = 0; k < AMD_REG_TABLE_MAX_PARTS; k++) {
        steps += t->parts[k].count;
    }
    return steps;
}

static void test_families(void)
{
    const AMDResetTimings *t = &amd_reset_timings;
    size_t i, j;

    /* a WAITFOR 100 ms, a whole cycle 500 ms with the 20 ms gap */
    g_assert_cmpuint(t->settle_us, ==, 100);
    g_assert_cmpuint(t->ready_timeout_us, ==, 100000);
    g_assert_cmpuint(t->ready_poll_us, ==, 10);
    g_assert_cmpuint(t->baco_wait_timeout_us, ==, 100000);
    g_assert_cmpuint(t->baco_total_us, ==, 500000);
    g_assert_cmpuint(t->baco_gap_us, ==, 20000);
    g_assert_cmpuint(t->baco_poll_us, ==, 1000);

    for (i = 0; i < ARRAY_SIZE(family_cases); i++) {
        const FamilyCase *c = &family_cases[i];
        const AMDResetFamily *f =
            amd_reset_lookup(AMD_RESET_VENDOR_ID, c->device)->family;

        g_assert_cmpstr(f->name, ==, c->name);
        g_assert_true(f->gen == &amd_reset_gen_cik_vi);
        g_assert_cmpint(f->pptable, ==, c->pptable);
        g_assert_cmpint(f->baco_fallback, ==, c->baco_fallback);
        g_assert_nonnull(f->baco);
        g_assert_cmpuint(f->baco->prep_count, ==, c->prep_tables);
        for (j = 0; j < f->baco->prep_count; j++) {
            g_assert_cmpuint(table_steps(&f->baco->prep[j]), >, 0);
        }
        g_assert_cmpstr(f->baco->enter->name, ==, "enter_baco_tbl");
        g_assert_cmpuint(table_steps(f->baco->enter), ==, c->enter_steps);
        g_assert_cmpstr(f->baco->exit->name, ==, "exit_baco_tbl");
        g_assert_cmpuint(table_steps(f->baco->exit), ==, 12);
        g_assert_cmpstr(f->baco->clean->name, ==, "clean_baco_tbl");
        g_assert_cmpuint(table_steps(f->baco->clean), ==, c->clean_steps);
    }

    /* an unlisted GPU of the generation (x-amd-reset=on): no tables */
    g_assert_cmpstr(amd_reset_family_cik_vi.name, ==, "CIK/VI");
    g_assert_true(amd_reset_family_cik_vi.gen == &amd_reset_gen_cik_vi);
    g_assert_null(amd_reset_family_cik_vi.baco);

    /* the generation runs both methods; BACO resets the whole chip */
    g_assert_true(amd_reset_gen_cik_vi.methods[AMD_RESET_METHOD_CONFIG] ==
                  &amd_reset_config_ops);
    g_assert_true(amd_reset_gen_cik_vi.methods[AMD_RESET_METHOD_BACO] ==
                  &amd_reset_baco_ops);
    g_assert_null(amd_reset_gen_cik_vi.methods[AMD_RESET_METHOD_NONE]);
    g_assert_false(amd_reset_config_ops.chip_wide);
    g_assert_true(amd_reset_baco_ops.chip_wide);
    g_assert_cmpint(amd_reset_gen_cik_vi.local_method, ==,
                    AMD_RESET_METHOD_CONFIG);
    g_assert_cmphex(amd_reset_gen_cik_vi.bar5_min, ==, 0x40000);
    g_assert_cmphex(amd_reset_gen_cik_vi.bar5_max, ==, 0x40000);
}

static void test_policy(void)
{
    const AMDResetFamily *family = NULL;
    Error *err = NULL;
    const char *msg;

    /* auto: the table decides */
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x692b,
                                   &family, &error_abort));
    g_assert_true(family == amd_reset_lookup(0x1002, 0x692b)->family);
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x67df,
                                   &family, &error_abort));
    g_assert_cmpstr(family->name, ==, "Polaris");
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x687f,
                                   &family, &error_abort));
    g_assert_cmpstr(family->name, ==, "Vega10");
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x1002, 0x73bf,
                                   &family, &error_abort));
    g_assert_null(family);
    family = amd_reset_lookup(0x1002, 0x692b)->family;
    g_assert_true(amd_reset_select(ON_OFF_AUTO_AUTO, 0x10de, 0x692b,
                                   &family, &error_abort));
    g_assert_null(family);

    /* off: never, even for a listed device */
    family = amd_reset_lookup(0x1002, 0x692b)->family;
    g_assert_true(amd_reset_select(ON_OFF_AUTO_OFF, 0x1002, 0x692b,
                                   &family, &error_abort));
    g_assert_null(family);

    /* on: the table family, or the generic CIK/VI one for an unlisted GPU */
    g_assert_true(amd_reset_select(ON_OFF_AUTO_ON, 0x1002, 0x7300,
                                   &family, &error_abort));
    g_assert_cmpstr(family->name, ==, "Fiji");
    g_assert_true(amd_reset_select(ON_OFF_AUTO_ON, 0x1002, 0x6900,
                                   &family, &error_abort));
    g_assert_true(family == &amd_reset_family_cik_vi);
    g_assert_null(family->baco);

    /* on, but not an AMD GPU: a user error */
    g_assert_false(amd_reset_select(ON_OFF_AUTO_ON, 0x10de, 0x692b,
                                    &family, &err));
    g_assert_nonnull(err);
    g_assert_null(family);
    msg = error_get_pretty(err);
    g_assert_nonnull(strstr(msg, "x-amd-reset"));
    g_assert_nonnull(strstr(msg, "10de:692b"));
    g_assert_nonnull(strstr(msg, "0x1002"));
    error_free(err);
}

static void test_result_str(void)
{
    static const AMDResetResult results[] = {
        AMD_RESET_DONE, AMD_RESET_CLEAN, AMD_RESET_TIMEOUT, AMD_RESET_GONE,
        AMD_RESET_NOT_OWNED, AMD_RESET_REFUSED, AMD_RESET_NOT_USED,
        AMD_RESET_FIRMWARE,
    };
    static const AMDResetMethod methods[] = {
        AMD_RESET_METHOD_CONFIG, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_MODE1,
    };
    size_t i, j;

    for (i = 0; i < ARRAY_SIZE(results); i++) {
        g_assert_nonnull(amd_reset_result_str(results[i]));
        for (j = 0; j < i; j++) {
            g_assert_cmpstr(amd_reset_result_str(results[i]), !=,
                            amd_reset_result_str(results[j]));
        }
    }
    g_assert_cmpstr(amd_reset_method_str(methods[0]), !=,
                    amd_reset_method_str(methods[1]));
    g_assert_cmpstr(amd_reset_method_str(AMD_RESET_METHOD_NONE), ==, "none");
}

/* Gates: when a reset runs at all -------------------------------------- */

/*
 * A cold W7100 (SMC stopped, as after host boot), BACO chosen: the check,
 * the BACO state read that tells it is not stuck in BACO, and nothing
 * else, whatever x-amd-reset-method asks
 */
static void test_gate_cold(const void *opaque)
{
    AMDResetMethod method = GPOINTER_TO_UINT(opaque);
    TestEnv *env = env_new(DEV_W7100);
    static const AMDGPUModelAccess cold[] = {
        CFG_R(0x08, 4, 0x03000000),
        CFG_W(0x04, 2, 0x0002),
        MMIO_W(0x200, 0x80000004),      /* SMC_SYSCON_CLOCK_CNTL_0 */
        MMIO_R(0x204, 0x00000001),      /* ck_disable */
        MMIO_W(0x200, 0x80000370),      /* SMC_PC_C */
        MMIO_R(0x204, 0x00000000),
        MMIO_R(0x5394, 0x00001f84),     /* BACO_CNTL: not in BACO */
        CFG_W(0x04, 2, 0x0000),
    };
    AMDResetReport report;

    amd_gpu_model_set_smc_running(env->model, false);
    env_choose(env, method);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_CLEAN);
    assert_log_tail(env, 0, cold, ARRAY_SIZE(cold));
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 0);
    g_assert_cmpuint(env->restores, ==, 0);

    /* a guest driver ran: now the reset is needed */
    env_guest_ran(env, 0);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model) +
                     amd_gpu_model_config_resets(env->model), ==, 1);
    env_free(env);
}

/*
 * The HD audio function is not QEMU's: no BACO, which would reset it;
 * the config reset, which resets the GPU function alone, instead, and the
 * report names the function.  Owned, BACO, then the functions' BARs.
 */
static void test_gate_not_owned(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetReport report;

    env_choose(env, AMD_RESET_METHOD_NONE);
    g_assert_cmpint(env->dev.methods[0], ==, AMD_RESET_METHOD_BACO);
    env->not_owned = true;
    env_guest_ran(env, 0);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_CONFIG);
    g_assert_cmpstr(report.unowned, ==, "0000:01:00.1");
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 0);
    g_assert_cmpuint(amd_gpu_model_config_resets(env->model), ==, 1);
    g_assert_cmpuint(env->restores, ==, 0);

    env->not_owned = false;
    env_guest_ran(env, 0);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_cmpstr(report.unowned, ==, "");
    g_assert_cmpuint(amd_gpu_model_baco_cycles(env->model), ==, 1);
    g_assert_cmpuint(env->restores, ==, 1);
    env_free(env);
}

/*
 * A generation with no method for the GPU function alone (the SOC15
 * chips will be one): a function QEMU does not own means no reset
 */
static void test_gate_not_owned_no_local(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetGeneration gen = amd_reset_gen_cik_vi;
    AMDResetFamily family = amd_reset_family_tonga;
    AMDResetReport report;

    gen.local_method = AMD_RESET_METHOD_NONE;
    family.gen = &gen;
    env->dev.family = &family;
    env_use(env, AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);
    env->not_owned = true;
    env_guest_ran(env, 0);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_NOT_OWNED);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_NONE);
    g_assert_cmpstr(report.unowned, ==, "0000:01:00.1");
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_MMIO_WRITE, 0x5394), ==,
                    -1);
    g_assert_cmpint(log_find(env, 0, AMD_GPU_MODEL_CFG_WRITE, 0x7c), ==, -1);
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    g_assert_cmpuint(env->restores, ==, 0);
    env_free(env);
}

/* Which reset of the kernel's QEMU leaves the device to */
typedef struct KernelCase {
    const char *name;
    AMDKernelReset k;
    const char *want;               /* NULL: QEMU resets it */
} KernelCase;

static const KernelCase kernel_cases[] = {
    { "none", { .reset_works = false, .has_flr = true }, NULL },
    { "vendor-reset",
      { .reset_works = true, .reset_method = "device_specific\n" },
      "device_specific" },
    { "vendor-reset-first",
      { .reset_works = true, .reset_method = "device_specific bus\n" },
      "device_specific" },
    { "flr", { .reset_works = true, .reset_method = "flr bus\n" }, "flr" },
    { "pm-only", { .reset_works = true, .reset_method = "pm\n" }, NULL },
    { "bus-only", { .reset_works = true, .reset_method = "bus\n" }, NULL },
    /* no sysfs list: vfio's own flags */
    { "no-list-flr", { .reset_works = true, .has_flr = true }, "flr" },
    { "no-list-pm-only", { .reset_works = true, .has_pm_reset = true },
      NULL },
    { "no-list-other", { .reset_works = true }, "device reset" },
};

static void test_gate_kernel(const void *opaque)
{
    const KernelCase *c = opaque;

    g_assert_cmpstr(amd_reset_kernel_reset(&c->k), ==, c->want);
}

/*
 * Incoming CPR: the probe reads nothing; the first reset identifies the
 * device, checks it and resets it.  Without CPR the probe reads config
 * space only: no command register write, no BAR5, no ROM.
 */
static void test_gate_defer(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetConfig cfg = { .policy = ON_OFF_AUTO_AUTO, .defer = true };
    AMDResetReport report;
    Error *unfit = NULL;

    g_assert_true(amd_reset_probe(&env->dev, &cfg, &unfit, &error_abort));
    g_assert_null(unfit);
    g_assert_true(env->dev.cfg.defer);
    g_assert_null(env->dev.family);
    g_assert_cmpuint(amd_gpu_model_log_count(env->model), ==, 0);

    env_guest_ran(env, 0);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_DONE);
    g_assert_false(env->dev.cfg.defer);
    g_assert_true(env->dev.family == &amd_reset_family_tonga);
    g_assert_cmpint(report.method, ==, AMD_RESET_METHOD_BACO);
    g_assert_cmpuint(env->rom_reads, ==, 1);

    cfg.defer = false;
    amd_gpu_model_log_clear(env->model);
    g_assert_true(amd_reset_probe(&env->dev, &cfg, &unfit, &error_abort));
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_CFG_READ, -1), ==,
                     amd_gpu_model_log_count(env->model));
    g_assert_cmpuint(env->rom_reads, ==, 1);
    env_free(env);
}

/* A deferred probe of a GPU the table does not list: not used, untouched */
static void test_gate_defer_other(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetConfig cfg = { .policy = ON_OFF_AUTO_AUTO, .defer = true };
    AMDResetReport report;

    amd_gpu_model_free(env->model);
    env->model = amd_gpu_model_new(0x6900);     /* Topaz: not listed */
    env_use_real_clock(env);
    g_assert_true(amd_reset_probe(&env->dev, &cfg, NULL, &error_abort));
    env_guest_ran(env, 0);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_NOT_USED);
    g_assert_null(env->dev.family);
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE, -1), ==,
                     0);
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_CFG_WRITE, -1), ==,
                     0);
    env_free(env);
}

/*
 * A deferred probe that finds the device unfit (a BAR5 of another size):
 * the first reset says why and touches nothing; the next ones know there
 * is no family and touch nothing either
 */
static void test_gate_defer_unfit(void)
{
    TestEnv *env = env_new(DEV_W7100);
    AMDResetConfig cfg = { .policy = ON_OFF_AUTO_AUTO, .defer = true };
    AMDResetReport report;

    env->bar5_size = 0x80000;
    g_assert_true(amd_reset_probe(&env->dev, &cfg, NULL, &error_abort));
    env_guest_ran(env, 0);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_REFUSED);
    g_assert_nonnull(report.err);
    g_assert_nonnull(strstr(error_get_pretty(report.err), "0x80000 bytes"));
    error_free(report.err);
    g_assert_null(env->dev.family);
    g_assert_cmpint(env_run(env, &report), ==, AMD_RESET_NOT_USED);
    g_assert_null(report.err);
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_MMIO_WRITE, -1), ==,
                     0);
    g_assert_cmpuint(log_count_kind(env, 0, AMD_GPU_MODEL_CFG_WRITE, -1), ==,
                     0);
    g_assert_true(amd_gpu_model_driver_loaded(env->model));
    env_free(env);
}

/* rombar=0 or romfile="": no ROM read, the cap unknown, config first */
static void test_gate_no_rom(const void *opaque)
{
    const char *why = opaque;
    TestEnv *env = env_new(DEV_W7100);
    AMDResetConfig cfg = { .policy = ON_OFF_AUTO_AUTO, .no_rom = why };

    g_assert_true(amd_reset_probe(&env->dev, &cfg, NULL, &error_abort));
    amd_gpu_model_set_command(env->model, PCI_COMMAND_MEMORY);
    g_assert_true(amd_reset_choose(&env->dev, &error_abort));
    g_assert_cmpuint(env->rom_reads, ==, 0);
    g_assert_cmpint(env->dev.cap, ==, AMD_VBIOS_CAP_UNKNOWN);
    g_assert_cmpstr(env->dev.vbios_why, ==, why);
    g_assert_cmpint(env->dev.methods[0], ==, AMD_RESET_METHOD_CONFIG);
    g_assert_cmpint(env->dev.methods[1], ==, AMD_RESET_METHOD_BACO);
    env_free(env);
}

/*
 * All-ones ends no wait, not even one whose mask test it would pass
 * (bit 31 set): through vfio, a BAR that does not decode reads so
 */
static void test_gate_all_ones_wait(void)
{
    TestEnv *env = env_new(DEV_W7100);
    static const AMDRegStep wait_bit31[] = {
        {
            .cmd = AMD_REG_CMD_WAITFOR, .access = AMD_REG_MMIO,
            .reg = 0x5394, .mask = 0x80000000, .val = 0x80000000,
        },
    };
    static const AMDRegTable table = {
        .name = "wait_bit31",
        .parts = { { wait_bit31, ARRAY_SIZE(wait_bit31) } },
    };
    size_t failed = 99;
    bool gone = true;

    env->frozen = true;
    env->frozen_value = ALL_ONES;
    g_assert_false(amd_reset_run_table(&env->dev, env->dev.family->gen->regs,
                                       &table, 10000, 1000, INT64_MAX,
                                       &failed, &gone, NULL));
    g_assert_cmpuint(failed, ==, 0);
    g_assert_false(gone);           /* present: its class code reads */
    g_assert_cmpint(env->now_ns - START_NS, >=, 10 * MS);
    g_assert_cmpuint(env->frozen_reads, >=, 10);
    env_free(env);
}

void test_amd_reset_add_choice(void)
{
    size_t i;

    g_test_add_func("/vfio/amd-reset/choose", test_choose);
    g_test_add_func("/vfio/amd-reset/read-strap", test_read_strap);
    for (i = 0; i < ARRAY_SIZE(vbios_cases); i++) {
        add_case("/vfio/amd-reset/vbios/%s", vbios_cases[i].name,
                 &vbios_cases[i], test_vbios);
    }
    g_test_add_func("/vfio/amd-reset/table", test_table);
    g_test_add_func("/vfio/amd-reset/families", test_families);
    g_test_add_func("/vfio/amd-reset/policy", test_policy);
    g_test_add_func("/vfio/amd-reset/result-str", test_result_str);
    g_test_add_data_func("/vfio/amd-reset/gate/cold/auto",
                         GUINT_TO_POINTER(AMD_RESET_METHOD_NONE),
                         test_gate_cold);
    g_test_add_data_func("/vfio/amd-reset/gate/cold/baco",
                         GUINT_TO_POINTER(AMD_RESET_METHOD_BACO),
                         test_gate_cold);
    g_test_add_data_func("/vfio/amd-reset/gate/cold/config",
                         GUINT_TO_POINTER(AMD_RESET_METHOD_CONFIG),
                         test_gate_cold);
    g_test_add_func("/vfio/amd-reset/gate/not-owned", test_gate_not_owned);
    g_test_add_func("/vfio/amd-reset/gate/not-owned-no-local",
                    test_gate_not_owned_no_local);
    for (i = 0; i < ARRAY_SIZE(kernel_cases); i++) {
        add_case("/vfio/amd-reset/gate/kernel/%s", kernel_cases[i].name,
                 &kernel_cases[i], test_gate_kernel);
    }
    g_test_add_func("/vfio/amd-reset/gate/cpr-incoming", test_gate_defer);
    g_test_add_func("/vfio/amd-reset/gate/cpr-incoming-other",
                    test_gate_defer_other);
    g_test_add_func("/vfio/amd-reset/gate/cpr-incoming-unfit",
                    test_gate_defer_unfit);
    g_test_add_data_func("/vfio/amd-reset/gate/rombar-0",
                         "rombar=0: no ROM", test_gate_no_rom);
    g_test_add_data_func("/vfio/amd-reset/gate/romfile-empty",
                         "romfile=\"\": no ROM", test_gate_no_rom);
    g_test_add_func("/vfio/amd-reset/gate/all-ones-wait",
                    test_gate_all_ones_wait);
}
