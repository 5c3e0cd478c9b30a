# SPDX-License-Identifier: GPL-2.0-or-later
"""make check: every check of one base, run by a small scheduler.

The checks are jobs.  A job has its own log, BUILD/<base>/check-logs/
<job>.log, and gives one or more results; its TAP lines are printed when
it ends, and make check ends with "N passed, N failed".

Two cores: a heavy job (a ninja build, which keeps both busy) runs with
at most one light job beside it, light jobs (one process: packaging,
valgrind, the fuzzer, a test run) two at a time.  The patched tree's
working copy and build directory are shared state: the bisect checks out
every patch and rebuilds in place, so the jobs that use the built tree
or its working copy (checkpatch too) run before it, and test-libvirt,
which needs the QEMU without the series that the bisect leaves, after
it.  Everything else (git am onto a fresh tree, the packaging checks)
reads git objects or the exported series and runs beside whatever runs.
V=1 prints every job's log as it ends.
"""

import glob
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time

from . import build
from .common import (BASES, BUILD, GIT_ENV, REPO, Fail, git, git_out, log,
                     read_stamp, run, write_stamp)
from .identity import warn_if_placeholder
from .manifest import patches_for
from .series import git_am, series_files
from .source import base_of, fetch_deb, init_base_repo, make_pristine

# How many cores a job keeps busy, and what it does with the tree.
HEAVY, LIGHT = 2, 1
CAPACITY = 3            # a heavy job and a light one, or two light ones
MAX_LIGHT = 2


class Job:
    """@func(ctx) gives results with ctx.add(); it keeps @cores busy and
    starts when the jobs named in @deps have ended."""

    def __init__(self, name, func, cores=LIGHT, deps=()):
        self.name, self.func, self.cores = name, func, cores
        self.deps = list(deps)


class Context:
    def __init__(self, base, tree, logdir, job):
        self.base, self.tree, self.job = base, tree, job
        self.bdir = os.path.join(tree, "build")
        self.results = []
        self.log_path = os.path.join(logdir, job.name + ".log")
        # O_APPEND: the tooling tests write to it too, through its fd
        self.logf = open(self.log_path, "a")

    def add(self, name, ok, detail=""):
        self.results.append((name, ok, detail))
        self.write("%s - %s%s\n" % ("ok" if ok else "not ok", name,
                                    (" # " + detail) if detail else ""))

    def write(self, text):
        self.logf.write(text if text.endswith("\n") else text + "\n")
        self.logf.flush()


def schedule(jobs, ctx_of, report):
    """Run @jobs as their dependencies and the cores allow, each in a
    thread; call @report(job, ctx, seconds) as each ends."""
    pending = list(jobs)
    running = {}
    done = set()
    cond = threading.Condition()

    def body(job, ctx):
        t0 = time.time()
        try:
            job.func(ctx)
        except Fail as e:
            ctx.write("error: %s" % e)
            ctx.add(job.name, False, str(e).splitlines()[0][:300])
        except Exception as e:          # a bug of the tooling: say so
            ctx.write("internal error: %r" % e)
            ctx.add(job.name, False, "internal error: %r" % e)
        finally:
            ctx.logf.close()
            with cond:
                try:
                    report(job, ctx, time.time() - t0)
                finally:
                    del running[job.name]
                    done.add(job.name)
                    cond.notify_all()

    def can_start(job):
        if any(d not in done for d in job.deps):
            return False
        load = sum(j.cores for j in running.values())
        light = sum(1 for j in running.values() if j.cores == LIGHT)
        if job.cores == HEAVY:
            return load + HEAVY <= CAPACITY and all(
                j.cores != HEAVY for j in running.values())
        return load + LIGHT <= CAPACITY and light < MAX_LIGHT

    with cond:
        while pending or running:
            for job in list(pending):
                if can_start(job):
                    pending.remove(job)
                    running[job.name] = job
                    log("check: %s started" % job.name)
                    threading.Thread(target=body, args=(job, ctx_of(job)),
                                     daemon=True).start()
            if pending and not running:
                raise Fail("check jobs wait on each other: %s"
                           % ", ".join(j.name for j in pending))
            cond.wait()


class Results:
    def __init__(self):
        self.passed, self.failed = [], []

    def add(self, name, ok, detail=""):
        (self.passed if ok else self.failed).append(name)
        print("%s %d - %s%s" % ("ok" if ok else "not ok",
                                len(self.passed) + len(self.failed), name,
                                (" # " + detail) if detail else ""),
              flush=True)


