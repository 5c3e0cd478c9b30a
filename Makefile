# SPDX-License-Identifier: GPL-2.0-or-later
#
# make        get QEMU's source, apply and export the series, build QEMU
# make check  all of that, plus every test suite of the project
# make clean  remove build/, keep the caches; make clean-cache drops them
#
# QEMU_BASE=10.2|10.0|7.2 picks the Debian source package to start from;
# QEMU_SRC=/path/to/qemu uses that tree instead (its base is detected).

PYTHON ?= /usr/bin/python3
FUZZ_SECONDS ?= 60
TOOL := $(PYTHON) tooling/qemu-series
export QEMU_BASE QEMU_SRC

.PHONY: all check series deps deb rpm-spec bench fuzz clean clean-cache

all:
	$(TOOL) make

check:
	$(TOOL) check

series:
	$(TOOL) series

deps:
	$(TOOL) deps

deb:
	$(TOOL) deb

# build/<base>/rpm: a spec that applies the series, its Source0 and patches
rpm-spec:
	$(TOOL) rpm-spec

# benchmark against upstream's quirk, and the engine fuzzer (QEMU 10.2)
bench:
	QEMU_BASE=10.2 QEMU_SRC= $(TOOL) make
	$(PYTHON) tooling/robustness bench 10.2 build/10.2/qemu

fuzz:
	QEMU_BASE=10.2 QEMU_SRC= $(TOOL) make
	$(PYTHON) tooling/robustness fuzz --seconds $(FUZZ_SECONDS) 10.2 \
		build/10.2/qemu

# build/ goes; the compiler cache and the downloaded source packages stay
# (tooling/qemu_series/common.py says where), clean-cache removes them
clean:
	$(TOOL) clean

clean-cache:
	$(TOOL) clean-cache
