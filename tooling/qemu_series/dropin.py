# SPDX-License-Identifier: GPL-2.0-or-later
"""Drop the exported AMD GPU reset series into a Debian qemu source package.

  debian-dropin --series DIR --dsc FILE.dsc --out OUTDIR [--suffix +amdreset1]

Unpacks FILE.dsc into OUTDIR/<source>-<upstream version> (Debian's own
patches applied), copies the series' patches (not the cover letter) into
debian/patches/amd-reset/ with DEP-3 fields added to their git format-patch
headers, appends them to debian/patches/series, applies them with quilt,
adds a debian/changelog entry whose version is the current one plus the
suffix, and builds the new source package with dpkg-source -b.  The path of
the new .dsc is printed on stdout.

Errors are one line on stderr and a non-zero exit.
"""

import argparse
import email.utils
import glob
import os
import re
import shutil
import sys
import textwrap
import time

from . import common
from .common import Fail

PATCH_SUBDIR = "amd-reset"
SERIES_COMMENT = "# AMD GPU reset series for vfio-pci (not upstream), " \
                 "added by debian-dropin"
ORIGIN = "other, AMD GPU reset series"
DEFAULT_SUFFIX = "+amdreset1"


def run(cmd, cwd=None, env=None):
    """The command's exit code and output, in the C locale."""
    return common.run(cmd, cwd=cwd, env=dict({"LC_ALL": "C"}, **(env or {})),
                      check=False, capture=True, quiet=True, tool_env=False)


def last_lines(text, n=3):
    lines = [ln for ln in (text or "").strip().splitlines() if ln.strip()]
    return " | ".join(lines[-n:])


# ----------------------------------------------------------------- inputs

def read_dsc(path):
    """Source, Version and Format fields of a .dsc (signed or not)."""
    fields = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-----BEGIN PGP SIGNATURE"):
                break
            m = re.match(r"^(Source|Version|Format):\s*(\S+)", line)
            if m and m.group(1) not in fields:
                fields[m.group(1)] = m.group(2)
    for key in ("Source", "Version", "Format"):
        if key not in fields:
            raise Fail("%s has no %s field; is it a Debian .dsc?"
                       % (path, key))
    if fields["Format"] != "3.0":
        raise Fail("%s is format %s; only 3.0 (quilt) source packages are "
                   "supported" % (path, fields["Format"]))
    return fields


def upstream_version(version):
    v = version.split(":", 1)[-1]
    return v.rsplit("-", 1)[0] if "-" in v else v


def series_patches(series_dir):
    if not os.path.isdir(series_dir):
        raise Fail("series directory %s does not exist (export the series "
                   "first, e.g. with 'make series')" % series_dir)
    patches = sorted(p for p in glob.glob(os.path.join(series_dir,
                                                       "*.patch"))
                     if not is_cover_letter(p))
    if not patches:
        raise Fail("no *.patch files besides the cover letter in %s"
                   % series_dir)
    return patches


def is_cover_letter(path):
    if os.path.basename(path).startswith("0000-cover-letter"):
        return True
    return False


def read_text(path):
    with open(path, encoding="utf-8", errors="surrogateescape",
              newline="") as f:
        return f.read()


# ------------------------------------------------------------------ DEP-3

def split_header(text):
    """Split a git format-patch file into its mail header lines (the
    'From <sha> <date>' mbox line included) and the rest."""
    lines = text.splitlines(keepends=True)
    hdr = []
    i = 0
    for i, line in enumerate(lines):
        if line.strip() == "":
            break
        hdr.append(line)
    else:
        i = len(lines)
    return hdr, "".join(lines[i:])


def header_value(hdr, name):
    """Value of a (possibly folded) header field, or None."""
    value = None
    for line in hdr:
        if value is not None:
            if line[:1] in (" ", "\t"):
                value += " " + line.strip()
                continue
            break
        m = re.match(r"^%s:\s*(.*)$" % re.escape(name), line.rstrip("\r\n"),
                     re.I)
        if m:
            value = m.group(1).strip()
    return value


