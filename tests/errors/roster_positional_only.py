# A course roster: students are made with the name first, positionally.
class Student:
    def __init__(self, name, /, year, *, major="undeclared"):
        self.name = name
        self.year = year
        self.major = major

    def enroll(self, course, credits=3, /, *, waitlist=False):
        return f"{self.name} -> {course} ({credits} cr){' [waitlist]' if waitlist else ''}"

    def __repr__(self):
        return f"Student({self.name!r}, {self.year}, major={self.major!r})"


def make_roster(*rows, **defaults):
    roster = []
    for row in rows:
        roster.append(Student(*row, **defaults))
    return roster


ann = Student("Ann", 2, major="CS")
print(ann)
print(ann.enroll("CS101"))
print(ann.enroll("MATH200", 4, waitlist=True))

attempts = [
    lambda: Student(name="Bob", year=1),
    lambda: Student("Bob", 1, "Math"),
    lambda: Student("Bob", year=1, yaer=2),
    lambda: Student("Bob", 1, year=2),
    lambda: Student(),
    lambda: Student("Bob"),
    lambda: ann.enroll(course="CS102"),
    lambda: ann.enroll("CS102", credits=4),
    lambda: ann.enroll(),
    lambda: ann.enroll("CS102", 3, True),
    lambda: Student.enroll(ann, "CS102", 4, 5, waitlist=True),
    lambda: make_roster(("Cy", 1), major=None, year=3),
    lambda: make_roster(*5),
    lambda: Student("Dee", **{"year": 2}, year=3),
    lambda: Student("Dee", **["year"]),
]
for attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)

Student.enroll.__kwdefaults__ = {"waitlist": True}
print(ann.enroll("CS103"))
print(Student.__init__.__kwdefaults__, Student.enroll.__defaults__)

# The last one is not caught.
roster = make_roster(("Eve", 3), ("Fay",), major="Art")
