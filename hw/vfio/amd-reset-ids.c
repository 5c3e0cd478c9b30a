/*
 * The AMD GPUs QEMU resets by default: physical PCI IDs and the family of
 * each (families: amd-reset-cik-vi.c, amd-reset-soc15.c)
 *
 * To add a device, give its physical PCI ID, the family it belongs to and
 * its pci.ids name, keep the rows in ascending order, and say in the commit
 * message on which card and host the reset was tested.  A device that is
 * not listed can be tried first with x-amd-reset=on.  A chip of a new
 * generation needs its family and generation first (amd-reset.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/vfio/amd-reset.h"

#define AMD_ID(dev, fam, str)   { AMD_RESET_VENDOR_ID, dev, \
                                  &amd_reset_family_##fam, str }

/*
 * Not listed:
 * - 0x692f (Tonga XTV GL [FirePro S7150V]) is the MxGPU virtual function
 *   of the S7150; a VF must never issue a chip-wide reset;
 * - Topaz (0x6900-0x6907) runs Tonga's BACO function but keeps its BACO
 *   cap in the other PowerPlay table format, and its own exit table; none
 *   of that is covered by tests yet;
 * - VegaM (0x694c, 0x694e, 0x694f): amdgpu does not BACO-reset it;
 * - 0x686c (Vega 10 MxGPU) is a virtual function, like 0x692f;
 * - 0x66a4, 0x686f, 0x7318 and 0x731a, in amdgpu's and vendor-reset's
 *   lists, have no pci.ids name to check them against;
 * - APUs (Raven, Renoir) and Navi2x and later: amdgpu resets them with
 *   mode2 or the SMU's mode1, which QEMU does not have.
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
    /* Vega20 */
    AMD_ID(0x66a0, vega20, "Vega 20 [Radeon Instinct]"),
    AMD_ID(0x66a1, vega20,
           "Vega 20 [Radeon Pro VII/Radeon Instinct MI50 32GB]"),
    AMD_ID(0x66a2, vega20, "Vega 20"),
    AMD_ID(0x66a3, vega20,
           "Vega 20 [Radeon Pro Vega II/Radeon Pro Vega II Duo]"),
    AMD_ID(0x66a7, vega20, "Vega 20 [Radeon Pro Vega 20]"),
    AMD_ID(0x66af, vega20, "Vega 20 [Radeon VII]"),
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
    /* Vega10 */
    AMD_ID(0x6860, vega10, "Vega 10 [Instinct MI25/MI25x2/V340/V320]"),
    AMD_ID(0x6861, vega10, "Vega 10 XT [Radeon PRO WX 9100]"),
    AMD_ID(0x6862, vega10, "Vega 10 XT [Radeon PRO SSG]"),
    AMD_ID(0x6863, vega10, "Vega 10 XTX [Radeon Vega Frontier Edition]"),
    AMD_ID(0x6864, vega10, "Vega 10 [Radeon Pro V340/Instinct MI25x2]"),
    AMD_ID(0x6867, vega10, "Vega 10 XL [Radeon Pro Vega 56]"),
    AMD_ID(0x6868, vega10, "Vega 10 [Radeon PRO WX 8100/8200]"),
    AMD_ID(0x6869, vega10, "Vega 10 XGA [Radeon Pro Vega 48]"),
    AMD_ID(0x686a, vega10, "Vega 10 LEA"),
    AMD_ID(0x686b, vega10, "Vega 10 XTXA [Radeon Pro Vega 64X]"),
    AMD_ID(0x686d, vega10, "Vega 10 GLXTA"),
    AMD_ID(0x686e, vega10, "Vega 10 GLXLA"),
    AMD_ID(0x687f, vega10, "Vega 10 XL/XT [Radeon RX Vega 56/64]"),
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
    /* Vega12 */
    AMD_ID(0x69a0, vega12, "Vega 12"),
    AMD_ID(0x69a1, vega12, "Vega 12"),
    AMD_ID(0x69a2, vega12, "Vega 12"),
    AMD_ID(0x69a3, vega12, "Vega 12"),
    AMD_ID(0x69af, vega12, "Vega 12 [Radeon Pro Vega 20]"),
    /* Polaris10 */
    AMD_ID(0x6fdf, polaris, "Polaris 20 XL [Radeon RX 580 2048SP]"),
    /* Fiji */
    AMD_ID(0x7300, fiji, "Fiji [Radeon R9 FURY / NANO Series]"),
    AMD_ID(0x730f, fiji, "Fiji"),
    /* Navi10 */
    AMD_ID(0x7310, navi10, "Navi 10 [Radeon Pro W5700X]"),
    AMD_ID(0x7312, navi10, "Navi 10 [Radeon Pro W5700]"),
    AMD_ID(0x7319, navi10, "Navi 10 [Radeon Pro 5700 XT]"),
    AMD_ID(0x731b, navi10, "Navi 10 [Radeon Pro 5700]"),
    AMD_ID(0x731e, navi10, "TDC-150"),
    AMD_ID(0x731f, navi10,
           "Navi 10 [Radeon RX 5600 OEM/5600 XT / 5700/5700 XT]"),
    /* Navi14 */
    AMD_ID(0x7340, navi14, "Navi 14 [Radeon RX 5500/5500M / Pro 5500M]"),
    AMD_ID(0x7341, navi14, "Navi 14 [Radeon Pro W5500]"),
    AMD_ID(0x7347, navi14, "Navi 14 [Radeon Pro W5500M]"),
    AMD_ID(0x734f, navi14, "Navi 14 [Radeon Pro W5300M]"),
    /* Navi12 */
    AMD_ID(0x7360, navi12, "Navi 12 [Radeon Pro 5600M/V520/BC-160]"),
    AMD_ID(0x7362, navi12, "Navi 12 [Radeon Pro V520/V540]"),
};

const size_t amd_reset_ids_count = ARRAY_SIZE(amd_reset_ids);

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
