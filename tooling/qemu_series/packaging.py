# SPDX-License-Identifier: GPL-2.0-or-later
"""make deb and make rpm-spec: the series for packagers."""

import glob
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap

from .common import BUILD, REPO, Fail, git, log, read_stamp, run, write_stamp
from .deps import cmd_deps
from .series import cmd_series, series_files
from .source import base_of, fetch_deb, source_identity


def cmd_deb(args):
    """Debian drop-in: Debian's source package plus the series."""
    base = base_of(args)
    if os.environ.get("QEMU_SRC"):
        raise Fail("make deb starts from Debian's source package; unset "
                   "QEMU_SRC")
    cmd_deps(args)
    series_dir = cmd_series(args)
    out = os.path.join(BUILD, "deb", base)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    res = run([sys.executable, os.path.join(REPO, "tooling", "debian-dropin"),
               "--series", series_dir, "--dsc", fetch_deb(base),
               "--out", out], check=False)
    if res.returncode != 0:
        raise Fail("debian-dropin failed for QEMU %s" % base)


RPM_SPEC = """\
# A minimal spec in the style of Fedora's qemu.spec, written by
# tooling/qemu-series rpm-spec from the exported series: it applies the
# AMD GPU reset series ({n} patches) to QEMU {version} with autosetup -S
# git_am.  Packagers: paste the Patch lines into the distribution's spec,
# after its own Patch lines and with numbers it does not use yet.
#
#   rpmbuild -bp --nodeps --define "_topdir $PWD/{top}" {spec}

Name:           qemu
Version:        {rpm_version}
Release:        0.amdreset1%{{?dist}}
Summary:        QEMU with the AMD GPU reset series for vfio-pci
# QEMU as a whole; Fedora's qemu.spec lists every licence of the tree
License:        GPL-2.0-only
URL:            https://www.qemu.org/

{source_comment}
Source0:        {tarball}

{patches}
# autosetup -S git_am applies the git format-patch files with git am
BuildRequires:  git-core

%description
QEMU {version} with the AMD GPU reset series: a device-specific reset for
AMD GPUs assigned with vfio-pci, and the x-amd-reset property.  This spec
only prepares the source tree (rpmbuild -bp).

%prep
%autosetup -n {prefix} -S git_am
"""


