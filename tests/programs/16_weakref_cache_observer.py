import weakref, gc

class Image:
    loads = 0
    def __init__(self, name):
        Image.loads += 1
        self.name = name
    def __repr__(self):
        return f"<Image {self.name}>"

class Cache:
    def __init__(self):
        self._items = weakref.WeakValueDictionary()
    def get(self, name):
        img = self._items.get(name)
        if img is None:
            img = Image(name)
            self._items[name] = img
            print(f"loaded {name}")
        return img
    def __len__(self):
        return len(self._items)

cache = Cache()
a = cache.get("cat.png")
b = cache.get("cat.png")
print(a is b, Image.loads, len(cache))
c = cache.get("dog.png")
print(sorted(cache._items.keys()), len(cache))
del a
print("still cached:", "cat.png" in cache._items)
del b
print("after del:", "cat.png" in cache._items, len(cache), list(cache._items))
print(dict(cache._items.items()))
try:
    cache._items["cat.png"]
except KeyError as e:
    print("KeyError", e)

class Subject:
    def __init__(self):
        self.observers = weakref.WeakSet()
    def attach(self, o):
        self.observers.add(o)
    def notify(self, msg):
        for o in sorted(self.observers, key=lambda o: o.name):
            o.update(msg)

class Observer:
    def __init__(self, name):
        self.name = name
    def update(self, msg):
        print(f"{self.name} got {msg}")

s = Subject()
o1, o2, o3 = Observer("one"), Observer("two"), Observer("three")
for o in (o1, o2, o3):
    s.attach(o)
s.attach(o1)
print(len(s.observers), o2 in s.observers, 5 in s.observers)
s.notify("hello")
del o2
s.notify("again")
print(len(s.observers))

meta = weakref.WeakKeyDictionary()
meta[o1] = "first"
meta[o3] = "third"
print(meta[o1], len(meta), o3 in meta)
del o3
print(len(meta), [k.name for k in meta])

class Resource:
    def __init__(self, name):
        self.name = name
def cleanup(name):
    print("cleanup", name)
r = Resource("db")
f = weakref.finalize(r, cleanup, "db")
print(f.alive, f.atexit)
del r
print(f.alive)
r2 = Resource("file")
f2 = weakref.finalize(r2, cleanup, "file")
print(f2(), f2.alive, f2())
f3 = weakref.finalize(Resource("tmp"), print, "tmp gone", sep="!")
print("done")
