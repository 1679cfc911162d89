class BST:
    class _Node:
        __slots__ = "key", "val", "left", "right"

        def __init__(self, key, val):
            self.key, self.val = key, val
            self.left = self.right = None

    def __init__(self):
        self.root = None
        self.n = 0

    def __setitem__(self, key, val):
        def put(node):
            if node is None:
                self.n += 1
                return BST._Node(key, val)
            if key < node.key:
                node.left = put(node.left)
            elif key > node.key:
                node.right = put(node.right)
            else:
                node.val = val
            return node
        self.root = put(self.root)

    def __getitem__(self, key):
        node = self.root
        while node:
            if key == node.key:
                return node.val
            node = node.left if key < node.key else node.right
        raise KeyError(key)

    def __iter__(self):
        def walk(node):
            if node:
                yield from walk(node.left)
                yield node.key
                yield from walk(node.right)
        return walk(self.root)

    def __len__(self):
        return self.n

    def height(self, node=...):
        if node is ...:
            node = self.root
        if node is None:
            return 0
        return 1 + max(self.height(node.left), self.height(node.right))

    def items(self):
        return [(k, self[k]) for k in self]

    def __repr__(self):
        return "BST(" + repr(dict(self.items())) + ")"


t = BST()
for w in "the quick brown fox jumps over the lazy dog".split():
    t[w] = len(w)
print(len(t), list(t), t.height())
print(t["fox"], t, "dog" in t, "cat" in list(t))
try:
    t["cat"]
except KeyError as e:
    print("missing", e, repr(e), e.args)
def hanoi(n, a="A", b="B", c="C", moves=None):
    if moves is None:
        moves = []
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append(f"{a}->{c}")
        hanoi(n - 1, b, a, c, moves)
    return moves
print(len(hanoi(10)), hanoi(3))
def perms(s):
    if len(s) <= 1:
        return [s]
    return [c + p for i, c in enumerate(s) for p in perms(s[:i] + s[i + 1:])]
print(perms("abc"), len(set(perms("aabb"))))
def flood(grid, r, c):
    if not (0 <= r < len(grid) and 0 <= c < len(grid[0])) or grid[r][c] != ".":
        return 0
    grid[r][c] = "#"
    return 1 + sum(flood(grid, r + dr, c + dc) for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)))
g = [list(row) for row in ["..x..", ".xx..", "x...x", "..x.."]]
print(flood(g, 0, 0), flood(g, 0, 4), ["".join(r) for r in g])
def depth(n):
    return depth(n + 1)
import sys
print(sys.getrecursionlimit())
depth(0)
