t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], t[::-1])
print((), (1,), (1, 2) + (3,), (0,) * 3)
a, b, c = t
print(a, b, c)
a, b = b, a
print(a, b)
x, *rest = [1, 2, 3, 4]
print(x, rest)
*init, last = "hello"
print(init, last)
first, *mid, end = range(6)
print(first, mid, end)
(p, q), r = (1, 2), 3
print(p, q, r)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
print(t.index(2), t.count(3), 2 in t)
print(tuple([1, 2]), tuple("ab"), tuple(range(3)))
print((1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 9))
print(hash((1, 2)) == hash((1, 2)), hash(1), hash(-1) == -2)
point = 3, 4
print(point, type(point))
def minmax(xs):
    return min(xs), max(xs)
lo, hi = minmax([5, 3, 9])
print(lo, hi)
print(max((1, "a"), (2, "b")), sorted([(2, "b"), (1, "z"), (2, "a")]))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0])
print(repr((1,)), str(("a", 2.5)))
