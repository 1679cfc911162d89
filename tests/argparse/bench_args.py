"""A benchmark-style command line, as scripts in the wild write them."""
import argparse

parser = argparse.ArgumentParser(
    description="Run the n-body simulation benchmark several times and report the "
                "best, mean and worst wall-clock times, with a well-known warm-up phase "
                "before measuring.")
parser.add_argument("iterations", type=int, help="number of simulation steps")
parser.add_argument("-n", "--nth_element", type=int, default=1000,
                    help="report every n-th element (default: %(default)s)")
parser.add_argument("-t", "--threads", type=int, default=4, metavar="T",
                    help="worker threads")
parser.add_argument("--mode", choices=["gil", "nogil", "both"], default="gil",
                    help="which interpreter mode to measure; one of %(choices)s")
parser.add_argument("--repeat", type=int, default=5)
parser.add_argument("--output", "-o", help="write the results as CSV to this file instead "
                    "of printing a table to standard output")
parser.add_argument("-v", "--verbose", action="store_true", help="say more")
parser.add_argument("--no-warmup", dest="warmup", action="store_false",
                    help="skip the warm-up run")
parser.add_argument("--scale", type=float, default=1.0, help="%(type)s scale factor")
args = parser.parse_args()
print(args)
