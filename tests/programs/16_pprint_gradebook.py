# A gradebook printed with pprint, as a data-structures lesson does.
import pprint
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field

students = {
    "alice": {"scores": [92, 88, 95, 79], "year": 2, "clubs": ["chess", "robotics"]},
    "bob": {"scores": [75, 64, 81], "year": 1, "clubs": []},
    "carol": {"scores": [88, 91, 94, 97, 85, 90, 92, 89, 93], "year": 3,
              "clubs": ["drama", "debate", "orchestra", "student council"]},
}
pprint.pprint(students)
print(pprint.pformat(students, width=50))
pprint.pprint(students, depth=2)
pprint.pprint(students, sort_dicts=False, compact=True, width=60)
pprint.pprint(students, indent=4, width=70)

by_year = defaultdict(list)
for name, info in students.items():
    by_year[info["year"]].append(name)
pprint.pprint(by_year)
letters = Counter(ch for name in students for ch in name)
pprint.pprint(letters)
pprint.pprint(OrderedDict(sorted(letters.items())), width=40)

@dataclass
class Course:
    title: str
    credits: int
    roster: list = field(default_factory=list)

c = Course("Algorithms", 4, sorted(students) * 5)
pprint.pprint(c)
pprint.pprint([c, Course("Intro", 3)], width=60)
table = [[i * j for j in range(1, 13)] for i in range(1, 6)]
pprint.pprint(table)
pprint.pprint(table, width=40, compact=True)
quote = ("Programs must be written for people to read, and only incidentally "
         "for machines to execute. ") * 2
pprint.pprint({"quote": quote, "author": "Abelson & Sussman"})
nested = {"a": {"b": {"c": {"d": {"e": list(range(12))}}}}}
pprint.pprint(nested, width=30)
pprint.pprint(nested, depth=3)
print(pprint.saferepr(nested), pprint.isreadable(nested), pprint.isrecursive(nested))
pp = pprint.PrettyPrinter(width=20, indent=2)
pp.pprint(("tuple", "of", "several", "words", ("nested", "tuple")))
pprint.pp({"z": 1, "a": 2, "m": [set(range(5)), frozenset({"x"})]})
pprint.pprint([])
pprint.pprint({})
pprint.pprint(set())
pprint.pprint(tuple(range(3)))
