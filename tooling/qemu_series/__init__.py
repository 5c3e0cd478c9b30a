# SPDX-License-Identifier: GPL-2.0-or-later
"""The tooling of the AMD GPU reset series for QEMU.

Turn a QEMU source tree plus this repository into a patch series, a
patched and built QEMU, and test results.  The executables in tooling/
(qemu-series, robustness, debian-dropin, bench/run-bench) and the tests in
tests/tooling/ are thin front ends of these modules:

  common      paths, caches, Fail, log, run, git, stamps
  identity    who the patches are from
  manifest    series/manifest and the per-base and common diffs
  deps        the packages the tooling and the checks need
  source      Debian's source package or QEMU_SRC, the pristine tree
  series      the series as commits, exported, applied with git am
  cover       the cover letter, with figures from the results files
  build       configure and ninja, firmware for binaries run in place
  check       make check: the checks and the scheduler that runs them
  packaging   make deb and make rpm-spec
  diffs       diffs-from: bring an edited series back into the repository
  robustness  sanitizers, valgrind, fuzzer, benchmark
  dropin      the Debian drop-in (debian/patches) of make deb
"""
