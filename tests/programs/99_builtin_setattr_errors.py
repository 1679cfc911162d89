# Setting and deleting attributes of built-in values: CPython 3.11's three messages, object() without a __dict__.
import abc, functools
class A(abc.ABC):
    @classmethod
    @abc.abstractmethod
    def make(cls): ...
    @staticmethod
    @abc.abstractmethod
    def s(): ...
    @property
    @abc.abstractmethod
    def p(self): ...
print(A.__abstractmethods__ == frozenset({"make", "s", "p"}))
try:
    property().z = 3
except AttributeError as e:
    print(e)
try:
    object().x = 1
except AttributeError as e:
    print(e)
o = object()
try:
    del o.x
except AttributeError as e:
    print(e)
e = ValueError("a"); e.note = 1; print(e.note)
p = functools.partial(len); p.attr = 5; print(p.attr)
import types
ns = types.SimpleNamespace(a=1); ns.b = 2; print(ns)
for v, n in [(1, "real"), (1, "foo"), ("s", "upper"), (1.5, "imag"), ([], "append"), ((), "count"), (None, "x"), (True, "real")]:
    for op in ("set", "del"):
        try:
            if op == "set": setattr(v, n, 0)
            else: delattr(v, n)
        except (AttributeError, TypeError) as e:
            print(op, type(e).__name__, e)
def f(): pass
for bad in [3, None]:
    try: f.__name__ = bad
    except TypeError as e: print(e)
    try: f.__qualname__ = bad
    except TypeError as e: print(e)
class K: pass
try: K.__name__ = 5
except TypeError as e: print(e)
f.__name__ = "g"; print(f.__name__)
print(isinstance(A.__dict__["make"], classmethod))
