# Two threads compare the same two sets in opposite orders, and each compares a set with
# itself, many times. Each comparison takes one set's lock at a time, so no thread ever waits
# for a lock another holds while it holds one: this ends in every mode and schedule.
import threading

a = set(range(50))
b = set(range(100))
N = 3000


def work(x, y, out, i):
    n = 0
    for _ in range(N):
        if x <= y or y <= x:
            n += 1
        if x <= x and x == x and not x < x:
            n += 1
    out[i] = n


out = [0, 0]
ts = [
    threading.Thread(target=work, args=(a, b, out, 0)),
    threading.Thread(target=work, args=(b, a, out, 1)),
]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(out)
