# Generators closed, thrown into and dropped while other threads run: every finally block
# runs exactly once, on the thread that let the generator go, and nothing deadlocks.
import threading

ROUNDS = 300
THREADS = 4
lock = threading.Lock()
finished = []  # (thread index, how) for every finally that ran


def counted(owner, how):
    try:
        n = 0
        while True:
            yield n
            n += 1
    finally:
        with lock:
            finished.append((owner, how))


def delegating(owner):
    try:
        yield from counted(owner, "inner")
    finally:
        with lock:
            finished.append((owner, "outer"))


def work(index, done_here):
    for i in range(ROUNDS):
        # break out of a for loop
        for v in counted(index, "break"):
            if v == 2:
                break
        # close()
        g = counted(index, "close")
        next(g)
        g.close()
        # throw(), uncaught
        g = counted(index, "throw")
        next(g)
        try:
            g.throw(ValueError(i))
        except ValueError:
            pass
        # del, rebinding, a temporary
        g = counted(index, "del")
        next(g)
        del g
        g = counted(index, "rebind")
        next(g)
        g = None
        next(counted(index, "temporary"))
        # yield from, dropped
        d = delegating(index)
        next(d)
        d = None
    done_here.append(index)


shared = [counted(-1, "shared %d" % i) for i in range(THREADS)]
for g in shared:
    next(g)


def drop_shared(index, done_here):
    # Another thread's generator, dropped here.
    shared[index] = None
    work(index, done_here)


done = []
threads = [threading.Thread(target=drop_shared, args=(i, done)) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

per_kind = {}
for owner, how in finished:
    per_kind[how] = per_kind.get(how, 0) + 1
print(sorted(done))
for how in ["break", "close", "throw", "del", "rebind", "temporary", "inner", "outer"]:
    print(how, per_kind.get(how, 0) == THREADS * ROUNDS)
print("shared", sum(1 for _, how in finished if how.startswith("shared")))
print("total", len(finished))


# One generator resumed from two threads: one of them is told it is already executing.
def slow():
    while True:
        total = 0
        for k in range(20000):
            total += k
        yield total


s = slow()
errors = []


def pull():
    for _ in range(20):
        try:
            next(s)
        except ValueError as e:
            errors.append(str(e))


pullers = [threading.Thread(target=pull) for _ in range(2)]
for t in pullers:
    t.start()
for t in pullers:
    t.join()
print("already executing only:", set(errors) <= {"generator already executing"})
s.close()
print("closed:", next(s, "finished"))
