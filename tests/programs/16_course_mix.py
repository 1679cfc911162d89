from dataclasses import dataclass, field
from enum import Enum, auto
import json, copy, gc

class Color(Enum):
    RED = auto()
    GREEN = auto()

@dataclass(order=True)
class Point:
    x: int
    y: int
    tags: list = field(default_factory=list, compare=False)
    def __hash__(self):
        return hash((self.x, self.y))

pts = [Point(3, 1), Point(1, 2), Point(3, 1)]
print(sorted(pts))
print(len(set(pts)), Point(1, 2) in set(pts))
grid = {Point(0, 0): Color.RED}
print(grid[Point(0, 0)], grid.get(Point(1, 1), Color.GREEN).name)
print(json.dumps({"pts": [[p.x, p.y] for p in pts], "c": Color.RED.value}, indent=2))
d = copy.deepcopy({"a": pts})
print(d["a"][0] == pts[0], d["a"][0] is pts[0])

class Tree:
    def __init__(self, v, parent=None):
        self.v = v; self.parent = parent; self.kids = []
        if parent: parent.kids.append(self)
root = Tree(0)
for i in range(5):
    Tree(i, root)
del root
print(gc.collect() > 0)

def gen():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for x in gen():
    print(x)
    break
print("done")
try:
    Point(1)
except TypeError as e:
    print(e)
try:
    pts.appendd(1)
except AttributeError as e:
    print(e)
