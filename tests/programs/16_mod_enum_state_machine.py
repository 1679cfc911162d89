# A traffic-light / order state machine with enum.
from enum import Enum, auto, unique


class Light(Enum):
    RED = 1
    GREEN = 2
    YELLOW = 3

    def next(self):
        order = list(Light)
        return order[(order.index(self) + 1) % len(order)]

    @property
    def wait(self):
        return {Light.RED: 30, Light.GREEN: 25, Light.YELLOW: 5}[self]


state = Light.RED
for _ in range(5):
    print(f"{state.name:<6} value={state.value} wait={state.wait}s -> {state.next()}")
    state = state.next()

print(Light.RED, repr(Light.RED), Light(2), Light["YELLOW"], Light.RED is Light(1))
print(list(Light), len(Light), Light.GREEN in Light)
print([m.name for m in reversed(Light)])
print(type(Light.RED), isinstance(Light.RED, Light), isinstance(Light.RED, Enum))
print(Light.RED == Light.RED, Light.RED == 1, Light.RED != Light.GREEN)
print(Light.__members__)
print(list(Light.__members__.items())[0], "RED" in Light.__members__)


@unique
class OrderStatus(Enum):
    NEW = auto()
    PAID = auto()
    SHIPPED = auto()
    DELIVERED = auto()
    CANCELLED = auto()


TRANSITIONS = {
    OrderStatus.NEW: {OrderStatus.PAID, OrderStatus.CANCELLED},
    OrderStatus.PAID: {OrderStatus.SHIPPED, OrderStatus.CANCELLED},
    OrderStatus.SHIPPED: {OrderStatus.DELIVERED},
    OrderStatus.DELIVERED: set(),
    OrderStatus.CANCELLED: set(),
}


class Order:
    def __init__(self, ident):
        self.ident = ident
        self.status = OrderStatus.NEW
        self.history = [self.status]

    def move(self, new):
        if new not in TRANSITIONS[self.status]:
            raise ValueError(f"order {self.ident}: cannot go from {self.status.name} to {new.name}")
        self.status = new
        self.history.append(new)


o = Order(7)
for step in ["PAID", "SHIPPED", "PAID", "DELIVERED"]:
    try:
        o.move(OrderStatus[step])
        print("now", o.status)
    except ValueError as e:
        print("error:", e)
print(" -> ".join(s.name for s in o.history))
print([(s.name, s.value) for s in OrderStatus])

counts = {}
for s in [OrderStatus.NEW, OrderStatus.PAID, OrderStatus.NEW]:
    counts[s] = counts.get(s, 0) + 1
print(counts)

match o.status:
    case OrderStatus.DELIVERED:
        print("done")
    case OrderStatus.CANCELLED | OrderStatus.NEW:
        print("not started")


class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2


print(Shape.ALIAS_FOR_SQUARE, Shape(2), list(Shape), len(Shape))
print(list(Shape.__members__))
try:
    unique(Shape)
except ValueError as e:
    print("ValueError:", e)

for bad in [lambda: Light(7), lambda: Light["BLUE"], lambda: Light.BLUE]:
    try:
        bad()
    except (ValueError, KeyError, AttributeError) as e:
        print(type(e).__name__, e)
try:
    Light.RED = 9
except AttributeError as e:
    print("AttributeError:", e)
try:
    Light.RED.value = 9
except AttributeError as e:
    print("AttributeError:", e)
try:
    del Light.GREEN
except AttributeError as e:
    print("AttributeError:", e)
try:
    class MoreLights(Light):
        BLUE = 4
except TypeError as e:
    print("TypeError:", e)
try:
    Light.RED < Light.GREEN
except TypeError as e:
    print("TypeError:", e)
print(sorted(Light, key=lambda m: m.value, reverse=True))

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.CAT.value, Animal(2))
print(f"{Light.GREEN}", f"[{Light.GREEN!r}]", str(Light.YELLOW), format(Light.RED, ">12"))


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def surface_gravity(self):
        return 6.67300E-11 * self.mass / (self.radius * self.radius)


for p in Planet:
    print(f"{p.name:8} {p.value} {p.surface_gravity:.2f}")
print(hash(Light.RED) == hash(Light(1)), Light.RED.__class__.__name__, Light.__name__)
