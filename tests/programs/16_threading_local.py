# threading.local: each thread sees its own attributes; a subclass runs __init__ per thread.
import threading
data = threading.local()
data.x = 1
print(type(data).__name__, type(data).__module__, data.x, data.__dict__)
out = {}
def work(n):
    seen = hasattr(data, "x")
    data.x = n
    out[n] = (seen, data.x == n)
ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(out.items()), data.x)
class Ctx(threading.local):
    count = 0
    def __init__(self, start):
        self.items = [start]
    @property
    def first(self):
        return self.items[0]
    def add(self, v):
        self.items.append(v)
        return len(self.items)
c = Ctx(10)
c.add(5)
res = {}
def w2(k):
    res[k] = (c.first, c.add(k), c.items, c.count)
ts = [threading.Thread(target=w2, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(res.items()), c.items)
try:
    c.first = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
try:
    data.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    del data.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    data.__dict__ = {}
except AttributeError as e:
    print("AttributeError:", e)
del data.x
print(hasattr(data, "x"), isinstance(c, threading.local))
print(Ctx.__mro__, threading.local)
