def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1

print(list(count_up(5)))
g = count_up(3)
print(next(g), next(g), next(g), next(g, "exhausted"))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print([next(f) for _ in range(15)])

def chain(*its):
    for it in its:
        yield from it

print(list(chain([1, 2], "ab", range(3))))

def gen_return():
    yield 1
    return "result"

def delegator():
    r = yield from gen_return()
    yield r

print(list(delegator()))

def squares(xs):
    for x in xs:
        yield x * x

def evens(xs):
    for x in xs:
        if x % 2 == 0:
            yield x

print(list(evens(squares(range(10)))))
print(sum(squares(range(4))))


g2 = count_up(2)
for v in g2:
    print("loop", v)
try:
    next(g2)
except StopIteration:
    print("StopIteration caught")

def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v

print(list(take(4, fib())))
it = iter([1, 2, 3])
print(next(it), list(it))
def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for v in gen_with_finally():
    print(v)
