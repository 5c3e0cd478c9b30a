/*
 * vfio-pci glue for the AMD GPU reset engine
 *
 * Maps the engine's accessors onto vfio region access and onto what
 * vfio says of the chip's other functions, leaves the device to a reset
 * of the kernel's that works on it, lets the engine's policy decide at
 * realize which family the device is, runs the reset, and tells the user
 * once per device when a reset could not be done.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include <sys/ioctl.h>
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/bswap.h"
#include "qemu/datadir.h"
#include "qemu/timer.h"
#include "qom/object.h"
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

/* past QEMU's emulation for the guest: vfio's own still applies */
static void vfio_amd_config_write_raw(void *opaque, uint32_t offset,
                                      uint32_t value, unsigned size)
{
    VFIOPCIDevice *vdev = opaque;
    uint32_t data = cpu_to_le32(value);

    vfio_pci_config_space_write(vdev, offset, size, &data);
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
    return qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
}

static void vfio_amd_sleep_us(void *opaque, uint32_t us)
{
    g_usleep(us);
}

/* The other functions of the GPU's slot, as a bus reset would reach them */
typedef struct VFIOAMDFunctions {
    VFIOPCIDevice *gpu;
    struct vfio_pci_hot_reset_info *info;
} VFIOAMDFunctions;

static bool vfio_amd_functions_get(VFIOPCIDevice *vdev, VFIOAMDFunctions *f)
{
    struct vfio_pci_hot_reset_info *info;
    uint32_t argsz = sizeof(*info);

    f->gpu = vdev;
    f->info = NULL;
    for (;;) {
        info = g_malloc0(argsz);
        info->argsz = argsz;
        if (!ioctl(vdev->vbasedev.fd, VFIO_DEVICE_GET_PCI_HOT_RESET_INFO,
                   info)) {
            f->info = info;
            return true;
        }
        if (errno != ENOSPC || info->count == 0) {
            g_free(info);
            return false;
        }
        argsz = sizeof(*info) + info->count * sizeof(info->devices[0]);
        g_free(info);
    }
}

static char *vfio_amd_function_name(const struct vfio_pci_dependent_device *d)
{
    return g_strdup_printf("%04x:%02x:%02x.%x", d->segment, d->bus,
                           PCI_SLOT(d->devfn), PCI_FUNC(d->devfn));
}

typedef struct VFIOAMDFind {
    const char *name;
    VFIOPCIDevice *found;
} VFIOAMDFind;

static int vfio_amd_find_one(Object *obj, void *opaque)
{
    VFIOAMDFind *find = opaque;
    VFIOPCIDevice *vdev = (VFIOPCIDevice *)object_dynamic_cast(obj,
                                                              TYPE_VFIO_PCI);

    if (vdev && DEVICE(vdev)->realized &&
        !g_strcmp0(vdev->vbasedev.name, find->name)) {
        find->found = vdev;
        return 1;
    }
    return 0;
}

/* The vfio-pci device of this QEMU that is host function @name, if any */
static VFIOPCIDevice *vfio_amd_find(const char *name)
{
    VFIOAMDFind find = { .name = name };

    object_child_foreach_recursive(object_get_root(), vfio_amd_find_one,
                                   &find);
    return find.found;
}

/*
 * Call @fn for every other function in the GPU's slot, the functions a
 * BACO or mode1 cycle resets with it (HD audio, USB); stop when it
 * returns false.  Functions behind the same bus in other slots are not
 * part of the chip.
 */
