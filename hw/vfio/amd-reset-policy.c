/*
 * AMD GPU reset policy: which devices get the reset, and with which methods
 *
 * amd_reset_probe() decides at realize, from config space alone: the
 * family from the physical ID and x-amd-reset, whether the device is what
 * the family's generation needs and whether x-amd-reset-method can apply
 * to the family.  amd_reset_choose() picks the methods at the first reset
 * of a dirty chip, from what it reads of the device then (the BACO strap
 * with memory decode on, the VBIOS cap): nothing at realize writes to the
 * device, which under CPR belongs to a running guest.
 *
 * amd_reset_run() is the walk of one reset: the engine's steps, with the
 * probe and the choice where they are still to do.
 *
 * amd_reset_kernel_reset() says when a reset of the kernel's is used
 * instead.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/pci/pci_ids.h"
#include "hw/pci/pci_regs.h"
#include "hw/vfio/amd-reset.h"
#include "hw/vfio/amd-reset-soc15.h"
#include "trace.h"

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
        /*
         * Unlisted: the generic CIK/VI family; amd_reset_probe() takes
         * the SOC15/NV generation instead for a device that is one of its
         * GPUs
         */
        *family = id ? id->family : &amd_reset_family_cik_vi;
        return true;
    case ON_OFF_AUTO_AUTO:
    default:
        id = amd_reset_lookup(vendor, device);
        *family = id ? id->family : NULL;
        return true;
    }
}

/*
 * x-amd-reset-method needs a family whose generation has the method, and
 * BACO a family with BACO tables
 */
