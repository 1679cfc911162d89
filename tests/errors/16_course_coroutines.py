# Generator pipelines with send(), yield from, close() and finally, as a generators lesson shows.
def averager():
    total, count, avg = 0.0, 0, None
    try:
        while True:
            value = yield avg
            if value is None:
                break
            total += value
            count += 1
            avg = total / count
    finally:
        print(f"averager closed after {count} values")
    return avg


def delegate(results, key):
    while True:
        results[key] = yield from averager()


def countdown(n):
    print("start countdown", n)
    try:
        while n > 0:
            yield n
            n -= 1
    except GeneratorExit:
        print("countdown stopped early at", n)
        raise
    finally:
        print("countdown cleanup")


def chunked(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


avg = averager()
next(avg)
print([avg.send(x) for x in (10, 20, 60)])
try:
    avg.send(None)
except StopIteration as e:
    print("returned", e.value)
results = {}
for key, values in {"a": [1, 2, 3], "b": [10, 30]}.items():
    d = delegate(results, key)
    next(d)
    for v in values:
        d.send(v)
    d.send(None)
print(results)
for n in countdown(5):
    if n == 3:
        break
print("after loop")
c = countdown(2)
print(next(c), list(c))
print(list(chunked(range(7), 3)), list(chunked("", 2)))
gen = (x * x for x in range(4))
print(sum(gen), sum(gen), list(zip(countdown(1), "ab")))
squares = map(lambda x: x ** 2, filter(lambda x: x % 2, range(10)))
print(next(squares), list(squares))
g = countdown(3)
next(g)
g.throw(ValueError("bad value"))
