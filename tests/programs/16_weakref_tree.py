import weakref, gc

class Node:
    def __init__(self, name):
        self.name = name
        self.children = []
        self._parent = None
    @property
    def parent(self):
        return self._parent() if self._parent else None
    @parent.setter
    def parent(self, p):
        self._parent = weakref.ref(p)
    def add(self, child):
        child.parent = self
        self.children.append(child)
        return child
    def __repr__(self):
        return f"Node({self.name!r})"
    def path(self):
        p = self.parent
        return (p.path() + "/" if p else "") + self.name

root = Node("root")
a = root.add(Node("a"))
b = a.add(Node("b"))
print(b.path(), b.parent, a.parent)
r = weakref.ref(root)
print(r() is root, weakref.getweakrefcount(root), len(weakref.getweakrefs(root)))
print(weakref.ref(root) is r)
def gone(wr):
    print("gone!", wr() is None, wr is r2)
r2 = weakref.ref(b, gone)
print(r2.__callback__ is gone, r == weakref.ref(root), hash(r) == hash(root))
del root
print("after del root:", r(), a.parent)
a.children.clear()
print("cleared")
del b
print("end of b")
for v in [1, 'x', (1,), [1], {}, None, 2.5, range(2)]:
    try:
        weakref.ref(v)
    except TypeError as e:
        print(e)
print(weakref.ref(len)() is len, weakref.ref({1}) is not None)
class Cyc:
    def __init__(self): self.me = self
c = Cyc()
rc = weakref.ref(c, lambda w: print("cycle collected"))
del c
print("before collect", rc() is not None)
gc.collect()
print("after collect", rc())
