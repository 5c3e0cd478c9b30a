/*
 * AMD GPUs that need a device-specific reset, as data
 *
 * To add a device, give its physical PCI ID, the family it belongs to and
 * its pci.ids name, keep the rows in ascending order, and say in the commit
 * message on which card and host the reset was tested.  A device that is
 * not listed can be tried first with x-amd-reset=on.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/vfio/amd-reset.h"

/* GCN 1.1: SMU 7.0.1, BIF 4.1 */
static const AMDResetFamily amd_reset_family_cik = {
    .name = "CIK",
    .method = AMD_RESET_METHOD_CONFIG_SMC,
    .settle_us = AMD_RESET_SETTLE_US,
    .ready_timeout_us = AMD_RESET_READY_TIMEOUT_US,
};

/* GCN 1.2: SMU 7.1.2, BIF 5.0; same SMC, RCU and CONFIG_MEMSIZE registers */
static const AMDResetFamily amd_reset_family_tonga = {
    .name = "Tonga",
    .method = AMD_RESET_METHOD_CONFIG_SMC,
    .settle_us = AMD_RESET_SETTLE_US,
    .ready_timeout_us = AMD_RESET_READY_TIMEOUT_US,
};

/* x-amd-reset=on for a device that is not in the table */
const AMDResetFamily amd_reset_family_generic = {
    .name = "unlisted",
    .method = AMD_RESET_METHOD_CONFIG_SMC,
    .settle_us = AMD_RESET_SETTLE_US,
    .ready_timeout_us = AMD_RESET_READY_TIMEOUT_US,
};

#define AMD_CIK(dev, str)   { AMD_RESET_VENDOR_ID, dev, \
                              &amd_reset_family_cik, str }
#define AMD_TONGA(dev, str) { AMD_RESET_VENDOR_ID, dev, \
                              &amd_reset_family_tonga, str }

/*
 * Not listed: 0x692f (Tonga XTV GL [FirePro S7150V]) is the MxGPU virtual
 * function of the S7150; a VF must never issue a chip-wide reset.  Fiji,
 * Topaz and Polaris use the same registers but have not been tested here.
 */
const AMDResetDeviceId amd_reset_ids[] = {
    /* Bonaire */
    AMD_CIK(0x6640, "Saturn XT [FirePro M6100]"),
    AMD_CIK(0x6641, "Saturn PRO [Radeon HD 8930M]"),
    AMD_CIK(0x6646, "Bonaire XT [Radeon R9 M280X]"),
    AMD_CIK(0x6647, "Saturn PRO/XT [Radeon R9 M270X/M280X]"),
    AMD_CIK(0x6649, "Bonaire [FirePro W5100]"),
    AMD_CIK(0x6650, "Bonaire"),
    AMD_CIK(0x6651, "Bonaire"),
    AMD_CIK(0x6658, "Bonaire XTX [Radeon R7 260X/360]"),
    AMD_CIK(0x665c,
            "Bonaire XT [Radeon HD 7790/8770 / R7 360 / R9 260/360 OEM]"),
    AMD_CIK(0x665d, "Bonaire [Radeon R7 200 Series]"),
    AMD_CIK(0x665f, "Tobago PRO [Radeon R7 360 / R9 360 OEM]"),
    /* Hawaii */
    AMD_CIK(0x67a0, "Hawaii XT GL [FirePro W9100]"),
    AMD_CIK(0x67a1, "Hawaii PRO GL [FirePro W8100]"),
    AMD_CIK(0x67a2, "Hawaii GL"),
    AMD_CIK(0x67a8, "Hawaii"),
    AMD_CIK(0x67a9, "Hawaii"),
    AMD_CIK(0x67aa, "Hawaii"),
    AMD_CIK(0x67b0, "Hawaii XT / Grenada XT [Radeon R9 290X/390X]"),
    AMD_CIK(0x67b1, "Hawaii PRO [Radeon R9 290/390]"),
    AMD_CIK(0x67b8, "Hawaii XT [Radeon R9 290X Engineering Sample]"),
    AMD_CIK(0x67b9, "Vesuvius [Radeon R9 295X2]"),
    AMD_CIK(0x67ba, "Hawaii"),
    AMD_CIK(0x67be, "Hawaii LE"),
    /* Tonga */
    AMD_TONGA(0x6920, "Amethyst [Radeon R9 M395/ M395X Mac Edition]"),
    AMD_TONGA(0x6921, "Amethyst XT [Radeon R9 M295X / M390X]"),
    AMD_TONGA(0x6928, "Tonga"),
    AMD_TONGA(0x6929, "Tonga XT GL [FirePro S7150]"),
    AMD_TONGA(0x692b, "Tonga PRO GL [FirePro W7100]"),
    AMD_TONGA(0x6930, "Tonga PRO [Radeon R9 380 4GB]"),
    AMD_TONGA(0x6938, "Tonga XT / Amethyst XT [Radeon R9 380X / R9 M295X]"),
    AMD_TONGA(0x6939, "Tonga PRO [Radeon R9 285/380]"),
    AMD_TONGA(0x693b, "Tonga PRO GL [FirePro W7100 / Barco MXRT-7600]"),
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

bool amd_reset_select(OnOffAuto policy, uint16_t vendor, uint16_t device,
                      const AMDResetFamily **family, Error **errp)
{
    const AMDResetDeviceId *id;

    *family = NULL;
    switch (policy) {
    case ON_OFF_AUTO_OFF:
        return true;
    case ON_OFF_AUTO_ON:
        if (vendor != AMD_RESET_VENDOR_ID) {
            error_setg(errp, "x-amd-reset=on needs an AMD GPU (vendor 0x%04x),"
                       " but the device is %04x:%04x",
                       AMD_RESET_VENDOR_ID, vendor, device);
            return false;
        }
        id = amd_reset_lookup(vendor, device);
        *family = id ? id->family : &amd_reset_family_generic;
        return true;
    case ON_OFF_AUTO_AUTO:
    default:
        id = amd_reset_lookup(vendor, device);
        *family = id ? id->family : NULL;
        return true;
    }
}
