import typing
from dataclasses import dataclass, fields
from typing import Optional, get_type_hints


class Node:
    value: int
    next: "Optional[Node]" = None

    def __init__(self, value: int, next: "Node | None" = None) -> None:
        self.value = value
        self.next = next

    def append(self, value: "int") -> "Node":
        self.next = Node(value)
        return self.next


@dataclass
class Item:
    name: str
    price: float
    qty: int = 1


@dataclass
class Special(Item):
    discount: float = 0.1


def total(items: list[Item], tax: float = 0.2) -> float:
    return sum(i.price * i.qty for i in items) * (1 + tax)


def check(func, *args):
    hints = get_type_hints(func)
    for (name, typ), arg in zip(hints.items(), args):
        ok = isinstance(arg, typ) if isinstance(typ, type) else True
        print(f"  {name}: {getattr(typ, '__name__', typ)} <- {arg!r} {'ok' if ok else 'WRONG'}")


print(Node.__annotations__)
print(get_type_hints(Node))
print(get_type_hints(Node.__init__))
print(get_type_hints(Node.append))
print(get_type_hints(Special))
print([f.type for f in fields(Special)])
print(get_type_hints(total))
check(Node.__init__, 3, None)
check(Item, "pen", "1.5", 2)
x: int = 5
import sys
print(get_type_hints(sys.modules[__name__]))
print(get_type_hints(len))


def bad(x: "not valid python") -> None:
    pass


try:
    get_type_hints(bad)
except SyntaxError as e:
    print("SyntaxError:", e)


def missing(x: "Missing") -> None:
    pass


try:
    get_type_hints(missing)
except NameError as e:
    print("NameError:", e)
