# Frozen dataclasses as dict keys and set members; the errors dataclasses raises.
from dataclasses import dataclass, field, FrozenInstanceError, fields, asdict, replace, InitVar


@dataclass(frozen=True)
class Coord:
    row: int
    col: int

    def neighbours(self):
        return [Coord(self.row + dr, self.col + dc)
                for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0))]


start = Coord(0, 0)
seen = {start}
frontier = [start]
for _ in range(2):
    nxt = []
    for c in frontier:
        for n in c.neighbours():
            if n not in seen and abs(n.row) + abs(n.col) <= 2:
                seen.add(n)
                nxt.append(n)
    frontier = nxt
print(len(seen), Coord(1, 1) in seen, Coord(2, 1) in seen)
dist = {Coord(0, 1): 1, Coord(1, 0): 1}
print(dist[Coord(1, 0)], hash(Coord(3, 4)) == hash(Coord(3, 4)))

try:
    start.row = 5
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
try:
    del start.col
except AttributeError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
print(replace(start, col=7), start)


@dataclass(unsafe_hash=True)
class Tag:
    label: str
    weight: int = field(default=1, compare=False)


print(hash(Tag("a", 1)) == hash(Tag("a", 99)), Tag("a", 1) == Tag("a", 99))


@dataclass
class Plain:
    value: int


try:
    hash(Plain(1))
except TypeError as e:
    print("TypeError:", e)
print(Plain.__hash__)


@dataclass(eq=False)
class Identity:
    value: int


i1, i2 = Identity(1), Identity(1)
print(i1 == i2, i1 == i1, len({i1, i2}))


@dataclass
class Account:
    owner: str
    balance: float = 0.0
    history: list = field(default_factory=list, repr=False)
    secret: InitVar[str] = "none"

    def __post_init__(self, secret):
        self.masked = "*" * len(secret)
        if self.balance < 0:
            raise ValueError("balance must not be negative")


acc = Account("ann", 10, secret="abcd")
print(acc, acc.masked, [f.name for f in fields(acc)], asdict(acc))
try:
    Account("bob", -5)
except ValueError as e:
    print("ValueError:", e)


@dataclass
class Tree:
    label: str
    children: list = field(default_factory=list)


t = Tree("root", [Tree("a"), Tree("b", [Tree("c")])])
print(t)
print(asdict(t))
loop = Tree("loop")
loop.children.append(loop)
print(loop)

for source in ["non-default", "mutable", "no annotation", "order without eq", "frozen mix"]:
    try:
        if source == "non-default":
            @dataclass
            class A:
                x: int = 0
                y: int
        elif source == "mutable":
            @dataclass
            class B:
                items: dict = {}
        elif source == "no annotation":
            @dataclass
            class C:
                x = field(default=1)
        elif source == "order without eq":
            @dataclass(order=True, eq=False)
            class D:
                x: int
        else:
            @dataclass
            class E(Coord):
                z: int = 0
    except (TypeError, ValueError) as e:
        print(f"{source}: {type(e).__name__}: {e}")

try:
    field(default=1, default_factory=list)
except ValueError as e:
    print("ValueError:", e)
try:
    fields(3)
except TypeError as e:
    print("TypeError:", e)
try:
    asdict(Coord)
except TypeError as e:
    print("TypeError:", e)
try:
    replace(acc, masked="x")
except TypeError as e:
    print("TypeError:", e)
