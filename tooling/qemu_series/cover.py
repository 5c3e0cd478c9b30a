# SPDX-License-Identifier: GPL-2.0-or-later
"""The cover letter: series/cover-letter with its placeholders filled from
the manifest and the results files of make bench and make fuzz."""

import glob
import os
import re
import textwrap

from .common import BASES, REPO, Fail, results_files


def reflow(unit, width=72):
    """@unit, a paragraph or a "- " list item, wrapped to @width columns."""
    item = unit.startswith("- ")
    text = " ".join(ln.strip() for ln in unit[2 if item else 0:].split("\n"))
    return textwrap.fill(text,
                         width, initial_indent="- " if item else "",
                         subsequent_indent="  " if item else "",
                         break_long_words=False, break_on_hyphens=False)


# the sleep after the mode1 command (amdgpu_device_mode1_reset())
MODE1_MANDATED_MS = 500


def bench_facts():
    """The {bench} item of the cover letter from BUILD/bench/results.txt,
    or None if there is no complete result."""
    try:
        with open(results_files()[0]) as f:
            text = f.read()
    except OSError:
        return None
    rows = {}
    for ln in text.splitlines():
        cols = [c.split() for c in ln.split("|")]
        if len(cols) == 4 and len(cols[0]) == 3 and len(cols[1]) == 3:
            rows[cols[0][0]] = cols
    when = re.search(r"^Measured (\S+ \S+) on ", text, re.M)
    dev = re.search(r"\(QEMU (\S+), device (\S+)\)", text)
    soak = re.search(r"^  ours:\s+RSS (\d+) kB -> (\d+) kB \([^)]*\), "
                     r"(\d+) resets", text, re.M)
    stuck, healthy = rows.get("stuck"), rows.get("healthy-0ms")
    if not (when and dev and stuck and healthy) or "-" in (
            stuck[1][0], stuck[1][1], healthy[1][0], healthy[1][1],
            healthy[3][0], healthy[3][1]):
        return None
    item = ("Benchmark over vfio-user-pci against upstream's quirk, the last "
            "make bench (%s, QEMU %s, device %s, medians): a GPU stuck in "
            "reset stalls system_reset for %s ms instead of %s ms; a reset "
            "of a healthy GPU takes %s ms instead of %s ms, with %s register "
            "accesses instead of %s" % (
                when.group(1), dev.group(1), dev.group(2), stuck[1][0],
                stuck[1][1], healthy[1][0], healthy[1][1], healthy[3][0],
                healthy[3][1]))
    if soak:
        item += "; %s resets in a row take QEMU's RSS from %s kB to %s kB" % (
            soak.group(3), soak.group(1), soak.group(2))

    def ratio(row, mandated_ms):
        if row not in rows or rows[row][1][0] == "-":
            return "-"
        return "%.2fx" % (float(rows[row][1][0]) / mandated_ms)

    # Hawaii: the 20 ms gap and the 20 ms its exit table waits
    baco = [(rows[r][1][0], what) for r, what in (
        ("baco-tonga", "a W7100 (692B)"), ("baco-polaris", "an RX 580 (67DF)"),
        ("baco-hawaii", "an R9 290X (67B0) told x-amd-reset-method=baco "
         "(%s the 40 ms of delays amdgpu mandates there)" % ratio(
             "baco-hawaii", 40)),
        ("baco-stuck", "a chip that never answers (bound: 500 ms)"))
        if r in rows and rows[r][1][0] != "-"]
    if baco:
        item += ".  BACO, ours only: " + ", ".join(
            "%s ms for %s" % b for b in baco)
    mode1 = [(rows[r][1][0], float(rows[r][1][0]) / MODE1_MANDATED_MS, what)
             for r, what in (
                 ("mode1-healthy", "an RX 5700 XT (731F)"),
                 ("mode1-worst", "one whose bootloader never gets ready"))
             if r in rows and rows[r][1][0] != "-"]
    if mode1:
        item += (".  PSP mode1, ours only, against the %d ms amdgpu sleeps "
                 "after the command: " % MODE1_MANDATED_MS) + ", ".join(
            "%s ms (%.2fx) for %s" % m for m in mode1)
    soc15_baco = [(rows[r][1][0], float(rows[r][1][0]) / mandated, what,
                   mandated) for r, what, mandated in (
        ("baco-navi", "an RX 5700 XT (731F)", 30),
        ("baco-vega10", "an RX Vega 64 (687F)", 35))
        if r in rows and rows[r][1][0] != "-"]
    if soc15_baco:
        item += ".  BACO on Vega and Navi, ours only: " + ", ".join(
            "%s ms for %s (%.2fx the %d ms of delays amdgpu mandates)" % (
                b[0], b[2], b[1], b[3]) for b in soc15_baco)
    return item + "."


