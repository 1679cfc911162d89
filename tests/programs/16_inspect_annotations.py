# Signatures with typing annotations, printed as CPython's inspect prints them.
import inspect
from typing import Optional, List, Dict, Union, Callable
def f(a: list[int], b: Optional[str] = None, c: Dict[str, int] = {}, *d: int, e: Union[int, float] = 1, g: "Point" = None, h: Callable[[int], str] = str, i: int | None = None) -> List[str]:
    pass
print(inspect.signature(f))
for p in inspect.signature(f).parameters.values():
    print(p.name, inspect.formatannotation(p.annotation))
from collections import namedtuple
from dataclasses import dataclass, field
@dataclass(order=True)
class Item:
    name: str
    tags: list = field(default_factory=list)
    price: float = 0.0
print(inspect.signature(Item))
