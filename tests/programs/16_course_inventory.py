from dataclasses import dataclass, field, asdict, astuple, replace
from collections import defaultdict, Counter
from typing import List


@dataclass(order=True)
class Item:
    price: float
    name: str = field(compare=False)
    qty: int = 0
    tags: List[str] = field(default_factory=list, compare=False, repr=False)

    @property
    def total(self):
        return self.price * self.qty

    def __post_init__(self):
        if self.qty < 0:
            raise ValueError(f"negative quantity for {self.name}")


@dataclass(frozen=True)
class Location:
    aisle: int
    shelf: str


items = [
    Item(2.5, "apple", 10, ["fruit"]),
    Item(0.25, "nail", 1000, ["hardware"]),
    Item(12.0, "hammer", 3, ["hardware", "tool"]),
    Item(2.5, "pear", 4, ["fruit"]),
]
print(items[0])
print(sorted(items))
print(sorted(items, key=lambda i: (-i.total, i.name)))
print(asdict(items[2]))
print(astuple(items[1]))
print(items[0] == Item(2.5, "other", 10), items[0] < items[2])
cheap = replace(items[2], price=9.99)
print(cheap, cheap.total)
by_tag = defaultdict(list)
for it in items:
    for t in it.tags:
        by_tag[t].append(it.name)
print(dict(by_tag))
print(Counter(t for it in items for t in it.tags).most_common())
loc = Location(3, "B")
where = {loc: "hammers", Location(1, "A"): "fruit"}
print(where[Location(3, "B")], hash(loc) == hash(Location(3, "B")))
try:
    loc.aisle = 4
except Exception as e:
    print(type(e).__name__, e)
try:
    Item(1.0, "bad", -2)
except ValueError as e:
    print("ValueError:", e)
print(f"{'name':<8}{'qty':>6}{'total':>10}")
for it in items:
    print(f"{it.name:<8}{it.qty:>6}{it.total:>10.2f}")
print(f"{sum(i.total for i in items):,.2f}")
print(Item.__dataclass_fields__.keys() if hasattr(Item, "__dataclass_fields__") else None)
print(repr(Location(1, "A")), Location.__eq__(loc, loc))
