import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

DATA = """name,subject,score
Alice,math,91
Bob,math,78
"Carol, Jr.",math,85
Alice,physics,88
Bob,physics,"92"
"Carol, Jr.",physics,79
Dan,math,
"""


@dataclass(order=True)
class Student:
    name: str
    scores: dict = field(default_factory=dict, compare=False)

    @property
    def average(self):
        vals = [v for v in self.scores.values() if v is not None]
        return sum(vals) / len(vals) if vals else 0.0


def load(text):
    students = {}
    reader = csv.DictReader(io.StringIO(text))
    print("fields:", reader.fieldnames)
    for row in reader:
        s = students.setdefault(row["name"], Student(row["name"]))
        s.scores[row["subject"]] = int(row["score"]) if row["score"] else None
    print("lines read:", reader.line_num)
    return students


students = load(DATA)
for s in sorted(students.values(), key=lambda s: (-s.average, s.name)):
    print(f"{s.name:<12}|{s.average:6.2f}| {s.scores}")

out = io.StringIO()
writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
writer.writerow(["name", "average", "note"])
for s in sorted(students.values()):
    note = 'said "hi"' if s.name == "Bob" else None
    writer.writerow([s.name, round(s.average, 1), note])
print(out.getvalue(), end="")

rows = list(csv.reader(io.StringIO(out.getvalue()), quoting=csv.QUOTE_NONNUMERIC))
print(rows)

by_subject = defaultdict(list)
for row in csv.reader(DATA.splitlines()[1:]):
    by_subject[row[1]].append(row)
print({k: len(v) for k, v in by_subject.items()})

out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=["id", "name", "tags"], lineterminator="\n", extrasaction="ignore")
dw.writeheader()
dw.writerows([
    {"id": 1, "name": "x;y", "tags": "a\nb", "junk": 0},
    {"id": 2, "name": "plain"},
])
print(repr(out.getvalue()))

csv.register_dialect("semi", delimiter=";", quotechar="'", skipinitialspace=True)
for row in csv.reader(["a; 'b;c'; d", "1;2;3"], "semi"):
    print(row)
print(csv.list_dialects())
d = csv.get_dialect("semi")
print(d.delimiter, repr(d.quotechar), d.quoting, d.skipinitialspace, repr(d.lineterminator))

class Tabs(csv.Dialect):
    delimiter = "\t"
    quotechar = '"'
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    doublequote = True

w = csv.writer(io.StringIO(), Tabs)
print(w.writerow(["a\tb", "c"]))
try:
    csv.DictWriter(io.StringIO(), ["a"]).writerow({"a": 1, "b": 2})
except ValueError as e:
    print("ValueError:", e)
for bad in [dict(delimiter="::"), dict(quoting=9), dict(quotechar=None, quoting=csv.QUOTE_ALL)]:
    try:
        csv.reader([], **bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    list(csv.reader(['x,"unterminated'], strict=True))
except csv.Error as e:
    print("csv.Error:", e)
print(list(csv.reader(['x,"unterminated'])))
r = csv.reader(['ok,1', 'bad,"2"x'], strict=True)
print(next(r))
next(r)
