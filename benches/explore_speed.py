#!/usr/bin/env python3
"""How fast `gilvm explore` runs schedules: explores scripts/explore_multiply.py (three
threads doing `result *= base`) and scripts/deadlock.py, and prints schedules per second.

    cargo build --release && python3 benches/explore_speed.py [--repeat N]

Each figure is the best of N explorations (default 3), as explore reports it in --json
(schedules / seconds of search, the process start excluded). explore keeps its runs on one
CPU by itself; the issue's target is at least 5,000 schedules per second for
explore_multiply.py on one core. There is no CPython counterpart to compare with.
"""
import json
import subprocess
import sys

from harness import GILVM, ROOT, parser, parse

# The plain search (`--preemptions 2`); partial-order reduction observes every instruction
# and is slower per schedule (README, "Partial-order reduction").
CASES = [
    ("explore_multiply.py, --switch-points every", ["--preemptions", "2", "--switch-points", "every", "scripts/explore_multiply.py"]),
    ("explore_multiply.py, -X gil=0", ["--preemptions", "2", "-X", "gil=0", "scripts/explore_multiply.py"]),
    ("explore_multiply.py, cpython switch points", ["--preemptions", "2", "scripts/explore_multiply.py"]),
    ("deadlock.py", ["--preemptions", "2", "scripts/deadlock.py"]),
]


def explore(args):
    cmd = [GILVM, "explore", "--json", *args]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed with status {r.returncode}:\n{r.stderr}")
    return json.loads(r.stdout)


def main():
    args = parse(parser(__doc__, repeat=3))
    print(f"{'case':46} {'schedules':>9} {'outcomes':>8} {'per second':>11}")
    for name, case in CASES:
        best = None
        for _ in range(args.repeat):
            v = explore(case)
            rate = v["schedules"] / max(v["seconds"], 1e-9)
            if best is None or rate > best[0]:
                best = (rate, v)
        rate, v = best
        print(f"{name:46} {v['schedules']:>9} {len(v['outcomes']):>8} {rate:>11,.0f}")


if __name__ == "__main__":
    main()
