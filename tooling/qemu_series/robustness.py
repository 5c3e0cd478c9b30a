# SPDX-License-Identifier: GPL-2.0-or-later
"""Robustness checks of the AMD GPU reset series.

Sanitizers, valgrind, fuzzing, and the benchmark against upstream:

  robustness sanitizers BASE TREE
      tests/unit/test-amd-reset compiled with ASan and UBSan from the
      commands ninja compiles it with in TREE/build (the same compiler,
      through the same ccache), linked as ninja links it, in
      BUILD/BASE/sanitizers; it must pass with no sanitizer report.  No
      second configure: only the series' test and the code it tests are
      instrumented, QEMU's utility library is the main build's.
  robustness asan-qemu BASE TREE
      where the series has the vfio-user qtest (10.2): configure
      TREE/build-asan (the tooling's configure flags, no TCG, plus ASan
      and UBSan), build qemu-system-x86_64 and the qtest there and run
      the qtest against that QEMU, with the same rule for QEMU and the
      test.  The one QEMU built with sanitizers.
  robustness valgrind BASE TREE
      run TREE/build/tests/unit/test-amd-reset under valgrind memcheck:
      no error and no definite leak.
  robustness fuzz [--seconds N] [--check] BASE TREE
      build the libFuzzer target tooling/fuzz/amd-reset-fuzz.c with
      hw/vfio/amd-reset.c (clang, ASan, UBSan) in BUILD/fuzz/BASE and run
      it for N seconds (default 60) on the corpus BUILD/fuzz/BASE/corpus,
      seeded from tooling/fuzz/corpus, and write what it did to
      BUILD/fuzz/BASE/results.txt (the cover letter quotes it); --check
      runs a short fixed-seed pass on a fresh copy of the seeds instead.
  robustness bench BASE TREE
      tooling/bench/run-bench: ours against upstream's quirk (10.2 only).

TREE is the patched QEMU tree (BUILD/BASE/qemu), already built by
tooling/qemu-series.  Each command prints what it runs and ends with a
PASS or FAIL line; the exit code is non-zero on failure.
"""

import argparse
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

from . import build
from .common import BUILD, REPO, Fail, log, run, set_prefix

UNIT = "tests/unit/test-amd-reset"
QTEST = "tests/qtest/vfio-user-amd-reset-test"
FUZZ_SRC = os.path.join(REPO, "tooling", "fuzz", "amd-reset-fuzz.c")
SEEDS = os.path.join(REPO, "tooling", "fuzz", "corpus")
CHECK_RUNS = 20000

SAN_ENV = {
    "ASAN_OPTIONS": "detect_leaks=1:abort_on_error=1:halt_on_error=1",
    "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
}


def rrun(cmd, cwd=None, env=None, capture=False, check=True, timeout=None):
    """run(), saying what it runs even when the output is captured."""
    log("$ " + " ".join(shlex.quote(c) for c in cmd)
        + ("   (in %s)" % cwd if cwd else ""))
    return run(cmd, cwd=cwd, env=env, capture=capture, check=check,
               quiet=True, timeout=timeout)


def need_unit_test(tree):
    if not os.path.exists(os.path.join(tree, UNIT + ".c")):
        raise Fail("%s has no %s.c; is the series applied?" % (tree, UNIT))


def ninja_build(bdir, targets):
    """ninja, niced, through the tooling's ccache (run() sets it)."""
    jobs = str(os.cpu_count() or 2)
    rrun(["nice", "ninja", "-j", jobs] + targets, cwd=bdir, capture=True)


def ninja_commands(bdir, target):
    out = run(["ninja", "-t", "commands", target], cwd=bdir,
              capture=True, quiet=True).stdout
    return [ln for ln in out.splitlines() if ln.strip()]


def unit_commands(bdir):
    """How ninja builds UNIT in @bdir: {object: compile command} of the
    test's own objects (the test, the model, the engine) and the link
    command."""
    objs, link = {}, []
    for c in ninja_commands(bdir, UNIT):
        argv = shlex.split(c)
        if "-o" not in argv:
            continue
        out = argv[argv.index("-o") + 1]
        if out == UNIT:
            link.append(argv)
        elif out.startswith(UNIT + ".p/") and "-c" in argv:
            objs[out] = argv
    if len(link) != 1 or not objs:
        raise Fail("cannot find how ninja compiles and links %s in %s"
                   % (UNIT, bdir))
    return objs, link[0]