def strip_patch_prefix(subject):
    return re.sub(r"^\[[^\]]*PATCH[^\]]*\]\s*", "", subject)


def decode_mime(value):
    """Decode RFC 2047 words (git format-patch uses them for non-ASCII
    names), so that DEP-3 fields carry the name readably."""
    import email.header
    try:
        parts = email.header.decode_header(value)
    except Exception:
        return value
    out = ""
    for data, charset in parts:
        if isinstance(data, bytes):
            data = data.decode(charset or "ascii", errors="replace")
        out += data
    return out


def add_dep3(path, dest):
    """Copy a git format-patch file to dest with the DEP-3 fields it lacks.

    A git format-patch header (From, Date, Subject) is valid DEP-3: Subject
    stands for Description and From for Author.  Origin, Forwarded, Author
    and Last-Update are added at the end of the same header paragraph, so
    that the file is still an mbox that git am accepts."""
    text = read_text(path)
    name = os.path.basename(path)
    if not text.startswith("From "):
        raise Fail("%s is not a git format-patch file (no 'From <commit>' "
                   "line)" % name)
    if "\nGIT binary patch" in text:
        raise Fail("%s contains a git binary patch, which quilt and "
                   "dpkg-source cannot apply" % name)
    if not re.search(r"^(---|\+\+\+) ", text, re.M):
        raise Fail("%s contains no diff" % name)
    hdr, rest = split_header(text)
    subject = header_value(hdr, "Subject")
    author = header_value(hdr, "From")
    date = header_value(hdr, "Date")
    if not subject or not author:
        raise Fail("%s lacks a From: or Subject: header" % name)
    eol = "\r\n" if hdr[0].endswith("\r\n") else "\n"
    extra = []
    present = {ln.split(":", 1)[0].lower() for ln in hdr if ":" in ln
               and ln[:1] not in (" ", "\t")}
    if "author" not in present:
        extra.append("Author: " + decode_mime(author))
    if "origin" not in present:
        extra.append("Origin: " + ORIGIN)
    if "forwarded" not in present:
        # DEP-3: any value other than "no" or "not-needed" means forwarded
        extra.append("Forwarded: no")
    if "last-update" not in present and date:
        parsed = email.utils.parsedate_tz(date)
        if parsed:
            extra.append("Last-Update: %04d-%02d-%02d" % parsed[:3])
    with open(dest, "w", encoding="utf-8", errors="surrogateescape",
              newline="") as f:
        f.write("".join(hdr) + "".join(x + eol for x in extra) + rest)
    return strip_patch_prefix(subject)


# ---------------------------------------------------------------- changelog

def changelog_top(tree):
    path = os.path.join(tree, "debian", "changelog")
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
    except OSError:
        raise Fail("%s is missing" % path)
    m = re.match(r"^(\S+) \(([^)]+)\) ([^;]+);", first)
    if not m:
        raise Fail("cannot parse the first line of %s: %r" % (path, first))
    return m.group(1), m.group(2)


def maintainer(author):
    name = os.environ.get("DEBFULLNAME") or os.environ.get("NAME")
    mail = os.environ.get("DEBEMAIL") or os.environ.get("EMAIL")
    if mail and "<" in mail:
        n, mail = email.utils.parseaddr(mail)
        name = name or n
    if name and mail:
        return name, mail
    n, m = email.utils.parseaddr(decode_mime(author))
    return name or n or "AMD GPU reset series", mail or m or "root@localhost"


def rfc2822_now():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    t = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    # English names whatever the locale, as debian/changelog requires
    return email.utils.formatdate(t, localtime=False, usegmt=False) \
        .replace("-0000", "+0000")


