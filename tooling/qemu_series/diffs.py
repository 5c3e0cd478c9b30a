# SPDX-License-Identifier: GPL-2.0-or-later
"""diffs-from: bring a series edited in a QEMU git tree back into the
repository."""

import os
import subprocess

from .common import REPO, Fail, git, log
from .manifest import common_diff_path, diff_path, owned_files, patches_for
from .source import base_of


def cmd_diffs_from(args):
    """Refresh series/diffs/<base>/, series/diffs/common/ and the series'
    own files from a QEMU git tree whose commits base..HEAD are the
    series, one commit per manifest patch: edit the series there (git
    rebase -i), then bring it back here."""
    base = base_of(args)
    _, patches = patches_for(base, check_files=False)
    commits = git(args.tree, "rev-list", "--reverse", args.since + "..HEAD",
                  capture=True, quiet=True).stdout.split()
    if len(commits) != len(patches):
        raise Fail("%s has %d commits after %s, the manifest has %d patches "
                   "for %s" % (args.tree, len(commits), args.since,
                               len(patches), base))
    owned = sorted(owned_files())
    for d in ("series/diffs/" + base, "series/diffs/common"):
        os.makedirs(os.path.join(REPO, d), exist_ok=True)
    for c, p in zip(commits, patches):
        # QEMU's files per base; the files earlier patches of the series
        # add (the same on every base) in common/; the patch's own files
        # are in the repository as they are
        theirs = [f for f in owned if f not in p["files"]]
        for path, spec in (
                (diff_path(base, p["name"]),
                 ["."] + [":(exclude)" + f for f in owned]),
                (common_diff_path(p["name"]), theirs)):
            out = git(args.tree, "diff", "--no-color", "--no-ext-diff",
                      c + "^", c, "--", *spec, capture=True,
                      quiet=True).stdout if spec else ""
            if out.strip():
                with open(path, "w") as f:
                    f.write(out)
                log("wrote %s" % os.path.relpath(path, REPO))
            elif os.path.exists(path):
                os.unlink(path)
    for f in owned:
        res = subprocess.run(["git", "-C", args.tree, "show", "HEAD:" + f],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if res.returncode != 0:
            continue
        now = res.stdout
        with open(os.path.join(REPO, f), "rb") as fh:
            have = fh.read()
        if now != have:
            with open(os.path.join(REPO, f), "wb") as fh:
                fh.write(now)
            log("wrote %s" % f)
