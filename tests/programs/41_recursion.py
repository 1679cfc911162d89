import sys

moves = []
def hanoi(n, src, dst, via):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst)
    moves.append((src, dst))
    hanoi(n - 1, via, dst, src)

hanoi(3, "A", "C", "B")
print(len(moves), moves)
moves.clear()
hanoi(10, "A", "C", "B")
print(len(moves), moves[:3], moves[-1])

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print([ackermann(m, n) for m in range(3) for n in range(4)])
print(ackermann(2, 3), ackermann(3, 3))

def permutations(xs):
    if len(xs) <= 1:
        return [xs]
    out = []
    for i in range(len(xs)):
        for p in permutations(xs[:i] + xs[i + 1:]):
            out.append([xs[i]] + p)
    return out

print(permutations([1, 2, 3]))
print(len(permutations(list(range(6)))))

def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]

print(power_set(["a", "b", "c"]))

def flatten(x):
    if isinstance(x, list):
        return [y for item in x for y in flatten(item)]
    return [x]

print(flatten([1, [2, [3, [4, [5]]]], 6]))

def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)

print(gcd(1071, 462), gcd(2 ** 40, 6 ** 20))
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))
print(sys.getrecursionlimit())
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(100), is_odd(77))
def binsearch(xs, t, lo=0, hi=None):
    if hi is None:
        hi = len(xs)
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    if xs[mid] == t:
        return mid
    if xs[mid] < t:
        return binsearch(xs, t, mid + 1, hi)
    return binsearch(xs, t, lo, mid)
data = list(range(0, 100, 3))
print(binsearch(data, 27), binsearch(data, 28), binsearch(data, 99))
