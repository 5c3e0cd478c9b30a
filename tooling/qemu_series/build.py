# SPDX-License-Identifier: GPL-2.0-or-later
"""Configure and build QEMU trees, all through one ccache."""

import glob
import json
import os
import shutil
import time

from .common import (BASES, BUILD, CCACHE_ENV, OWN_CCACHE, Fail, git,
                     git_out, log, read_stamp, run, write_stamp)
from .deps import cmd_deps
from .series import cmd_tree
from .source import base_of


# KVM only, the cheaper accelerator to compile: the qtests run QEMU with
# -accel qtest.  -Werror is what configure picks for the git checkout the
# tree is; stated, so that a copy that is not a git checkout (the bench
# baseline) compiles with the same flags and ccache serves its objects.
CONFIGURE = ["--target-list=x86_64-softmmu", "--without-default-features",
             "--enable-kvm", "--disable-docs", "--disable-install-blobs",
             "--enable-werror"]


def configure_args(base, tree):
    """The configure options of every QEMU build of the tooling.  Run
    configure and ninja with CCACHE_ENV (run() does)."""
    args = list(CONFIGURE)
    if BASES[base]["libvirt"]:
        # libvirt probes the emulator with KVM or TCG, and test-libvirt
        # runs as an unprivileged user that may not open /dev/kvm
        args.append("--enable-tcg")
    if base == "7.2":
        args.append("--meson=/usr/bin/meson")
    else:
        args.append("--python=/usr/bin/python3")
    if shutil.which("ccache"):
        # configure's compiler (CC or cc), through ccache
        args.append("--cc=ccache " + (os.environ.get("CC") or "cc"))
    return args


# Firmware the x86 machines load that the +ds/+dfsg tarballs do not ship
# and ninja does not build: SeaBIOS from Debian's seabios package, and the
# option ROMs of pc-bios/optionrom (kvmvapic.bin for -machine pc) from
# Debian's qemu-system-data.
FIRMWARE = ["/usr/share/seabios/*.bin"] + [
    "/usr/share/qemu/" + rom for rom in (
        "kvmvapic.bin", "linuxboot.bin", "linuxboot_dma.bin",
        "multiboot.bin", "multiboot_dma.bin", "pvh.bin")]


def link_firmware(bdir):
    """Link FIRMWARE where a binary run from the build tree looks for it:
    qemu-bundle's data directory, and pc-bios on older bases."""
    dirs = [os.path.join(d, "qemu") for d in
            glob.glob(os.path.join(bdir, "qemu-bundle", "*", "*", "share")) +
            glob.glob(os.path.join(bdir, "qemu-bundle", "*", "share"))]
    if os.path.isdir(os.path.join(bdir, "pc-bios")):
        dirs.append(os.path.join(bdir, "pc-bios"))
    blobs = [b for pat in FIRMWARE for b in sorted(glob.glob(pat))]
    for d in dirs:
        os.makedirs(d, exist_ok=True)
        for blob in blobs:
            link = os.path.join(d, os.path.basename(blob))
            if not os.path.lexists(link):
                os.symlink(blob, link)


# The series' own tests: (source in the tree, ninja target, meson test name).
# Each is built and run once its patch is applied.
OUR_TESTS = [
    ("tests/unit/test-amd-reset.c", "tests/unit/test-amd-reset",
     "test-amd-reset"),
    ("tests/qtest/vfio-user-amd-reset-test.c",
     "tests/qtest/vfio-user-amd-reset-test",
     "qtest-x86_64/vfio-user-amd-reset-test"),
]

# QEMU's own fast qtests that exercise the patched binary: every device's
# properties (vfio-pci and vfio-user-pci included), QMP, machine start.
QEMU_QTESTS = ["device-introspect-test", "machine-none-test"]


def our_tests(tree):
    return [t for t in OUR_TESTS if os.path.exists(os.path.join(tree, t[0]))]


def build_targets(tree):
    return ["qemu-system-x86_64"] + [t[1] for t in our_tests(tree)]


