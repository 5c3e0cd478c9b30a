/*
 * The BACO platform cap of an AMD VBIOS image
 *
 * amdgpu reads its PowerPlay caps from the VBIOS: the ATOM ROM header
 * points to the master data table, whose PowerPlayInfo entry points to
 * the PowerPlay table (atombios.h, pptable.h, tonga_pptable.h), read by
 * process_pptables_v1_0.c (ATOM_Tonga, VI) or processpptables.c
 * (ATOM_PPLIB, CIK and Topaz).  The image is untrusted input: every
 * offset is checked against its length.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/vfio/amd-reset.h"

#define ATOM_ROM_MAGIC_OFFSET           0x30
#define ATOM_ROM_MAGIC                  " 761295520"
#define ATOM_ROM_TABLE_PTR              0x48
#define ATOM_ROM_HEADER_SIGNATURE       0x04
#define ATOM_ROM_HEADER_DATA_TABLE      0x20
#define ATOM_MASTER_DATA_POWERPLAY      (4 + 2 * 15)    /* PowerPlayInfo */
#define PPTABLE_FORMAT_REVISION         2
#define PPTABLE_V1_PLATFORM_CAPS        19
#define PPTABLE_V1_STATE_ARRAY          35
#define PPTABLE_V1_MIN_SIZE             37
#define PPTABLE_V1_MIN_REVISION         7   /* ATOM_Tonga_TABLE_REVISION */
#define PPTABLE_V0_PLATFORM_CAPS        21
#define PPTABLE_V0_MIN_SIZE             25
#define PP_PLATFORM_CAP_BACO            0x00020000
/*
 * atomfirmware (Vega, Navi): ATOM_Vega10_POWERPLAYTABLE,
 * ATOM_VEGA20_POWERPLAYTABLE and smu_11_0_powerplay_table all keep their
 * platform caps at byte 17, BACO as bit 3
 * (ATOM_VEGA10_PP_PLATFORM_CAP_BACO, SMU_11_0_PP_PLATFORM_CAP_BACO)
 */
#define PPTABLE_ATOMFW_PLATFORM_CAPS    17
#define PPTABLE_ATOMFW_MIN_SIZE         21
#define PP_ATOMFW_PLATFORM_CAP_BACO     0x00000008
/* navi10_check_bxco_support(): SMU_11_0_PP_PLATFORM_CAP_MACO counts too */
#define PP_ATOMFW_PLATFORM_CAP_MACO     0x00000010

/* Little-endian reads that fail instead of leaving the image */
static bool rom_u8(const uint8_t *rom, size_t len, size_t off, uint32_t *v)
{
    if (off >= len) {
        return false;
    }
    *v = rom[off];
    return true;
}

static bool rom_u16(const uint8_t *rom, size_t len, size_t off, uint32_t *v)
{
    if (off > len || len - off < 2) {
        return false;
    }
    *v = rom[off] | rom[off + 1] << 8;
    return true;
}

static bool rom_u32(const uint8_t *rom, size_t len, size_t off, uint32_t *v)
{
    if (off > len || len - off < 4) {
        return false;
    }
    *v = rom[off] | rom[off + 1] << 8 | rom[off + 2] << 16 |
         (uint32_t)rom[off + 3] << 24;
    return true;
}

static bool rom_has(const uint8_t *rom, size_t len, size_t off,
                    const char *str)
{
    size_t n = strlen(str);

    return off <= len && len - off >= n && !memcmp(rom + off, str, n);
}

AMDVbiosCap amd_vbios_baco_cap(const uint8_t *rom, size_t len,
                               AMDPPTableFormat format, const char **why)
{
    uint32_t hdr, mdt, pp, size, rev, caps, states, entries;
    uint32_t cap_bit = PP_PLATFORM_CAP_BACO;
    size_t caps_off, min_size;

    if (!rom || len < 2 || rom[0] != 0x55 || rom[1] != 0xaa) {
        *why = "no ROM signature";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!rom_has(rom, len, ATOM_ROM_MAGIC_OFFSET, ATOM_ROM_MAGIC)) {
        *why = "not an ATOM BIOS";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!rom_u16(rom, len, ATOM_ROM_TABLE_PTR, &hdr) || !hdr ||
        !(rom_has(rom, len, hdr + ATOM_ROM_HEADER_SIGNATURE, "ATOM") ||
          rom_has(rom, len, hdr + ATOM_ROM_HEADER_SIGNATURE, "MOTA"))) {
        *why = "no ATOM ROM header";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!rom_u16(rom, len, hdr + ATOM_ROM_HEADER_DATA_TABLE, &mdt) || !mdt ||
        !rom_u16(rom, len, mdt + ATOM_MASTER_DATA_POWERPLAY, &pp)) {
        *why = "no master data table";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (!pp) {
        *why = "no PowerPlay table";
        return AMD_VBIOS_CAP_ABSENT;
    }
    min_size = format == AMD_PPTABLE_V1 ? PPTABLE_V1_MIN_SIZE :
               format == AMD_PPTABLE_ATOMFW ||
               format == AMD_PPTABLE_ATOMFW_BAMACO ? PPTABLE_ATOMFW_MIN_SIZE :
               PPTABLE_V0_MIN_SIZE;
    if (!rom_u16(rom, len, pp, &size) || size > len - pp ||
        size < min_size) {
        *why = "PowerPlay table truncated";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    if (format == AMD_PPTABLE_V1) {
        /* what amdgpu's V1 loader requires before it sets any cap */
        if (!rom_u8(rom, len, pp + PPTABLE_FORMAT_REVISION, &rev) ||
            rev < PPTABLE_V1_MIN_REVISION) {
            *why = "PowerPlay table revision too old";
            return AMD_VBIOS_CAP_UNKNOWN;
        }
        if (!rom_u16(rom, len, pp + PPTABLE_V1_STATE_ARRAY, &states) ||
            !states || !rom_u8(rom, len, (size_t)pp + states + 1, &entries) ||
            !entries) {
            *why = "PowerPlay table has no power states";
            return AMD_VBIOS_CAP_UNKNOWN;
        }
        caps_off = PPTABLE_V1_PLATFORM_CAPS;
    } else if (format == AMD_PPTABLE_ATOMFW) {
        caps_off = PPTABLE_ATOMFW_PLATFORM_CAPS;
        cap_bit = PP_ATOMFW_PLATFORM_CAP_BACO;
    } else if (format == AMD_PPTABLE_ATOMFW_BAMACO) {
        caps_off = PPTABLE_ATOMFW_PLATFORM_CAPS;
        cap_bit = PP_ATOMFW_PLATFORM_CAP_BACO | PP_ATOMFW_PLATFORM_CAP_MACO;
    } else {
        caps_off = PPTABLE_V0_PLATFORM_CAPS;
    }
    if (!rom_u32(rom, len, pp + caps_off, &caps)) {
        *why = "PowerPlay table truncated";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    *why = caps & cap_bit ? "VBIOS has the BACO cap" :
                            "VBIOS lacks the BACO cap";
    return caps & cap_bit ? AMD_VBIOS_CAP_PRESENT : AMD_VBIOS_CAP_ABSENT;
}

const char *amd_vbios_cap_str(AMDVbiosCap cap)
{
    switch (cap) {
    case AMD_VBIOS_CAP_PRESENT:
        return "yes";
    case AMD_VBIOS_CAP_ABSENT:
        return "no";
    case AMD_VBIOS_CAP_UNKNOWN:
        break;
    }
    return "unknown";
}
