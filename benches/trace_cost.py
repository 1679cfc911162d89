#!/usr/bin/env python3
"""What watching costs: runs scripts/count.py (two counting threads under the GIL) with each
recording flag and without, in one run, and prints the time ratio to the plain run.

    cargo build --release && python3 benches/trace_cost.py [--repeat N]

Each figure is the best of N runs (default 5) of the whole process, wall-clock. Recording
hand-offs (--trace-out, --trace-gil, --timeline) tracks frames in the plain loop; counting
instructions (--stats, --record-schedule) runs the observed loop, which gives up the
superinstructions; a deterministic schedule (--switch-every) also hands the baton over
between OS threads. The issue's budget is --trace-out <= 1.3x.
"""
import os
import subprocess
import sys
import tempfile
import time

from harness import GILVM, ROOT, parser, parse

SCRIPT = os.path.join(ROOT, "scripts", "count.py")


def best(cmd, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if r.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed with status {r.returncode}")
    return min(times)


def main():
    args = parse(parser(__doc__, repeat=5))
    tmp = tempfile.mkdtemp()
    variants = [
        ("plain", []),
        ("--trace-out", ["--trace-out", os.path.join(tmp, "t.json")]),
        ("--trace-gil", ["--trace-gil"]),
        ("--timeline", ["--timeline"]),
        ("--stats", ["--stats"]),
        ("--switch-every 1000", ["--switch-every", "1000"]),
    ]
    base = None
    print(f"{'count.py with':<22} {'best s':>8} {'ratio':>7}")
    for name, flags in variants:
        t = best([GILVM, *flags, SCRIPT], args.repeat)
        base = base or t
        print(f"{name:<22} {t:>8.3f} {t / base:>7.2f}")


if __name__ == "__main__":
    main()
