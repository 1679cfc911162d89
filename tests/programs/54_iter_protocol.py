it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "end"))
try:
    next(it)
except StopIteration:
    print("StopIteration")
s = iter("ab")
print(list(s), list(s))
d = {"x": 1, "y": 2}
print(list(iter(d)), next(iter(d.values())), next(iter(d.items())))

class Range2:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi
    def __iter__(self):
        return Range2Iter(self.lo, self.hi)

class Range2Iter:
    def __init__(self, cur, hi):
        self.cur, self.hi = cur, hi
    def __iter__(self):
        return self
    def __next__(self):
        if self.cur >= self.hi:
            raise StopIteration
        v = self.cur
        self.cur += 2
        return v

r = Range2(0, 9)
print(list(r), list(r), sum(r), max(r), 4 in r, 5 in r)
print(sorted(r, reverse=True), [x * x for x in r], dict(zip(r, "abcde")))
a, b, *c = Range2(1, 10)
print(a, b, c)

class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * 10

print(list(Seq()), 20 in Seq())
for v in Seq():
    print("seq", v)
z = zip([1, 2, 3], "ab")
print(next(z), list(z))
e = enumerate("xyz")
print(next(e), list(e))
m = map(lambda v: v + 1, range(3))
print(list(m), list(m))
rev = reversed([1, 2, 3])
print(next(rev), list(rev))
r = range(3)
print(list(r), list(r))
gen = (c for c in "hi")
print(iter(gen) is gen, list(gen))
it2 = iter(range(10))
for v in it2:
    if v == 3:
        break
print(list(it2))
