# SPDX-License-Identifier: GPL-2.0-or-later
"""tooling/qemu-series: the commands behind make."""

import argparse
import os
import shutil

from . import build, check, deps, diffs, packaging, series
from .common import (BUILD, CACHE, CCACHE_DIR, OWN_CCACHE, SOURCES, log,
                     main_guard)
from .identity import series_identity, warn_if_placeholder
from .source import base_of


def cmd_make(args):
    base = base_of(args)
    tree, bdir = build.cmd_build(args)
    print("")
    print("QEMU %s with the AMD reset series:" % base)
    print("  binary: %s" % os.path.join(bdir, "qemu-system-x86_64"))
    print("  series: %s" % os.path.join(BUILD, base, "series"))
    print("  tree:   %s (git log base..series)" % tree)
    warn_if_placeholder(os.path.join(BUILD, base, "series"))


def cmd_clean(args):
    """make clean: build/ goes, the caches stay."""
    if os.path.exists(BUILD):
        shutil.rmtree(BUILD)
    log("removed %s; kept the caches: compiler cache %s, Debian source "
        "packages %s (make clean-cache removes them)" % (
            BUILD, CCACHE_DIR, SOURCES))


def cmd_clean_cache(args):
    """make clean-cache: the caches go (the next make check is cold)."""
    gone = []
    for d in ([CCACHE_DIR] if OWN_CCACHE else []) + [SOURCES]:
        if os.path.exists(d):
            shutil.rmtree(d)
            gone.append(d)
    if os.path.isdir(CACHE) and not os.listdir(CACHE):
        os.rmdir(CACHE)
    log("removed %s" % (", ".join(gone) if gone else "nothing: no cache"))
    if not OWN_CCACHE:
        log("kept CCACHE_DIR=%s, your own ccache (ccache -C empties it)"
            % CCACHE_DIR)


COMMANDS = {
    "deps": deps.cmd_deps, "series": series.cmd_series,
    "tree": series.cmd_tree, "build": build.cmd_build, "make": cmd_make,
    "check": check.cmd_check, "diffs-from": diffs.cmd_diffs_from,
    "deb": packaging.cmd_deb, "rpm-spec": packaging.cmd_rpm_spec,
    "clean": cmd_clean, "clean-cache": cmd_clean_cache,
}


def main():
    ap = argparse.ArgumentParser(
        prog="qemu-series", description="Turn a QEMU source tree plus this "
        "repository into a patch series, a patched and built QEMU, and "
        "test results.")
    ap.add_argument("--base", help="QEMU base (default: $QEMU_BASE or 10.2)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("deps", help="install build dependencies")
    sub.add_parser("series", help="export the series for the base")
    sub.add_parser("tree", help="apply the series to the QEMU tree")
    sub.add_parser("build", help="build QEMU")
    sub.add_parser("make", help="series + build, print where things are")
    sub.add_parser("deb", help="Debian source package with the series")
    r = sub.add_parser("rpm-spec", help="an rpmbuild top directory with a "
                       "spec that applies the series (build/<base>/rpm)")
    r.add_argument("--exported", action="store_true",
                   help="use the series as exported last, do not export")
    c = sub.add_parser("check", help="build and run every check")
    c.add_argument("--no-bisect", action="store_true")
    d = sub.add_parser("diffs-from", help="refresh series/diffs and the "
                       "series' files from a QEMU git tree holding the "
                       "series")
    d.add_argument("tree")
    d.add_argument("--since", default="base")
    sub.add_parser("clean", help="remove build/, keep the caches")
    sub.add_parser("clean-cache", help="remove the compiler cache and the "
                   "downloaded source packages")
    args = ap.parse_args()
    name, email, source = series_identity()
    if source:
        os.environ["QEMU_SERIES_NAME"] = name
        os.environ["QEMU_SERIES_EMAIL"] = email
    main_guard("qemu-series", COMMANDS[args.cmd], args)
