# SPDX-License-Identifier: GPL-2.0-or-later
"""The packages the tooling and its checks need, installed with apt-get."""

import os
import re
import subprocess

from .common import Fail, log, run

PACKAGES = ["build-essential", "git", "pkg-config", "libglib2.0-dev",
            "libpixman-1-dev", "libfdt-dev", "ninja-build", "flex", "bison",
            "python3-venv", "seabios", "qemu-system-data", "dpkg-dev",
            "quilt", "perl",
            "ca-certificates", "ccache",
            # robustness checks: fuzzer, sanitizer runtimes, memcheck
            "clang", "libclang-rt-dev", "valgrind",
            # packaging checks: libvirt's embedded QEMU driver (no daemon
            # runs), virt-xml-validate's xmllint, and rpmbuild
            "libvirt-clients", "libvirt-daemon", "libvirt-daemon-driver-qemu",
            "libxml2-utils", "rpm"]
BACKPORTS = ["meson", "python3-pycotap"]
APT_SOURCES = "/etc/apt/sources.list.d/qemu-amd-reset.sources"
APT_SOURCES_TEXT = """\
# Added by qemu-amd-reset tooling: QEMU source packages and, on Debian 12,
# meson >= 1.5 and python3-pycotap from bookworm-backports.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
"""


def have_pkg(name):
    res = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True)
    return res.returncode == 0 and "install ok installed" in res.stdout


def meson_ok():
    try:
        out = subprocess.run(["meson", "--version"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True).stdout
    except OSError:
        return False
    parts = [int(x) for x in re.findall(r"\d+", out)[:2]]
    return len(parts) == 2 and tuple(parts) >= (1, 5)


def pycotap_ok():
    return subprocess.run(["/usr/bin/python3", "-c", "import pycotap"],
                          stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def codename():
    try:
        with open("/etc/os-release") as f:
            m = re.search(r"^VERSION_CODENAME=(\w+)", f.read(), re.M)
            return m.group(1) if m else ""
    except OSError:
        return ""


def ensure_apt_sources(update=True):
    if os.path.exists(APT_SOURCES):
        with open(APT_SOURCES) as f:
            if f.read() == APT_SOURCES_TEXT:
                return
    if os.geteuid() != 0:
        raise Fail("no deb-src entries for QEMU's source package: as root, "
                   "write %s (see tooling/qemu_series/deps.py) and run "
                   "apt-get update, or set QEMU_SRC=/path/to/qemu"
                   % APT_SOURCES)
    log("adding deb-src and bookworm-backports entries to " + APT_SOURCES)
    with open(APT_SOURCES, "w") as f:
        f.write(APT_SOURCES_TEXT)
    if update:
        run(["apt-get", "update", "-q"])


def cmd_deps(args):
    extra = list(getattr(args, "extra_packages", []) or [])
    missing = [p for p in PACKAGES + extra if not have_pkg(p)]
    need_bp = not meson_ok() or not pycotap_ok() or not have_pkg("ninja-build")
    if not missing and not need_bp:
        ensure_libvirt_qemu_user()
        return
    bookworm = codename() == "bookworm"
    if os.geteuid() != 0:
        cmd = "apt-get install %s" % " ".join(missing or PACKAGES)
        if need_bp:
            cmd += " && apt-get install %s%s" % (
                "-t bookworm-backports " if bookworm else "",
                " ".join(BACKPORTS))
        raise Fail("missing build dependencies; as root run: " + cmd)
    if bookworm:
        ensure_apt_sources(update=False)
    run(["apt-get", "update", "-q"])
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    if missing:
        run(["apt-get", "install", "-y", "-q", "--no-install-recommends"]
            + missing, env=env)
    if need_bp:
        run(["apt-get", "install", "-y", "-q", "--no-install-recommends"]
            + (["-t", "bookworm-backports"] if bookworm else []) + BACKPORTS,
            env=env)
    if not meson_ok():
        raise Fail("meson >= 1.5 is needed; install it from "
                   "bookworm-backports: apt-get install -t "
                   "bookworm-backports meson")
    ensure_libvirt_qemu_user()


# libvirt's QEMU driver, the embedded one too, refuses to start as root
# unless this user and group exist; tests/tooling/test-libvirt, run as root,
# runs virsh as this user.  libvirt-daemon-system would create them, but it
# also installs (and on systemd hosts starts) the daemons, which nothing here
# needs.
LIBVIRT_QEMU_USER = "libvirt-qemu"


def libvirt_qemu_user_cmds():
    """The commands that create what is missing of the user and group."""
    import grp
    import pwd
    cmds = []
    try:
        grp.getgrnam(LIBVIRT_QEMU_USER)
    except KeyError:
        cmds.append(["groupadd", "-r", LIBVIRT_QEMU_USER])
    try:
        pwd.getpwnam(LIBVIRT_QEMU_USER)
    except KeyError:
        cmds.append(["useradd", "-r", "-M", "-g", LIBVIRT_QEMU_USER,
                     "-d", "/var/lib/libvirt", "-s", "/usr/sbin/nologin",
                     LIBVIRT_QEMU_USER])
    return cmds


def ensure_libvirt_qemu_user():
    cmds = libvirt_qemu_user_cmds()
    if not cmds:
        return
    if os.geteuid() != 0:
        raise Fail("libvirt's QEMU driver needs the system user and group "
                   "%s; as root run: %s" % (LIBVIRT_QEMU_USER, " && ".join(
                       " ".join(c) for c in cmds)))
    log("creating the system user and group %s for libvirt's QEMU driver"
        % LIBVIRT_QEMU_USER)
    for c in cmds:
        run(c)
