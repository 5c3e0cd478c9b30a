# SPDX-License-Identifier: GPL-2.0-or-later
"""QEMU's source: Debian's source package (cached) or QEMU_SRC, and the
pristine tree of a base as a git repository."""

import glob
import os
import re
import shutil

from .common import (BASES, BUILD, DEFAULT_BASE, SOURCES, Fail, git, log,
                     read_stamp, run, write_stamp)
from .deps import APT_SOURCES, ensure_apt_sources


def base_of(args):
    base = args.base or os.environ.get("QEMU_BASE") or ""
    src = os.environ.get("QEMU_SRC")
    if src:
        try:
            with open(os.path.join(src, "VERSION")) as f:
                ver = f.read().strip()
        except OSError:
            raise Fail("QEMU_SRC=%s is not a QEMU source tree (no VERSION "
                       "file)" % src)
        detected = ".".join(ver.split(".")[:2])
        if detected not in BASES:
            raise Fail("QEMU_SRC=%s is QEMU %s; supported bases: %s"
                       % (src, ver, ", ".join(BASES)))
        if base and base != detected:
            raise Fail("QEMU_SRC=%s is QEMU %s but QEMU_BASE=%s; unset "
                       "QEMU_BASE or make them agree" % (src, ver, base))
        base = detected
    base = base or DEFAULT_BASE
    if base not in BASES:
        raise Fail("unknown QEMU_BASE=%s; supported: %s"
                   % (base, ", ".join(BASES)))
    return base


def dsc_name(version):
    return "qemu_%s.dsc" % version.split(":", 1)[-1]


def deb_version(base):
    # QEMU_DEB_VERSION pins another Debian version of the same base
    return os.environ.get("QEMU_DEB_VERSION") or BASES[base]["deb"]


def apt_opts():
    # APT_OPTS: extra apt-get options, e.g. another sources list
    return os.environ.get("APT_OPTS", "").split()


def fetch_deb(base):
    """Download Debian's source package once into the source cache, which
    every clone on the machine shares."""
    version = deb_version(base)
    cache = os.path.join(SOURCES, "qemu-" + version.replace(":", "_"))
    dsc = os.path.join(cache, dsc_name(version))
    if os.path.exists(dsc) and read_stamp(dsc + ".ok") == version:
        return dsc
    if not apt_opts():
        ensure_apt_sources()
    os.makedirs(cache, exist_ok=True)
    log("fetching Debian source package qemu=%s" % version)
    res = run(["apt-get"] + apt_opts() + ["source", "--download-only",
                                          "qemu=" + version],
              cwd=cache, check=False, capture=True, env={"LC_ALL": "C"})
    out = res.stdout or ""
    if res.returncode != 0:
        if "deb-src" in out or "source URIs" in out:
            raise Fail("apt has no deb-src entry for qemu; add one (the "
                       "tooling writes %s when run as root) or set "
                       "QEMU_SRC" % APT_SOURCES)
        if re.search(r"404|Not Found|Can not find version|Unable to find",
                     out):
            raise Fail("the Debian archive no longer serves qemu=%s; "
                       "set QEMU_SRC=/path/to/qemu-%s, or pin a served "
                       "version with QEMU_DEB_VERSION=..." % (version, base))
        raise Fail("apt-get source qemu=%s failed: %s"
                   % (version, out.strip().splitlines()[-1:]))
    if not os.path.exists(dsc):
        raise Fail("apt-get source did not produce %s" % dsc)
    write_stamp(dsc + ".ok", version)
    return dsc


def unpack_deb(dsc, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    run(["dpkg-source", "--no-check", "--no-copy", "-x", dsc, dest],
        capture=True)


def source_identity(base):
    src = os.environ.get("QEMU_SRC")
    if not src:
        return "deb:" + deb_version(base)
    src = os.path.realpath(src)
    ident = "src:" + src
    if os.path.isdir(os.path.join(src, ".git")):
        res = run(["git", "-C", src, "rev-parse", "HEAD"], capture=True,
                  check=False, quiet=True)
        ident += "@" + res.stdout.strip()
    return ident


def copy_tree(src, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)

    def ignore(d, names):
        if os.path.realpath(d) == os.path.realpath(src):
            return [n for n in names if n == ".git" or n == "build"
                    or n.startswith("build-")]
        return []
    shutil.copytree(src, dest, symlinks=True, ignore=ignore)


def make_pristine(base, dest):
    """A pristine source tree at dest, from QEMU_SRC or Debian."""
    src = os.environ.get("QEMU_SRC")
    if src:
        copy_tree(src, dest)
    else:
        unpack_deb(fetch_deb(base), dest)


def init_base_repo(tree):
    git(tree, "init", "-q", quiet=True)
    git(tree, "config", "user.name", "QEMU base", quiet=True)
    git(tree, "config", "user.email", "base@localhost", quiet=True)
    git(tree, "config", "core.autocrlf", "false", quiet=True)
    git(tree, "config", "gc.auto", "0", quiet=True)
    with open(os.path.join(tree, ".git", "info", "exclude"), "a") as f:
        f.write("/build/\n")
    git(tree, "add", "-A", "-f", quiet=True)
    git(tree, "commit", "-q", "-m", "base", "--no-verify", quiet=True)
    git(tree, "tag", "-f", "base", quiet=True)


def base_tree(base):
    """build/<base>/qemu: a git repo whose tag 'base' is the pristine tree."""
    tree = os.path.join(BUILD, base, "qemu")
    ident = source_identity(base)
    stamp = os.path.join(BUILD, base, "source.stamp")
    if read_stamp(stamp) == ident and os.path.isdir(
            os.path.join(tree, ".git")):
        return tree
    log("preparing pristine QEMU %s tree (%s)" % (base, ident))
    for d in (tree, os.path.join(BUILD, base, "gen")):
        if os.path.exists(d):
            shutil.rmtree(d)
    for s in glob.glob(os.path.join(BUILD, base, "*.stamp")):
        os.unlink(s)
    make_pristine(base, tree)
    init_base_repo(tree)
    write_stamp(stamp, ident)
    return tree