# ------------------------------------------------------------------ checks

def check_checkpatch(ctx, series_dir):
    for p in series_files(series_dir):
        out = run(["perl", "scripts/checkpatch.pl", p], cwd=ctx.tree,
                  check=False, capture=True, quiet=True)
        text = out.stdout or ""
        m = re.search(r"total: (\d+) errors, (\d+) warnings", text)
        errors = len(re.findall(r"ERROR:", text))
        warnings = len(re.findall(r"WARNING:", text))
        if m:
            errors, warnings = int(m.group(1)), int(m.group(2))
        ok = out.returncode == 0 and errors == 0 and warnings == 0
        if not ok:
            ctx.write(text.strip())
        ctx.add("checkpatch %s %s" % (ctx.base, os.path.basename(p)), ok,
                "%d errors, %d warnings" % (errors, warnings))


def check_am_reproduces(ctx, series_dir):
    """git am onto a fresh pristine tree gives the tree we built."""
    with tempfile.TemporaryDirectory(dir=BUILD) as tmp:
        fresh = os.path.join(tmp, "qemu")
        make_pristine(ctx.base, fresh)
        init_base_repo(fresh)
        name = "git am %s onto pristine tree reproduces the build tree" % (
            ctx.base)
        try:
            git_am(fresh, series_dir)
        except Fail as e:
            ctx.add(name, False, str(e))
            return
        a = git_out(fresh, "rev-parse", "HEAD^{tree}")
        b = git_out(ctx.tree, "rev-parse", "series^{tree}")
        ctx.add(name, a == b, "%s vs %s" % (a[:12], b[:12]))