static bool vfio_amd_functions_each(VFIOAMDFunctions *f,
                                    bool (*fn)(VFIOAMDFunctions *f,
                                               const char *name,
                                               VFIOPCIDevice *sibling,
                                               void *opaque),
                                    void *opaque)
{
    const struct vfio_pci_dependent_device *gpu = NULL;
    uint32_t i;

    for (i = 0; i < f->info->count; i++) {
        g_autofree char *name = vfio_amd_function_name(&f->info->devices[i]);

        if (!g_strcmp0(name, f->gpu->vbasedev.name)) {
            gpu = &f->info->devices[i];
        }
    }
    for (i = 0; gpu && i < f->info->count; i++) {
        const struct vfio_pci_dependent_device *d = &f->info->devices[i];
        g_autofree char *name = NULL;

        if (d == gpu || d->segment != gpu->segment || d->bus != gpu->bus ||
            PCI_SLOT(d->devfn) != PCI_SLOT(gpu->devfn)) {
            continue;
        }
        name = vfio_amd_function_name(d);
        if (!fn(f, name, vfio_amd_find(name), opaque)) {
            return false;
        }
    }
    return gpu != NULL;
}

typedef struct VFIOAMDUnowned {
    char *buf;
    size_t len;
} VFIOAMDUnowned;

static bool vfio_amd_owned_one(VFIOAMDFunctions *f, const char *name,
                               VFIOPCIDevice *sibling, void *opaque)
{
    VFIOAMDUnowned *unowned = opaque;

    if (sibling) {
        return true;
    }
    g_strlcpy(unowned->buf, name, unowned->len);
    return false;
}

/*
 * Whether this QEMU owns every other function of the chip, as
 * vfio_pci_hot_reset() asks before a bus reset, from the same
 * VFIO_DEVICE_GET_PCI_HOT_RESET_INFO; stricter, a function counts only
 * if it is assigned to this VM, since it must get its BARs back after
 * the reset.  A vfio-user server is the whole device.
 */
static bool vfio_amd_chip_owned(void *opaque, char *unowned, size_t len)
{
    VFIOPCIDevice *vdev = opaque;
    VFIOAMDUnowned u = { .buf = unowned, .len = len };
    VFIOAMDFunctions f;
    bool owned;

    if (vdev->amd_reset.whole_device) {
        return true;
    }
    if (!vfio_amd_functions_get(vdev, &f)) {
        g_strlcpy(unowned, "(no hot reset info from vfio)", len);
        return false;
    }
    owned = vfio_amd_functions_each(&f, vfio_amd_owned_one, &u);
    if (!owned && !*unowned) {
        g_strlcpy(unowned, "(GPU not in vfio's hot reset info)", len);
    }
    g_free(f.info);
    return owned;
}

static bool vfio_amd_restore_one(VFIOAMDFunctions *f, const char *name,
                                 VFIOPCIDevice *sibling, void *opaque)
{
    PCIDevice *pdev;
    uint32_t cmd;

    if (!sibling) {
        /* gone since chip_owned(): nobody to give the BARs back to */
        return true;
    }
    pdev = PCI_DEVICE(sibling);
    cmd = vfio_pci_read_config(pdev, PCI_COMMAND, 2);

    /*
     * The reset cleared the function's BARs behind vfio's back; a write
     * of COMMAND makes vfio-pci find that out and restore them
     * (vfio_basic_config_write(), vfio_bar_restore()), as for the GPU.
     */
    trace_vfio_quirk_amd_reset_restore(f->gpu->vbasedev.name, name, cmd);
    vfio_pci_write_config(pdev, PCI_COMMAND, cmd, 2);
    return true;
}

static void vfio_amd_restore_functions(void *opaque)
{
    VFIOPCIDevice *vdev = opaque;
    VFIOAMDFunctions f;

    if (vdev->amd_reset.whole_device || !vfio_amd_functions_get(vdev, &f)) {
        return;
    }
    vfio_amd_functions_each(&f, vfio_amd_restore_one, NULL);
    g_free(f.info);
}

/*
 * A bus reset of @vdev's bus (or slot) reaches every function on that
 * host bus.  Refuse it when one of them is a GPU of this QEMU that a bus
 * reset can leave unusable, as the kernel refuses it for a device with
 * PCI_DEV_FLAGS_NO_BUS_RESET (which vendor-reset sets on these GPUs).
 * The bus is matched on the host address, domain and bus: at least the
 * reach of a slot or bus reset.
 */
/* The family the probe found (or none yet) is one no bus reset may reach */
static bool vfio_amd_no_bus_reset(VFIOPCIDevice *vdev)
{
    const AMDResetFamily *family = vdev->amd_reset.dev.family;

    return family && family->gen->no_bus_reset;
}

