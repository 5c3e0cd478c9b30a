# SPDX-License-Identifier: GPL-2.0-or-later
"""series/manifest, and the diffs that cut QEMU's files into patches."""

import hashlib
import json
import os
import re
import shutil
import tempfile

from .common import BASES, REPO, Fail, results_files, run
from .identity import series_identity


def parse_manifest(check_files=True):
    """series/manifest: comments, then blocks that start with
    'Patch: NAME' followed by Subject:, Files: (continued on indented
    lines), Bases: and, after a blank
    line, the commit message body (no Signed-off-by: the tooling adds
    it)."""
    path = os.path.join(REPO, "series", "manifest")
    header, patches, cur, in_body, key = {}, [], None, False, None
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("Patch:"):
                cur = {"name": line.split(":", 1)[1].strip(), "files": [],
                       "bases": list(BASES), "body": [], "line": lineno}
                patches.append(cur)
                in_body = False
                continue
            if cur is None:
                if line.startswith("#") or not line.strip():
                    continue
                key, _, val = line.partition(":")
                header[key.strip().lower()] = val.strip()
                continue
            if in_body:
                cur["body"].append(line)
            elif not line.strip():
                in_body = True
            elif line[0].isspace() and key == "files":
                # Files: continues on indented lines
                cur["files"] += line.split()
            else:
                key, _, val = line.partition(":")
                key = key.strip().lower()
                if key == "subject":
                    cur["subject"] = val.strip()
                elif key == "files":
                    cur["files"] += val.split()
                elif key == "bases":
                    cur["bases"] = val.split()
                else:
                    raise Fail("series/manifest:%d: unknown field %r"
                               % (lineno, key))
    for p in patches:
        while p["body"] and not p["body"][-1].strip():
            p["body"].pop()
        if "subject" not in p:
            raise Fail("series/manifest:%d: patch %s has no Subject"
                       % (p["line"], p["name"]))
        for f in p["files"] if check_files else []:
            if not os.path.isfile(os.path.join(REPO, f)):
                raise Fail("series/manifest: patch %s lists %s, which is "
                           "not in the repository" % (p["name"], f))
    for p in patches:
        if any(ln.startswith("Signed-off-by:") for ln in p["body"]):
            raise Fail("series/manifest: patch %s has a Signed-off-by: "
                       "line; the tooling adds the user's" % p["name"])
    return header, patches


def patches_for(base, check_files=True):
    header, patches = parse_manifest(check_files)
    return header, [p for p in patches if base in p["bases"]]


def diff_path(base, name):
    return os.path.join(REPO, "series", "diffs", base, name + ".diff")


def common_diff_path(name):
    """A patch's changes to files an earlier patch of the series added:
    the same on every base."""
    return os.path.join(REPO, "series", "diffs", "common", name + ".diff")


def diff_files(path):
    """The paths a git diff changes."""
    with open(path) as f:
        return sorted(set(re.findall(r"^\+\+\+ b/(\S+)$", f.read(), re.M)))


def owned_files():
    """{path: patch name} of every file a patch of the manifest adds."""
    _, patches = parse_manifest(check_files=False)
    return {f: p["name"] for p in patches for f in p["files"]}


def later_changes(patches):
    """{path: [common diff, ...]}: for each file the series adds, the
    common diffs of the patches after its own that change it, in order.
    Such a patch must be on every base its file's patch is on, or the
    file would not end up as the repository has it."""
    owner, changes = {}, {}
    for p in patches:
        for f in p["files"]:
            owner[f] = p
        d = common_diff_path(p["name"])
        if not os.path.exists(d):
            continue
        for f in diff_files(d):
            if f not in owner:
                raise Fail("series/diffs/common/%s.diff changes %s, which "
                           "no earlier patch adds; changes to QEMU's own "
                           "files go in series/diffs/<base>/" % (p["name"], f))
            missing = set(owner[f]["bases"]) - set(p["bases"])
            if missing:
                raise Fail("patch %s changes %s but is not on %s, where "
                           "patch %s adds it" % (
                               p["name"], f, " ".join(sorted(missing)),
                               owner[f]["name"]))
            changes.setdefault(f, []).append(d)
    return changes


def file_at_patch(path, diffs):
    """The repository's @path (its final version) with @diffs, the later
    patches' changes to it, taken back out, last first: the version the
    patch that adds it adds."""
    with tempfile.TemporaryDirectory() as tmp:
        dest = os.path.join(tmp, path)
        os.makedirs(os.path.dirname(dest))
        shutil.copyfile(os.path.join(REPO, path), dest)
        for d in reversed(diffs):
            res = run(["git", "apply", "-R", "--include=" + path, d],
                      cwd=tmp, check=False, capture=True, quiet=True,
                      env={"GIT_CEILING_DIRECTORIES": tmp})
            if res.returncode != 0:
                why = ((res.stdout or "").strip().splitlines() or [""])[-1]
                raise Fail("%s no longer takes back %s (%s): the file was "
                           "changed without the diff; refresh the diffs "
                           "with diffs-from" % (
                               os.path.relpath(d, REPO), path, why))
        with open(dest, "rb") as f:
            return f.read()


def series_inputs_hash(base):
    """Everything the exported series depends on."""
    h = hashlib.sha256()
    header, patches = patches_for(base)
    h.update(json.dumps([header, patches], sort_keys=True).encode())
    for p in patches:
        for f in p["files"] + [diff_path(base, p["name"]),
                               common_diff_path(p["name"])]:
            path = os.path.join(REPO, f)
            if os.path.exists(path):
                with open(path, "rb") as fh:
                    h.update(os.path.relpath(path, REPO).encode() + b"\0" +
                             fh.read())
    cover = os.path.join(REPO, "series", "cover-letter")
    with open(cover, "rb") as fh:
        h.update(fh.read())
    h.update(json.dumps(series_identity()[:2]).encode())
    for path in results_files():
        if os.path.exists(path):
            with open(path, "rb") as fh:
                h.update(path.encode() + b"\0" + fh.read())
    return h.hexdigest()[:16]
