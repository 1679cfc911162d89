"""Long usage lines: CPython splits them into parts and wraps them under the program name."""
import argparse

parser = argparse.ArgumentParser(
    prog="a_rather_long_program_name_here",
    formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    description="x x well-known process well-known delta epsilon alpha the run-fast "
                "well-known beta count co--op gamma number non-trivially-hyphenated-word "
                "Pneumonoultramicroscopicsilicovolcanoconiosis items",
)
parser.add_argument("-v", "--very-long-option-name", nargs="+", required=True, type=int,
                    help="well-known values, beta to x alpha (default: %(default)s)")
parser.add_argument("-s", "--out-file", nargs=2, metavar=("SRC", "DST"))
parser.add_argument("n", nargs="*", type=int, default=5, help="numbers")
parser.add_argument("dst", nargs="?", type=int)
parser.add_argument("-t", "--verbose", nargs="?", const="C", default=0,
                    help="count run-fast well-known epsilon value x delta gamma")
print(parser.parse_args())
