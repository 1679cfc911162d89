from enum import Enum, IntEnum, Flag, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

    def describe(self):
        return f"{self.name.lower()} ({self.value})"

    @classmethod
    def from_name(cls, name):
        return cls[name.upper()]


class Priority(IntEnum):
    LOW = auto()
    MEDIUM = auto()
    HIGH = auto()


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()


@unique
class Suit(Enum):
    HEARTS = "♥"
    SPADES = "♠"


print(Color.RED, repr(Color.GREEN), Color(3), Color["BLUE"])
print([c.describe() for c in Color])
print(Color.from_name("green"), Color.RED is Color(1), Color.RED == 1)
print(list(Priority), Priority.HIGH > Priority.LOW, Priority.MEDIUM + 1)
print(sorted([Priority.HIGH, Priority.LOW, Priority.MEDIUM]))
print(f"{Priority.HIGH}", str(Priority.LOW), format(Color.RED), f"{Color.BLUE!s:>15}|")
rw = Perm.R | Perm.W
print(rw, Perm.R in rw, Perm.X in rw, bool(Perm.X & rw), repr(rw))
print(len(Color), Color.__members__.keys())
print({Color.RED: "stop", Color.GREEN: "go"}[Color.GREEN])
print(Suit.HEARTS.value, Suit("♠").name)
try:
    Color(7)
except ValueError as e:
    print(e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError", e)
try:
    class Bad(Enum):
        A = 1
        B = 1
    print(Bad.B, Bad.B is Bad.A, list(Bad))
    @unique
    class Bad2(Enum):
        A = 1
        B = 1
except ValueError as e:
    print(e)
try:
    Color.RED = 5
except AttributeError as e:
    print(e)
print(type(Color.RED), isinstance(Color.RED, Color), Color.RED.__class__.__name__)
for p in Priority:
    print(p.name, p.value, int(p), end="; ")
print()
print(max(Priority), Priority(2), Priority["LOW"] < 2)