def ensure_configured(base, tree, name="build", conf=None):
    """TREE/@name, configured with @conf (default: configure_args()).  A
    build directory configured with other options (by an older version of
    the tooling, or before ccache was installed) is removed and configured
    again."""
    bdir = os.path.join(tree, name)
    conf = conf if conf is not None else configure_args(base, tree)
    stamp = os.path.join(bdir, "qemu-series.configure")
    if read_stamp(stamp) != json.dumps(conf) or not os.path.exists(
            os.path.join(bdir, "build.ninja")):
        if os.path.exists(bdir):
            log("configuring %s again from scratch: new configure options"
                % bdir)
            shutil.rmtree(bdir)
        os.makedirs(bdir)
        log("configuring QEMU %s in %s" % (base, bdir))
        res = run(["../configure"] + conf, cwd=bdir, check=False,
                  capture=True)
        if res.returncode != 0:
            raise Fail("configure failed; see %s/config.log:\n%s" % (
                bdir, "\n".join(res.stdout.strip().splitlines()[-15:])))
        write_stamp(stamp, json.dumps(conf))
    return bdir


def ninja(bdir, targets, what):
    jobs = str(os.cpu_count() or 2)
    res = run(["ninja", "-j", jobs] + targets, cwd=bdir, check=False,
              capture=True, quiet=True)
    if res.returncode != 0:
        errs = [ln for ln in res.stdout.splitlines()
                if "error" in ln or "FAILED" in ln][:15]
        raise Fail("build of %s failed:\n%s" % (what, "\n".join(errs)))


def pristine_binary(base, tree, restore=True):
    """TREE/build/qemu-system-x86_64-base: the QEMU of TREE's tag base,
    without the series, built in TREE/build (checked out at base, built,
    checked out at series again: no second configure, and ninja rebuilds
    only what the series touches).  Kept while base is the same commit.
    @restore: build the series' targets again afterwards, so that
    TREE/build is as make left it (the bisect, which builds every patch
    next, does not need that).  Run from the same directory as the
    patched binary, it finds its firmware in the same qemu-bundle."""
    bdir = os.path.join(tree, "build")
    dest = os.path.join(bdir, "qemu-system-x86_64-base")
    stamp = dest + ".commit"
    commit = git_out(tree, "rev-parse", "base^{commit}")
    if os.access(dest, os.X_OK) and read_stamp(stamp) == commit:
        return dest
    try:
        git(tree, "checkout", "-q", "base", quiet=True)
        ninja(bdir, ["qemu-system-x86_64"], "QEMU %s without the series"
              % base)
        shutil.copy2(os.path.join(bdir, "qemu-system-x86_64"), dest + ".tmp")
        os.replace(dest + ".tmp", dest)
        write_stamp(stamp, commit)
    finally:
        git(tree, "checkout", "-q", "series", quiet=True)
        if restore:
            ninja(bdir, build_targets(tree), "QEMU " + base)
    return dest


def bound_ccache():
    """Write the bound into the tooling's own ccache's configuration, so
    that ccache -s and a ccache run without the tooling see it too."""
    if OWN_CCACHE and shutil.which("ccache"):
        run(["ccache", "--max-size", CCACHE_ENV["CCACHE_MAXSIZE"]],
            capture=True, quiet=True)


def cmd_build(args):
    base = base_of(args)
    cmd_deps(args)
    bound_ccache()
    old = os.path.join(BUILD, base, "pristine")
    if os.path.isdir(old):
        log("removing %s: test-libvirt's QEMU without the series is built "
            "in the tree's own build directory now" % old)
        shutil.rmtree(old)
    tree = cmd_tree(args)
    bdir = ensure_configured(base, tree)
    extra = getattr(args, "extra_targets", None) or []
    t0 = time.time()
    log("building %s" % " ".join(build_targets(tree) + extra))
    ninja(bdir, build_targets(tree) + extra, "QEMU " + base)
    link_firmware(bdir)
    log("built in %.0f s" % (time.time() - t0))
    return tree, bdir
