# Checking formulas typed by a user before running them: SyntaxError's fields.
formulas = ["area = width * height", "total = (price * qty", "x = [1, 2 3]",
            "ratio = a / b", "if ok print(1)", "y = 3 +* 4", "def f(:\n    pass"]
for src in formulas:
    try:
        compiled = exec(src, {"width": 2, "height": 3, "price": 1, "qty": 2, "a": 1, "b": 4})
    except SyntaxError as e:
        print(f"{src.splitlines()[0]!r:28} -> {e.msg} at line {e.lineno}, column {e.offset}")
        print(" " * 4 + e.text.rstrip("\n"))
        print(" " * (3 + e.offset) + "^")
        print("   str:", e, "| filename:", e.filename, "| type:", type(e).__name__)
    else:
        print(f"{src!r:28} -> ok")
e = SyntaxError("made by hand")
print(e.msg, e.lineno, e.offset, e.text, str(e), repr(e))
try:
    exec("for i in range(3):\nprint(i)")
except IndentationError as e:
    print(type(e).__name__, e.msg, e.lineno, repr(e.text), isinstance(e, SyntaxError))
