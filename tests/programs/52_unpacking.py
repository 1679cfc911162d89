a, b, c = 1, 2, 3
print(a, b, c)
a, b = b, a
print(a, b)
x, = [42]
print(x)
[p, q] = "pq"
print(p, q)
first, *rest = [1, 2, 3, 4]
*init, last = (1, 2, 3, 4)
head, *middle, tail = "abcdef"
print(first, rest, init, last, head, middle, tail)
one, *empty, two = [1, 2]
print(one, empty, two)
(a, b), (c, d) = (1, 2), [3, 4]
print(a, b, c, d)
a, (b, *c), d = 1, (2, 3, 4), 5
print(a, b, c, d)
for i, (name, score) in enumerate([("x", 1), ("y", 2)]):
    print(i, name, score)
for k, *vals in [(1, 2, 3), (4, 5)]:
    print(k, vals)
d = {"a": 1, "b": 2}
(k1, v1), (k2, v2) = d.items()
print(k1, v1, k2, v2)
print(*[1, 2, 3])
print(*"abc", sep="-")
print([*range(3), *"ab"], (*[1], *[2, 3]), {*[1, 1, 2]})
print({**{"x": 1}, "y": 2, **{"x": 3}})
def f(a, b, c):
    return a * 100 + b * 10 + c
print(f(*[1, 2, 3]), f(1, *(2, 3)), f(**{"a": 1, "b": 2, "c": 3}), f(1, **{"c": 3, "b": 2}))
m, n = divmod(47, 5)
print(m, n)
a = b = c = 7
print(a, b, c)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 9
print(i, lst)
class P:
    pass
o = P()
o.x, o.y = 5, 6
print(o.x, o.y)
arr = [1, 2, 3]
arr[0], arr[2] = arr[2], arr[0]
print(arr)
try:
    a, b = 1, 2, 3
except ValueError as e:
    print(e)
try:
    a, b, c = [1]
except ValueError as e:
    print(e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
try:
    a, b = 5
except TypeError as e:
    print(e)
