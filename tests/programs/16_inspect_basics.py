# inspect as a course shows it: signatures, parameters, binding arguments, kinds of objects.
import inspect
from inspect import Parameter, Signature


def greet(name, greeting="Hello", *names, punct="!", **extra):
    """Greet someone.

    Returns the greeting as a string.
    """
    return f"{greeting}, {name}{punct}"


def area(w: float, h: float = 1.0) -> float:
    return w * h


def pos_only(a, b, /, c, *, d):
    pass


class Shape:
    """A shape."""
    sides = 0

    def __init__(self, name, color="red"):
        self.name = name

    def describe(self, verbose=False):
        return self.name

    @staticmethod
    def unit():
        return 1

    @classmethod
    def make(cls, n):
        return cls(str(n))


class Square(Shape):
    sides = 4


def counter(n):
    yield from range(n)


async def fetch(url):
    return url


sig = inspect.signature(greet)
print(sig)
print(list(sig.parameters))
for p in sig.parameters.values():
    print(p.name, p.kind, p.kind.name, p.default is Parameter.empty, repr(p.default) if p.default is not p.empty else "-", p)
print(inspect.signature(area), inspect.signature(area).return_annotation)
print(inspect.signature(pos_only), inspect.signature(lambda x, y=2: x))
print(inspect.signature(Shape), inspect.signature(Shape.describe), inspect.signature(Shape("s").describe))
print(inspect.signature(Shape.unit), inspect.signature(Shape.make))
b = sig.bind("Ada", "Hi", "x", "y", punct="?", mood="happy")
print(b.arguments, b.args, b.kwargs)
b = sig.bind("Ada")
b.apply_defaults()
print(b.arguments, b)
try:
    sig.bind()
except TypeError as e:
    print("TypeError:", e)
try:
    inspect.signature(pos_only).bind(1, b=2, c=3, d=4)
except TypeError as e:
    print("TypeError:", e)
print(repr(sig.parameters["name"]), sig.parameters["punct"].kind == Parameter.KEYWORD_ONLY)
new = sig.replace(parameters=[Parameter("x", Parameter.POSITIONAL_OR_KEYWORD, default=0)])
print(new, Signature([Parameter("a", Parameter.POSITIONAL_ONLY)]), Signature())
print(str(Parameter("z", Parameter.KEYWORD_ONLY, annotation=int, default=3)))
try:
    Signature([Parameter("a", Parameter.POSITIONAL_OR_KEYWORD, default=1), Parameter("b", Parameter.POSITIONAL_OR_KEYWORD)])
except ValueError as e:
    print("ValueError:", e)
print(inspect.isfunction(greet), inspect.isfunction(Shape.describe), inspect.isfunction(Shape("a").describe))
print(inspect.ismethod(Shape("a").describe), inspect.ismethod(Shape.make), inspect.isclass(Shape), inspect.isclass(Shape("a")))
print(inspect.isgenerator(counter(3)), inspect.isgeneratorfunction(counter), inspect.isgeneratorfunction(greet))
print(inspect.iscoroutinefunction(fetch), inspect.iscoroutinefunction(greet), inspect.ismodule(inspect))
print(inspect.isbuiltin(len), inspect.isroutine(len), inspect.isroutine(greet), inspect.isabstract(Shape))
print(inspect.getmro(Square))
print([name for name, _ in inspect.getmembers(Square) if not name.startswith("_")])
print([name for name, _ in inspect.getmembers(Shape("q"), inspect.ismethod)])
print(inspect.getmembers(Square, lambda v: isinstance(v, int)))
print(inspect.getdoc(greet))
print(repr(inspect.getdoc(Shape)), inspect.getdoc(Square), inspect.getdoc(area))
print(repr(inspect.cleandoc("""
    First line.
        indented
    last
""")))
print(inspect.getfullargspec(greet))
print(inspect.getcallargs(greet, "Bo", punct="."))
print(inspect.unwrap(greet) is greet, inspect.isclass(int), inspect.signature(greet).parameters["extra"].kind)
frame = inspect.currentframe()
print(frame.f_code.co_name, inspect.getmodulename if False else "")
def who_called():
    return inspect.currentframe().f_back.f_code.co_name
def caller():
    return who_called()
print(caller())


def make_class():
    class Local:
        def m(self):
            return [x for x in (1,)]
    return Local


def flags(f):
    return [name for name in ("OPTIMIZED", "NEWLOCALS", "VARARGS", "VARKEYWORDS", "NESTED",
                              "GENERATOR", "COROUTINE") if f.__code__.co_flags & getattr(inspect, "CO_" + name)]


for f in (greet, counter, fetch, Shape.describe, make_class().m, lambda: 0, pos_only):
    print(f.__name__, f.__code__.co_flags, flags(f))
print(greet.__code__.co_argcount, greet.__code__.co_kwonlyargcount, greet.__code__.co_varnames)
print(greet.__defaults__, greet.__kwdefaults__, pos_only.__code__.co_posonlyargcount, area.__annotations__)
print(inspect.CO_NOFREE, inspect.CO_ASYNC_GENERATOR)
