# PEP 604 unions in annotations, as modern course code writes them.
from dataclasses import dataclass, field
from typing import get_type_hints


@dataclass
class Student:
    name: str
    grade: int | None = None
    tags: list[str] | None = None


def find(students: list[Student], name: str) -> Student | None:
    for s in students:
        if s.name == name:
            return s
    return None


def describe(value: int | float | str) -> str:
    if isinstance(value, int | float):
        return f"number {value}"
    return f"text {value!r}"


roster = [Student("ada", 90), Student("bob")]
print(find(roster, "bob"), find(roster, "eve"))
print(find.__annotations__)
print(Student.__annotations__)
print(describe(3), describe(2.5), describe("x"), describe(True))
u = int | str
print(u, type(u), u.__args__, int | str | None, None | int, str | int == u, u == (int | str))
print(int | int, int | list[int], dict[str, int] | None)
print(isinstance(None, int | None), isinstance("a", int | float), issubclass(bool, int | str))
print({u: "key"}[u])
class Point:
    pass
print(Point | None)
try:
    int | 3
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)
