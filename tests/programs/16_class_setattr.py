# __setattr__ / __delattr__ overrides: validation, object.__setattr__ and super().
class Validated:
    def __setattr__(self, name, value):
        if name.startswith("n_") and not isinstance(value, int):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        print("set", name, value)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        print("del", name)
        if name == "keep":
            raise AttributeError(f"cannot delete {name}")
        super().__delattr__(name)


v = Validated()
v.n_items = 3
v.label = "x"
try:
    v.n_items = "three"
except TypeError as e:
    print("TypeError:", e)
print(v.n_items, v.label, vars(v))
setattr(v, "keep", 1)
try:
    del v.keep
except AttributeError as e:
    print("AttributeError:", e)
del v.label
print(vars(v))


class Counted(Validated):
    def __init__(self):
        self.count = 0

    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        if name != "changes":
            object.__setattr__(self, "changes", getattr(self, "changes", 0) + 1)


c = Counted()
for i in range(3):
    c.count += 1
print(c.count, c.changes)


class Frozen:
    def __init__(self, x):
        object.__setattr__(self, "x", x)

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is frozen")


f = Frozen(4)
print(f.x)
try:
    f.x = 5
except AttributeError as e:
    print("AttributeError:", e)


# Assigning __setattr__ to a class after instances exist.
class Late:
    pass


class LateChild(Late):
    pass


lc = LateChild()
lc.a = 1
def loud(self, name, value):
    print("loud", name)
    object.__setattr__(self, name, value)
Late.__setattr__ = loud
lc.b = 2
print(lc.a, lc.b)
