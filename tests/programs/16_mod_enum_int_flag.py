# IntEnum priorities and Flag permissions.
from enum import Enum, IntEnum, Flag, IntFlag, auto


class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    URGENT = auto()


tasks = [("write report", Priority.MEDIUM), ("fix bug", Priority.URGENT),
         ("coffee", Priority.LOW), ("review", Priority.HIGH)]
for name, prio in sorted(tasks, key=lambda t: t[1], reverse=True):
    print(f"{prio!r:<16} {prio.name:<7} {prio:>2} {name}")

print(Priority.HIGH == 3, Priority.HIGH > Priority.LOW, Priority.LOW < 2, 3 == Priority.HIGH)
print(Priority.HIGH + 1, Priority.URGENT * 10, Priority.MEDIUM - 1, Priority.URGENT // 3)
print(str(Priority.HIGH), repr(Priority.HIGH), f"{Priority.LOW}", format(Priority.MEDIUM, "03d"))
print(Priority(2), Priority(2) is Priority.MEDIUM, int(Priority.URGENT), Priority.URGENT.value)
print(["none", "low", "medium", "high", "urgent"][Priority.HIGH])
print({1: "one", 2: "two"}[Priority.LOW], Priority.LOW in [1, 5], max(Priority), min(Priority))
print(list(range(Priority.HIGH)), sum(Priority), sorted([3, Priority.LOW, 2]))
print(Priority.__members__.keys(), len(Priority), list(Priority)[-1])
try:
    Priority(9)
except ValueError as e:
    print("ValueError:", e)


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXECUTE = auto()
    ALL = READ | WRITE | EXECUTE


rw = Perm.READ | Perm.WRITE
print(rw, repr(rw), Perm.READ in rw, Perm.EXECUTE in rw, bool(rw & Perm.EXECUTE))
print(list(rw), len(rw), ~Perm.READ, Perm.ALL, repr(Perm.ALL), list(Perm))
print(Perm(0), repr(Perm(0)), bool(Perm(0)), Perm(5), Perm.ALL & ~Perm.WRITE)
print([p.name for p in Perm.ALL], Perm(3) is rw, rw ^ Perm.READ)


class Mode(IntFlag):
    R = 4
    W = 2
    X = 1


m = Mode.R | Mode.W
print(m, repr(m), m == 6, m & Mode.W, repr(m & 2), Mode.R | 8, Mode(7), repr(Mode(0)))
print(Mode.X in m, oct(Mode.R | Mode.X), m + 1)


class Weekday(Enum):
    MONDAY = 1
    TUESDAY = 2
    WEDNESDAY = 3
    THURSDAY = 4
    FRIDAY = 5
    SATURDAY = 6
    SUNDAY = 7

    @classmethod
    def weekend(cls):
        return [d for d in cls if d.value >= 6]

    def is_weekend(self):
        return self in Weekday.weekend()


print(Weekday.weekend(), Weekday.FRIDAY.is_weekend(), Weekday(7).is_weekend())


class Colour(Enum):
    RED = "r"
    GREEN = "g"

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for member in cls:
                if member.value == value.lower():
                    return member
        return None


print(Colour("R"), Colour("g"))
try:
    Colour("x")
except ValueError as e:
    print("ValueError:", e)
