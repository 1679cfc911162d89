lst = [1, 2, 3]
lst[0] += 10
lst[-1] *= 5
lst[1] **= 3
print(lst)
d = {"n": 1}
d["n"] += 1
d["n"] <<= 4
d.setdefault("m", 0)
d["m"] -= 3
print(d)
class C:
    def __init__(self):
        self.v = 10
        self.items = []
c = C()
c.v //= 3
c.v %= 2
c.items += [1, 2]
c.items += (3,)
print(c.v, c.items)
s = "ab"
s += "cd"
s *= 2
print(s)
t = (1,)
t += (2, 3)
print(t)
a = [1]
b = a
a += [2]
print(a, b, a is b)
a = a + [3]
print(a, b, a is b)
x = 5
x /= 2
print(x)
x = 0b1111
x &= 0b1010
x |= 0b0100
x ^= 0b0001
x >>= 1
print(bin(x))
n = 2
n **= 100
print(n)
f = 1.5
f -= 0.25
f *= 4
f //= 2
print(f)
nested = [[0, 0], [0, 0]]
for i in range(2):
    for j in range(2):
        nested[i][j] += i * 2 + j
print(nested)
counter = {}
for w in "a b a c a b".split():
    counter[w] = counter.get(w, 0) + 1
print(counter)
st = {1, 2}
st |= {3}
st -= {1}
print(st)
calls = []
def key():
    calls.append("k")
    return 0
arr = [10]
arr[key()] += 5
print(arr, calls)
