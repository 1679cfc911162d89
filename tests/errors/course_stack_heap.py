import heapq
from collections import deque, Counter, ChainMap
import bisect


class Stack:
    def __init__(self):
        self._items = []

    def push(self, x):
        self._items.append(x)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def peek(self):
        return self._items[-1]

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return f"Stack({self._items})"


def balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = Stack()
    for ch in s:
        if ch in "([{":
            st.push(ch)
        elif ch in pairs:
            if not st or st.pop() != pairs[ch]:
                return False
    return len(st) == 0


for s in ["([]{})", "([)]", "((", "", "a(b)c"]:
    print(f"{s!r:10} {balanced(s)}")


class Task:
    def __init__(self, prio, name):
        self.prio, self.name = prio, name

    def __lt__(self, other):
        return (self.prio, self.name) < (other.prio, other.name)

    def __repr__(self):
        return f"Task({self.prio}, {self.name!r})"


pq = []
for p, n in [(3, "write"), (1, "plan"), (2, "code"), (1, "coffee"), (5, "ship")]:
    heapq.heappush(pq, Task(p, n))
print(pq[0], [heapq.heappop(pq).name for _ in range(len(pq))])
nums = [5, 1, 8, 3, 9, 2]
heapq.heapify(nums)
print(nums, heapq.nsmallest(3, nums), heapq.nlargest(2, nums), heapq.heappushpop(nums, 0), heapq.heapreplace(nums, 7))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))
def dijkstra(graph, start):
    dist = {start: 0}
    heap = [(0, start)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist.get(u, float("inf")):
            continue
        for v, w in graph.get(u, []):
            nd = d + w
            if nd < dist.get(v, float("inf")):
                dist[v] = nd
                heapq.heappush(heap, (nd, v))
    return dist
g = {"A": [("B", 4), ("C", 1)], "C": [("B", 2), ("D", 7)], "B": [("D", 1)]}
print(dijkstra(g, "A"))
def bfs(grid, start, goal):
    q = deque([(start, 0)])
    seen = {start}
    while q:
        (r, c), d = q.popleft()
        if (r, c) == goal:
            return d
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < len(grid) and 0 <= nc < len(grid[0]) and grid[nr][nc] != "#" and (nr, nc) not in seen:
                seen.add((nr, nc)); q.append(((nr, nc), d + 1))
    return -1
maze = ["..#....", ".##.##.", "....#..", "#.#...#"]
print(bfs(maze, (0, 0), (0, 6)), bfs(maze, (0, 0), (3, 0)))
scores = [55, 62, 70, 78, 85, 93]
print([("FDCBA"[bisect.bisect(scores[1:5], s) ] if False else bisect.bisect_left(scores, s)) for s in (50, 70, 71, 100)])
bisect.insort(scores, 80); print(scores)
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), dict(cm), cm.maps)
c1, c2 = Counter("aabbbc"), Counter("abd")
print(c1 + c2, c1 - c2, c1 & c2, c1 | c2, c1.total(), list(c1.elements()), c1["zz"])
Stack().pop()
