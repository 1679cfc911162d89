a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a, b, len(a))
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(3 in a, 7 in a, 7 not in a)
a.add(10)
a.add(1)
print(sorted(a))
a.discard(10)
a.discard(99)
a.remove(4)
print(sorted(a))
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} >= {2}, {1, 2}.issubset({1, 2, 5}), {1, 2, 5}.issuperset({5}))
print({1, 2}.isdisjoint({3}), {1, 2} == {2, 1})
print(set(), set([3, 3, 1, 2, 1]), set(range(5)))
print(sorted({x % 5 for x in range(20)}))
s = set()
for w in [5, 1, 5, 2, 1]:
    s.add(w)
print(sorted(s), len(s))
fs = frozenset([1, 2, 3])
print(fs, len(fs), 2 in fs, fs | {4}, type(fs))
d = {fs: "frozen key"}
print(d[frozenset({3, 2, 1})])
c = a.copy()
c.update({100, 200})
print(sorted(c), sorted(a))
p = {7, 8}
print(p.pop() in (7, 8), len(p))
p.clear()
print(p)
print(sorted({"b", "a", "c"}))
x = {1, 2, 3}
x |= {4}
x &= {2, 3, 4}
x -= {3}
print(x)
print(sum({1, 2, 3}), max({4, 9, 2}), min({4, 9, 2}))
words = ["apple", "pear", "apple", "fig", "pear"]
print(len(set(words)), sorted(set(words)))
