# A grader whose defaults are adjusted after the fact, and the messages a
# student sees when calling it the wrong way.
def grade(score, /, total=100, *, curve=0, rounding=1):
    pct = (score + curve) / total * 100
    return round(pct, rounding)


print(grade.__defaults__, grade.__kwdefaults__)
print(grade(45, 50), grade(45, 50, curve=2))

grade.__defaults__ = (50,)
grade.__kwdefaults__ = {"curve": 5, "rounding": 0}
print(grade.__defaults__, grade.__kwdefaults__)
print(grade(40))

grade.__kwdefaults__ = None
try:
    grade(40)
except TypeError as e:
    print("TypeError:", e)
grade.__kwdefaults__ = {"curve": 0, "rounding": 2}

for bad in [[1], "x", 5]:
    try:
        grade.__defaults__ = bad
    except TypeError as e:
        print("TypeError:", e)
try:
    grade.__kwdefaults__ = [("curve", 1)]
except TypeError as e:
    print("TypeError:", e)


class Course:
    def __init__(self, code, /, *, seats=30):
        self.code = code
        self.seats = seats

    def add(self, *names, waitlist=False, **notes):
        return len(names), waitlist, sorted(notes)


def no_kw(a, b=2):
    return a + b


print(Course.__init__.__kwdefaults__, no_kw.__kwdefaults__, no_kw.__defaults__)
print(Course.add.__kwdefaults__, Course("CS1").add("a", "b", room=5))
print((lambda *, k=9: k).__kwdefaults__)

calls = [
    lambda: grade(score=40),
    lambda: grade(40, total=50, score=1),
    lambda: grade(40, 50, 2),
    lambda: grade(),
    lambda: Course(code="CS1"),
    lambda: Course("CS1", 30),
    lambda: Course("CS1", room=2),
    lambda: Course("CS1").add(waitlist=True, **{"waitlist": False}),
    lambda: Course("CS1").add(*None),
    lambda: no_kw(1, 2, 3),
    lambda: no_kw(b=1),
    lambda: no_kw(1, a=1),
    lambda: no_kw(**{"a": 1}, a=2),
    lambda: print(*3),
    lambda: [*3],
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
