# Configuration objects with types.SimpleNamespace, and type checks with types and keyword.
import keyword
import types
from collections import UserDict, UserList, UserString


def load_config(pairs):
    cfg = types.SimpleNamespace(debug=False, level=1)
    for key, value in pairs:
        if not key.isidentifier() or keyword.iskeyword(key):
            print(f"skipping bad key {key!r}")
            continue
        setattr(cfg, key, value)
    return cfg


cfg = load_config([("debug", True), ("name", "demo"), ("class", 3), ("2fast", 1), ("ratio", 0.5)])
print(cfg)
print(cfg.debug, cfg.name, vars(cfg))
cfg.level += 1
del cfg.ratio
print(cfg, cfg == types.SimpleNamespace(debug=True, level=2, name="demo"))
print(types.SimpleNamespace(b=2), repr(types.SimpleNamespace()))
try:
    types.SimpleNamespace({"a": 1})
except TypeError as e:
    print("TypeError:", e)
print(type(cfg).__name__, isinstance(cfg, types.SimpleNamespace))
try:
    hash(cfg)
except TypeError as e:
    print("TypeError:", e)
print(getattr(cfg, "missing", "default"))

def square(x):
    return x * x

class Shape:
    def area(self):
        return 0

def gen():
    yield 1

checks = [square, len, Shape().area, gen(), types, lambda: 0, print, [].append]
for obj in checks:
    kinds = [name for name in ("FunctionType", "BuiltinFunctionType", "MethodType",
                               "GeneratorType", "ModuleType", "LambdaType")
             if isinstance(obj, getattr(types, name))]
    print(type(obj).__name__, kinds, callable(obj), hasattr(obj, "__call__"))
bound = types.MethodType(square, 7)
print(bound())
print(keyword.kwlist[:5], len(keyword.kwlist), keyword.softkwlist)
print([w for w in "if match else case print True none".split() if keyword.iskeyword(w)])
print(types.NoneType, types.FunctionType.__name__, types.EllipsisType)


class Inventory(UserDict):
    def __setitem__(self, key, value):
        if value < 0:
            raise ValueError(f"negative stock for {key}")
        super().__setitem__(key.lower(), value)

    def __missing__(self, key):
        return 0


inv = Inventory({"Apple": 3})
inv["PEAR"] = 5
inv.update(Kiwi=2)
print(inv, len(inv), inv["apple"], inv["plum"], "pear" in inv, sorted(inv))
try:
    inv["fig"] = -1
except ValueError as e:
    print("ValueError:", e)


class History(UserList):
    def undo(self):
        return self.data.pop()


h = History([1, 2])
h.append(3)
h += [4]
print(h, h.undo(), h[1:], type(h[1:]).__name__, h * 2, 2 in h)


class Shout(UserString):
    def __str__(self):
        return self.data.upper() + "!"


s = Shout("hello")
print(s, repr(s), len(s), s + " world", s.upper(), s[1:3], "ell" in s, s.replace("l", "L"))
