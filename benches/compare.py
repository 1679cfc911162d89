#!/usr/bin/env python3
"""Runs each benchmark script under gilvm (release build) and python3 on this machine, in one
run, and prints the time ratio gilvm / CPython (lower is better) and gilvm's peak RSS.

    cargo build --release && python3 benches/compare.py [--repeat N] [script.py ...]
    GILVM=/other/target/release/gilvm python3 benches/compare.py   # another build
    python3 benches/compare.py --python /usr/bin/python3           # also another CPython

The reference is the python3 that runs this script. Builds of CPython differ: on the
development machine `python3` is pyenv's 3.11.7, built without PGO/LTO, and Debian's
/usr/bin/python3 (3.11.2, built with PGO and LTO) runs these scripts about 30% faster;
`--python` adds a column for each other interpreter, measured in the same run.

Each figure is the best of N runs (default 3) of the whole process, wall-clock, measured with
time.perf_counter around the child's run (polled every millisecond, so times carry ~1 ms of
slack); peak RSS is the child's VmHWM sampled from /proc while it runs. Machines here are shared
and noisy: compare ratios from one run, never absolute times across runs.
"""
import os
import subprocess
import sys
import time

from harness import GILVM, HERE, parser, parse

# Not single-run scripts: they take arguments and report their own figures (harness.py is the
# drivers' shared code).
NOT_SINGLE_RUN = (
    "harness.py",
    "compare.py",
    "threads.py",
    "ft_scaling.py",
    "trace_cost.py",
    "explore_speed.py",
    "asyncio_ratios.py",
)


def peak_rss_kib(pid):
    """VmHWM of a running process, in KiB (0 once it has exited)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd):
    """Wall-clock time and peak RSS of one run. wait4's ru_maxrss cannot be used: Linux
    charges the child with the parent's (python's) RSS from before exec. So the child's own
    high-water mark is sampled from /proc every millisecond while it runs."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rss = 0
    while proc.poll() is None:
        rss = max(rss, peak_rss_kib(proc.pid))
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed (status {proc.returncode}):\n{err}")
    return elapsed, rss


def main():
    ap = parser(__doc__, repeat=3)
    ap.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="PATH",
        help="another CPython to compare with (repeatable)",
    )
    ap.add_argument("scripts", nargs="*")
    args = parse(ap)
    scripts = args.scripts or sorted(
        os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".py") and f not in NOT_SINGLE_RUN
    )
    pythons = [sys.executable] + args.python
    for i, py in enumerate(pythons):
        version = subprocess.run([py, "-c", "import sys; print(sys.version.split()[0])"],
                                 capture_output=True, text=True).stdout.strip()
        print(f"[py{i}] {py} ({version})")
    head = "".join(f" {'py%d s' % i:>8}" for i in range(len(pythons)))
    ratios = "".join(f" {'/py%d' % i:>7}" for i in range(len(pythons)))
    print(f"{'script':<16}{head} {'gilvm s':>8}{ratios} {'gilvm RSS':>10}")
    for script in scripts:
        # Interleaved, so that a burst of load on the machine hits every interpreter alike.
        times = [[] for _ in pythons]
        runs = []
        for _ in range(args.repeat):
            for i, py in enumerate(pythons):
                times[i].append(measure([py, script])[0])
            runs.append(measure([GILVM, script]))
        best = [min(t) for t in times]
        gv = min(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        name = os.path.basename(script)
        cols = "".join(f" {b:>8.3f}" for b in best)
        rcols = "".join(f" {gv / b:>7.2f}" for b in best)
        print(f"{name:<16}{cols} {gv:>8.3f}{rcols} {rss / 1024:>8.1f} MB")


if __name__ == "__main__":
    main()
