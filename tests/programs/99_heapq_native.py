# heapq's native operations (_heapq, as CPython's C module): CPython's comparisons in CPython's
# order (the heap layouts, the cache-friendly heapify above 2,500 items, the count of __lt__
# calls), its error messages, and a list that changes size during a comparison.
import heapq, random
random.seed(5)
for f, a in [(heapq.heappush,(1,2)),(heapq.heappop,(1,)),(heapq.heappop,([],)),(heapq.heapreplace,([],1)),(heapq.heapify,((1,),)),(heapq.heappush,([],)),(heapq.heappushpop,([],))]:
    try: f(*a)
    except Exception as e: print(type(e).__name__, e)
for f, a, k in [(heapq.heappop, (), {}), (heapq.heappush, (), {"heap": [], "item": 1}), (heapq.heapify, (), {})]:
    try: f(*a, **k)
    except Exception as e: print(type(e).__name__, e)
print(heapq.heappush)
for n in (0, 1, 2, 7, 100, 2501, 3000, 5000):
    xs = [random.randrange(1000) for _ in range(n)]
    ys = list(xs)
    heapq.heapify(xs)
    print(n, hash(tuple(xs)), xs[:8])
    out = [heapq.heappop(xs) for _ in range(len(xs))]
    assert out == sorted(ys)
h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, (x, str(x)))
print(h, heapq.heappushpop(h, (0, "z")), heapq.heappushpop(h, (4, "q")), h, heapq.heapreplace(h, (6, "r")), h)
print(heapq.nsmallest(3, [5, 1, 4, 2, 3]), heapq.nlargest(2, "hello"), list(heapq.merge([1, 3], [2, 4])))
class Noisy:
    calls = 0
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        Noisy.calls += 1
        return self.v < o.v
    def __repr__(self): return f"N{self.v}"
h = [Noisy(v) for v in [9, 4, 7, 1, 8, 2]]
heapq.heapify(h); heapq.heappush(h, Noisy(3)); print(h, heapq.heappop(h), Noisy.calls)
class Shrink:
    def __init__(self, v, heap): self.v = v; self.heap = heap
    def __lt__(self, o):
        self.heap.clear()
        return True
h = []
h.append(Shrink(1, h)); h.append(Shrink(2, h))
try:
    heapq.heappush(h, Shrink(0, h))
except RuntimeError as e:
    print("RuntimeError", e)
try:
    heapq.heappush([1, "a"], "b"); heapq.heappush([1], "b")
except TypeError as e:
    print("TypeError", e)
class L(list): pass
l = L([3, 1, 2]); heapq.heapify(l); print(l, type(l).__name__)
