"""A million two-node reference cycles: `Node` has one attribute, and `pair()` makes two nodes
that point at each other and drops them. Nothing but the cycle collector can free a pair, so
this measures instance creation, attribute stores and the collector; peak RSS shows whether
the collector keeps up (CPython 3.11 stays near 10 MB)."""
import gc
import sys


class Node:
    def __init__(self):
        self.other = None


def pair(i):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
    return i & 7


def main(n):
    total = 0
    for i in range(n):
        total += pair(i)
    gc.collect()
    print("pairs", n, "checksum", total)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
