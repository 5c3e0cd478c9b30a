/*
 * AMD GPU reset policy: which devices get the reset, and with which methods
 *
 * amd_reset_probe() is the one place that decides, at realize: the family
 * from the physical ID and x-amd-reset, whether the device is what the
 * family's generation needs, and the methods the generation chooses from
 * what it reads of the device (the BACO strap, the VBIOS cap) and
 * x-amd-reset-method.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/pci/pci_ids.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"

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
        /* the config reset is the one method that needs no per-chip tables */
        *family = id ? id->family : &amd_reset_family_cik;
        return true;
    case ON_OFF_AUTO_AUTO:
    default:
        id = amd_reset_lookup(vendor, device);
        *family = id ? id->family : NULL;
        return true;
    }
}

/* The device is a GPU of @gen: a display controller with its BAR5 */
static bool amd_reset_fits(AMDResetDevice *dev, const AMDResetGeneration *gen,
                           Error **errp)
{
    uint32_t class = dev->ops->config_read(dev->opaque, PCI_CLASS_DEVICE, 2);
    uint64_t bar5 = dev->ops->mmio_size(dev->opaque);

    /* an AMD GPU's HDMI audio function is no display device */
    if (class >> 8 != PCI_BASE_CLASS_DISPLAY) {
        error_setg(errp, "class code 0x%04x is not a display controller",
                   class);
        return false;
    }
    if (bar5 < gen->bar5_min || bar5 > gen->bar5_max) {
        if (gen->bar5_min == gen->bar5_max) {
            error_setg(errp, "BAR%d is 0x%" PRIx64 " bytes, not the 0x%"
                       PRIx64 " bytes register aperture of a %s GPU",
                       AMD_MMIO_BAR, bar5, gen->bar5_min, gen->name);
        } else {
            error_setg(errp, "BAR%d is 0x%" PRIx64 " bytes, not the 0x%"
                       PRIx64 " to 0x%" PRIx64 " bytes register aperture of "
                       "a %s GPU", AMD_MMIO_BAR, bar5, gen->bar5_min,
                       gen->bar5_max, gen->name);
        }
        return false;
    }
    return true;
}

bool amd_reset_probe(AMDResetDevice *dev, const AMDResetConfig *cfg,
                     Error **unfit, Error **errp)
{
    const AMDResetFamily *family;
    Error *local_err = NULL;
    g_autofree uint8_t *rom = NULL;
    size_t len = 0;

    dev->family = NULL;
    dev->n_methods = 0;
    dev->why = "";
    dev->strap = false;
    dev->cap = AMD_VBIOS_CAP_UNKNOWN;
    dev->vbios_why = "not read";

    /*
     * Match the physical device: x-pci-vendor-id and x-pci-device-id only
     * change what the guest sees, not how the hardware must be reset.
     */
    dev->vendor = dev->ops->config_read(dev->opaque, PCI_VENDOR_ID, 2);
    dev->device = dev->ops->config_read(dev->opaque, PCI_DEVICE_ID, 2);
    if (!amd_reset_select(cfg->policy, dev->vendor, dev->device, &family,
                          errp)) {
        return false;
    }
    if (!family) {
        return true;
    }

    if (!amd_reset_fits(dev, family->gen, &local_err)) {
        if (cfg->policy == ON_OFF_AUTO_ON) {
            error_propagate_prepend(errp, local_err, "x-amd-reset=on: "
                                    "%04x:%04x is not a %s GPU: ",
                                    dev->vendor, dev->device,
                                    family->gen->name);
            return false;
        }
        error_propagate_prepend(unfit, local_err, "%04x:%04x, AMD GPU reset "
                                "disabled: ", dev->vendor, dev->device);
        return true;
    }

    dev->family = family;
    if (family->baco) {
        dev->strap = amd_reset_read_strap(dev);
        rom = dev->ops->read_rom(dev->opaque, &len, &dev->vbios_why);
        if (rom) {
            dev->cap = amd_vbios_baco_cap(rom, len, family->pptable,
                                          &dev->vbios_why);
        }
    }
    if (!family->gen->choose(dev, cfg, errp)) {
        dev->family = NULL;
        return false;
    }
    return true;
}

static bool amd_reset_use(AMDResetDevice *dev, const char *why,
                          AMDResetMethod method, AMDResetMethod fallback)
{
    dev->methods[0] = method;
    dev->n_methods = 1;
    if (fallback != AMD_RESET_METHOD_NONE) {
        dev->methods[dev->n_methods++] = fallback;
    }
    dev->why = why;
    return true;
}

/*
 * As amdgpu's vi_asic_reset_method(): the user's choice if there is one,
 * BACO if the board supports it (amdgpu_dpm_is_baco_supported(): the
 * family has BACO tables, the strap says the board is BACO capable and
 * the VBIOS has the BACO cap), the config reset otherwise.  A VBIOS QEMU
 * cannot read may still allow BACO: the config reset first, then BACO if
 * the config reset times out.
 */
bool amd_reset_choose_vi(AMDResetDevice *dev, const AMDResetConfig *cfg,
                         Error **errp)
{
    const AMDResetFamily *family = dev->family;

    dev->n_methods = 0;
    if (cfg->method == AMD_RESET_METHOD_CONFIG) {
        return amd_reset_use(dev, "x-amd-reset-method=config",
                             AMD_RESET_METHOD_CONFIG, AMD_RESET_METHOD_NONE);
    }
    if (cfg->method == AMD_RESET_METHOD_BACO) {
        if (!family->baco) {
            error_setg(errp, "x-amd-reset-method=baco: the %s family has no "
                       "BACO sequence", family->name);
            return false;
        }
        if (!dev->strap) {
            error_setg(errp, "x-amd-reset-method=baco: the board is not BACO "
                       "capable (CC_BIF_BX_FUSESTRAP0 strap clear)");
            return false;
        }
        return amd_reset_use(dev, "x-amd-reset-method=baco",
                             AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);
    }

    if (!family->baco) {
        return amd_reset_use(dev, "family default", AMD_RESET_METHOD_CONFIG,
                             AMD_RESET_METHOD_NONE);
    }
    if (!dev->strap) {
        return amd_reset_use(dev, "no BACO strap", AMD_RESET_METHOD_CONFIG,
                             AMD_RESET_METHOD_NONE);
    }
    if (dev->cap == AMD_VBIOS_CAP_PRESENT) {
        return amd_reset_use(dev, "strap and VBIOS BACO cap",
                             AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);
    }
    if (dev->cap == AMD_VBIOS_CAP_UNKNOWN) {
        return amd_reset_use(dev, "VBIOS not readable",
                             AMD_RESET_METHOD_CONFIG, AMD_RESET_METHOD_BACO);
    }
    return amd_reset_use(dev, "VBIOS lacks the BACO cap",
                         AMD_RESET_METHOD_CONFIG, AMD_RESET_METHOD_NONE);
}