typedef struct VFIOAMDBusCheck {
    const char *bus;                /* "dddd:bb:" */
    const char *blocker;
} VFIOAMDBusCheck;

static int vfio_amd_bus_check_one(Object *obj, void *opaque)
{
    VFIOAMDBusCheck *check = opaque;
    VFIOPCIDevice *vdev = (VFIOPCIDevice *)object_dynamic_cast(obj,
                                                              TYPE_VFIO_PCI);

    if (vdev && DEVICE(vdev)->realized && vfio_amd_no_bus_reset(vdev) &&
        vdev->vbasedev.name &&
        g_str_has_prefix(vdev->vbasedev.name, check->bus)) {
        check->blocker = vdev->vbasedev.name;
        return 1;
    }
    return 0;
}

bool vfio_pci_amd_reset_allows_bus_reset(VFIOPCIDevice *vdev)
{
    const char *name = vdev->vbasedev.name;
    g_autofree char *bus = NULL;
    VFIOAMDBusCheck check = { 0 };

    if (vfio_amd_no_bus_reset(vdev)) {
        trace_vfio_quirk_amd_reset_no_bus_reset(name, name);
        return false;
    }
    /* "dddd:bb:ss.f" */
    if (!name || strlen(name) < 8 || name[4] != ':' || name[7] != ':') {
        return true;
    }
    bus = g_strndup(name, 8);
    check.bus = bus;
    object_child_foreach_recursive(object_get_root(), vfio_amd_bus_check_one,
                                   &check);
    if (check.blocker) {
        trace_vfio_quirk_amd_reset_no_bus_reset(name, check.blocker);
        return false;
    }
    return true;
}

static const AMDResetOps vfio_amd_reset_ops = {
    .config_read = vfio_amd_config_read,
    .config_write = vfio_amd_config_write,
    .config_write_raw = vfio_amd_config_write_raw,
    .mmio_read = vfio_amd_mmio_read,
    .mmio_write = vfio_amd_mmio_write,
    .mmio_size = vfio_amd_mmio_size,
    .read_rom = vfio_amd_read_rom,
    .clock_ns = vfio_amd_clock_ns,
    .sleep_us = vfio_amd_sleep_us,
    .chip_owned = vfio_amd_chip_owned,
    .restore_functions = vfio_amd_restore_functions,
};

static const char *vfio_amd_reset_hint(const AMDResetDevice *dev,
                                      AMDResetResult result,
                                      AMDResetMethod method)
{
    /* a family without a config reset has mode1 to try instead */
    bool no_config = dev->family &&
                     !dev->family->gen->methods[AMD_RESET_METHOD_CONFIG];

    switch (result) {
    case AMD_RESET_TIMEOUT:
        if (method == AMD_RESET_METHOD_BACO && no_config) {
            return "the guest driver may fail to start; if this repeats, "
                   "try x-amd-reset-method=mode1 and report the card";
        }
        if (method == AMD_RESET_METHOD_BACO) {
            return "the guest driver may fail to start; if this repeats, "
                   "try x-amd-reset-method=config and report the card";
        }
        if (method == AMD_RESET_METHOD_MODE1) {
            return "the guest driver may fail to start; if this repeats, "
                   "report the card, or use x-amd-reset=off";
        }
        return "the guest driver may fail to start; if this repeats, "
               "try x-amd-reset-method=baco if the board supports it, "
               "report the card, or use x-amd-reset=off";
    case AMD_RESET_GONE:
        return "check that the card is still present and its link is up";
    case AMD_RESET_NOT_OWNED:
        return "assign every function of the GPU to this VM";
    case AMD_RESET_FIRMWARE:
        return "if the guest driver fails to start, reboot the host";
    default:
        return "";
    }
}

