# Memory-light records for a grade book: dataclass(slots=True), frozen and ordered too.
from dataclasses import dataclass, field, asdict, fields, replace


@dataclass(slots=True)
class Student:
    name: str
    grades: list = field(default_factory=list)
    year: int = 1

    def average(self):
        return sum(self.grades) / len(self.grades) if self.grades else 0.0


s = Student("Ada", [90, 85])
s.grades.append(77)
print(s, round(s.average(), 2))
print(Student.__slots__, hasattr(s, "__dict__"), asdict(s))
try:
    s.nickname = "A"
except AttributeError as e:
    print("AttributeError:", e)


@dataclass(frozen=True, slots=True, order=True)
class Grade:
    score: int
    course: str = "CS101"


gs = sorted([Grade(88), Grade(72, "MA201"), Grade(88, "AA100")])
print(gs)
print(Grade(88) == Grade(88), hash(Grade(88)) == hash(Grade(88)), len({Grade(1), Grade(1)}))
try:
    gs[0].score = 100
except Exception as e:
    print(type(e).__name__, e)
print(replace(gs[0], score=99), [f.name for f in fields(Grade)])


@dataclass(slots=True)
class GradStudent(Student):
    advisor: str = "Turing"


g = GradStudent("Grace", [95], 3, "Hopper")
print(g, GradStudent.__slots__, isinstance(g, Student), g.average())
print(GradStudent.__qualname__, GradStudent.__mro__[1].__name__)

try:
    @dataclass(slots=True)
    class Twice:
        __slots__ = ("x",)
        x: int
except TypeError as e:
    print("TypeError:", e)

try:
    @dataclass(weakref_slot=True)
    class Weak:
        x: int
except TypeError as e:
    print("TypeError:", e)
