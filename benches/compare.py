#!/usr/bin/env python3
"""Runs the benchmark suite under gilvm (release build) and CPython on this machine, in one
run, and prints each program's time, gilvm's time as a ratio of each CPython's (lower is
better), every interpreter's peak RSS, and the geometric mean of the ratios.

    cargo build --release && python3 benches/compare.py [--repeat N] [script.py ...]
    GILVM=/other/target/release/gilvm python3 benches/compare.py   # another build
    python3 benches/compare.py --python /opt/python3.13/bin/python3 # one more CPython
    python3 benches/compare.py --free-threaded   # also gilvm -X gil=0 against the GIL build
    python3 benches/compare.py --micro           # also the loop micro-benchmarks

The suite is every program with a checksum in benches/expected/ (NAME.SIZE.out, checked by
tests/benches.rs); the micro-benchmarks are the other single-run scripts in benches/ (attrs,
calls, count, for_range), shown after the suite and left out of the geometric mean. Naming
scripts runs those alone (`nbody`, `nbody.py` or a path), and their mean is shown.

The CPythons, by default: Debian's /usr/bin/python3 (3.11.2, built with PGO and LTO: what most
users' `python3` is) as py0, the reference of the issue's targets, and the `python3` first on
PATH (on the development machine pyenv's 3.11.7, built without PGO or LTO, about 30% slower)
as py1, resolved to its executable so that pyenv's shim is not timed. `--python` adds more.

Each figure is the best of N runs (default 3) of the whole process, the interpreters
interleaved so that a burst of load hits them alike. The time is the child's CPU time (user +
system, from wait4) by default: the machines here are shared, and under load a process's wall
clock counts the time it waited for a core; `--clock wall` times the wall clock instead
(perf_counter around the run). Peak RSS is the child's VmHWM, sampled from /proc every
millisecond while it runs (wait4's ru_maxrss cannot be used: Linux charges the child with the
parent's RSS from before exec). Every run's stdout must equal the first CPython's, or the
program is flagged and the script exits 1: a ratio is only worth quoting for the same output.
Compare ratios from one run, never absolute times across runs.
"""
import math
import os
import subprocess
import sys
import tempfile
import time

from harness import GILVM, HERE, parser, parse

EXPECTED = os.path.join(HERE, "expected")
# Not single-run scripts: they take arguments and report their own figures (harness.py is the
# drivers' shared code, lcg.py the benchmarks' random numbers).
NOT_SINGLE_RUN = (
    "harness.py",
    "lcg.py",
    "compare.py",
    "threads.py",
    "ft_scaling.py",
    "trace_cost.py",
    "explore_speed.py",
    "asyncio_ratios.py",
)
DEFAULT_PYTHONS = ("/usr/bin/python3", "python3")


def suite():
    """The suite's programs: each NAME.py with a benches/expected/NAME.SIZE.out, sorted."""
    names = {f.split(".")[0] for f in os.listdir(EXPECTED) if f.endswith(".out")}
    return [os.path.join(HERE, f"{n}.py") for n in sorted(names)]


def micro():
    """The other single-run scripts in benches/: the loop micro-benchmarks."""
    in_suite = set(suite())
    return sorted(
        p
        for p in (os.path.join(HERE, f) for f in os.listdir(HERE))
        if p.endswith(".py") and os.path.basename(p) not in NOT_SINGLE_RUN and p not in in_suite
    )


def find_script(name):
    for candidate in (name, os.path.join(HERE, name), os.path.join(HERE, name + ".py")):
        if os.path.isfile(candidate):
            return candidate
    sys.exit(f"no script {name!r} (looked in . and {HERE})")