static void vfio_amd_reset_warn(VFIOPCIDevice *vdev, AMDResetResult result,
                                AMDResetReport *report)
{
    VFIOAMDReset *amd = &vdev->amd_reset;
    g_autofree char *where = NULL;
    const char *hint = vfio_amd_reset_hint(&amd->dev, result,
                                           report->method);

    if (amd->warned) {
        error_free(report->err);
        return;
    }
    amd->warned = true;
    if (result == AMD_RESET_REFUSED) {
        warn_reportf_err(report->err, "vfio %s: AMD GPU reset not done: ",
                         vdev->vbasedev.name);
        return;
    }
    if (result == AMD_RESET_FIRMWARE) {
        error_append_hint(&report->err, "%s\n", hint);
        warn_reportf_err(report->err, "vfio %s: AMD GPU reset not done: ",
                         vdev->vbasedev.name);
        return;
    }
    if (result == AMD_RESET_NOT_OWNED || result == AMD_RESET_DONE) {
        warn_report("vfio %s: AMD GPU reset: %s (%s is not assigned to this "
                    "VM); %s", vdev->vbasedev.name,
                    result == AMD_RESET_DONE ?
                    "the config reset instead of a reset of the whole chip" :
                    "no reset: the one method would reset the whole chip",
                    report->unowned,
                    vfio_amd_reset_hint(&amd->dev, AMD_RESET_NOT_OWNED,
                                        report->method));
        return;
    }
    if (report->step && report->reg) {
        where = g_strdup_printf(" at %s step %u (BAR5 0x%x reads 0x%08x)",
                                report->table, report->step, report->reg,
                                report->seen);
    } else if (report->step) {
        where = g_strdup_printf(" at %s step %u", report->table,
                                report->step);
    } else {
        where = g_strdup_printf("%s%s", report->table ? " at " : "",
                                report->table ? report->table : "");
    }
    if (report->method == AMD_RESET_METHOD_NONE) {
        /* it failed before any method ran */
        warn_report("vfio %s: AMD GPU reset failed: %s%s; %s",
                    vdev->vbasedev.name, amd_reset_result_str(result), where,
                    hint);
        return;
    }
    warn_report("vfio %s: AMD GPU reset failed (%s): %s%s; %s",
                vdev->vbasedev.name, amd_reset_method_str(report->method),
                amd_reset_result_str(result), where, hint);
}

/*
 * vdev->resetfn, called by vfio_pci_reset(); a non-zero return makes it go
 * on to the resets it has for any device.  At system_reset,
 * vfio_device_reset_handler() may also bus-reset the slot (when the
 * device has no reset of its own and QEMU owns all of the slot): before
 * this for a device on the command line, after it for one added later;
 * it never lands between the check below and the reset.  A CIK/VI chip
 * ignores it; a chip a bus reset can leave unusable gets none
 * (vfio_pci_amd_reset_allows_bus_reset()).
 */
static int vfio_pci_amd_reset(VFIOPCIDevice *vdev)
{
    AMDResetReport report;
    AMDResetResult result;

    result = amd_reset_run(&vdev->amd_reset.dev, &report);
    switch (result) {
    case AMD_RESET_DONE:
        if (report.unowned[0]) {
            vfio_amd_reset_warn(vdev, result, &report);
        }
        return 0;
    case AMD_RESET_CLEAN:
        /* the chip is as a reset leaves it */
        return 0;
    case AMD_RESET_FIRMWARE:
        /*
         * Left as it is, on purpose: the resets vfio would go on to do
         * not reset these chips, and a bus reset can leave a SOC15 chip
         * unusable (vendor-reset marks them PCI_DEV_FLAGS_NO_BUS_RESET)
         */
        vfio_amd_reset_warn(vdev, result, &report);
        return 0;
    case AMD_RESET_NOT_USED:
        /* a deferred probe found no AMD GPU, or refused it: vfio's own */
        vdev->resetfn = NULL;
        return -ENODEV;
    case AMD_RESET_TIMEOUT:
        /*
         * As the quirk always did: a reset that ran to its end counts as
         * done even if the chip was late, so vfio_pci_reset() does not
         * go on to a reset the chip ignores.
         */
        vfio_amd_reset_warn(vdev, result, &report);
        return 0;
    default:
        /* without the device, vfio goes on to the resets it has */
        vfio_amd_reset_warn(vdev, result, &report);
        return -EINVAL;
    }
}