def fuzz_facts():
    """The {fuzz} item of the cover letter from the last make fuzz, or None
    unless that run passed."""
    try:
        with open(results_files()[1]) as f:
            facts = dict(ln.split(": ", 1) for ln in f.read().splitlines()
                         if ": " in ln)
    except OSError:
        return None
    if facts.get("result") != "PASS" or not all(
            k in facts for k in ("date", "runs", "seconds")):
        return None
    return ("The last make fuzz (%s) ran the fuzzer on %s inputs in %s s "
            "with no finding." % (facts["date"], facts["runs"],
                                  facts["seconds"]))


def fill_placeholders(text, base, patches):
    """Fill {patch:NAME} (its number), {patches:NAME,...} ("patch N" or
    "patches N-M"), {bench} and {fuzz} in the cover letter, and rewrap
    what changed.  A paragraph, or a "- " list item, with a placeholder
    that has no value for this base (a patch the base does not carry, a
    result that does not exist) is left out."""
    numbers = {p["name"]: n for n, p in enumerate(patches, 1)}
    facts = {"bench": bench_facts(), "fuzz": fuzz_facts()}

    def fill(unit):
        missing = []

        def one(m):
            kind, _, arg = m.group(1).partition(":")
            if kind == "patch" and arg in numbers:
                return str(numbers[arg])
            if kind == "patches":
                have = [numbers[a] for a in arg.split(",") if a in numbers]
                if len(have) == 1:
                    return "patch %d" % have[0]
                if have and have == list(range(have[0], have[-1] + 1)):
                    return "patches %d-%d" % (have[0], have[-1])
                if have:
                    return "patches " + ", ".join(str(n) for n in have)
            if kind in facts and facts[kind]:
                return facts[kind]
            if kind not in ("patch", "patches") and kind not in facts:
                raise Fail("series/cover-letter: unknown placeholder {%s}"
                           % m.group(1))
            missing.append(m.group(1))
            return ""
        out = re.sub(r"\{([a-z]+(?::[^}]*)?)\}", one, unit)
        return None if missing else out

    paras = []
    for para in text.split("\n\n"):
        # a lead-in (the lines before the first item), then "- " items
        lead, items = [], []
        for ln in para.split("\n"):
            if ln.startswith("- "):
                items.append(ln)
            elif items:
                items[-1] += "\n" + ln
            else:
                lead.append(ln)
        lead = "\n".join(lead)
        if lead:
            filled = fill(lead)
            if filled is None:
                continue
            lead = reflow(filled) if filled != lead else lead
        kept = []
        for it in items:
            filled = fill(it)
            if filled is not None:
                kept.append(reflow(filled) if filled != it else it)
        if items and not kept:
            continue
        paras.append("\n".join(([lead] if lead else []) + kept))
    return "\n\n".join(paras)


def fill_cover_letter(base, series_dir, patches):
    cover = glob.glob(os.path.join(series_dir, "0000-cover-letter.patch"))[0]
    with open(os.path.join(REPO, "series", "cover-letter")) as f:
        subject, _, blurb = f.read().partition("\n")
    blurb = fill_placeholders(blurb.strip("\n"), base, patches)
    blurb += ("\n\nThis series applies to QEMU %s (tested on Debian's "
              "qemu %s).\n" % (base, BASES[base]["deb"]))
    if not BASES[base]["vfio_user"]:
        blurb += ("QEMU %s has no vfio-user client, so the vfio-user glue "
                  "and its qtests\nare not part of this backport; the unit "
                  "tests are.\n" % base)
    with open(cover) as f:
        text = f.read()
    text = text.replace("*** SUBJECT HERE ***", subject.strip())
    text = text.replace("*** BLURB HERE ***", blurb)
    with open(cover, "w") as f:
        f.write(text)
