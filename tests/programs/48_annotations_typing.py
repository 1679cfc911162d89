from typing import Callable, List, Dict, Optional, Any
from collections.abc import Callable as AbcCallable

x: int = 10
name: str = "typed"
ratio: float
items: List[int] = [1, 2, 3]

def apply(f: Callable[[int], int], v: int) -> int:
    return f(v)

def run(t: AbcCallable[[], None]) -> float:
    t()
    return 1.5

def find(d: Dict[str, int], key: str) -> Optional[int]:
    return d.get(key)

def anything(v: Any = None) -> Any:
    return v

print(x, name, items)
print(apply(lambda n: n * 3, 7))
print(run(lambda: None))
print(find({"a": 1}, "a"), find({}, "b"))
print(anything(), anything([1]))

class Config:
    host: str = "localhost"
    port: int = 8080
    debug: bool

    def __init__(self, debug: bool = False) -> None:
        self.debug = debug

c = Config(True)
print(c.host, c.port, c.debug)
print(__annotations__["x"], __annotations__["name"])
print(Config.__annotations__["host"], Config.__annotations__["port"])
print(list(__annotations__), list(Config.__annotations__))
def g(a: int, b: "str" = "s") -> bool:
    return True
print(g(1), g(2, "x"))
counter: Dict[str, int] = {}
counter["k"] = counter.get("k", 0) + 1
print(counter)
y: int
try:
    print(y)
except NameError as e:
    print("NameError:", e)
