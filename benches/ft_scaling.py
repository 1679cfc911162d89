#!/usr/bin/env python3
"""Free-threaded scaling: two counting threads in one gilvm process against two gilvm
processes, side by side, so that what the machine can do and what the interpreter does are
measured in the same minute.

    cargo build --release && python3 benches/ft_scaling.py [--repeat N]

Each row: one count (20M iterations) alone; the same count in 2 threads of one process
(`-X gil=0`); and in 2 separate processes. Ideal for both is 1.0x the single count on two
free cores. If 2 processes scale and 2 threads do not, the threads interfere (shared or falsely
shared cache lines written in the loop) — the lead recorded in the session notes.
"""
import os
import subprocess
import sys

from harness import GILVM, parser, parse

PROGRAM = """
import threading, time, sys
def count(n):
    while n > 0:
        n -= 1
N = 20_000_000
s = time.perf_counter()
if sys.argv[1] == "threads":
    ts = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
    for t in ts: t.start()
    for t in ts: t.join()
else:
    count(N)
print(time.perf_counter() - s)
"""


def run(mode):
    out = subprocess.run([GILVM, "-X", "gil=0", "-c", PROGRAM, mode], capture_output=True, text=True)
    return float(out.stdout)


def two_processes():
    ps = [subprocess.Popen([GILVM, "-X", "gil=0", "-c", PROGRAM, "one"], stdout=subprocess.PIPE, text=True)
          for _ in range(2)]
    return max(float(p.communicate()[0]) for p in ps)


def main():
    args = parse(parser(__doc__, repeat=5))
    print(f"os.cpu_count() = {os.cpu_count()}; times are the programs' own perf_counter")
    print(f"{'one count':>10} {'2 threads':>18} {'2 processes':>18}")
    for _ in range(args.repeat):
        one = run("one")
        thr = run("threads")
        pr = two_processes()
        print(f"{one:>9.3f}s {thr:>9.3f}s ({thr / one:4.2f}x) {pr:>9.3f}s ({pr / one:4.2f}x)")


if __name__ == "__main__":
    main()
