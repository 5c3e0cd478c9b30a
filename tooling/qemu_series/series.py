# SPDX-License-Identifier: GPL-2.0-or-later
"""The series as commits in build/<base>/gen, exported with git
format-patch, applied to the tree with git am."""

import glob
import os
import re
import shutil

from .common import BUILD, REPO, Fail, git, log, read_stamp, write_stamp
from .cover import fill_cover_letter
from .identity import series_identity, warn_if_placeholder
from .manifest import (common_diff_path, diff_path, file_at_patch,
                       later_changes, patches_for, series_inputs_hash)
from .source import base_of, base_tree


def cmd_series(args):
    """Make the series as commits in build/<base>/gen, then export it."""
    base = base_of(args)
    tree = base_tree(base)
    series_dir = os.path.join(BUILD, base, "series")
    inputs = series_inputs_hash(base)
    stamp = os.path.join(BUILD, base, "series.stamp")
    if read_stamp(stamp) == inputs and glob.glob(series_dir + "/*.patch"):
        return series_dir
    header, patches = patches_for(base)
    gen = os.path.join(BUILD, base, "gen")
    if os.path.exists(gen):
        shutil.rmtree(gen)
    git(tree, "worktree", "prune", quiet=True)
    git(tree, "worktree", "add", "-q", "-f", "--detach", gen, "base",
        quiet=True)
    name, email, _ = series_identity()
    # also over any GIT_AUTHOR_* or GIT_COMMITTER_* of the user's
    ident = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
             "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
    git(gen, "config", "user.name", name, quiet=True)
    git(gen, "config", "user.email", email, quiet=True)
    changes = later_changes(patches)
    for n, p in enumerate(patches, 1):
        for f in p["files"]:
            dest = os.path.join(gen, f)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as fh:
                fh.write(file_at_patch(f, changes.get(f, [])))
            git(gen, "add", "-f", f, quiet=True)
        for d in (common_diff_path(p["name"]), diff_path(base, p["name"])):
            if not os.path.exists(d):
                continue
            res = git(gen, "apply", "--index", "--whitespace=nowarn", d,
                      check=False, capture=True)
            if res.returncode != 0:
                m = re.search(r"patch failed: ([^:\s]+)", res.stdout or "")
                raise Fail("patch %d (%s) does not apply to QEMU %s: "
                           "%s fails on %s; refresh the diff against this "
                           "base" % (
                               n, p["name"], base, os.path.relpath(d, REPO),
                               m.group(1) if m else res.stdout.strip()))
        msg = p["subject"] + "\n\n" + "\n".join(p["body"]) + "\n"
        git(gen, "commit", "-q", "--no-verify", "--signoff", "-m", msg,
            env=ident, quiet=True)
    if os.path.exists(series_dir):
        shutil.rmtree(series_dir)
    git(gen, "format-patch", "-q", "--cover-letter", "--no-signature",
        "--zero-commit", "--stat=80", "-o", series_dir, "base..HEAD",
        env=ident, quiet=True)
    fill_cover_letter(base, series_dir, patches)
    write_stamp(stamp, inputs)
    log("series: %d patches in %s" % (len(patches), series_dir))
    warn_if_placeholder(series_dir)
    return series_dir


def series_files(series_dir):
    return sorted(p for p in glob.glob(os.path.join(series_dir, "*.patch"))
                  if not p.endswith("0000-cover-letter.patch"))


def git_am(tree, series_dir):
    if os.path.isdir(os.path.join(tree, ".git", "rebase-apply")):
        git(tree, "am", "--abort", check=False, quiet=True)
    res = git(tree, "am", "-q", "--keep-cr", *series_files(series_dir),
              check=False, capture=True)
    if res.returncode != 0:
        out = res.stdout or ""
        m = re.search(r"Patch failed at (\S+) (.*)", out)
        f = re.search(r"patch failed: ([^:\s]+)", out)
        git(tree, "am", "--abort", check=False, quiet=True)
        raise Fail("git am failed at patch %s (%s) on %s; the series no "
                   "longer applies to this QEMU tree" % (
                       m.group(1) if m else "?", m.group(2) if m else "",
                       f.group(1) if f else "?"))


def cmd_tree(args):
    """build/<base>/qemu at base + the exported series, applied by git am."""
    base = base_of(args)
    series_dir = cmd_series(args)
    tree = os.path.join(BUILD, base, "qemu")
    want = read_stamp(os.path.join(BUILD, base, "series.stamp"))
    stamp = os.path.join(BUILD, base, "applied.stamp")
    head_ok = git(tree, "status", "--porcelain", "--untracked-files=no",
                  capture=True, quiet=True).stdout.strip() == ""
    if read_stamp(stamp) == want and head_ok and not os.path.isdir(
            os.path.join(tree, ".git", "rebase-apply")):
        return tree
    log("applying the series to %s with git am" % tree)
    if os.path.exists(stamp):
        os.unlink(stamp)
    if not head_ok:
        log("discarding local changes in %s" % tree)
    git(tree, "checkout", "-q", "-f", "-B", "series", "base", quiet=True)
    git(tree, "reset", "-q", "--hard", "base", quiet=True)
    git_am(tree, series_dir)
    write_stamp(stamp, want)
    return tree
