def mode(m):
    match m:
        case "threads" | "fast_threads":
            return "threaded"
        case "processes":
            return "procs"
        case other if other.startswith("x"):
            return "x-mode " + other
        case _:
            return "unknown"

for m in ["threads", "fast_threads", "processes", "xyz", "zzz"]:
    print(m, mode(m))

def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [x, y]:
            return f"two {x} {y}"
        case [first, *rest]:
            return f"first {first} rest {rest}"
        case (a, b, c):
            return "never"
    return "no match"

for v in [[], [1], [1, 2], (1, 2, 3, 4), "ab", 5, (7, 8)]:
    print(repr(v), seq(v))

def lit(v):
    match v:
        case None:
            return "none"
        case True:
            return "true"
        case 0 | 1:
            return "zero or one"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case [1, [2, y]] as whole:
            return f"nested {y} {whole}"
        case _:
            return "other"

for v in [None, True, 0, 1, False, -1, 2.5, [1, [2, 3]], "x"]:
    print(repr(v), lit(v))

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

class Color:
    RED = 1
    GREEN = 2

def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point():
            return "somewhere"
        case int(n) if n > 0:
            return f"positive int {n}"
        case Color.RED:
            return "red"
        case {"kind": "circle", "r": r}:
            return f"circle {r}"
        case {"kind": k, **rest}:
            return f"kind {k} rest {rest}"
        case _:
            return "not a point"

for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(1, 1), 7, 1, -3, {"kind": "circle", "r": 2}, {"kind": "sq", "side": 3, "c": 1}, "s"]:
    print(where(p))

match = 3
case = 4
print(match + case)
def match_(x): return x
match_(1)
m = [1, 2]
match m:
    case 1, 2:
        print("tuple-ish open sequence")
match (1, 2):
    case (1, z):
        print("z", z)
