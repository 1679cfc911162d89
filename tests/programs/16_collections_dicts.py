# A course's grade book with collections: Counter, defaultdict and OrderedDict are dicts.
import json
from collections import Counter, OrderedDict, defaultdict

submissions = [
    ("ada", "hw1", 91), ("bob", "hw1", 78), ("ada", "hw2", 85), ("cy", "hw1", 64),
    ("bob", "hw2", 88), ("cy", "hw2", 71), ("ada", "hw3", 99), ("dee", "hw1", 55),
]

# --- Counter ---
per_student = Counter(name for name, _, _ in submissions)
print(per_student)
print(isinstance(per_student, dict), issubclass(Counter, dict), type(per_student).__mro__)
print(per_student["ada"], per_student["nobody"], "nobody" in per_student)
print(per_student.most_common(2), per_student.most_common(0), per_student.most_common(-1))
print(per_student.total(), len(per_student), sorted(per_student.elements()))
print(json.dumps(per_student, sort_keys=True))
print(dict(per_student) == {"ada": 3, "bob": 2, "cy": 2, "dee": 1})
letters = Counter("mississippi")
print(letters, repr(Counter()), str(Counter(a=0)))
letters.update("sip", s=2)
letters.update({"m": 5})
print(letters)
letters.subtract("ppp")
letters.subtract({"i": 10}, q=1)
print(letters)
print(+letters, -letters)
a, b = Counter(a=3, b=1, c=0), Counter(a=1, b=2, d=4)
print(a + b, a - b, a | b, a & b)
print(a == Counter(a=3, b=1), a != b, a <= a + b, a < a, a >= Counter(a=1), a > Counter())
print(Counter(a=1) == {"a": 1}, {"a": 1} == Counter(a=1))
c = Counter(x=4, y=-1)
c += Counter(y=2, z=-3)
print(c)
c -= Counter(x=1)
print(c)
c |= Counter(z=7)
c &= Counter(x=2, z=9)
print(c)
del c["missing"]
del c["x"]
print(c, c.copy(), type(c.copy()).__name__)
print(sorted(Counter({"b": 2, "a": 2, "c": 5}).items()))
print(list(Counter("abracadabra").keys()), list(Counter("abracadabra").values()))
for name in ("fromkeys",):
    try:
        Counter.fromkeys("abc")
    except NotImplementedError as e:
        print("NotImplementedError:", e)
try:
    Counter([[1, 2]])
except TypeError as e:
    print("TypeError:", e)


class TopicCounter(Counter):
    def hottest(self):
        return self.most_common(1)[0][0]


tc = TopicCounter("loops loops recursion".split())
print(tc, tc.hottest(), repr(TopicCounter()), type(tc.copy()).__name__)

# --- defaultdict ---
by_student = defaultdict(list)
for name, hw, score in submissions:
    by_student[name].append(score)
print(by_student)
print(isinstance(by_student, dict), by_student.default_factory)
print(json.dumps(by_student))
print(by_student.get("zed"), "zed" in by_student, by_student["zed"], "zed" in by_student)
best = defaultdict(int, {"ada": 1})
for name, hw, score in submissions:
    best[name] = max(best[name], score)
print(best, dict(best))
print(best.copy(), type(best.copy()).__name__, best.copy().default_factory)
nested = defaultdict(lambda: defaultdict(int))
for name, hw, score in submissions:
    nested[hw][name] += score
print({k: dict(v) for k, v in nested.items()})
plain = defaultdict()
print(plain, plain.default_factory)
try:
    plain["nope"]
except KeyError as e:
    print("KeyError:", e)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError:", e)
try:
    by_student[["a"]]
except TypeError as e:
    print("TypeError:", e)
merged = defaultdict(int, a=1) | {"b": 2}
print(merged, type(merged).__name__)
merged2 = {"z": 0} | defaultdict(int, a=1)
print(merged2, type(merged2).__name__)
dd = defaultdict(set)
dd["x"].add(1)
dd.setdefault("y", {2})
print(dd, dd.pop("x"), dd, len(dd))
plain.default_factory = str
print(repr(plain["k"]), plain)


class Histogram(defaultdict):
    def __init__(self):
        super().__init__(int)

    def add(self, x):
        self[x // 10 * 10] += 1


h = Histogram()
for _, _, score in submissions:
    h.add(score)
print(sorted(h.items()), h.default_factory, isinstance(h, defaultdict))

# --- OrderedDict ---
od = OrderedDict()
for name, hw, score in submissions:
    od[name] = od.get(name, 0) + score
print(od)
print(isinstance(od, dict), repr(OrderedDict()), list(reversed(od)))
od.move_to_end("ada")
print(list(od))
od.move_to_end("dee", last=False)
print(list(od), od.popitem(), od.popitem(last=False), od)
try:
    od.move_to_end("nobody")
except KeyError as e:
    print("KeyError:", e)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {"b": 2, "a": 1})
print(OrderedDict(a=1, b=2) != OrderedDict(b=2, a=1), dict(a=1, b=2) == OrderedDict(b=2, a=1))
print(OrderedDict.fromkeys("abc", 0), OrderedDict.fromkeys("xy"))
print(json.dumps(OrderedDict([("z", 1), ("a", 2)])))
c2 = od.copy()
c2["new"] = 1
print(od, c2, type(c2).__name__)
empty = OrderedDict()
try:
    empty.popitem()
except KeyError as e:
    print("KeyError:", e)
print(OrderedDict(a=1) | {"b": 2}, {"b": 2} | OrderedDict(a=1))
