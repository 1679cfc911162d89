import itertools


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def take(n, it):
    return list(itertools.islice(it, n))


def primes():
    found = []
    for n in itertools.count(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n


def chunked(seq, size):
    it = iter(seq)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def running_avg():
    total = count = 0
    avg = None
    while True:
        x = yield avg
        if x is None:
            break
        total += x
        count += 1
        avg = total / count
    return total


def flatten(xs):
    for x in xs:
        if isinstance(x, (list, tuple)):
            yield from flatten(x)
        else:
            yield x


print(take(12, fib()))
print(take(10, primes()))
print(list(chunked(range(11), 4)))
g = running_avg()
next(g)
for v in [10, 20, 60]:
    print("avg", g.send(v))
try:
    g.send(None)
except StopIteration as e:
    print("done", e.value)
print(list(flatten([1, [2, [3, (4, 5)], 6], [[7]]])))
evens = (x for x in range(20) if x % 2 == 0)
print(next(evens), next(evens), sum(evens))
print(list(itertools.takewhile(lambda x: x < 50, fib())))
print(list(itertools.accumulate([1, 2, 3, 4, 5], lambda a, b: a * b)))
print([k for k, _ in itertools.groupby("aaabccdddd")])
print([(k, len(list(g))) for k, g in itertools.groupby("aaabccdddd")])
print(list(itertools.pairwise("abcd")))
print(list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(list(itertools.combinations_with_replacement("ab", 2)))
print(list(itertools.compress("abcdef", [1, 0, 1, 0, 1, 1])))
print(list(itertools.filterfalse(str.isdigit, "a1b2c3")))
print(list(zip(*[iter(range(9))] * 3)))
gen = fib()
print(gen.__next__(), type(gen).__name__, iter(gen) is gen)
gen.close()
print(next(gen, "closed"))
def countdown(n):
    print("start", n)
    try:
        while n > 0:
            yield n
            n -= 1
    finally:
        print("cleanup at", n)
for i in countdown(5):
    if i == 3:
        break
print("after loop")
