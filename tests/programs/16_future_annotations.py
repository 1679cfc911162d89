"""A linked list whose nodes name their own class in annotations."""
from __future__ import annotations

import typing
from dataclasses import dataclass, field
from typing import Optional, Dict, List


class Node:
    value: int
    next: Optional[Node] = None

    def __init__(self, value: int, next: Node | None = None) -> None:
        self.value = value
        self.next = next

    def append(self, value: int) -> Node:
        self.next = Node(value)
        return self.next


@dataclass
class Inventory:
    items: Dict[str,int] = field(default_factory=dict)
    tags: List[ 'str' ] = field(default_factory=list)
    owner: "Person | None" = None

    def total(self) -> int:
        return sum(self.items.values())


def scale(xs: list[float], factor: float = 2.0, *rest: tuple[int, ...], **kw: dict[str, "Any"]) -> list[float]:
    return [x * factor for x in xs]


head = Node(1)
head.append(2).append(3)
n, values = head, []
while n:
    values.append(n.value)
    n = n.next
print(values)
print(Node.__annotations__)
print(Node.__init__.__annotations__)
print(Node.append.__annotations__)
print(Inventory.__annotations__)
print(scale.__annotations__)
print(typing.get_type_hints(Node.append))
inv = Inventory({"apple": 3, "pear": 2})
print(inv, inv.total())
print(scale([1.0, 2.5]))
counts: dict[str, int] = {}
print(__annotations__)
import __future__
print(__future__.annotations)
print(__future__.all_feature_names)