def tar_commit(tree, rev, prefix, path):
    """A .tar.gz of every file of rev, under prefix/.  Not git archive,
    which drops the files that .gitattributes marks export-ignore (QEMU's
    subprojects/keycodemapdb has some): the tarball must hold the tree
    the build starts from, exactly."""
    import tarfile
    when = int(git(tree, "log", "-1", "--format=%ct", rev, capture=True,
                   quiet=True).stdout.strip())
    listing = subprocess.run(["git", "-C", tree, "ls-tree", "-r", "-z",
                              "--full-tree", rev], stdout=subprocess.PIPE,
                             check=True).stdout
    entries = []
    for entry in listing.split(b"\0"):
        if entry:
            meta, name = entry.split(b"\t", 1)
            mode, kind, sha = meta.decode().split()
            if kind != "blob":
                raise Fail("%s of %s is a %s; only files and symlinks can "
                           "go into Source0" % (name.decode(), rev, kind))
            entries.append((mode, sha, name.decode("utf-8",
                                                   "surrogateescape")))
    cat = subprocess.Popen(["git", "-C", tree, "cat-file", "--batch"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    tmp = path + ".tmp"
    try:
        with tarfile.open(tmp, "w:gz", compresslevel=1,
                          format=tarfile.PAX_FORMAT) as tar:
            for mode, sha, name in entries:
                cat.stdin.write(sha.encode() + b"\n")
                cat.stdin.flush()
                size = int(cat.stdout.readline().split()[2])
                data = cat.stdout.read(size)
                cat.stdout.read(1)
                info = tarfile.TarInfo(prefix + "/" + name)
                info.mtime = when
                info.uname = info.gname = "root"
                if mode == "120000":
                    info.type = tarfile.SYMTYPE
                    info.linkname = data.decode("utf-8", "surrogateescape")
                    info.mode = 0o777
                    tar.addfile(info)
                else:
                    info.mode = 0o755 if mode == "100755" else 0o644
                    info.size = size
                    tar.addfile(info, io.BytesIO(data))
        os.replace(tmp, path)
    finally:
        cat.stdin.close()
        cat.wait()
        if os.path.exists(tmp):
            os.unlink(tmp)


def shown_path(path):
    """path relative to the repository when it is inside it."""
    rel = os.path.relpath(path, REPO)
    return path if rel.startswith("..") else rel


def patch_subject(path):
    """The Subject of a git format-patch file, without [PATCH n/m]."""
    subject, in_subject = "", False
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                break
            if line.startswith("Subject:"):
                subject, in_subject = line[len("Subject:"):].strip(), True
            elif in_subject and line[:1] in (" ", "\t"):
                subject += " " + line.strip()
            else:
                in_subject = False
    return re.sub(r"^\[[^\]]*PATCH[^\]]*\]\s*", "", subject)


def cmd_rpm_spec(args):
    """build/<base>/rpm: an rpmbuild top directory whose SPECS/qemu.spec
    applies the exported series to Source0 with %autosetup -S git_am."""
    base = base_of(args)
    if getattr(args, "exported", False):
        # the series as exported last, as the tree of make check has it
        series_dir = os.path.join(BUILD, base, "series")
        if not series_files(series_dir):
            raise Fail("no exported series in %s; run make first"
                       % series_dir)
    else:
        series_dir = cmd_series(args)
    tree = os.path.join(BUILD, base, "qemu")
    top = os.path.join(BUILD, base, "rpm")
    sources = os.path.join(top, "SOURCES")
    specs = os.path.join(top, "SPECS")
    version = git(tree, "show", "base:VERSION", capture=True,
                  quiet=True).stdout.strip()
    prefix = "qemu-" + version
    tarball = prefix + ".tar.gz"
    os.makedirs(sources, exist_ok=True)
    os.makedirs(specs, exist_ok=True)

    # Source0: the pristine tree, made once per base commit
    commit = git(tree, "rev-parse", "base^{commit}", capture=True,
                 quiet=True).stdout.strip()
    stamp = os.path.join(top, "source0.stamp")
    path = os.path.join(sources, tarball)
    if read_stamp(stamp) != "tar_commit %s %s" % (commit, tarball) or \
            not os.path.exists(path):
        for old in glob.glob(os.path.join(sources, "*.tar.gz")):
            os.unlink(old)
        log("making Source0 %s from the tag base of %s" % (tarball, tree))
        tar_commit(tree, "base", prefix, path)
        write_stamp(stamp, "tar_commit %s %s" % (commit, tarball))

    # the patches, as exported
    for old in glob.glob(os.path.join(sources, "*.patch")):
        os.unlink(old)
    files = series_files(series_dir)
    lines = []
    for n, p in enumerate(files, 1):
        shutil.copyfile(p, os.path.join(sources, os.path.basename(p)))
        lines.append("# not upstream: AMD GPU reset series for vfio-pci, "
                     "patch %d/%d" % (n, len(files)))
        lines.append("# " + patch_subject(p).replace("%", "%%"))
        lines.append("Patch%04d:      %s" % (n, os.path.basename(p)))
    spec = os.path.join(specs, "qemu.spec")
    ident = source_identity(base)
    origin = ("Debian's qemu %s, that is its orig tarball with Debian's "
              "patches applied" % ident[4:] if ident.startswith("deb:")
              else "a copy of QEMU_SRC, " + ident[4:])
    source_comment = textwrap.fill(
        "Source0 is the tarball this build starts from, not "
        "download.qemu.org's: every file of the tag 'base' of %s, the "
        "pristine tree the series is built and tested on (%s).  A "
        "distribution keeps its own Source0 (Fedora: "
        "https://download.qemu.org/qemu-VERSION.tar.xz)."
        % (shown_path(tree), origin), 75, initial_indent="# ",
        subsequent_indent="# ").replace("%", "%%")
    with open(spec, "w") as f:
        f.write(RPM_SPEC.format(
            n=len(files), version=version,
            rpm_version=version.replace("-", "~"), top=shown_path(top),
            spec=shown_path(spec), source_comment=source_comment,
            tarball=tarball, prefix=prefix,
            patches="\n".join(lines) + "\n"))
    log("rpm: %s (Source0 and %d patches in %s)" % (spec, len(files),
                                                    sources))
    return spec
