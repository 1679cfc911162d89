# collections.deque compares item by item and repeats, as CPython's does.
from collections import deque
a, b = deque([1, 2, 3]), deque([1, 2, 4])
print(a < b, a <= b, a > b, a >= b, a < a, a <= a, deque() < a, deque([2]) > a)
print(a * 2, 2 * a, a * 0, a * -1, deque([1, 2], maxlen=3) * 2)
d = deque([1, 2])
d *= 3
print(d)
d *= 0
print(d)
for f in [lambda: a < [1, 2], lambda: a * 2.0, lambda: a * "x"]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
print(a == a, a != b, sorted([deque([3]), deque([1]), deque([2, 1])]))
