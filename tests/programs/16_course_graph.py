# Graph search over objects: nodes with __eq__/__hash__ in visited sets and parent maps, a
# doubly linked list with back pointers freed by the collector, generators and closures.
import gc
from collections import deque, Counter, defaultdict


class Cell:
    def __init__(self, r, c):
        self.r, self.c = r, c

    def __eq__(self, other):
        return (self.r, self.c) == (other.r, other.c)

    def __hash__(self):
        return hash((self.r, self.c))

    def __repr__(self):
        return f"Cell({self.r}, {self.c})"

    def neighbours(self):
        for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            yield Cell(self.r + dr, self.c + dc)


MAZE = ["..#....", ".##.##.", "...#...", "#.....#", "...##.."]


def open_cell(cell):
    return 0 <= cell.r < len(MAZE) and 0 <= cell.c < len(MAZE[0]) and MAZE[cell.r][cell.c] == "."


def bfs(start, goal):
    parent = {start: None}
    queue = deque([start])
    while queue:
        cur = queue.popleft()
        if cur == goal:
            break
        for n in cur.neighbours():
            if open_cell(n) and n not in parent:
                parent[n] = cur
                queue.append(n)
    path, cur = [], goal
    while cur is not None:
        path.append(cur)
        cur = parent.get(cur)
    return path[::-1], len(parent)


path, seen = bfs(Cell(0, 0), Cell(4, 6))
print(len(path), seen, path[:3], path[-1])
print(Counter(c.r for c in path).most_common(2))
by_row = defaultdict(set)
for c in path:
    by_row[c.r].add(c)
print(sorted((r, len(cs)) for r, cs in by_row.items()))
print(Cell(0, 0) in set(path), {Cell(1, 1), Cell(1, 1)} == {Cell(1, 1)})


class Node:
    def __init__(self, value):
        self.value, self.prev, self.next = value, None, None


def linked(n):
    head = tail = Node(0)
    for i in range(1, n):
        node = Node(i)
        tail.next, node.prev = node, tail
        tail = node
    return head


gc.collect()
for _ in range(50):
    linked(100)
print("freed", gc.collect() >= 0)


def counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count

    return bump


b = counter()
print([b() for _ in range(3)], [(y := x * x) for x in range(4)], y)
