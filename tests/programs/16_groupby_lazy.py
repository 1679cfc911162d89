# itertools.groupby is lazy, as CPython's: a group is over once groupby moves past it, and an
# infinite input works.
import itertools

data = "aaabccdddd"
groups = list(itertools.groupby(data))
print([(k, list(g)) for k, g in groups])
print([(k, list(g)) for k, g in itertools.groupby(data)])
print([k for k, _ in itertools.groupby(data)])
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
for letter, ws in itertools.groupby(words, key=lambda w: w[0]):
    print(letter, list(ws))
by_len = itertools.groupby(sorted(words, key=len), len)
print({n: list(g) for n, g in by_len})
counter = itertools.count()
g = itertools.groupby(counter, key=lambda n: n // 3)
for _ in range(3):
    k, grp = next(g)
    print(k, next(grp), list(itertools.islice(grp, 5)))
it = itertools.groupby([1, 1, 2])
k1, g1 = next(it)
print(next(g1), k1)
k2, g2 = next(it)
print(list(g1), k2, list(g2), next(it, "done"))
nan = float("nan")
print([(k, len(list(v))) for k, v in itertools.groupby([nan, nan, 1])])
print(type(g1).__name__, type(it).__name__, iter(it) is it)