def changelog_text(subjects):
    """The entry's bullet, unwrapped, and the patch list below it."""
    intro = ("Add the AMD GPU reset series (%d patches in debian/patches/%s/,"
             " not upstream): a device-specific reset under vfio-pci so that"
             " AMD Bonaire, Hawaii and Tonga GPUs (e.g. FirePro W7100)"
             " survive guest reboots." % (len(subjects), PATCH_SUBDIR))
    items = []
    for s in subjects:
        items += textwrap.wrap(s, 78, initial_indent="    - ",
                               subsequent_indent="      ")
    return intro, items


def add_changelog(tree, version, text, who):
    path = os.path.join(tree, "debian", "changelog")
    intro, items = text
    name, mail = who
    if shutil.which("dch"):
        env = {"DEBFULLNAME": name, "DEBEMAIL": mail,
               "EDITOR": "true", "VISUAL": "true"}
        cmd = ["dch", "--changelog", path, "--newversion", version,
               "--distribution", "UNRELEASED", "--no-auto-nmu",
               "--urgency", "medium", "--check-dirname-level", "0",
               "--", intro]
        res = run(cmd, cwd=tree, env=env)
        if res.returncode != 0:
            raise Fail("dch failed: " + last_lines(res.stdout))
        # dch wraps the bullet; the patch list goes below it
        with open(path, encoding="utf-8") as f:
            old = f.read()
        head, sep, tail = old.partition("\n\n -- ")
        if not sep:
            raise Fail("unexpected debian/changelog layout after dch")
        with open(path, "w", encoding="utf-8") as f:
            f.write(head + "".join("\n" + x for x in items) + sep + tail)
    else:
        pkg, _ = changelog_top(tree)
        lines = textwrap.wrap(intro, 78, initial_indent="  * ",
                              subsequent_indent="    ") + items
        entry = ("%s (%s) UNRELEASED; urgency=medium\n\n%s\n\n"
                 " -- %s <%s>  %s\n\n" % (pkg, version, "\n".join(lines),
                                          name, mail, rfc2822_now()))
        with open(path, encoding="utf-8") as f:
            old = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(entry + old)
    pkg, got = changelog_top(tree)
    if got != version:
        raise Fail("debian/changelog has version %s after the update, "
                   "expected %s" % (got, version))


# ------------------------------------------------------------------- quilt

def append_series(tree, names):
    path = os.path.join(tree, "debian", "patches", "series")
    try:
        with open(path, encoding="utf-8") as f:
            old = f.read()
    except OSError:
        old = ""
    listed = {ln.split()[0] for ln in old.splitlines()
              if ln.strip() and not ln.startswith("#")}
    dup = [n for n in names if n in listed]
    if dup:
        raise Fail("debian/patches/series already lists %s; start from an "
                   "unmodified Debian source package" % dup[0])
    if old and not old.endswith("\n"):
        old += "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(old + SERIES_COMMENT + "\n" +
                "".join(n + "\n" for n in names))


def quilt_push(tree, names):
    """Apply the new patches on top of Debian's, as dpkg-source would:
    -p1, no fuzz."""
    env = {"QUILT_PATCHES": "debian/patches", "QUILT_SERIES": "series",
           "QUILT_PC": ".pc", "QUILTRC": "/dev/null"}
    res = run(["quilt", "--quiltrc", "/dev/null", "push", "-a", "--fuzz=0"],
              cwd=tree, env=env)
    out = res.stdout or ""
    if res.returncode != 0:
        m = re.search(r"Patch (\S+) does not apply", out)
        f = re.search(r"FAILED -- (?:saving )?rejects (?:in|to) file (\S+)",
                      out)
        if m:
            raise Fail("patch %s does not apply on top of Debian's patches"
                       "%s" % (os.path.basename(m.group(1)),
                               " (fails on %s)" % f.group(1) if f else ""))
        raise Fail("quilt push failed: " + last_lines(out))
    applied_path = os.path.join(tree, ".pc", "applied-patches")
    with open(applied_path, encoding="utf-8") as f:
        applied = f.read().split()
    missing = [n for n in names if n not in applied]
    if missing:
        raise Fail("quilt did not apply %s" % missing[0])


