# copy and deepcopy: nested structures, shared references, a cycle, custom hooks.
import copy

grid = [[0, 0, 0], [0, 0, 0]]
shallow = copy.copy(grid)
deep = copy.deepcopy(grid)
grid[0][0] = 9
print("original:", grid)
print("shallow: ", shallow)
print("deep:    ", deep)
print(shallow is grid, shallow[0] is grid[0], deep[0] is grid[0])

config = {"name": "lab", "tags": {"a", "b"}, "limits": (1, [2, 3]), "n": None}
c2 = copy.deepcopy(config)
c2["limits"][1].append(4)
print(config["limits"], c2["limits"])
print(sorted(c2["tags"]), c2["tags"] is config["tags"])
t = (1, 2, "x")
print(copy.deepcopy(t) is t, copy.copy(t) is t)

# Shared references stay shared in the copy.
shared = [1, 2]
pair = [shared, shared]
pc = copy.deepcopy(pair)
print(pc[0] is pc[1], pc[0] is shared)

# A list that contains itself.
loop = [1, 2]
loop.append(loop)
lc = copy.deepcopy(loop)
print(lc[2] is lc, lc[2] is loop, lc[:2])


class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.children = []

    def __repr__(self):
        return f"Node({self.value})"


a = Node("a")
b = Node("b")
a.next = b
b.next = a  # a cycle through instances
a.children.append(b)
a2 = copy.deepcopy(a)
print(a2, a2.next, a2.next.next is a2, a2.children[0] is a2.next, a2 is a)
a3 = copy.copy(a)
print(a3.next is b, a3.children is a.children)


class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __copy__(self):
        print("  __copy__ called")
        return Matrix(self.rows)

    def __deepcopy__(self, memo):
        print("  __deepcopy__ called, memo is a", type(memo).__name__)
        return Matrix(copy.deepcopy(self.rows, memo))


m = Matrix([[1, 2], [3, 4]])
m1 = copy.copy(m)
m2 = copy.deepcopy(m)
m.rows[0][0] = 100
print(m1.rows, m2.rows)


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


s = Slotted([1], 2)
s2 = copy.deepcopy(s)
s.x.append(5)
print(s2.x, s2.y, type(s2).__name__)

memo = {}
d1 = copy.deepcopy([shared], memo)
print(id(shared) in memo, memo[id(shared)] == shared)
print(copy.deepcopy(len) is len, copy.copy(Node) is Node)
fs = frozenset([1, 2])
print(copy.copy(fs) is fs, copy.deepcopy({"k": fs}) == {"k": fs})
