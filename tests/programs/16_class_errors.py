class F:
    def __set_name__(self, owner, name):
        raise ValueError("boom")
try:
    class Model:
        x = F()
except Exception as e:
    print(type(e).__name__, e, repr(e.__cause__))
class M(type): pass
class C(metaclass=M): pass
try:
    iter(C)
except TypeError as e:
    print(e)
try:
    len(C)
except TypeError as e:
    print(e)
try:
    C[0]
except TypeError as e:
    print(e)
def tracer(name, bases, ns, **kw):
    print("tracer", name, bases, sorted(k for k in ns if not k.startswith("__")), kw)
    return type(name, bases, ns)
class F(metaclass=tracer):
    a = 1
print(F.a, type(F).__name__)
class A: pass
for bad in ["(object, A)", "__slots__ = 5", "__slots__ = ('1x',)", "__slots__ = (1,)"]:
    try:
        if bad.startswith("("):
            exec_ok = False
            class Z(object, A): pass
        elif bad == "__slots__ = 5":
            class Z: __slots__ = 5
        elif bad == "__slots__ = ('1x',)":
            class Z: __slots__ = ('1x',)
        else:
            class Z: __slots__ = (1,)
    except TypeError as e:
        print("TypeError:", e)
class G:
    def __init__(self):
        super().__init__()
        self.ok = True
print(G().ok)
class H:
    @classmethod
    def make(cls):
        return super().__new__(cls)
print(type(H.make()).__name__)
class K:
    def __getattr__(self, n):
        return 1 / 0
try:
    K().x
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(getattr(K(), "__class__").__name__)
class Rec:
    def __getattribute__(self, n):
        return self.__dict__
try:
    Rec().x
except RecursionError as e:
    print("RecursionError")
