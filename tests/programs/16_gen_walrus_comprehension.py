# PEP 572: an assignment expression inside a comprehension or a generator expression binds
# in the enclosing function or module scope.


def f(x):
    return x * 10


xs = [1, 5, 2]
print([[y := f(x), y**2] for x in xs])
print(y)
print(any((n := x) > 3 for x in xs))
print(n)
print(all((m := x) < 3 for x in xs), m)


def running_totals(values):
    total = 0
    sums = [total := total + v for v in values]
    return sums, total


print(running_totals(range(5)))


def nested():
    print([[(deep := a * b) for b in range(3)] for a in range(3)], deep)

    def inner():
        return [(w := j) for j in range(2)], w

    print(inner())


nested()


def outer():
    q = 0

    def inner():
        nonlocal q
        [q := k for k in range(5)]

    inner()
    return q


print(outer())


def uses_global():
    global g_last
    [g_last := c for c in "abc"]


uses_global()
print(g_last)
print({k: (last := v) for k, v in {"a": 1, "b": 2}.items()}, last)
print({(s := c) for c in "xyz"} == set("xyz"), s)
gen = ((gm := i * i) for i in range(4))
print(sum(gen), gm)
data = [3, 8, 1, 9]
if any((big := v) > 7 for v in data):
    print("first big value:", big)
lines = ["a", "", "b"]
print([clean for line in lines if (clean := line.strip())])
