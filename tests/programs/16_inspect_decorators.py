# inspect with decorators, abstract classes, dataclasses and callables: what a course's
# "write a decorator that checks its arguments" exercise needs.
import inspect
import functools
from abc import ABC, abstractmethod
from dataclasses import dataclass


def typed(func):
    sig = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        for name, value in bound.arguments.items():
            ann = sig.parameters[name].annotation
            if ann is not inspect.Parameter.empty and not isinstance(value, ann):
                raise TypeError(f"{name} must be {ann.__name__}, not {type(value).__name__}")
        return func(*args, **kwargs)
    return wrapper


@typed
def scale(x: int, factor: float = 2.0, *, label: str = "x") -> float:
    """Scale x."""
    return x * factor


print(scale(3), scale(3, 1.5, label="y"), scale.__name__, scale.__doc__)
print(inspect.signature(scale), inspect.unwrap(scale).__name__, hasattr(scale, "__wrapped__"))
for bad in [("3",), (3, "2"), (3,)]:
    try:
        print(scale(*bad, label=5) if len(bad) == 1 and bad[0] == 3 else scale(*bad))
    except TypeError as e:
        print("TypeError:", e)


class Animal(ABC):
    @abstractmethod
    def speak(self):
        ...

    def hello(self):
        return "hi"


class Dog(Animal):
    def speak(self):
        return "woof"


print(inspect.isabstract(Animal), inspect.isabstract(Dog), inspect.isabstract(int))
print(sorted(Animal.__abstractmethods__), inspect.signature(Dog.speak))


@dataclass
class Point:
    x: int
    y: int = 0


print(inspect.signature(Point), inspect.isclass(Point), inspect.isfunction(Point.__init__))


class Adder:
    def __call__(self, a, b=1):
        return a + b


print(inspect.signature(Adder()), inspect.signature(functools.partial(scale, 2)))
print(inspect.signature(lambda *a, **k: None), inspect.signature(print) if False else "")
sig = inspect.signature(scale)
print(sig.parameters["x"].annotation, sig.return_annotation, sig.parameters["label"].kind)
print([p.name for p in sig.parameters.values() if p.kind == p.POSITIONAL_OR_KEYWORD])
print(sig == inspect.signature(scale), hash(sig) == hash(inspect.signature(scale)))
print(inspect.Parameter.empty.__name__, inspect.Signature.empty is inspect._empty, inspect._empty is inspect.Parameter.empty)
try:
    inspect.signature(42)
except TypeError as e:
    print("TypeError:", e)
try:
    inspect.Parameter("1x", inspect.Parameter.POSITIONAL_ONLY)
except ValueError as e:
    print("ValueError:", e)
try:
    sig.bind(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    sig.bind(1, lbl=2)
except TypeError as e:
    print("TypeError:", e)
print([(n, f.__qualname__) for n, f in inspect.getmembers(Dog, inspect.isfunction)])
print(inspect.isclass(Dog), inspect.ismethod(Dog().speak), inspect.getmro(Dog)[1].__name__)
