/*
 * vfio-pci glue for the AMD GPU reset engine
 *
 * Maps the engine's register accessors onto vfio region access, picks the
 * reset family from the physical PCI ID of the device and x-amd-reset, the
 * method from the BACO strap, the VBIOS and x-amd-reset-method, and tells
 * the user once per device when a reset could not be done.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/bswap.h"
#include "qemu/datadir.h"
#include "hw/vfio/amd-reset.h"
#include "pci.h"
#include "trace.h"

static uint32_t vfio_amd_config_read(void *opaque, uint32_t offset,
                                     unsigned size)
{
    VFIOPCIDevice *vdev = opaque;
    uint32_t data = 0;

    if (vfio_pci_config_space_read(vdev, offset, size, &data) != size) {
        /* what a failed read returns on a real bus */
        return size == 4 ? UINT32_MAX : (1U << (size * 8)) - 1;
    }
    return le32_to_cpu(data);
}

static void vfio_amd_config_write(void *opaque, uint32_t offset,
                                  uint32_t value, unsigned size)
{
    VFIOPCIDevice *vdev = opaque;

    /* also keeps QEMU's copy of the command register up to date */
    vfio_pci_write_config(PCI_DEVICE(vdev), offset, value, size);
}

static uint32_t vfio_amd_mmio_read(void *opaque, uint32_t offset)
{
    VFIOPCIDevice *vdev = opaque;

    return vfio_region_read(&vdev->bars[AMD_MMIO_BAR].region, offset, 4);
}

static void vfio_amd_mmio_write(void *opaque, uint32_t offset, uint32_t value)
{
    VFIOPCIDevice *vdev = opaque;

    vfio_region_write(&vdev->bars[AMD_MMIO_BAR].region, offset, value, 4);
}

static int64_t vfio_amd_clock_ns(void *opaque)
{
    return g_get_monotonic_time() * 1000;
}

static void vfio_amd_sleep_us(void *opaque, uint32_t us)
{
    g_usleep(us);
}

static const AMDResetOps vfio_amd_reset_ops = {
    .config_read = vfio_amd_config_read,
    .config_write = vfio_amd_config_write,
    .mmio_read = vfio_amd_mmio_read,
    .mmio_write = vfio_amd_mmio_write,
    .clock_ns = vfio_amd_clock_ns,
    .sleep_us = vfio_amd_sleep_us,
};

static const char *vfio_amd_reset_hint(AMDResetResult result,
                                      AMDResetMethod method)
{
    switch (result) {
    case AMD_RESET_NO_SMC:
        return "the GPU was left untouched; this is expected if no guest "
               "driver initialised it since the last reset, otherwise it may "
               "need a host reboot";
    case AMD_RESET_TIMEOUT:
        if (method == AMD_RESET_METHOD_BACO) {
            return "the guest driver may fail to start; if this repeats, "
                   "try x-amd-reset-method=config and report the card";
        }
        return "the guest driver may fail to start; if this repeats, "
               "try x-amd-reset-method=baco if the board supports it, "
               "report the card, or use x-amd-reset=off";
    case AMD_RESET_GONE:
        return "check that the card is still present and its link is up";
    default:
        return "";
    }
}

static int vfio_pci_amd_reset(VFIOPCIDevice *vdev)
{
    AMDResetDevice dev = {
        .ops = &vfio_amd_reset_ops,
        .opaque = vdev,
        .name = vdev->vbasedev.name,
        .family = vdev->amd_reset_family,
        .method = vdev->amd_reset_use,
        .baco_fallback = vdev->amd_reset_baco_fallback,
        .kernel_reset = vdev->vbasedev.reset_works,
    };
    AMDResetReport report;
    AMDResetResult result = amd_reset_run(&dev, &report);
    bool first = !vdev->amd_reset_ran;

    vdev->amd_reset_ran = true;
    switch (result) {
    case AMD_RESET_DONE:
        return 0;
    case AMD_RESET_SKIPPED:
        /* let vfio use the reset the kernel offers */
        return -ENODEV;
    default:
        /*
         * At the first reset, when the VM starts, a stopped SMC is what a
         * GPU nobody initialised since power-on looks like: nothing to do.
         */
        if (!vdev->amd_reset_warned &&
            !(first && result == AMD_RESET_NO_SMC)) {
            g_autofree char *where = report.step ?
                g_strdup_printf(" at %s step %u", report.table, report.step) :
                g_strdup("");

            vdev->amd_reset_warned = true;
            warn_report("vfio %s: AMD GPU reset failed (%s): %s%s; %s",
                        vdev->vbasedev.name,
                        amd_reset_method_str(report.method),
                        amd_reset_result_str(result), where,
                        vfio_amd_reset_hint(result, report.method));
        }
        /*
         * As the quirk always did: a reset that ran to its end counts as
         * done even if the chip was late, so vfio does not follow it with
         * a bus reset the chip ignores; without the SMC, or without the
         * device, vfio goes on to the resets it would use otherwise.
         */
        return result == AMD_RESET_TIMEOUT ? 0 : -EINVAL;
    }
}

