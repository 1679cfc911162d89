#!/usr/bin/env python3
"""asyncio's overlap, as ratios, for gilvm and python3 on this machine in one run: runs
scripts/asyncio_vs_threads.py under both (and under gilvm -X gil=0) and prints, for each kind
of job, the speed of threads and of asyncio relative to running the jobs one after another.

    cargo build --release && python3 benches/asyncio_ratios.py [--repeat N] [--jobs J]

I/O-bound jobs (sleeps) should overlap under every runtime (about J x with J jobs); CPU-bound
ones only in threads without a GIL. Each ratio is the median over N runs (default 3). The
machine is shared: compare ratios within one run.
"""
import os
import statistics
import subprocess
import sys

from harness import GILVM, ROOT, parser, parse

SCRIPT = os.path.join(ROOT, "scripts", "asyncio_vs_threads.py")


def ratios(cmd):
    """{(kind, variant): speed relative to sequential} from one run of the script."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    out, kind = {}, None
    for line in proc.stdout.splitlines():
        if line.startswith(("I/O-bound", "CPU-bound")):
            kind = line.split(":")[0]
        elif kind and line.startswith("  "):
            words = line.split()
            out[(kind, words[0])] = float(words[3].rstrip("x"))
    return out


def main():
    ap = parser(__doc__, repeat=3)
    ap.add_argument("--jobs", type=int, default=4)
    args = parse(ap)
    flags = ["--jobs", str(args.jobs), "--wait", "0.2", "--count", "1000000"]
    runtimes = {
        "python3": [sys.executable, SCRIPT] + flags,
        "gilvm": [GILVM, SCRIPT] + flags,
        "gilvm -X gil=0": [GILVM, "-X", "gil=0", SCRIPT] + flags,
    }
    medians = {}
    for name, cmd in runtimes.items():
        runs = [ratios(cmd) for _ in range(args.repeat)]
        medians[name] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    keys = [k for k in medians["python3"] if k[1] != "sequential"]
    print(f"speed vs sequential, {args.jobs} jobs (median of {args.repeat})")
    print(f"{'':<22}" + "".join(f"{n:>16}" for n in runtimes))
    for kind, variant in keys:
        row = "".join(f"{medians[n][(kind, variant)]:>15.2f}x" for n in runtimes)
        print(f"{kind + ', ' + variant:<22}{row}")


if __name__ == "__main__":
    main()