def relink(link, binary, objects, first_flags):
    """@link (ninja's link argv of UNIT) producing @binary from @objects
    instead of the test's own objects, with @first_flags after the
    driver."""
    argv = [link[0]] + first_flags
    placed, skip = False, False
    for a in link[1:]:
        if skip:
            skip = False
            continue
        if a == "-o":
            argv += ["-o", binary]
            skip = True
        elif a.startswith(UNIT + ".p/"):
            if not placed:
                argv += objects
                placed = True
        else:
            argv.append(a)
    if not placed:
        raise Fail("the link command of %s names none of its objects" % UNIT)
    return argv


# -------------------------------------------------------------- sanitizers

SAN_FLAGS = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer",
             "-fno-sanitize-recover=undefined"]


def cmd_sanitizers(args):
    tree = os.path.abspath(args.tree)
    need_unit_test(tree)
    bdir = os.path.join(tree, "build")
    out = os.path.join(BUILD, args.base, "sanitizers")
    t0 = time.time()
    if not args.check:
        # make check built it before its jobs: no second ninja beside
        ninja_build(bdir, [UNIT])
    objs, link = unit_commands(bdir)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    built = []
    for obj, argv in sorted(objs.items()):
        dest = os.path.join(out, os.path.basename(obj))
        cmd, skip = [], False
        for a in argv:
            if skip:
                skip = False
                continue
            if a in ("-MQ", "-MF", "-o"):
                skip = a != "-o"
                if a == "-o":
                    cmd += ["-o", dest]
                    skip = True
                continue
            if a == "-MD":
                continue
            cmd.append(a)
        cmd[cmd.index("-c"):cmd.index("-c")] = SAN_FLAGS
        rrun(cmd, cwd=bdir, capture=True)
        built.append(dest)
    binary = os.path.join(out, os.path.basename(UNIT))
    rrun(relink(link, binary, built, SAN_FLAGS), cwd=bdir, capture=True)
    log("ASan/UBSan build of %s (%d objects): %.0f s" % (
        UNIT, len(built), time.time() - t0))
    run_sanitized(out, binary)


def sanitizer_flags(tree):
    """--enable-asan --enable-ubsan, or --enable-sanitizers on old bases."""
    with open(os.path.join(tree, "meson_options.txt")) as f:
        opts = f.read()
    if re.search(r"option\('asan'", opts):
        return ["--enable-asan", "--enable-ubsan"]
    if re.search(r"option\('sanitizers'", opts):
        return ["--enable-sanitizers"]
    with open(os.path.join(tree, "configure")) as f:
        if re.search(r"^\s*--enable-sanitizers\)", f.read(), re.M):
            return ["--enable-sanitizers"]      # QEMU <= 7.2: configure
    raise Fail("%s/meson_options.txt has neither asan nor sanitizers" % tree)


def asan_qemu_configure(base, tree):
    # no TCG: the qtest runs QEMU with -accel qtest, and TCG would only add
    # the largest files of QEMU to a build with sanitizers
    conf = [a for a in build.configure_args(base, tree) if a != "--enable-tcg"]
    return conf + ["--disable-tcg"] + sanitizer_flags(tree)


def cmd_asan_qemu(args):
    tree = os.path.abspath(args.tree)
    if not os.path.exists(os.path.join(tree, QTEST + ".c")):
        raise Fail("%s has no %s.c: the QEMU with sanitizers is built for "
                   "the base with the vfio-user qtest" % (tree, QTEST))
    t0 = time.time()
    bdir = build.ensure_configured(args.base, tree, "build-asan",
                                   asan_qemu_configure(args.base, tree))
    targets = ["qemu-system-x86_64", QTEST]
    ninja_build(bdir, targets)
    build.link_firmware(bdir)
    log("ASan/UBSan build of %s: %.0f s" % (" ".join(targets),
                                            time.time() - t0))
    run_sanitized(bdir, os.path.join(bdir, QTEST),
                  qemu=os.path.join(bdir, "qemu-system-x86_64"))