def resolve(py):
    """`py`'s real executable (a pyenv shim is a shell script that execs it) and version."""
    try:
        out = subprocess.run(
            [py, "-c", "import sys; print(sys.executable); print(sys.version.split()[0])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"cannot run {py}: {e}")
    return out[0], out[1]


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


def measure(cmd, clock):
    """One run of `cmd`: (seconds, peak RSS in KiB, stdout). The child is reaped with wait4,
    whose rusage gives its CPU time; its own high-water mark is sampled from /proc every
    millisecond while it runs."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        rss = 0
        while True:
            rss = max(rss, peak_rss_kib(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.001)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            text = err.read().decode(errors="replace")
            sys.exit(f"{' '.join(cmd)} failed (status {proc.returncode}):\n{text}")
        out.seek(0)
        stdout = out.read()
    seconds = usage.ru_utime + usage.ru_stime if clock == "cpu" else elapsed
    return seconds, rss, stdout


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def main():
    ap = parser(__doc__, repeat=3)
    ap.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="PATH",
        help="another CPython to compare with (repeatable)",
    )
    ap.add_argument(
        "--free-threaded",
        action="store_true",
        help="also run gilvm -X gil=0 (one thread, no GIL) and show its time over the GIL build's",
    )
    ap.add_argument("--micro", action="store_true", help="also run the loop micro-benchmarks (not in the mean)")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="CPU time (default) or wall clock")
    ap.add_argument("scripts", nargs="*", help="scripts to run instead of the suite (a name or a path)")
    args = parse(ap)

    if args.scripts:
        groups = [[find_script(s) for s in args.scripts], []]
    else:
        groups = [suite(), micro() if args.micro else []]

    pythons = []
    for py in list(DEFAULT_PYTHONS) + args.python:
        exe, version = resolve(py)
        if all(os.path.realpath(exe) != os.path.realpath(p) for p, _ in pythons):
            pythons.append((exe, version))
    for i, (py, version) in enumerate(pythons):
        print(f"[py{i}] {py} ({version})")
    print(f"[gilvm] {GILVM}")
    load = os.getloadavg()[0]
    print(
        f"best of {args.repeat}, {args.clock} time; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores, load {load:.1f}"
    )

    n = len(pythons)
    head = "".join(f" {'py%d s' % i:>7}" for i in range(n)) + f" {'gilvm s':>7}"
    head += "".join(f" {'/py%d' % i:>6}" for i in range(n))
    head += "".join(f" {'py%d MB' % i:>7}" for i in range(n)) + f" {'gilvm MB':>8}"
    if args.free_threaded:
        head += f" {'ft s':>7} {'ft/gil':>6}"
    print(f"{'program':<16}{head}")

    ratios = [[] for _ in pythons]
    ft_ratios = []
    differs = []
    for group_index, scripts in enumerate(groups):
        if group_index == 1 and scripts:
            print("-- micro-benchmarks (not in the mean)")
        for script in scripts:
            commands = [[py, script] for py, _ in pythons] + [[GILVM, script]]
            if args.free_threaded:
                commands.append([GILVM, "-X", "gil=0", script])
            # Interleaved, so that a burst of load on the machine hits every interpreter alike.
            runs = [[] for _ in commands]
            for _ in range(args.repeat):
                for k, cmd in enumerate(commands):
                    runs[k].append(measure(cmd, args.clock))
            best = [min(r[0] for r in rs) for rs in runs]
            rss = [max(r[1] for r in rs) for rs in runs]
            reference = runs[0][0][2]
            same = all(r[2] == reference for rs in runs for r in rs)
            gv = best[n]
            name = os.path.basename(script)[:-3] + ("" if same else " (!)")
            row = "".join(f" {b:>7.3f}" for b in best[:n]) + f" {gv:>7.3f}"
            row += "".join(f" {gv / b:>6.2f}" for b in best[:n])
            row += "".join(f" {m / 1024:>7.1f}" for m in rss[:n]) + f" {rss[n] / 1024:>8.1f}"
            if args.free_threaded:
                row += f" {best[n + 1]:>7.3f} {best[n + 1] / gv:>6.2f}"
            print(f"{name:<16}{row}", flush=True)
            if not same:
                differs.append(os.path.basename(script))
            elif group_index == 0:
                for i in range(n):
                    ratios[i].append(gv / best[i])
                if args.free_threaded:
                    ft_ratios.append(best[n + 1] / gv)

    if ratios[0]:
        pad = " " * (8 * (n + 1))
        row = pad + "".join(f" {geomean(r):>6.2f}" for r in ratios)
        if args.free_threaded:
            row += " " * (8 * n + 9) + f" {'':>7} {geomean(ft_ratios):>6.2f}"
        print(f"{'geometric mean':<16}{row}")
    print(f"load {os.getloadavg()[0]:.1f} at the end")
    if differs:
        sys.exit(f"(!) output differs from {pythons[0][0]}'s: {', '.join(differs)}")


if __name__ == "__main__":
    main()
