/*
 * vfio-pci glue for the AMD GPU reset engine
 *
 * Maps the engine's accessors onto vfio region access, lets the engine's
 * policy decide at realize how the device is reset, runs the reset unless
 * the kernel can reset the device itself, and tells the user once per
 * device when a reset could not be done.
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

static uint64_t vfio_amd_mmio_size(void *opaque)
{
    VFIOPCIDevice *vdev = opaque;

    return vdev->bars[AMD_MMIO_BAR].region.size;
}

/* The VBIOS QEMU gives the guest: romfile=, or the device's ROM */
static uint8_t *vfio_amd_read_rom(void *opaque, size_t *len, const char **why)
{
    VFIOPCIDevice *vdev = opaque;
    PCIDevice *pdev = PCI_DEVICE(vdev);
    g_autofree char *path = NULL;
    char *data = NULL;
    gsize size;

    if (pdev->romfile && *pdev->romfile) {
        path = qemu_find_file(QEMU_FILE_TYPE_BIOS, pdev->romfile);
        if (!g_file_get_contents(path ? path : pdev->romfile, &data, &size,
                                 NULL)) {
            *why = "romfile not readable";
            return NULL;
        }
        *len = size;
        return (uint8_t *)data;
    }
    if (!vdev->rom && !vdev->rom_read_failed) {
        vfio_pci_load_rom(vdev);
    }
    if (!vdev->rom) {
        *why = "device ROM not readable";
        return NULL;
    }
    *len = vdev->rom_size;
    return g_memdup2(vdev->rom, vdev->rom_size);
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
    .mmio_size = vfio_amd_mmio_size,
    .read_rom = vfio_amd_read_rom,
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
    VFIOAMDReset *amd = &vdev->amd_reset;
    AMDResetReport report;
    AMDResetResult result;
    bool first = !amd->ran;

    if (vdev->vbasedev.reset_works) {
        /* a reset the kernel implements always wins: let vfio use it */
        trace_vfio_quirk_amd_reset_skipped(vdev->vbasedev.name);
        return -ENODEV;
    }

    result = amd_reset_run(&amd->dev, &report);
    amd->ran = true;
    if (result == AMD_RESET_DONE) {
        return 0;
    }
    /*
     * At the first reset, when the VM starts, a stopped SMC is what a GPU
     * nobody initialised since power-on looks like: nothing to do.
     */
    if (!amd->warned && !(first && result == AMD_RESET_NO_SMC)) {
        g_autofree char *where = report.step ?
            g_strdup_printf(" at %s step %u", report.table, report.step) :
            g_strdup("");

        amd->warned = true;
        warn_report("vfio %s: AMD GPU reset failed (%s): %s%s; %s",
                    vdev->vbasedev.name, amd_reset_method_str(report.method),
                    amd_reset_result_str(result), where,
                    vfio_amd_reset_hint(result, report.method));
    }
    /*
     * As the quirk always did: a reset that ran to its end counts as done
     * even if the chip was late, so vfio does not follow it with a bus
     * reset the chip ignores; without the SMC, or without the device, vfio
     * goes on to the resets it would use otherwise.
     */
    return result == AMD_RESET_TIMEOUT ? 0 : -EINVAL;
}

/* x-amd-reset-method as the engine's method; auto leaves it to the policy */
static const AMDResetMethod
vfio_amd_reset_method[VFIO_AMD_RESET_METHOD__MAX] = {
    [VFIO_AMD_RESET_METHOD_AUTO] = AMD_RESET_METHOD_NONE,
    [VFIO_AMD_RESET_METHOD_BACO] = AMD_RESET_METHOD_BACO,
    [VFIO_AMD_RESET_METHOD_CONFIG] = AMD_RESET_METHOD_CONFIG,
};

bool vfio_pci_amd_reset_setup(VFIOPCIDevice *vdev, Error **errp)
{
    VFIOAMDReset *amd = &vdev->amd_reset;
    AMDResetDevice *dev = &amd->dev;
    AMDResetConfig cfg = {
        .policy = amd->policy,
        .method = vfio_amd_reset_method[amd->method],
    };
    Error *unfit = NULL;

    *dev = (AMDResetDevice) {
        .ops = &vfio_amd_reset_ops,
        .opaque = vdev,
        .name = vdev->vbasedev.name,
    };
    if (!amd_reset_probe(dev, &cfg, &unfit, errp)) {
        return false;
    }
    trace_vfio_quirk_amd_reset_select(vdev->vbasedev.name, dev->vendor,
                                      dev->device,
                                      dev->family ? dev->family->name : "none",
                                      OnOffAuto_str(amd->policy));
    if (unfit) {
        warn_reportf_err(unfit, "vfio %s: ", vdev->vbasedev.name);
        return true;
    }
    if (!dev->family) {
        return true;
    }
    trace_vfio_quirk_amd_reset_method(vdev->vbasedev.name,
                                      amd_reset_method_str(dev->methods[0]),
                                      dev->why, dev->strap,
                                      amd_vbios_cap_str(dev->cap),
                                      dev->vbios_why, dev->n_methods > 1);
    vdev->resetfn = vfio_pci_amd_reset;
    return true;
}
