# An inventory with dataclasses: defaults, factories, sorting, asdict, replace.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, is_dataclass


@dataclass
class Item:
    name: str
    price: float
    quantity: int = 0
    tags: list = field(default_factory=list)

    def total(self):
        return self.price * self.quantity


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0


@dataclass
class Inventory:
    owner: str
    items: list = field(default_factory=list)
    notes: str = field(default="", repr=False)

    def add(self, item):
        self.items.append(item)

    def value(self):
        return sum(i.total() for i in self.items)


inv = Inventory("shop")
inv.add(Item("pen", 1.5, 10, ["office"]))
inv.add(Item("book", 12.0, 3))
inv.add(Item("lamp", 25.25, 1, ["home", "light"]))
print(inv)
print(f"total value: {inv.value():.2f}")
for it in sorted(inv.items, key=lambda i: i.total(), reverse=True):
    print(f"  {it.name:<6} {it.quantity:>3} x {it.price:6.2f} = {it.total():7.2f}")

print(asdict(inv))
print(astuple(inv.items[0]))
cheap = replace(inv.items[1], price=9.99)
print(cheap, inv.items[1])
print(Item("a", 1.0) == Item("a", 1.0), Item("a", 1.0) == Item("a", 2.0))
print(Item("a", 1.0) == ("a", 1.0, 0, []))
print([f.name for f in fields(Item)], is_dataclass(Item), is_dataclass(inv), is_dataclass(3))
print(Item.__match_args__)

versions = [Version(1, 2), Version(1, 0, 5), Version(0, 9), Version(1, 2, 1)]
print(sorted(versions))
print(max(versions), Version(1) < Version(1, 0, 1), Version(2) >= Version(1, 9))

# Each default_factory call makes a new list.
a = Item("x", 1.0)
b = Item("y", 2.0)
a.tags.append("t")
print(a.tags, b.tags)


@dataclass
class Temperature:
    celsius: float
    fahrenheit: float = field(init=False)

    def __post_init__(self):
        self.fahrenheit = self.celsius * 9 / 5 + 32


print(Temperature(100), Temperature(-40.0))


@dataclass
class Animal:
    name: str
    sound: str = "..."

    def speak(self):
        return f"{self.name} says {self.sound}"


@dataclass
class Dog(Animal):
    sound: str = "woof"
    tricks: int = 0


d = Dog("rex", tricks=3)
print(d, d.speak(), [f.name for f in fields(d)])
print(Dog.__match_args__, isinstance(d, Animal))

match d:
    case Dog(name, sound, tricks) if tricks > 2:
        print(f"clever {name} ({sound}) knows {tricks} tricks")
    case _:
        print("other")

# The generated __init__ checks its arguments as a hand-written one does.
for args, kwargs in [((), {}), (("pen",), {}), (("pen", 1, 2, [], 5), {}),
                     (("pen", 1), {"colour": "red"}), (("pen", 1), {"name": "x"})]:
    try:
        Item(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)

print(Item.__init__.__qualname__, Item.__repr__.__qualname__, Item.__eq__.__name__)
print(Item.__hash__, Version.__hash__)
