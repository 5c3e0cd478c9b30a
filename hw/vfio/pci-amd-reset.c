/*
 * vfio-pci glue for the AMD GPU reset engine
 *
 * Maps the engine's register accessors onto vfio region access, picks the
 * reset family from the physical PCI ID of the device and x-amd-reset, and
 * tells the user once per device when a reset could not be done.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/bswap.h"
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

static const char *vfio_amd_reset_hint(AMDResetResult result)
{
    switch (result) {
    case AMD_RESET_NO_SMC:
        return "the GPU was left untouched; this is expected if no guest "
               "driver initialised it since the last reset, otherwise it may "
               "need a host reboot";
    case AMD_RESET_TIMEOUT:
        return "the guest driver may fail to start; if this repeats, "
               "report the card and try x-amd-reset=off";
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
        .kernel_reset = vdev->vbasedev.reset_works,
    };
    AMDResetResult result = amd_reset_run(&dev);
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
            vdev->amd_reset_warned = true;
            warn_report("vfio %s: AMD GPU reset failed: %s; %s",
                        vdev->vbasedev.name, amd_reset_result_str(result),
                        vfio_amd_reset_hint(result));
        }
        /* fall back to the resets vfio would use otherwise */
        return result == AMD_RESET_TIMEOUT ? -ETIMEDOUT :
               result == AMD_RESET_NO_SMC ? -EINVAL : -EIO;
    }
}

bool vfio_pci_amd_reset_setup(VFIOPCIDevice *vdev, Error **errp)
{
    const AMDResetFamily *family;
    uint16_t vendor, device;

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

    if (vdev->bars[AMD_MMIO_BAR].region.size < mmCONFIG_MEMSIZE + 4) {
        if (vdev->amd_reset == ON_OFF_AUTO_ON) {
            error_setg(errp, "x-amd-reset=on: BAR%d of %04x:%04x is too small "
                       "for the AMD register aperture", AMD_MMIO_BAR,
                       vendor, device);
            return false;
        }
        warn_report("vfio %s: %04x:%04x has no AMD register aperture in "
                    "BAR%d, AMD GPU reset disabled", vdev->vbasedev.name,
                    vendor, device, AMD_MMIO_BAR);
        return true;
    }

    vdev->amd_reset_family = family;
    vdev->resetfn = vfio_pci_amd_reset;
    return true;
}