# ------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(
        description="Add the AMD GPU reset series to a Debian qemu source "
                    "package and build the new source package.")
    ap.add_argument("--series", required=True,
                    help="directory of git format-patch files")
    ap.add_argument("--dsc", required=True, help="Debian .dsc to start from")
    ap.add_argument("--out", required=True,
                    help="directory for the unpacked tree and the new "
                         "source package")
    ap.add_argument("--suffix", default=DEFAULT_SUFFIX,
                    help="appended to the Debian version (default %s)"
                         % DEFAULT_SUFFIX)
    args = ap.parse_args()

    if not re.fullmatch(r"[A-Za-z0-9.+~]+", args.suffix):
        raise Fail("--suffix %r may only contain letters, digits and . + ~"
                   % args.suffix)
    for tool in ("dpkg-source",):
        if not shutil.which(tool):
            raise Fail("%s is not installed (apt-get install dpkg-dev)"
                       % tool)
    if not shutil.which("quilt"):
        raise Fail("quilt is not installed (apt-get install quilt)")
    series_dir = os.path.abspath(args.series)
    patches = series_patches(series_dir)
    dsc = os.path.abspath(args.dsc)
    if not os.path.isfile(dsc):
        raise Fail("Debian source package %s not found" % dsc)
    fields = read_dsc(dsc)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    srcdir = "%s-%s" % (fields["Source"], upstream_version(fields["Version"]))
    tree = os.path.join(out, srcdir)
    if os.path.exists(tree):
        raise Fail("%s already exists; remove it or choose another --out"
                   % tree)

    try:
        # 1. unpack, with Debian's patches applied
        res = run(["dpkg-source", "-x", dsc, tree], cwd=out)
        if res.returncode != 0:
            raise Fail("dpkg-source -x %s failed: %s"
                       % (os.path.basename(dsc), last_lines(res.stdout)))
        with open(os.path.join(tree, "debian", "source", "format")) as f:
            fmt = f.read().strip()
        if fmt != "3.0 (quilt)":
            raise Fail("%s is %r, not '3.0 (quilt)'" % (dsc, fmt))
        return finish(args, series_dir, patches, out, srcdir, tree)
    except BaseException:
        # the tree is ours: remove it, so that OUTDIR is ready for another
        # run
        shutil.rmtree(tree, ignore_errors=True)
        raise


def finish(args, series_dir, patches, out, srcdir, tree):
    pkg, cur = changelog_top(tree)
    version = cur + args.suffix

    # 2. the patches, with DEP-3 fields, at the end of the series
    pdir = os.path.join(tree, "debian", "patches", PATCH_SUBDIR)
    if os.path.exists(pdir):
        raise Fail("%s already has debian/patches/%s; start from an "
                   "unmodified Debian source package" % (srcdir, PATCH_SUBDIR))
    os.makedirs(pdir)
    names, subjects = [], []
    author = None
    for p in patches:
        base = os.path.basename(p)
        subjects.append(add_dep3(p, os.path.join(pdir, base)))
        names.append(PATCH_SUBDIR + "/" + base)
        if author is None:
            author = header_value(split_header(read_text(p))[0], "From")
    append_series(tree, names)

    # 3. apply them, so the tree is what dpkg-source -b expects: every
    #    patch of the series applied
    quilt_push(tree, names)

    # 4. changelog
    add_changelog(tree, version,
                  changelog_text(subjects),
                  maintainer(author))

    # 5. the new source package, next to the tree
    res = run(["dpkg-source", "-b", srcdir], cwd=out)
    if res.returncode != 0:
        raise Fail("dpkg-source -b failed: " + last_lines(res.stdout))
    new_dsc = os.path.join(out, "%s_%s.dsc"
                           % (pkg, version.split(":", 1)[-1]))
    if not os.path.isfile(new_dsc):
        raise Fail("dpkg-source -b did not produce %s" % new_dsc)
    print(new_dsc)
    return 0


def cli():
    try:
        sys.exit(main())
    except Fail as e:
        print("debian-dropin: error: %s" % e, file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
