"""Mutually exclusive groups: usage brackets, conflicts and a required group."""
import argparse

parser = argparse.ArgumentParser(description="Compare interpreter modes.")
parser.add_argument("--size", type=int, default=100, help="problem size")
mode = parser.add_mutually_exclusive_group()
mode.add_argument("--gil", action="store_true", help="run with the GIL")
mode.add_argument("--nogil", action="store_true", help="run free-threaded")
output = parser.add_argument_group("output", "Where the numbers go.")
fmt = output.add_mutually_exclusive_group(required=True)
fmt.add_argument("--csv", metavar="FILE", help="write CSV")
fmt.add_argument("--table", action="store_true", help="print a table")
parser.add_argument("script", nargs="?", default="bench.py")
print(parser.parse_args())
