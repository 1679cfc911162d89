# Course levels and permissions as IntEnum / IntFlag / StrEnum: the members are ints and strs.
import json
from enum import Enum, Flag, IntEnum, IntFlag, StrEnum, auto, unique


class Level(IntEnum):
    INTRO = 100
    CORE = 200
    ADVANCED = 300


print(isinstance(Level.CORE, int), isinstance(Level.CORE, Level), issubclass(Level, int))
print(type(Level.CORE).__name__, Level.__mro__)
print(str(Level.CORE), repr(Level.CORE), f"{Level.CORE}", format(Level.CORE, "05d"), f"{Level.CORE:>6}|")
print(Level.CORE + 1, Level.CORE * 2, Level.ADVANCED // Level.CORE, Level.CORE / 8, -Level.INTRO, Level.CORE % 7)
print(Level.CORE == 200, Level.CORE < Level.ADVANCED, Level.INTRO < 150, sorted([300, Level.INTRO, 250]))
print(hash(Level.CORE) == hash(200), {200: "two hundred"}[Level.CORE], {Level.CORE: "x"}[200])
print(["a", "b", "c", "d"][Level.INTRO // 100], "abcdef"[Level.INTRO // 50:], range(Level.INTRO)[-1])
print(Level(200), Level(200) is Level.CORE, Level["ADVANCED"], list(Level), len(Level))
print(json.dumps({"level": Level.CORE}), json.dumps([Level.INTRO, Level.ADVANCED]))
print(int(Level.CORE), float(Level.ADVANCED), bin(Level.INTRO), hex(Level.CORE), abs(Level.CORE), round(Level.CORE, -2))
print(Level.CORE.name, Level.CORE.value, type(Level.CORE.value).__name__, Level.CORE.bit_length(), Level.CORE.real)
print(max(Level), min(Level, key=lambda l: -l), sum(Level), "%d and %s and %r" % (Level.CORE, Level.CORE, Level.CORE))
try:
    Level(250)
except ValueError as e:
    print("ValueError:", e)
try:
    Level.CORE = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    Level.CORE.value = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    Level.CORE + "x"
except TypeError as e:
    print("TypeError:", e)


class Perm(IntFlag):
    R = 4
    W = 2
    X = 1


rw = Perm.R | Perm.W
print(isinstance(rw, int), rw, repr(rw), rw == 6, rw + 1, Perm.R | 1, repr(Perm.R | 1), repr(Perm(0)))
print(Perm.R in rw, Perm.X in rw, list(rw), len(rw), bool(Perm(0)), rw & Perm.W, repr(rw & 2))
print(repr(~Perm.R), repr(rw ^ Perm.W), f"{rw}", format(rw, "03b"), hash(rw) == hash(6), int(rw))
print(repr(Perm(7)), Perm(7) is Perm.R | Perm.W | Perm.X, oct(Perm.R), Perm.W << 2, Perm.W * 10)


class Track(StrEnum):
    DATA = auto()
    SYSTEMS = auto()
    THEORY = "Theory"


print(isinstance(Track.DATA, str), str(Track.DATA), repr(Track.THEORY), f"[{Track.SYSTEMS:^11}]")
print(Track.DATA == "data", Track.THEORY.upper(), Track.DATA + "-track", len(Track.SYSTEMS), Track.DATA[0])
print("-".join(Track), Track("Theory"), sorted(Track), "ata" in Track.DATA, Track.DATA.value)
print(json.dumps({Track.DATA: [Track.THEORY]}), {"data": 1}[Track.DATA], hash(Track.DATA) == hash("data"))
print(Track.THEORY.startswith("Th"), Track.THEORY.split("e"), "%s|%r" % (Track.DATA, Track.DATA))
try:
    class Bad(StrEnum):
        ONE = 1
except TypeError as e:
    print("TypeError:", e)


class Grade(str, Enum):
    PASS = "P"
    FAIL = "F"


print(isinstance(Grade.PASS, str), str(Grade.PASS), repr(Grade.PASS), Grade.PASS == "P", Grade.PASS.lower())
print(Grade("F"), Grade.FAIL.value, json.dumps(Grade.PASS), Grade.PASS + "!", {"P": "ok"}[Grade.PASS])


class Credits(int, Enum):
    HALF = 3
    FULL = 6


print(isinstance(Credits.FULL, int), str(Credits.FULL), repr(Credits.HALF), Credits.FULL + Credits.HALF)
print(Credits.FULL > 4, Credits(3), list(Credits), Credits.FULL.value, sum(Credits))


class Weekday(Enum):
    MON = 1
    TUE = 2


print(isinstance(Weekday.MON, int), Weekday.MON == 1, str(Weekday.MON), f"{Weekday.TUE}", repr(Weekday.TUE))
try:
    Weekday.MON + 1
except TypeError as e:
    print("TypeError:", e)


class Color(Flag):
    RED = auto()
    BLUE = auto()


print(repr(Color.RED | Color.BLUE), isinstance(Color.RED, int), str(Color.RED | Color.BLUE))
try:
    Color.RED | 1
except TypeError as e:
    print("TypeError:", e)

try:
    @unique
    class Dup(IntEnum):
        ONE = 1
        UNO = 1
except ValueError as e:
    print("ValueError:", e)
print(Level.__members__.keys(), [m.name for m in Level])