/* x-amd-reset-method as the engine's method; auto leaves it to the policy */
static const AMDResetMethod
vfio_amd_reset_method[VFIO_AMD_RESET_METHOD__MAX] = {
    [VFIO_AMD_RESET_METHOD_AUTO] = AMD_RESET_METHOD_NONE,
    [VFIO_AMD_RESET_METHOD_BACO] = AMD_RESET_METHOD_BACO,
    [VFIO_AMD_RESET_METHOD_CONFIG] = AMD_RESET_METHOD_CONFIG,
    [VFIO_AMD_RESET_METHOD_MODE1] = AMD_RESET_METHOD_MODE1,
};

/* The reset of the kernel's (or of the vfio-user server's) that wins */
static const char *vfio_amd_kernel_reset(VFIOPCIDevice *vdev)
{
    g_autofree char *path = NULL;
    g_autofree char *methods = NULL;
    AMDKernelReset k = {
        .reset_works = vdev->vbasedev.reset_works,
        .has_flr = vdev->has_flr,
        .has_pm_reset = vdev->has_pm_reset,
    };

    if (k.reset_works && vdev->vbasedev.sysfsdev) {
        path = g_build_filename(vdev->vbasedev.sysfsdev, "reset_method",
                                NULL);
        if (g_file_get_contents(path, &methods, NULL, NULL)) {
            k.reset_method = methods;
        }
    }
    return amd_reset_kernel_reset(&k);
}

/* What QEMU gives the guest as the ROM; NULL when it is the device's own */
static const char *vfio_amd_no_rom(VFIOPCIDevice *vdev)
{
    PCIDevice *pdev = PCI_DEVICE(vdev);

    if (pdev->romfile && !*pdev->romfile) {
        return "romfile=\"\": no ROM";
    }
    if (!pdev->rom_bar) {
        return "rombar=0: no ROM";
    }
    return NULL;
}

bool vfio_pci_amd_reset_setup(VFIOPCIDevice *vdev, bool cpr_incoming,
                              Error **errp)
{
    VFIOAMDReset *amd = &vdev->amd_reset;
    AMDResetDevice *dev = &amd->dev;
    AMDResetConfig cfg = {
        .policy = amd->policy,
        .method = vfio_amd_reset_method[amd->method],
        .no_rom = vfio_amd_no_rom(vdev),
        .defer = cpr_incoming,
    };
    const char *kernel_reset;
    Error *unfit = NULL;

    *dev = (AMDResetDevice) {
        .ops = &vfio_amd_reset_ops,
        .opaque = vdev,
        .name = vdev->vbasedev.name,
    };
    if (amd->policy == ON_OFF_AUTO_OFF) {
        return true;
    }
    /*
     * A reset the kernel implements for the device wins: vendor-reset's,
     * or an FLR.  QEMU then does not touch the device at all.
     */
    kernel_reset = vfio_amd_kernel_reset(vdev);
    if (kernel_reset) {
        trace_vfio_quirk_amd_reset_skipped(vdev->vbasedev.name, kernel_reset);
        return true;
    }
    if (!amd_reset_probe(dev, &cfg, &unfit, errp)) {
        return false;
    }
    if (cfg.defer) {
        /* incoming CPR: the device is the running guest's until a reset */
        trace_vfio_quirk_amd_reset_deferred(vdev->vbasedev.name);
        vdev->resetfn = vfio_pci_amd_reset;
        return true;
    }
    trace_vfio_quirk_amd_reset_select(vdev->vbasedev.name, dev->vendor,
                                      dev->device,
                                      dev->family ? dev->family->name : "none",
                                      OnOffAuto_str(amd->policy));
    if (unfit) {
        warn_reportf_err(unfit, "vfio %s: ", vdev->vbasedev.name);
        return true;
    }
    if (dev->family) {
        vdev->resetfn = vfio_pci_amd_reset;
    }
    return true;
}
