import heapq
nan = float("nan")
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1,), (1, "a", 0), ()]))
print(sorted(["b", "a", "é", "Z", "", "ab"]), sorted([3.5, -1.0, 2.0, 0.0, -0.0]))
print(min((1, 2), (1, 1)), max("abc", "abd"))
h = []
for item in [(5, "e"), (1, "a"), (3, "c"), (1, "b"), (2.5, "x")]:
    heapq.heappush(h, item)
print([heapq.heappop(h) for _ in range(len(h))])
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e: print(e)
try:
    h = [(1, "a")]; heapq.heappush(h, (1, 2))
except TypeError as e: print(e)
print(sorted([nan, 1.0, 0.5])[1:], sorted([(nan, 1), (nan, 0)])[0][1])
t = (nan,)
print(t < t, [t] < [t], (1, [2]) < (1, [3]))
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o): print("lt"); return self.v < o.v
    def __eq__(self, o): print("eq"); return self.v == o.v
print(sorted([(1, K(2)), (1, K(1))])[0][1].v)
h = []; heapq.heappush(h, (2, K(1))); heapq.heappush(h, (1, K(0))); print(heapq.heappop(h)[0])
print((1, 2) < (1, 2, 3), (2,) < (1, 9), ("a", 1) < ("a", 1.5))