def check_files_final(ctx):
    """The series leaves each file it adds as the repository has it: the
    common diffs that the tooling takes back out of a file for the patch
    that adds it are put back by the later patches."""
    _, patches = patches_for(ctx.base)
    differ = []
    for f in [f for p in patches for f in p["files"]]:
        got = subprocess.run(["git", "-C", ctx.tree, "show", "series:" + f],
                             stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout
        with open(os.path.join(REPO, f), "rb") as fh:
            if fh.read() != got:
                differ.append(f)
    ctx.add("%s series ends with the repository's files" % ctx.base,
            not differ, "differ: " + " ".join(differ) if differ else "")


def meson_test(ctx, names, label):
    for name in names:
        out = run(["meson", "test", "-C", ctx.bdir, "--no-rebuild",
                   "--print-errorlogs", name], check=False, capture=True,
                  quiet=True)
        ctx.write(out.stdout or "")
        summary = re.findall(r"^(?:Ok|Fail|Skipped|Timeout):\s+\d+",
                             out.stdout or "", re.M)
        ctx.add("%s %s" % (label, name), out.returncode == 0,
                " ".join(summary))


def built_state(bdir, targets):
    """What the tests of a bisect step run: each target's file as ninja
    left it (a target ninja did not touch keeps its mtime) and meson's
    list of tests with their commands and environments."""
    h = hashlib.sha256()
    for t in targets:
        st = os.stat(os.path.join(bdir, t))
        h.update(("%s %d %d\n" % (t, st.st_mtime_ns, st.st_size)).encode())
    with open(os.path.join(bdir, "meson-info", "intro-tests.json"),
              "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def check_bisect(ctx, extra):
    """Every patch of the series builds on its own, and the series' tests
    that exist at that patch pass there.  First the base itself: the QEMU
    without the series, kept for test-libvirt (build.pristine_binary()).
    Each step builds what the series touches, the binary and the
    series' tests that exist there; ninja rebuilds what changed since
    the step before, meson regenerates its files where a meson.build
    changed, nothing is configured again.  A step whose build leaves the
    binaries and the test list as the step before left them (a patch of
    documentation only) does not run the tests again: they would run the
    same programs the same way, and the step says so (TAP SKIP).  Ends
    with the whole series built as make built it."""
    tree, bdir = ctx.tree, ctx.bdir
    commits = git_out(tree, "rev-list", "--reverse",
                      "base..series").split()
    last = None
    try:
        try:
            t0 = time.time()
            binary = build.pristine_binary(ctx.base, tree, restore=False)
            ctx.add("bisect %s base builds (QEMU without the series)"
                    % ctx.base, True, "%.0f s, %s" % (
                        time.time() - t0, os.path.relpath(binary, BUILD)))
        except Fail as e:
            ctx.add("bisect %s base builds (QEMU without the series)"
                    % ctx.base, False, str(e).replace("\n", " | ")[:300])
        for n, c in enumerate(commits, 1):
            git(tree, "checkout", "-q", c, quiet=True)
            subj = git_out(tree, "log", "-1", "--format=%s")
            name = "bisect %s patch %d builds: %s" % (ctx.base, n, subj)
            t0 = time.time()
            try:
                build.ninja(bdir, build.build_targets(tree), "patch %d" % n)
            except Fail as e:
                ctx.add(name, False, str(e).replace("\n", " | ")[:300])
                continue
            ctx.add(name, True, "%.0f s" % (time.time() - t0))
            tests = [t[2] for t in build.our_tests(tree)]
            state = built_state(bdir, build.build_targets(tree))
            if last and last[0] == state:
                for t in tests:
                    ctx.add("bisect %s patch %d: %s" % (ctx.base, n, t),
                            True, "SKIP the binaries and tests of patch "
                            "%d, unchanged: run there" % last[1])
                continue
            last = (state, n)
            meson_test(ctx, tests, "bisect %s patch %d:" % (ctx.base, n))
    finally:
        git(tree, "checkout", "-q", "series", quiet=True)
        build.ninja(bdir, build.build_targets(tree) + extra,
                    "QEMU " + ctx.base)


def check_devices(ctx):
    """The binary has the devices and the property the series is about."""
    qemu = os.path.join(ctx.bdir, "qemu-system-x86_64")
    out = run([qemu, "-device", "help"], check=False, capture=True,
              quiet=True).stdout or ""
    want = ["vfio-pci"] + (["vfio-user-pci"]
                           if BASES[ctx.base]["vfio_user"] else [])
    for dev in want:
        ctx.add("%s -device help lists %s" % (ctx.base, dev),
                '"%s"' % dev in out)
        props = run([qemu, "-device", dev + ",help"], check=False,
                    capture=True, quiet=True).stdout or ""
        ctx.add("%s %s has x-amd-reset" % (ctx.base, dev),
                "x-amd-reset=<OnOffAuto>" in props)


def tooling_hash():
    h = hashlib.sha256()
    for d in ("tooling", os.path.join("tests", "tooling")):
        for f in sorted(glob.glob(os.path.join(REPO, d, "**"),
                                  recursive=True)):
            if os.path.isfile(f) and "__pycache__" not in f:
                with open(f, "rb") as fh:
                    h.update(f.encode() + b"\0" + fh.read())
    return h.hexdigest()[:16]


def tooling_test(script):
    def func(ctx):
        t0 = time.time()
        ctx.write("$ %s %s %s" % (script, ctx.base, ctx.tree))
        res = subprocess.run([script, ctx.base, ctx.tree], stdout=ctx.logf,
                             stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL,
                             env=dict(os.environ, **GIT_ENV, BUILD_DIR=BUILD))
        ctx.add("tooling %s" % os.path.basename(script), res.returncode == 0,
                "%.0f s" % (time.time() - t0))
    return func


# What each of tests/tooling needs: the built tree as make left it
# ("read"), the bisect's QEMU without the series, or neither.  A heavy
# one builds QEMU.
TOOLING_TESTS = {
    "test-asan-qemu": ("read", HEAVY),
    "test-sanitizers": ("read", LIGHT),
    "test-valgrind": ("read", LIGHT),
    "test-fuzz": ("read", LIGHT),
    "test-libvirt": ("pristine", LIGHT),
    "test-debian-dropin": (None, LIGHT),
    "test-docs": (None, LIGHT),
    "test-errors": (None, LIGHT),
    "test-rpm": (None, LIGHT),
}


def tooling_tests(base, tree):
    """(name, script, needs, cores) of the executable tests/tooling/test-*
    that apply to @base."""
    out = []
    for script in sorted(glob.glob(os.path.join(REPO, "tests", "tooling",
                                                "test-*"))):
        if not os.access(script, os.X_OK):
            continue
        name = os.path.basename(script)
        if name not in TOOLING_TESTS:
            raise Fail("tests/tooling/%s is not in check.TOOLING_TESTS: say "
                       "what it needs" % name)
        if name == "test-asan-qemu" and not BASES[base]["vfio_user"]:
            continue            # the QEMU with sanitizers is 10.2's
        needs, cores = TOOLING_TESTS[name]
        out.append((name, script, needs, cores))
    return out


def check_jobs(base, tree, series_dir, extra, full, bisect):
    """The jobs of make check; @full: the series and tooling checks too
    (not cached), @bisect: and the bisect."""
    readers = [Job("tests", lambda c: meson_test(
                   c, [t[2] for t in build.our_tests(c.tree)] +
                   ["qtest-x86_64/" + t for t in build.QEMU_QTESTS], "test")),
               Job("devices", check_devices)]
    if full:
        # the tree's own scripts/checkpatch.pl, which looks at the tree's
        # top-level files (MAINTAINERS, which the series changes)
        readers.append(Job("checkpatch",
                           lambda c: check_checkpatch(c, series_dir)))
    others, after = [], []
    if full:
        for name, script, needs, cores in tooling_tests(base, tree):
            job = Job(name, tooling_test(script), cores)
            {"read": readers, "pristine": after, None: others}[needs].append(
                job)
        others[:0] = [
            Job("git-am", lambda c: check_am_reproduces(c, series_dir)),
            Job("files-final", check_files_final)]
    jobs = list(readers)
    if full and bisect:
        jobs.append(Job("bisect", lambda c: check_bisect(c, extra), HEAVY,
                        deps=[j.name for j in readers]))
    for job in after:
        job.deps = [j.name for j in jobs]
    # the heavy ones first, the light ones beside them
    jobs.sort(key=lambda j: -j.cores)
    return jobs + others + after


def cmd_check(args):
    base = base_of(args)
    extra = ["tests/qtest/" + t for t in build.QEMU_QTESTS]
    args.extra_targets = extra
    tree, bdir = build.cmd_build(args)
    series_dir = os.path.join(BUILD, base, "series")
    want = read_stamp(os.path.join(BUILD, base, "series.stamp"))
    res = Results()
    stamp = os.path.join(BUILD, base, "series-checks.stamp")
    want_checks = want + "-" + tooling_hash()
    cached = read_stamp(stamp) == want_checks
    if cached:
        log("series and tooling checks (checkpatch, git am, bisect, "
            "tests/tooling) passed before for this series and tooling; "
            "skipping (rm %s to redo)" % stamp)
    elif args.no_bisect and BASES[base]["libvirt"]:
        # test-libvirt's QEMU without the series, which the bisect makes
        build.pristine_binary(base, tree)
    if not os.environ.get("QEMU_SRC"):
        # the checks that read Debian's source package (git am onto a
        # fresh tree, the drop-in) find it downloaded
        fetch_deb(base)
    jobs = check_jobs(base, tree, series_dir, extra, not cached,
                      not args.no_bisect)
    logdir = os.path.join(BUILD, base, "check-logs")
    if os.path.exists(logdir):
        shutil.rmtree(logdir)
    os.makedirs(logdir)
    t0 = time.time()
    print("TAP version 13", flush=True)

    def report(job, ctx, seconds):
        bad = [r for r in ctx.results if not r[1]]
        log("check: %s ended in %.0f s: %d ok, %d not ok; log %s" % (
            job.name, seconds, len(ctx.results) - len(bad), len(bad),
            os.path.relpath(ctx.log_path, BUILD)))
        if bad or os.environ.get("V"):
            with open(ctx.log_path, errors="replace") as f:
                text = f.read().splitlines()
            # V=1: all of every log; else the tail of a failed one
            print("\n".join("# " + ln for ln in (
                text if os.environ.get("V") else text[-40:])), flush=True)
        for name, ok, detail in ctx.results:
            res.add(name, ok, detail)

    schedule(jobs, lambda j: Context(base, tree, logdir, j), report)
    log("checks of QEMU %s: %.0f s" % (base, time.time() - t0))
    if not res.failed and not cached:
        write_stamp(stamp, want_checks)
    print("%d passed, %d failed" % (len(res.passed), len(res.failed)))
    warn_if_placeholder(series_dir)
    if res.failed:
        raise Fail("%d check(s) failed for QEMU %s: %s" % (
            len(res.failed), base, "; ".join(res.failed[:5])))
