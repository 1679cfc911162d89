"""How many schedules any exhaustive partial-order reduction must run: the number of
Mazurkiewicz traces of threads that each read and then write one shared variable, again and
again (`counter = counter + 1`, `result *= base`), where two reads commute and everything
else on the variable does not. Each trace is one order of the conflicting accesses.

    python3 benches/explore_por/traces.py
"""
import sys


def traces(lens):
    """Traces of len(lens) threads, thread t doing lens[t] read-write pairs."""
    seqs = [[(t, i, "w" if i % 2 else "r") for i in range(2 * n)] for t, n in enumerate(lens)]
    seen = set()
    idx = [0] * len(seqs)
    order = []

    def rec():
        if all(idx[t] == len(s) for t, s in enumerate(seqs)):
            pairs = frozenset(
                (a[:2], b[:2])
                for i, a in enumerate(order)
                for b in order[i + 1:]
                if a[0] != b[0] and "w" in (a[2], b[2])
            )
            seen.add(pairs)
            return
        for t, s in enumerate(seqs):
            if idx[t] < len(s):
                order.append(s[idx[t]])
                idx[t] += 1
                rec()
                idx[t] -= 1
                order.pop()

    rec()
    return len(seen)


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)
    print("2 threads x 3 increments:", traces([3, 3]))
    print("3 threads x 2 multiplies:", traces([2, 2, 2]))
