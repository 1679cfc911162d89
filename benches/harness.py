"""What the driver scripts in benches/ share (it is not a benchmark: compare.py skips it):
where the gilvm under test is, and the command line they all take.

GILVM=/path/to/gilvm picks another build (a worktree with its own CARGO_TARGET_DIR); by default
it is this checkout's release build.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GILVM = os.environ.get("GILVM") or os.path.join(ROOT, "target", "release", "gilvm")


def parser(description, repeat):
    """A command line with `--repeat N` (default `repeat`); the caller adds its own options
    and calls `parse`."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=repeat)
    return ap


def parse(ap):
    """The parsed command line; exits with a hint when there is no gilvm to measure."""
    args = ap.parse_args()
    if not os.path.exists(GILVM):
        sys.exit(f"{GILVM} not found: build first (cargo build --release) or set GILVM")
    return args