def run_sanitized(bdir, test, qemu=None):
    """Run @test of @bdir (glib TAP): every test ok, no sanitizer report
    from the test or from the QEMU (@qemu) it starts, whose stderr may go
    to a file: the reports go to BDIR/sanitizer-logs.  QEMU runs without
    LeakSanitizer: upstream QEMU does not free everything before it exits
    (vfio_user_pci_realize() alone leaks a name), and what the test is
    after in QEMU is memory errors; the test's own process keeps it."""
    logs = os.path.join(bdir, "sanitizer-logs")
    if os.path.exists(logs):
        shutil.rmtree(logs)
    os.makedirs(logs)
    env = {}
    for var, opts in SAN_ENV.items():
        env[var] = opts + ":log_path=" + os.path.join(logs, var.split("_")[0])
    if qemu:
        # libqtest takes the target from the name: keep *-system-<arch>
        wrapper = os.path.join(logs, os.path.basename(qemu))
        with open(wrapper, "w") as f:
            f.write("".join([
                "#!/bin/sh", os.linesep,
                "ASAN_OPTIONS=", shlex.quote(env["ASAN_OPTIONS"].replace(
                    "detect_leaks=1", "detect_leaks=0")),
                " exec ", shlex.quote(qemu), ' "$@"', os.linesep]))
        os.chmod(wrapper, 0o755)
        env["QTEST_QEMU_BINARY"] = wrapper
    t0 = time.time()
    res = rrun([os.path.join(bdir, test), "--tap", "-k"], cwd=bdir, env=env,
               capture=True, check=False, timeout=1200)
    out = res.stdout
    for f in sorted(glob.glob(os.path.join(logs, "*SAN.*"))):
        with open(f, errors="replace") as fh:
            out += "\n==> %s <==\n%s" % (f, fh.read())
    reports = re.findall(r"^.*(?:ERROR: AddressSanitizer|ERROR: "
                         r"LeakSanitizer|runtime error:).*$", out, re.M)
    oks = len(re.findall(r"^ok ", out, re.M))
    not_oks = len(re.findall(r"^not ok ", out, re.M))
    if res.returncode != 0 or reports or not_oks or not oks:
        print(out)
        raise Fail("%s with ASan+UBSan: exit %d, %d ok, %d not ok, %d "
                   "sanitizer reports%s" % (
                       test, res.returncode, oks, not_oks, len(reports),
                       ("; first: " + reports[0].strip()) if reports
                       else ""))
    log("%s with ASan+UBSan: %d tests ok, no sanitizer report (%.0f s)"
        % (test, oks, time.time() - t0))


# ---------------------------------------------------------------- valgrind

def cmd_valgrind(args):
    tree = os.path.abspath(args.tree)
    need_unit_test(tree)
    bdir = os.path.join(tree, "build")
    if not shutil.which("valgrind"):
        raise Fail("valgrind is not installed (apt-get install valgrind)")
    if not args.check:
        # make check built it before its jobs: no second ninja beside
        ninja_build(bdir, [UNIT])
    # glib's slice allocator and GC-friendly mode keep valgrind honest
    env = {"G_SLICE": "always-malloc", "G_DEBUG": "gc-friendly"}
    res = rrun(["valgrind", "--error-exitcode=1", "--leak-check=full",
               "--errors-for-leak-kinds=definite",
                "--show-leak-kinds=definite",
                os.path.join(bdir, UNIT), "--tap"], cwd=bdir, env=env,
               capture=True, check=False, timeout=1200)
    out = res.stdout
    m = re.search(r"ERROR SUMMARY: (\d+) errors", out)
    definite = re.search(r"definitely lost: ([\d,]+) bytes", out)
    oks = len(re.findall(r"^ok ", out, re.M))
    not_oks = len(re.findall(r"^not ok ", out, re.M))
    summary = "%d ok, %d not ok, %s errors, definitely lost %s bytes" % (
        oks, not_oks, m.group(1) if m else "?",
        definite.group(1) if definite else "0")
    if res.returncode != 0 or not m or m.group(1) != "0" or not_oks or \
            not oks or (definite and definite.group(1) != "0"):
        print(out)
        raise Fail("valgrind %s: exit %d, %s" % (UNIT, res.returncode,
                                                 summary))
    log("valgrind %s: %s" % (UNIT, summary))


# -------------------------------------------------------------------- fuzz

def clang():
    for c in ("clang-14", "clang"):
        if shutil.which(c):
            return c
    raise Fail("clang is not installed (apt-get install clang "
               "libclang-rt-dev)")