/* The BACO platform cap of the VBIOS QEMU gives the guest */
static AMDVbiosCap vfio_amd_vbios_cap(VFIOPCIDevice *vdev,
                                      AMDPPTableFormat format,
                                      const char **why)
{
    PCIDevice *pdev = PCI_DEVICE(vdev);
    g_autofree char *path = NULL;
    g_autofree char *data = NULL;
    gsize len;

    if (pdev->romfile && *pdev->romfile) {
        path = qemu_find_file(QEMU_FILE_TYPE_BIOS, pdev->romfile);
        if (!g_file_get_contents(path ? path : pdev->romfile, &data, &len,
                                 NULL)) {
            *why = "romfile not readable";
            return AMD_VBIOS_CAP_UNKNOWN;
        }
        return amd_vbios_baco_cap((const uint8_t *)data, len, format, why);
    }
    if (!vdev->rom && !vdev->rom_read_failed) {
        vfio_pci_load_rom(vdev);
    }
    if (!vdev->rom) {
        *why = "device ROM not readable";
        return AMD_VBIOS_CAP_UNKNOWN;
    }
    return amd_vbios_baco_cap(vdev->rom, vdev->rom_size, format, why);
}

static const char *vfio_amd_cap_str(AMDVbiosCap cap)
{
    return cap == AMD_VBIOS_CAP_PRESENT ? "yes" :
           cap == AMD_VBIOS_CAP_ABSENT ? "no" : "unknown";
}

/*
 * CIK and VI chips have a 256 KiB register BAR5; Vega and later GPUs have
 * larger ones, and an AMD GPU's HDMI audio function is no display device.
 */
static bool vfio_amd_is_gcn_gpu(VFIOPCIDevice *vdev, Error **errp)
{
    uint32_t class = vfio_amd_config_read(vdev, PCI_CLASS_DEVICE, 2);
    uint64_t bar5 = vdev->bars[AMD_MMIO_BAR].region.size;

    if (class >> 8 != PCI_BASE_CLASS_DISPLAY) {
        error_setg(errp, "class code 0x%04x is not a display controller",
                   class);
        return false;
    }
    if (bar5 != AMD_MMIO_BAR_SIZE) {
        error_setg(errp, "BAR%d is 0x%" PRIx64 " bytes, not the 0x%x bytes "
                   "register aperture of a GCN 1.1/1.2 GPU", AMD_MMIO_BAR,
                   bar5, AMD_MMIO_BAR_SIZE);
        return false;
    }
    return true;
}

bool vfio_pci_amd_reset_setup(VFIOPCIDevice *vdev, Error **errp)
{
    AMDResetDevice dev = {
        .ops = &vfio_amd_reset_ops,
        .opaque = vdev,
        .name = vdev->vbasedev.name,
    };
    const AMDResetFamily *family;
    const char *why = "", *vbios_why = "not read";
    AMDVbiosCap cap = AMD_VBIOS_CAP_UNKNOWN;
    AMDResetMethod method;
    uint16_t vendor, device;
    Error *local_err = NULL;
    bool strap = false, fallback;

    /*
     * Match the physical device: x-pci-vendor-id and x-pci-device-id only
     * change what the guest sees, not how the hardware must be reset.
     */
    vendor = vfio_amd_config_read(vdev, PCI_VENDOR_ID, 2);
    device = vfio_amd_config_read(vdev, PCI_DEVICE_ID, 2);
    if (!amd_reset_select(vdev->amd_reset, vendor, device, &family, errp)) {
        return false;
    }
    trace_vfio_quirk_amd_reset_select(vdev->vbasedev.name, vendor, device,
                                      family ? family->name : "none",
                                      OnOffAuto_str(vdev->amd_reset));
    if (!family) {
        return true;
    }

    if (!vfio_amd_is_gcn_gpu(vdev, &local_err)) {
        if (vdev->amd_reset == ON_OFF_AUTO_ON) {
            error_propagate_prepend(errp, local_err, "x-amd-reset=on: "
                                    "%04x:%04x is not a GCN 1.1/1.2 GPU: ",
                                    vendor, device);
            return false;
        }
        warn_reportf_err(local_err, "vfio %s: %04x:%04x, AMD GPU reset "
                         "disabled: ", vdev->vbasedev.name, vendor, device);
        return true;
    }

    dev.family = family;
    if (family->baco) {
        strap = amd_reset_read_strap(&dev);
        cap = vfio_amd_vbios_cap(vdev, family->pptable, &vbios_why);
    }
    if (!amd_reset_choose(family, vdev->amd_reset_method, strap, cap,
                          &method, &fallback, &why, errp)) {
        return false;
    }
    trace_vfio_quirk_amd_reset_method(vdev->vbasedev.name,
                                      amd_reset_method_str(method), why,
                                      strap, vfio_amd_cap_str(cap), vbios_why,
                                      fallback);

    vdev->amd_reset_family = family;
    vdev->amd_reset_use = method;
    vdev->amd_reset_baco_fallback = fallback;
    vdev->resetfn = vfio_pci_amd_reset;
    return true;
}