static bool amd_reset_family_has_method(const AMDResetFamily *family,
                                        const AMDResetConfig *cfg,
                                        Error **errp)
{
    if (cfg->method != AMD_RESET_METHOD_NONE &&
        !family->gen->methods[cfg->method]) {
        error_setg(errp, "x-amd-reset-method: the %s family (%s) has no %s",
                   family->name, family->gen->name,
                   amd_reset_method_str(cfg->method));
        return false;
    }
    if (cfg->method == AMD_RESET_METHOD_BACO && !family->baco) {
        error_setg(errp, "x-amd-reset-method=baco: the %s family has no "
                   "BACO sequence", family->name);
        return false;
    }
    return true;
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

/*
 * x-amd-reset=on for an unlisted device: the generic family of the first
 * generation the device fits and that has the method asked for, else
 * CIK/VI's, whose fit then tells the user what is wrong
 */
static const AMDResetFamily *amd_reset_unlisted(AMDResetDevice *dev,
                                                const AMDResetConfig *cfg)
{
    static const AMDResetFamily *const generic[] = {
        &amd_reset_family_cik_vi,
        &amd_reset_family_soc15,
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(generic); i++) {
        const AMDResetGeneration *gen = generic[i]->gen;
        Error *err = NULL;

        if (cfg->method != AMD_RESET_METHOD_NONE &&
            !gen->methods[cfg->method]) {
            continue;
        }
        if (amd_reset_fits(dev, gen, &err)) {
            return generic[i];
        }
        error_free(err);
    }
    return &amd_reset_family_cik_vi;
}

bool amd_reset_probe(AMDResetDevice *dev, const AMDResetConfig *cfg,
                     Error **unfit, Error **errp)
{
    const AMDResetFamily *family;
    Error *local_err = NULL;

    dev->cfg = *cfg;
    dev->family = NULL;
    dev->n_methods = 0;
    dev->why = "";
    dev->strap = false;
    dev->cap = AMD_VBIOS_CAP_UNKNOWN;
    dev->vbios_why = "not read";
    if (cfg->defer) {
        return true;
    }

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
    if (cfg->policy == ON_OFF_AUTO_ON &&
        !amd_reset_lookup(dev->vendor, dev->device)) {
        family = amd_reset_unlisted(dev, cfg);
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
    if (!amd_reset_family_has_method(family, cfg, errp)) {
        return false;
    }
    dev->family = family;
    return true;
}

bool amd_reset_choose(AMDResetDevice *dev, Error **errp)
{
    const AMDResetFamily *family = dev->family;
    g_autofree uint8_t *rom = NULL;
    size_t len = 0;

    if (family->baco) {
        dev->strap = amd_reset_read_strap(dev);
        if (dev->cfg.no_rom) {
            dev->vbios_why = dev->cfg.no_rom;
        } else {
            rom = dev->ops->read_rom(dev->opaque, &len, &dev->vbios_why);
        }
        if (rom) {
            dev->cap = amd_vbios_baco_cap(rom, len, family->pptable,
                                          &dev->vbios_why);
        }
    }
    if (!family->gen->choose(dev, &dev->cfg, errp)) {
        dev->n_methods = 0;
        return false;
    }
    trace_vfio_quirk_amd_reset_method(dev->name,
                                      amd_reset_method_str(dev->methods[0]),
                                      dev->why, dev->strap,
                                      amd_vbios_cap_str(dev->cap),
                                      dev->vbios_why, dev->n_methods > 1);
    return true;
}

/*
 * Find the family at the first reset of a device whose probe was
 * deferred.  AMD_RESET_DONE when it has one; AMD_RESET_NOT_USED when it
 * is no GPU the reset knows; AMD_RESET_REFUSED, with report->err set,
 * when it cannot be reset as asked.
 */
static AMDResetResult amd_reset_identify(AMDResetDevice *dev,
                                         AMDResetReport *report)
{
    AMDResetConfig cfg = dev->cfg;
    Error *unfit = NULL;

    cfg.defer = false;
    if (!amd_reset_probe(dev, &cfg, &unfit, &report->err)) {
        return AMD_RESET_REFUSED;
    }
    if (unfit) {
        report->err = unfit;
        return AMD_RESET_REFUSED;
    }
    return dev->family ? AMD_RESET_DONE : AMD_RESET_NOT_USED;
}

AMDResetResult amd_reset_run(AMDResetDevice *dev, AMDResetReport *report)
{
    int64_t start = dev->ops->clock_ns(dev->opaque);
    AMDResetResult result;
    AMDResetReport dummy;

    report = report ? report : &dummy;
    *report = (AMDResetReport) { .method = AMD_RESET_METHOD_NONE };

    if (!amd_reset_present(dev)) {
        trace_vfio_quirk_amd_reset_gone(dev->name, "config space");
        result = AMD_RESET_GONE;
        goto out;
    }
    if (dev->cfg.defer) {
        result = amd_reset_identify(dev, report);
        if (result != AMD_RESET_DONE) {
            goto out;
        }
    }
    if (!dev->family) {
        /* a deferred probe refused the device at an earlier reset */
        result = AMD_RESET_NOT_USED;
        goto out;
    }

    result = amd_reset_start(dev, report);
    /* what the choice reads, the strap and the VBIOS, only now */
    if (result == AMD_RESET_DONE && !dev->n_methods &&
        !amd_reset_choose(dev, &report->err)) {
        result = AMD_RESET_REFUSED;
    }
    if (result == AMD_RESET_DONE) {
        result = amd_reset_methods(dev, report);
    }
    amd_reset_stop(dev);

out:
    report->elapsed_us = (dev->ops->clock_ns(dev->opaque) - start) /
                         AMD_NS_PER_US;
    if (result == AMD_RESET_CLEAN) {
        /* the check's own trace said so */
        return result;
    }
    trace_vfio_quirk_amd_reset_done(dev->name,
                                    amd_reset_method_str(report->method),
                                    amd_reset_result_str(result),
                                    report->elapsed_us);
    return result;
}

/*
 * vfio's VFIO_DEVICE_GET_INFO only says that the kernel can reset the
 * device somehow.  Linux lists how in sysfs reset_method (since 5.15):
 * "device_specific" is vendor-reset's, "flr" a function level reset;
 * "pm" and "bus" leave these chips as they were.  Without the list, an
 * FLR capability counts, and a reset that is no PM reset (a
 * device-specific one, or a vfio-user server's) is given the benefit of
 * the doubt, as vfio_pci_reset() does.
 */
const char *amd_reset_kernel_reset(const AMDKernelReset *k)
{
    g_auto(GStrv) methods = NULL;

    if (!k->reset_works) {
        return NULL;
    }
    if (k->reset_method) {
        methods = g_strsplit_set(k->reset_method, "\n ", -1);
        if (g_strv_contains((const char * const *)methods,
                            "device_specific")) {
            return "device_specific";
        }
        if (g_strv_contains((const char * const *)methods, "flr")) {
            return "flr";
        }
        return NULL;
    }
    if (k->has_flr) {
        return "flr";
    }
    return k->has_pm_reset ? NULL : "device reset";
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
 * As amdgpu's vi_asic_reset_method() and cik_asic_reset_method(): the
 * user's choice if there is one, BACO if the board supports it
 * (amdgpu_dpm_is_baco_supported(): the family has BACO tables, the strap
 * says the board is BACO capable and the VBIOS has the BACO cap), the
 * config reset otherwise.  A VBIOS QEMU cannot read may still allow BACO:
 * the config reset first, then BACO if the config reset times out.  A
 * family whose BACO is a fallback (CIK) gets that order on every board
 * that supports BACO.
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
        if (!amd_reset_family_has_method(family, cfg, errp)) {
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
    if (dev->cap == AMD_VBIOS_CAP_PRESENT && family->baco_fallback) {
        return amd_reset_use(dev, "strap and VBIOS BACO cap: config reset, "
                             "BACO if it times out", AMD_RESET_METHOD_CONFIG,
                             AMD_RESET_METHOD_BACO);
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

/*
 * As amdgpu's soc15_asic_reset_method() and nv_asic_reset_method(): the
 * user's choice if there is one, BACO when the board supports it
 * (amdgpu_dpm_is_baco_supported(): the strap, on Vega10/12 the SMU9 fuse,
 * and the VBIOS cap), else mode1.  Which of them can run depends on the
 * firmware a guest left, which is only known at each reset: BACO checks
 * first that the SMU runs, and when it does not, or BACO fails, mode1
 * follows, which checks that the PSP takes its command.
 */
bool amd_reset_choose_soc15(AMDResetDevice *dev, const AMDResetConfig *cfg,
                            Error **errp)
{
    const AMDResetFamily *family = dev->family;

    dev->n_methods = 0;
    if (cfg->method == AMD_RESET_METHOD_MODE1) {
        return amd_reset_use(dev, "x-amd-reset-method=mode1",
                             AMD_RESET_METHOD_MODE1, AMD_RESET_METHOD_NONE);
    }
    if (!amd_reset_family_has_method(family, cfg, errp)) {
        return false;
    }
    if (cfg->method == AMD_RESET_METHOD_BACO) {
        /* forced: neither strap nor VBIOS asked, no mode1 after it */
        return amd_reset_use(dev, "x-amd-reset-method=baco",
                             AMD_RESET_METHOD_BACO, AMD_RESET_METHOD_NONE);
    }
    if (!family->baco) {
        return amd_reset_use(dev, "no BACO sequence: mode1",
                             AMD_RESET_METHOD_MODE1, AMD_RESET_METHOD_NONE);
    }
    if (!family->baco_auto) {
        return amd_reset_use(dev, "amdgpu's Vega20 rule: mode1",
                             AMD_RESET_METHOD_MODE1, AMD_RESET_METHOD_NONE);
    }
    if (dev->strap && family->baco_fuse) {
        dev->strap = amd_soc15_baco_fused(dev);
    }
    if (!dev->strap) {
        return amd_reset_use(dev, "no BACO strap or fuse",
                             AMD_RESET_METHOD_MODE1, AMD_RESET_METHOD_NONE);
    }
    if (dev->cap != AMD_VBIOS_CAP_PRESENT) {
        return amd_reset_use(dev, "no VBIOS BACO cap",
                             AMD_RESET_METHOD_MODE1, AMD_RESET_METHOD_NONE);
    }
    return amd_reset_use(dev, "strap and VBIOS BACO cap: BACO, mode1 if "
                         "it cannot", AMD_RESET_METHOD_BACO,
                         AMD_RESET_METHOD_MODE1);
}