# gcc flags clang does not know, or that only get in the way here
DROP_PREFIXES = ("-Werror", "-Wimplicit-fallthrough=", "-Wold-style-decl",
                 "-Wshadow=", "-Wformat-y2k", "-Wmissing-format-attribute",
                 "-Wno-psabi", "-fzero-call-used-regs",
                 "-ftrivial-auto-var-init", "-fdiagnostics-color",
                 "-Winvalid-pch", "-Wexpansion-to-defined", "-O",
                 "-fsanitize", "-fno-sanitize")


def clang_compile_argv(template, src, obj):
    """A gcc command line of ninja's turned into a clang one for @src."""
    argv = shlex.split(template)
    if argv[0] == "ccache":
        argv = argv[1:]
    out = [clang()]
    skip = False
    for i, a in enumerate(argv[1:], 1):
        if skip:
            skip = False
            continue
        if a in ("-MD",):
            continue
        if a in ("-MQ", "-MF", "-o", "-c"):
            skip = True
            continue
        if a.startswith(DROP_PREFIXES):
            continue
        out.append(a)
    return out + ["-O1", "-g", "-fno-omit-frame-pointer",
                  "-fsanitize=fuzzer-no-link,address,undefined",
                  "-fno-sanitize-recover=all",
                  "-Wno-unknown-warning-option", "-Wno-unused-command-line-"
                  "argument", "-Wno-missing-prototypes", "-o", obj, "-c", src]


def engine_sources(tree):
    """hw/vfio/amd-reset*.c: the engine without the vfio glue"""
    return sorted(glob.glob(os.path.join(tree, "hw/vfio/amd-reset*.c")))


def build_fuzzer(base, tree, check=False):
    bdir = os.path.join(tree, "build")
    fdir = os.path.join(BUILD, "fuzz", base)
    os.makedirs(fdir, exist_ok=True)
    # the unit test needs what the engine needs: generated headers,
    # libqemuutil.a (trace events included) and the engine's flags
    if not check:
        # make check built it before its jobs: no second ninja beside
        ninja_build(bdir, [UNIT])
    objs, link = unit_commands(bdir)
    engine = [" ".join(shlex.quote(a) for a in argv)
              for argv in objs.values()
              if re.search(r"(^|/)amd-reset\.c$", argv[-1])]
    if len(engine) != 1:
        raise Fail("cannot find how ninja compiles hw/vfio/amd-reset.c for "
                   "%s" % UNIT)
    # the engine, its policy and its tables, compiled with its flags
    objs = []
    for src in engine_sources(tree):
        obj = os.path.join(fdir, os.path.basename(src)[:-2] + ".o")
        rrun(clang_compile_argv(engine[0], src, obj), cwd=bdir)
        objs.append(obj)
    fuzz_obj = os.path.join(fdir, "amd-reset-fuzz.o")
    rrun(clang_compile_argv(engine[0], FUZZ_SRC, fuzz_obj), cwd=bdir)
    # link as the unit test links, with our objects instead of its own
    binary = os.path.join(fdir, "amd-reset-fuzz")
    argv = relink(link, binary, [fuzz_obj] + objs,
                  ["-fsanitize=fuzzer,address,undefined"])
    argv[0] = clang()
    rrun(argv, cwd=bdir)
    return binary


def parse_fuzz_stats(out):
    stats = {}
    for k, v in re.findall(r"^stat::(\w+):\s+(\d+)", out, re.M):
        stats[k] = int(v)
    m = re.findall(r"#(\d+)\s+(?:DONE|pulse|NEW|REDUCE).*?exec/s: (\d+)",
                   out)
    if m:
        stats.setdefault("number_of_executed_units", int(m[-1][0]))
        stats.setdefault("average_exec_per_sec", int(m[-1][1]))
    cov = re.findall(r"cov: (\d+) ft: (\d+)", out)
    if cov:
        stats["cov"], stats["ft"] = int(cov[-1][0]), int(cov[-1][1])
    return stats


