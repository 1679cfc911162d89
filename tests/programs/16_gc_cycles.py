import gc
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
    def __del__(self):
        print("del", self.name)
gc.disable()
a = Node("a"); b = Node("b")
a.other = b; b.other = a
del a, b
print("collected", gc.collect() > 0)
print(gc.isenabled())
gc.enable()
print(gc.isenabled(), gc.get_threshold())
def make():
    def f():
        return f
    return f
for i in range(3):
    make()
print(gc.collect() >= 0)
l = []
l.append(l)
del l
print(gc.collect() > 0)
class Res:
    saved = None
    def __del__(self):
        Res.saved = self
r = Res(); r.me = r
del r
gc.collect()
print(Res.saved is not None, Res.saved.me is Res.saved)
class Bad:
    def __del__(self):
        raise ValueError("boom")
x = Bad(); x.x = x
del x
gc.collect()
print("end")
