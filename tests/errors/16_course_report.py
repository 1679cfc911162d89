# A grade report: dataclasses with ordering, properties with validation, and formatting.
from dataclasses import dataclass, field, asdict, astuple, replace
import statistics


@dataclass(order=True, frozen=True)
class Grade:
    score: float
    student: str = field(compare=False)
    weight: int = field(default=1, repr=False, compare=False)


class Course:
    def __init__(self, name, max_size=3):
        self.name = name
        self._max = max_size
        self.grades = []

    @property
    def max_size(self):
        return self._max

    @max_size.setter
    def max_size(self, value):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"max_size must be a positive int, not {value!r}")
        self._max = value

    def add(self, student, score, weight=1):
        if len(self.grades) >= self._max:
            raise OverflowError("course %s is full (%d students)" % (self.name, self._max))
        self.grades.append(Grade(score, student, weight))

    def __len__(self):
        return len(self.grades)

    def __contains__(self, student):
        return any(g.student == student for g in self.grades)


c = Course("CS101")
for who, s in [("ada", 91.5), ("bob", 78.25), ("cy", 85)]:
    c.add(who, s)
try:
    c.add("dan", 60)
except OverflowError as e:
    print("OverflowError:", e)
c.max_size = 5
c.add("dan", 60, weight=2)
print(len(c), "bob" in c, "eve" in c, c.max_size)
for bad in (0, "10", 2.5):
    try:
        c.max_size = bad
    except ValueError as e:
        print(e)
ranked = sorted(c.grades, reverse=True)
print(ranked[0], max(c.grades), min(c.grades).student)
print(asdict(ranked[1]), astuple(ranked[2]), replace(ranked[0], score=100))
try:
    ranked[0].score = 0
except Exception as e:
    print(type(e).__name__, e)
scores = [g.score for g in c.grades]
print("%-6s|%8s|%6s" % ("name", "score", "grade"))
for g in ranked:
    letter = "A" if g.score >= 90 else "B" if g.score >= 80 else "C" if g.score >= 70 else "F"
    print("%-6s|%8.2f|%6s" % (g.student, g.score, letter))
print("{:<10}{:>8.3f}".format("mean", statistics.mean(scores)))
print("{0:<10}{1:>8.3f}\n{2:<10}{3:>8.3f}".format("median", statistics.median(scores), "stdev", statistics.stdev(scores)))
print(f"{'total':<10}{sum(scores):>8,.1f}  {len(scores):03d} students  {max(scores) / sum(scores):.1%}")
print(f"{'x':*^11}|{42:#x}|{42:#o}|{42:08b}|{-3.14159:+.2e}|{1234567:_}|{0.5:%}")
print(hash(ranked[0]) == hash(Grade(91.5, "someone else")), Grade(1, "a") == Grade(1, "b"))
print(repr(Grade(70, "zed", 3)), Grade.__lt__(Grade(1, "a"), Grade(2, "b")))
print(sorted(c.grades, key=lambda g: (-g.weight, g.student))[0])
c.grades.append("not a grade")
print(sorted(c.grades))
