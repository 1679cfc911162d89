x = "global"


def outer():
    x = "enclosing"

    def inner():
        nonlocal x
        x = "modified"
        return x

    inner()
    return x


def uses_global():
    global x
    x = "changed global"


print(outer(), x)
uses_global()
print(x)
squares = {n: n * n for n in range(6)}
odd_sq = [v for k, v in squares.items() if k % 2]
nested = [[i * j for j in range(1, 4)] for i in range(1, 4)]
flat = [y for row in nested for y in row if y > 2]
uniq = {c.lower() for c in "Mississippi"}
print(squares, odd_sq, nested, flat, sorted(uniq))
pairs = [(a, b) for a in range(4) for b in range(a) if (a + b) % 2]
print(pairs, list(zip(*pairs)))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(r) for r in zip(*matrix)], list(map(sum, matrix)), [sum(c) for c in zip(*matrix)])
words = ["apple", "Banana", "cherry", "date", "Elderberry", "fig"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=lambda w: (len(w), w.lower()), reverse=True))
print(min(words, key=len), max(words, key=lambda w: w[-1]), list(filter(lambda w: w[0].isupper(), words)))
print({w[0].lower(): w for w in words}, dict(zip("abc", range(3))), dict.fromkeys("xy", 0))
total = 0
for i, w in enumerate(words):
    if len(w) > 5:
        continue
    total += i
else:
    print("loop finished, total", total)
n = 0
while True:
    n += 1
    if n ** 2 > 50:
        break
print(n, [n := 5, n * 2], n)
print(any(w.startswith("c") for w in words), all(len(w) > 2 for w in words))
a = b = []
a.append(1)
c = a[:]
c.append(2)
print(a, b, c, a is b, a is c, a == c[:1])
s = "hello"
print(s[1:4], s[-3:], s[::2], s[10:], list(range(10))[-3:], list(range(10))[::-3])
t = (1,)
print(t, type(t).__name__, (1), tuple("ab"), t * 3, (1, 2) + (3,))
first, *middle, last = range(6)
print(first, middle, last)
(a, b), c = (1, 2), 3
print(a, b, c)
def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(*[1, 2], **{"c": 0}))
f(1)