def cmd_fuzz(args):
    tree = os.path.abspath(args.tree)
    if not os.path.exists(os.path.join(tree, "hw/vfio/amd-reset.c")):
        raise Fail("%s has no hw/vfio/amd-reset.c; is the series applied?"
                   % tree)
    t0 = time.time()
    binary = build_fuzzer(args.base, tree, args.check)
    log("fuzzer built in %.0f s: %s" % (time.time() - t0, binary))
    fdir = os.path.dirname(binary)
    artifacts = os.path.join(fdir, "artifacts") + "/"
    os.makedirs(artifacts, exist_ok=True)
    seeds = sorted(glob.glob(os.path.join(SEEDS, "*")))
    common = ["-artifact_prefix=" + artifacts, "-timeout=10",
              "-max_len=2048", "-print_final_stats=1"]
    tmp = None
    if args.check:
        # a fixed-seed pass over a fresh copy of the seeds: reproducible
        tmp = tempfile.mkdtemp(prefix="corpus-check-", dir=fdir)
        for s in seeds:
            shutil.copy(s, tmp)
        cmd = [binary, "-seed=1", "-runs=%d" % CHECK_RUNS] + common + [tmp]
        timeout = 600
    else:
        corpus = os.path.join(fdir, "corpus")
        os.makedirs(corpus, exist_ok=True)
        for s in seeds:
            dest = os.path.join(corpus, os.path.basename(s))
            if not os.path.exists(dest):
                shutil.copy(s, dest)
        cmd = [binary, "-max_total_time=%d" % args.seconds] + common + \
            [corpus]
        timeout = args.seconds + 300
    t1 = time.time()
    try:
        res = rrun(cmd, env=SAN_ENV, capture=True, check=False,
                   timeout=timeout)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    out = res.stdout
    stats = parse_fuzz_stats(out)
    crashes = [ln for ln in out.splitlines()
               if re.search(r"Test unit written to|ERROR: (Address|Leak|"
                            r"libFuzzer)|runtime error:|amd-reset-fuzz: ",
                            ln)]
    summary = "%s runs in %.0f s, %s exec/s, cov %s ft %s, corpus %s" % (
        stats.get("number_of_executed_units", "?"), time.time() - t1,
        stats.get("average_exec_per_sec", "?"), stats.get("cov", "?"),
        stats.get("ft", "?"), "fresh seeds" if args.check
        else os.path.join(fdir, "corpus"))
    if not args.check:
        # what the cover letter may quote: this run, with its date
        with open(os.path.join(fdir, "results.txt"), "w") as f:
            f.write("".join("%s: %s\n" % kv for kv in [
                ("date", time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(
                    t1))),
                ("base", args.base),
                ("seconds", "%.0f" % (time.time() - t1)),
                ("runs", stats.get("number_of_executed_units", "?")),
                ("exec/s", stats.get("average_exec_per_sec", "?")),
                ("cov", stats.get("cov", "?")),
                ("ft", stats.get("ft", "?")),
                ("result", "FAIL" if res.returncode != 0 or crashes
                 else "PASS")]))
    if res.returncode != 0 or crashes:
        print("\n".join(out.splitlines()[-60:]))
        raise Fail("fuzzer found a problem (exit %d): %s; %s; reproduce "
                   "with %s ARTIFACT" % (res.returncode, summary,
                                         "; ".join(crashes[:4]), binary))
    log("fuzz: " + summary)


# ------------------------------------------------------------------- bench

def cmd_bench(args):
    res = subprocess.run([os.path.join(REPO, "tooling", "bench", "run-bench"),
                          args.base, args.tree])
    if res.returncode != 0:
        raise Fail("run-bench exited with %d" % res.returncode)


COMMANDS = {"sanitizers": cmd_sanitizers, "asan-qemu": cmd_asan_qemu,
            "valgrind": cmd_valgrind, "fuzz": cmd_fuzz, "bench": cmd_bench}


def main():
    set_prefix("robustness")
    ap = argparse.ArgumentParser(
        prog="robustness", description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]))
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in COMMANDS:
        p = sub.add_parser(name)
        if name == "fuzz":
            p.add_argument("--seconds", type=int, default=60)
        # accepted everywhere, so that the test wrappers can pass it
        p.add_argument("--check", action="store_true",
                       help="the short pass of make check")
        p.add_argument("base")
        p.add_argument("tree")
    args = ap.parse_args()
    what = "%s %s" % (args.cmd, args.base)
    t0 = time.time()
    try:
        if args.cmd == "bench" and args.base != "10.2":
            raise Fail("the benchmark needs vfio-user: base 10.2 only")
        COMMANDS[args.cmd](args)
    except Fail as e:
        print("error: %s" % e, file=sys.stderr, flush=True)
        print("FAIL: robustness %s (%.0f s)" % (what, time.time() - t0),
              flush=True)
        sys.exit(1)
    print("PASS: robustness %s (%.0f s)" % (what, time.time() - t0),
          flush=True)
