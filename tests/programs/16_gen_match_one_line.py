# `case PATTERN: statement` on one line.


def describe(x):
    match x:
        case 0: return "zero"
        case [a, b]: return f"pair {a} {b}"
        case {"k": v}: return f"dict {v}"
        case int(n) if n > 10: return "big"
        case str() | float(): print("scalar", end=": "); return repr(x)
        case _: return "other"


for v in [0, [1, 2], {"k": 3}, 42, "hi", 2.5, 5]:
    print(describe(v))

match (1, 2):
    case (1, y): print("one and", y)
    case _: pass

# `case` is still a name elsewhere.
case = {1: 2}
case[1] = lambda: 3
print(case[1]())
match 5:
    case 5: pass
print("ok")
