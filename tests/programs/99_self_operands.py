# The same container on both sides of an operator or method: CPython compares, combines
# and updates it with itself (a set compared with itself once blocked forever here).
s = {1, 2}
f = frozenset({3})
print(s <= s, s < s, s == s, s >= s, s > s, s != s)
print(f <= f, f < f, f == f, f >= f)
print(s | s, s & s, s - s, s ^ s)
l = [1, [2]]
print(l == l, l < l, l <= l, l + l)
d = {1: 2}
print(d == d, d | d)
t = (1, 2)
print(t == t, t <= t)
s2 = {1, 2}
s2 |= s2
s2 &= s2
print(s2)
s2 -= s2
print(s2)
s3 = {1}
s3 ^= s3
print(s3)
l2 = [1]
l2 += l2
l2.extend(l2)
print(l2)
d2 = {1: 2}
d2.update(d2)
d2 |= d2
print(d2)
s4 = {1, 2}
s4.update(s4)
print(s4.issubset(s4), s4.issuperset(s4), s4.isdisjoint(s4), s4.union(s4), s4.intersection(s4), s4.difference(s4), s4.symmetric_difference(s4))
s4.intersection_update(s4); s4.difference_update(s4); print(s4)
from collections import deque, Counter, OrderedDict, defaultdict
d = deque([1, 2])
print(d == d, d + d)
d.extend(d)
print(d)
d += d
print(d)
d.extendleft(d)
print(len(d))
c = Counter("abca")
print(c == c, c + c, c - c, c | c, c & c)
c.update(c)
print(c)
o = OrderedDict(a=1)
print(o == o)
o.update(o)
print(o)
dd = defaultdict(int, a=1)
print(dd == dd, dd | dd)
l = [3, 1]
l[:] = l
print(l, l * 2)
l[0:1] = l
print(l)
l.extend(l)
print(l)
print(sorted(l) == l, max(l), l.index(1))
s = {1}
s.symmetric_difference_update(s)
print(s)
