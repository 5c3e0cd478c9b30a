# SPDX-License-Identifier: GPL-2.0-or-later
"""What every part of the tooling shares: where things go, the caches,
the supported bases, and Fail, log and run.

Errors are one line that names the fix: raise Fail, and the front end
prints "error: ..." and exits non-zero.
"""

import os
import shlex
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.path.abspath(os.environ.get("BUILD_DIR") or
                        os.path.join(REPO, "build"))

# Per supported base: Debian's source package, whether the series has the
# vfio-user client there (and so the qtests), and whether test-libvirt
# runs there (its QEMU then needs TCG).
BASES = {
    "10.2": {"deb": "1:10.2.2+ds-1", "suite": "sid", "vfio_user": True,
             "libvirt": True},
    "10.0": {"deb": "1:10.0.13+ds-0+deb13u1", "suite": "trixie",
             "vfio_user": False, "libvirt": False},
    "7.2": {"deb": "1:7.2+dfsg-7+deb12u18", "suite": "bookworm",
            "vfio_user": False, "libvirt": False},
}
DEFAULT_BASE = "10.2"


# ------------------------------------------------------------------ caches
#
# What survives make clean and a fresh clone on the same machine: the
# compiler cache and the downloaded Debian source packages.  One place,
# QEMU_SERIES_CACHE, else /var/cache/qemu-amd-reset for root, else
# $XDG_CACHE_HOME/qemu-amd-reset (~/.cache/qemu-amd-reset).  ccache uses
# CCACHE_DIR when the user sets it (with the user's own max_size), else
# CACHE/ccache bounded by CCACHE_MAXSIZE.  make clean-cache drops both.

def cache_root():
    if os.environ.get("QEMU_SERIES_CACHE"):
        return os.path.abspath(os.environ["QEMU_SERIES_CACHE"])
    if os.geteuid() == 0:
        return "/var/cache/qemu-amd-reset"
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache")
    return os.path.join(xdg, "qemu-amd-reset")


CACHE = cache_root()
SOURCES = os.path.join(CACHE, "sources")
OWN_CCACHE = not os.environ.get("CCACHE_DIR")
CCACHE_DIR = os.environ.get("CCACHE_DIR") or os.path.join(CACHE, "ccache")
# three bases, one ASan build, the bisect's versions: well under 1 GiB
CCACHE_MAXSIZE = "3G"

# Every QEMU build of the tooling compiles through ccache
# (build.configure_args()); paths under BUILD are hashed relative to the
# build directory, so that the tree, its bisect checkouts and a fresh
# clone elsewhere share compiler results.
CCACHE_ENV = {
    "CCACHE_NOHASHDIR": "1",
    "CCACHE_DIR": CCACHE_DIR,
    "CCACHE_BASEDIR": os.path.realpath(BUILD),
    # children (tests/tooling, robustness) find the same caches
    "QEMU_SERIES_CACHE": CACHE,
}
if OWN_CCACHE:
    CCACHE_ENV["CCACHE_MAXSIZE"] = os.environ.get("CCACHE_MAXSIZE",
                                                  CCACHE_MAXSIZE)

# Fixed dates make the exported series byte-for-byte stable for a given
# identity (identity.series_identity()).  HOME points away from the
# user's: read anything of the user's git configuration before, without
# GIT_ENV.
GIT_ENV = dict({
    "GIT_AUTHOR_DATE": "2026-11-24T12:00:00+0000",
    "GIT_COMMITTER_DATE": "2026-11-24T12:00:00+0000",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": os.path.join(BUILD, ".home"),
}, **CCACHE_ENV)


class Fail(Exception):
    """A one-line error for the user."""


PREFIX = ["qemu-series"]
START = time.time()


def set_prefix(name):
    """The name log() puts before each line: the front end's."""
    PREFIX[0] = name


def log(msg):
    """@msg after the front end's name and the seconds since it started,
    which say where the time of a make check goes."""
    print("[%s %4.0fs] %s" % (PREFIX[0], time.time() - START, msg),
          flush=True)


def run(cmd, cwd=None, env=None, check=True, capture=False, quiet=False,
        timeout=None, tool_env=True, inherit=True):
    """Run @cmd with this process's environment (unless @inherit is
    false), the tooling's (GIT_ENV, unless @tool_env is false) and
    @env.  @capture: stdout and stderr together
    in the result's stdout.  A failure with @check raises Fail with the
    command and, when captured, the last lines of its output."""
    full_env = dict(os.environ) if inherit else {}
    if tool_env and inherit:
        full_env.update(GIT_ENV)
    if env:
        full_env.update(env)
    if not quiet and not capture:
        log("$ " + " ".join(shlex.quote(c) for c in cmd) +
            ("   (in %s)" % cwd if cwd else ""))
    try:
        res = subprocess.run(cmd, cwd=cwd, env=full_env, text=True,
                             errors="replace", timeout=timeout,
                             stdout=subprocess.PIPE if capture else None,
                             stderr=subprocess.STDOUT if capture else None)
    except subprocess.TimeoutExpired:
        raise Fail("timed out after %d s: %s" % (timeout, " ".join(cmd)))
    except OSError as e:
        raise Fail("cannot run %s: %s" % (cmd[0], e.strerror))
    if check and res.returncode != 0:
        out = (res.stdout or "").strip().splitlines()[-20:] if capture else []
        raise Fail("command failed (%d): %s%s" % (
            res.returncode, " ".join(cmd),
            ("\n" + "\n".join(out)) if out else ""))
    return res


def git(tree, *args, **kw):
    return run(["git", "-C", tree] + list(args), **kw)


def git_out(tree, *args):
    """The stripped output of a git command that must succeed."""
    return git(tree, *args, capture=True, quiet=True).stdout.strip()


def read_stamp(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def write_stamp(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(value + "\n")


def results_files():
    """The results of the last make bench and make fuzz (10.2 only)."""
    return [os.path.join(BUILD, "bench", "results.txt"),
            os.path.join(BUILD, "fuzz", "10.2", "results.txt")]


def main_guard(name, func, *args):
    """Run a front end's @func: Fail becomes one "error:" line on stderr
    and exit status 1."""
    set_prefix(name)
    try:
        return func(*args)
    except Fail as e:
        print("error: %s" % e, file=sys.stderr, flush=True)
        sys.exit(1)
