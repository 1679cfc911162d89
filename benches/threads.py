#!/usr/bin/env python3
"""Measures gilvm's threading ratios (GIL and free-threaded) on this machine, in one run, and
prints them next to CPython's (python3) where CPython has a comparable figure.

    cargo build --release && python3 benches/threads.py [--repeat N]

Measures:
  1. GIL on, scripts/count.py: Threads / Sequential, as printed by the script itself (its
     "Sequential: X" and "Threads: Y" lines), for gilvm and for python3.
  2. GIL off (gilvm -X gil=0), scripts/count.py: Threads / Sequential.
  3. One thread, benches/count.py: wall time with the GIL on / wall time with -X gil=0
     (whole process, time.perf_counter around the child's run).

Each figure is the median of N runs (default 5); for 3 the two medians are divided. Machines here
are shared and noisy: compare ratios from one run, never absolute times across runs.
"""
import os
import statistics
import subprocess
import sys
import time

from harness import GILVM, HERE, ROOT, parser, parse

COUNT_THREADS = os.path.join(ROOT, "scripts", "count.py")
COUNT_SINGLE = os.path.join(HERE, "count.py")


def run(cmd):
    """Runs cmd to completion; returns (wall seconds, stdout). Exits on failure."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace")
        sys.exit(f"{' '.join(cmd)} failed (status {proc.returncode}):\n{err}")
    return elapsed, proc.stdout.decode(errors="replace")


def thread_ratio(cmd):
    """Threads / Sequential from the two lines scripts/count.py prints."""
    _, out = run(cmd)
    seen = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("Sequential", "Threads"):
            seen[key.strip()] = float(value)
    if len(seen) != 2:
        sys.exit(f"{' '.join(cmd)}: expected 'Sequential:' and 'Threads:' lines, got:\n{out}")
    return seen["Threads"] / seen["Sequential"]


def median_of(n, f):
    return statistics.median(f() for _ in range(n))


def main():
    args = parse(parser(__doc__, repeat=5))
    n = max(1, args.repeat)
    print(
        f"median of {n} whole runs, wall clock (time.perf_counter / the script's own timers), "
        f"os.cpu_count() = {os.cpu_count()}"
    )

    gil_gv = median_of(n, lambda: thread_ratio([GILVM, COUNT_THREADS]))
    gil_py = median_of(n, lambda: thread_ratio([sys.executable, COUNT_THREADS]))
    free_gv = median_of(n, lambda: thread_ratio([GILVM, "-X", "gil=0", COUNT_THREADS]))
    on = median_of(n, lambda: run([GILVM, COUNT_SINGLE])[0])
    off = median_of(n, lambda: run([GILVM, "-X", "gil=0", COUNT_SINGLE])[0])
    single = on / off

    rows = [
        ("GIL: threads/seq", gil_gv, f"{gil_py:.2f}", "0.95..1.3", 0.95 <= gil_gv <= 1.3),
        ("gil=0: threads/seq", free_gv, "-", "<= 0.6", free_gv <= 0.6),
        ("1 thread: gil on/off", single, "-", "<= 1.05", single <= 1.05),
    ]
    print(f"{'measure':<22} {'gilvm':>7} {'CPython':>8} {'target':>10}  met")
    for name, value, cpy, target, ok in rows:
        print(f"{name:<22} {value:>7.2f} {cpy:>8} {target:>10}  {'ok' if ok else 'MISSED'}")
    print(f"(1 thread: gil on {on:.3f} s, gil off {off:.3f} s; python3 = {sys.executable})")


if __name__ == "__main__":
    main()
