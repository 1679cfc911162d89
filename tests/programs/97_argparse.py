# argparse: parse_args with explicit lists, Namespace, defaults, types, choices, actions, errors
import argparse
import sys

parser = argparse.ArgumentParser(prog="bench", description="A benchmark.")
parser.add_argument("input", help="input file")
parser.add_argument("-n", "--nth_element", type=int, default=10, help="which element")
parser.add_argument("--ratio", type=float, default=0.5)
parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
parser.add_argument("-v", "--verbose", action="store_true")
parser.add_argument("--no-cache", dest="cache", action="store_false")
parser.add_argument("--name", metavar="NAME", default=None)
parser.add_argument("--tag", action="append")
parser.add_argument("-q", action="count", default=0)
parser.add_argument("--threads", type=int, required=False, default="4")

args = parser.parse_args(["data.txt"])
print(args)
print(args.input, args.nth_element, args.ratio, args.mode, args.verbose, args.cache)
args = parser.parse_args(["data.txt", "-n", "5", "--ratio=2.5", "--mode", "slow", "-v",
                          "--no-cache", "--name", "x", "--tag", "a", "--tag=b", "-qqq",
                          "--threads", "8"])
print(args)
print(vars(args)["tag"], args.q, "input" in args)
print(parser.parse_args(["-n7", "--nth", "9", "f"]))
print(parser.parse_args(["--", "-weird"]).input)
print(parser.parse_args(["-n", "-3", "f"]).nth_element)
print(argparse.Namespace(a=1, b="x"), argparse.Namespace() == argparse.Namespace())

p2 = argparse.ArgumentParser(prog="p2")
p2.add_argument("nums", nargs="+", type=int)
p2.add_argument("--opt", nargs="?", const="C", default="D")
p2.add_argument("--pair", nargs=2, metavar=("A", "B"))
p2.add_argument("--many", nargs="*", default=[])
p2.add_argument("rest", nargs="?", default="none")
print(p2.parse_args(["1", "2", "3"]))
print(p2.parse_args(["4", "--opt"]))
print(p2.parse_args(["4", "--opt", "val", "--pair", "x", "y", "--many", "a", "b"]))
ns, extra = p2.parse_known_args(["5", "--unknown", "z"])
print(ns, extra)


def positive(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not positive")
    return value


p3 = argparse.ArgumentParser(prog="p3")
p3.add_argument("--size", type=positive, default=1)
p3.add_argument("--req", required=True)
p3.add_argument("--level", type=int, choices=[1, 2, 3])
print(p3.parse_args(["--req", "r", "--size", "3", "--level", "2"]))

for argv in (["--req", "r", "--size", "-1"], ["--req", "r", "--size", "abc"], [],
             ["--req", "r", "--level", "5"], ["--req"], ["--req", "r", "extra1", "extra2"],
             ["--req", "r", "--levl", "2"]):
    try:
        p3.parse_args(argv)
    except SystemExit as e:
        print(argv, "exit", e.code)

for argv in (["data", "-n", "abc"], ["data", "--mode", "medium"], ["data", "--verbose=1"], []):
    try:
        parser.parse_args(argv)
    except SystemExit as e:
        print(argv, "exit", e.code)

sys.argv = ["/usr/local/bin/tool.py", "in.txt", "-n", "3"]
p4 = argparse.ArgumentParser()
p4.add_argument("input")
p4.add_argument("-n", type=int, default=1)
print(p4.prog, p4.parse_args())
print(p4.format_usage(), end="")
print(parser.format_help(), end="")
