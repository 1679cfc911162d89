class P:
    def __init__(self, x, y):
        self.x = x; self.y = y
    def __eq__(self, o):
        return isinstance(o, P) and self.x == o.x and self.y == o.y
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"P({self.x}, {self.y})"

s = {P(1, 2)}
print(P(1, 2) in s, P(2, 1) in s)
d = {P(1, 2): 5}
print(d.get(P(1, 2)), d[P(1, 2)], P(1, 2) in d)
d[P(1, 2)] = 6
print(d, len(d))
del d[P(1, 2)]
print(d)
# BFS over a grid with a visited set
from collections import deque, Counter, defaultdict
start = P(0, 0)
seen = {start}
q = deque([start])
while q:
    p = q.popleft()
    for dx, dy in ((1, 0), (0, 1)):
        n = P(p.x + dx, p.y + dy)
        if n.x <= 3 and n.y <= 3 and n not in seen:
            seen.add(n)
            q.append(n)
print(len(seen))
print(set([P(1, 1), P(1, 1), P(2, 2)]))
print({P(1, 1), P(1, 1)})
print({P(1, 1): 'a', P(1, 1): 'b'})
c = Counter([P(0, 0), P(0, 0), P(1, 1)])
print(c)
dd = defaultdict(list)
dd[P(3, 3)].append(1)
dd[P(3, 3)].append(2)
print(dict(dd))
a = {P(1, 1), P(2, 2)}
b = {P(2, 2), P(3, 3)}
print(a | b, a & b, a - b, a ^ b)
print(a == {P(2, 2), P(1, 1)}, a <= {P(1, 1), P(2, 2), P(9, 9)})
print(a.issubset([P(1, 1), P(2, 2)]), a.union([P(1, 1)]), a.intersection([P(2, 2)]))
a.discard(P(1, 1)); print(a)
a.remove(P(2, 2)); print(a)
# tuples of points
t = {(P(1, 1), 2): 'x'}
print(t[(P(1, 1), 2)])
print(hash((P(1, 2), 3)) == hash(((1, 2), 3)) == hash((hash((1,2)), 3)) , hash((1,2)) == hash(P(1,2)))
class Q:
    def __eq__(self, o): return True
try:
    {Q()}
except TypeError as e:
    print(e)
class H:
    def __hash__(self): return 2**100
print(hash(H()) == hash(2**100))
class M:
    def __hash__(self): return -1
print(hash(M()))
# __eq__ raising
class E:
    def __hash__(self): return 1
    def __eq__(self, o): raise ValueError("boom")
d = {E(): 1}
try:
    d[E()]
except ValueError as e:
    print("ValueError", e)
# eq that mutates the dict
class Mut:
    def __init__(self, d): self.d = d
    def __hash__(self): return 7
    def __eq__(self, o):
        self.d.clear()
        return False
dm = {}
dm[Mut(dm)] = 1
print(Mut(dm) in dm, len(dm))
# int key matching a user-eq stored key
class One:
    def __hash__(self): return 1
    def __eq__(self, o): return o == 1
dk = {One(): 'one'}
print(dk.get(1), 1 in dk)
sk = {One()}
print(1 in sk)
