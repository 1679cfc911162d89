# obj.__dict__ = d makes d itself the instance's attributes; del obj.__dict__ empties them.


class A:
    pass


a = A()
a.x = 1
d = {"y": 2}
a.__dict__ = d
print(vars(a) is d, a.y, hasattr(a, "x"))
d["z"] = 3
print(a.z)
a.w = 4
print(d)
try:
    a.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)
del a.__dict__
print(vars(a), hasattr(a, "y"))
a.q = 1
print(vars(a), vars(a) is vars(a))


class S:
    __slots__ = ("q",)


try:
    S().__dict__ = {}
except AttributeError as e:
    print("AttributeError:", e)


class Counter:
    count = 0

    def __init__(self):
        Counter.count += 1
        self.id = Counter.count


o = Counter()
o.__dict__["id"] = 42
print(o.id)
o.__dict__ = {"fresh": True}
print(vars(o), getattr(o, "id", "gone"), o.count)
