# SPDX-License-Identifier: GPL-2.0-or-later
"""Who the patches are from."""

import os
import subprocess
import sys

from .common import REPO


# From: and Signed-off-by: of every patch when nobody is named; make warns
# that such a series cannot be sent.
PLACEHOLDER_NAME = "Unknown Author"
PLACEHOLDER_EMAIL = "unknown-author@example.invalid"
IDENTITY_VARS = [("QEMU_SERIES_NAME", "QEMU_SERIES_EMAIL"),
                 ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL")]


def git_config_value(key):
    """KEY of the user's git configuration (this repository's, global and
    system files), with the user's own environment, not GIT_ENV."""
    try:
        res = subprocess.run(["git", "-C", REPO, "config", "--get", key],
                             stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return ""
    return res.stdout.strip() if res.returncode == 0 else ""


def series_identity():
    """(name, email, source) the series is exported with: the first of
    QEMU_SERIES_NAME/QEMU_SERIES_EMAIL, GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL
    and git config user.name/user.email that is set, else the
    placeholder (source None)."""
    for nvar, evar in IDENTITY_VARS:
        name = os.environ.get(nvar, "").strip()
        email = os.environ.get(evar, "").strip()
        if name and email:
            return name, email, "%s/%s" % (nvar, evar)
    name, email = git_config_value("user.name"), git_config_value("user.email")
    if name and email:
        return name, email, "git config user.name/user.email"
    return PLACEHOLDER_NAME, PLACEHOLDER_EMAIL, None


def warn_if_placeholder(series_dir):
    name, email, source = series_identity()
    if source:
        return
    bar = "!" * 72
    print("\n".join([
        "", bar,
        "WARNING: the series in %s" % series_dir,
        "is From: and Signed-off-by: the placeholder %s <%s>:" % (
            name, email),
        "no git identity was found.  It cannot be sent as is.  Set",
        "git config user.name and user.email (or QEMU_SERIES_NAME and",
        "QEMU_SERIES_EMAIL) and run make again.",
        bar, ""]), file=sys.stderr, flush=True)
