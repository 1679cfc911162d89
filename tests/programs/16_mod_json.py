# json: a gradebook saved and loaded, pretty printing, custom encoding, and decode errors.
import io
import json
from dataclasses import dataclass, asdict
from enum import Enum, IntEnum

gradebook = {
    "course": "CS101",
    "term": "Fall",
    "students": [
        {"name": "Ada", "scores": [95, 88.5, 100], "active": True, "mentor": None},
        {"name": "Linus", "scores": [], "active": False, "mentor": "Ada"},
        {"name": "Zoë", "scores": [70], "active": True, "mentor": None, "notes": "tab\there"},
    ],
    "weights": {"hw": 0.4, "exam": 0.6},
    "empty": {},
}

text = json.dumps(gradebook, indent=2)
print(text)
back = json.loads(text)
print(back == gradebook, type(back["students"]), back["students"][2]["name"])
print(json.dumps(gradebook["weights"]), json.dumps(gradebook["students"][0], sort_keys=True))
print(json.dumps(gradebook["students"][2], ensure_ascii=False))
print(json.dumps([1, (2, 3), {"k": [None]}], separators=(",", ":")))
print(json.dumps({"z": 1, "a": {"y": 2, "b": 3}}, sort_keys=True, indent=4))
print(json.dumps({1: "one", 2.5: "x", True: "t", None: "n"}))
print(json.dumps([0.1, 1e20, 1e-7, -0.0, 3.0, 10 ** 20, float("inf"), float("nan")]))
print(json.dumps("quote \" backslash \\ slash / newline \n unicode \u00e9 \U0001F600"))
print(json.loads('"\\u00e9\\ud83d\\ude00 \\/ \\b\\f"') == "\u00e9\U0001F600 / \b\f")

averages = {s["name"]: round(sum(s["scores"]) / len(s["scores"]), 2)
            for s in back["students"] if s["scores"]}
print(averages)


@dataclass
class Book:
    title: str
    year: int
    tags: list


class Genre(Enum):
    FICTION = "fiction"
    SCIENCE = "science"


class Level(IntEnum):
    INTRO = 1
    ADVANCED = 2


def encode(obj):
    if isinstance(obj, Book):
        return {"__book__": True, **asdict(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(f"cannot encode {type(obj).__name__}")


def decode(d):
    if d.pop("__book__", False):
        return Book(**d)
    return d


library = [Book("Dune", 1965, ["sf"]), {"genre": Genre.SCIENCE, "ids": {3, 1, 2}}]
s = json.dumps(library, default=encode)
print(s)
print(json.loads(s, object_hook=decode))
print(json.dumps({"level": Level.ADVANCED, Level.INTRO: "intro"}))

buf = io.StringIO()
json.dump({"saved": [1, 2, 3]}, buf, indent=1)
print(repr(buf.getvalue()))
buf.seek(0)
print(json.load(buf))

print(json.loads("  [1, 2.50, -3e2, true, false, null, \"x\", {}] "))
print(json.loads('{"a": 1, "a": 2}'), json.loads("123"), json.loads('"only"'))
print(json.loads("[1.25, 7]", parse_float=lambda t: "F" + t, parse_int=lambda t: int(t) * 10))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=lambda pairs: sorted(pairs)))

for bad in ["", "{", '{"a": 1,}', "[1, 2", "[1 2]", "{'single': 1}", '{"a" 1}', "tru",
            '"unterminated', '"bad \\q escape"', "[1,]", '{"x": 1} extra', "\n\n  @",
            '"line\nbreak"']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(f"{bad!r:18} -> {e} | msg={e.msg!r} pos={e.pos} line={e.lineno} col={e.colno}")

for obj in [{(1, 2): "tuple key"}, object(), {"s": {1}}]:
    try:
        json.dumps(obj)
    except TypeError as e:
        print("TypeError:", str(e).split(" at 0x")[0])
loop = {"self": None}
loop["self"] = loop
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError:", e)
try:
    json.dumps([float("nan")], allow_nan=False)
except ValueError as e:
    print("ValueError:", e)
try:
    json.loads(5)
except TypeError as e:
    print("TypeError:", e)
print(issubclass(json.JSONDecodeError, ValueError), json.JSONDecodeError)
