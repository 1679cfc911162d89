class Positive:
    def __set_name__(self, owner, name):
        self.private = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private)
    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError("must be positive")
        setattr(obj, self.private, value)
    def __delete__(self, obj):
        print("deleting")
class Item:
    price = Positive()
    def __init__(self, p):
        self.price = p
i = Item(3)
print(i.price, vars(i))
try:
    i.price = -1
except ValueError as e:
    print(e)
for k in range(3):
    i.price += 1
print(i.price, type(Item.price).__name__)
del i.price
class Plain:
    default = Item(1)
p = Plain(); p.x = 1; print(p.default.price, p.x)
class NonData:
    def __get__(self, obj, t): return "nd"
class H:
    a = NonData()
h = H(); print(h.a); h.a = 5; print(h.a)
