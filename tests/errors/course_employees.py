import sys
from collections import namedtuple, Counter


class Employee:
    raise_pct = 1.04
    num = 0

    def __init__(self, first, last, pay):
        self.first, self.last, self.pay = first, last, pay
        Employee.num += 1

    @property
    def email(self):
        return f"{self.first}.{self.last}@corp.com".lower()

    @property
    def fullname(self):
        return f"{self.first} {self.last}"

    @fullname.setter
    def fullname(self, name):
        self.first, self.last = name.split(" ")

    def apply_raise(self):
        self.pay = int(self.pay * self.raise_pct)

    @classmethod
    def set_raise(cls, amount):
        cls.raise_pct = amount

    @classmethod
    def from_string(cls, s):
        return cls(*s.split("-")[:2], int(s.split("-")[2]))

    @staticmethod
    def is_workday(day):
        return day.weekday() < 5 if hasattr(day, "weekday") else day not in ("Sat", "Sun")

    def __repr__(self):
        return f"Employee('{self.first}', '{self.last}', {self.pay})"

    def __str__(self):
        return f"{self.fullname} - {self.email}"

    def __add__(self, other):
        return self.pay + other.pay

    def __len__(self):
        return len(self.fullname)


class Developer(Employee):
    raise_pct = 1.10

    def __init__(self, first, last, pay, lang):
        super().__init__(first, last, pay)
        self.lang = lang


class Manager(Employee):
    def __init__(self, first, last, pay, employees=None):
        super().__init__(first, last, pay)
        self.employees = employees if employees is not None else []

    def add(self, e):
        if e not in self.employees:
            self.employees.append(e)

    def print_emps(self):
        for e in self.employees:
            print("-->", e.fullname)


e1 = Employee("Corey", "Schafer", 50000)
d1 = Developer("Ann", "Lee", 60000, "Python")
d2 = Developer.from_string("Bo-Chen-70000")
m = Manager("Sue", "Smith", 90000, [d1])
m.add(d2); m.add(d1)
m.print_emps()
print(e1, repr(d2), [e1, d1], {"boss": m})
print(e1 + d1, len(e1), Employee.num, d2.lang if hasattr(d2, "lang") else None)
Employee.set_raise(1.05)
for e in (e1, d1, d2, m):
    e.apply_raise()
    print(f"{e.fullname:<12}{type(e).__name__:>10}{e.pay:>8,}{e.raise_pct:>6.2f}")
e1.fullname = "Corey Jones"
print(e1.email, Employee.is_workday("Sun"), isinstance(m, Developer), issubclass(Developer, Employee))
print(help is not None, Developer.__mro__[1].__name__, vars(Developer).get("raise_pct"))
Point = namedtuple("Point", ["x", "y"], defaults=[0])
p = Point(3)
print(p, p._fields, p._field_defaults, Point._make([1, 2]), p + (9,), p * 2, p == (3, 0), max(Point(1, 5), Point(2, 0)))
print(sorted([d1, d2, e1, m], key=lambda e: (-e.pay, e.last)))
print(Counter(type(e).__name__ for e in (e1, d1, d2, m)), sys.version_info[:2] >= (3, 0))
print("%-10s|%10.3f|%+05d|%c|%%|%5.1e" % ("left", 3.14159, 42, 65, 0.000123))
print("{:<10}|{:^10}|{:>10}|{:*^9}|{:08.3f}|{:,}|{:_}|{:.2%}|{:#x}|{:#o}|{:#b}".format("l", "c", "r", "s", -3.14159, 1234567, 1234567, 0.4567, 255, 8, 5))
print(f"{'nested {braces}'}", f"{{literal}}", f"{3.0:g}", f"{1e20:g}", f"{1e-5:g}", f"{123456789:e}", f"{0.1 + 0.2!r}", f"{-0.0}", f"{2**0.5:.15g}")
print(f"{'abc':.2}", f"{12:>5d}", f"{12:<5d}|", f"{12:^5d}|", f"{-12:05d}", f"{1234.5:10,.1f}", f"{True}", f"{None!s:>6}", f"{3:{'>'}{4}}")
m.employees[5]
