"""Generators and closures: a pipeline of generators (`yield`, `yield from`, generator
expressions) over a stream of pseudo-random numbers, a coroutine driven by `send`, and
closures that keep state in cells (`nonlocal`), built by factories and called in loops.
Stresses generator resumption, frame creation for small functions, and cell loads/stores."""
import sys


def numbers(seed, count):
    state = seed
    for _ in range(count):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield state >> 16


def keep(pred, items):
    for x in items:
        if pred(x):
            yield x


def windows(items, size):
    """Consecutive, non-overlapping groups of `size` items (the last may be short)."""
    group = []
    for x in items:
        group.append(x)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group


def flatten(groups):
    for g in groups:
        yield from g


def running_mean():
    """A coroutine: send it numbers, it yields the mean so far (integer division)."""
    total = count = 0
    mean = None
    while True:
        x = yield mean
        total += x
        count += 1
        mean = total // count


def make_counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count

    return bump


def make_scaler(k):
    return lambda x: x * k % 1009


def compose(f, g):
    def both(x):
        return g(f(x))

    return both


def pipeline(count):
    odd = make_counter()
    seen = make_counter()

    def interesting(x):
        seen()
        if x & 1:
            odd()
            return True
        return x % 3 == 0

    transform = compose(make_scaler(31), make_scaler(17))
    mean = running_mean()
    next(mean)
    last_mean = 0
    checksum = 0
    for group in windows(keep(interesting, numbers(42, count)), 7):
        squares = sum(transform(x) for x in group)
        last_mean = mean.send(squares)
        checksum = (checksum * 7 + squares) % 1_000_003
    total = sum(flatten(windows((y for y in numbers(7, count // 4) if y % 5), 3)))
    return checksum, last_mean, odd(0), seen(0), total


def main(count):
    checksum, last_mean, odd, seen, total = pipeline(count)
    print(f"count {count} checksum {checksum} mean {last_mean} odd {odd} seen {seen} total {total}")


main(int(sys.argv[1]) if len(sys.argv) > 1 else 600_000)
