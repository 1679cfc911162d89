# A debugging helper a course shows: walk a caught exception's frames and print each
# function's local variables as they were when the error left it.
import sys


def parse_row(row):
    fields = row.split(",")
    price = float(fields[1])
    qty = int(fields[2])
    return price * qty


def total(rows):
    running = 0.0
    for n, row in enumerate(rows):
        running += parse_row(row)
    return running


def show_frames(exc):
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        code = frame.f_code
        names = {k: v for k, v in frame.f_locals.items() if not k.startswith("__")}
        if code.co_name == "<module>":
            names = {k: v for k, v in names.items() if k in ("orders",)}
        print(f"{code.co_name} (line {tb.tb_lineno}, def at {code.co_firstlineno}):")
        for name in sorted(names):
            print(f"    {name} = {names[name]!r}")
        caller = frame.f_back
        print("    called from:", caller.f_code.co_name if caller else None)
        tb = tb.tb_next


orders = ["pen,1.5,4", "book,12.0,1", "lamp,30,two"]
try:
    print(total(orders))
except ValueError as e:
    print("error:", e)
    show_frames(e)
    print("globals seen by the frame:", e.__traceback__.tb_frame.f_globals is globals())


def who_called_me():
    caller = sys._getframe(1)
    return f"{caller.f_code.co_name} at line {caller.f_lineno}"


def report():
    here = sys._getframe()
    print("in", here.f_code.co_name, "line", here.f_lineno)
    print("asked by", who_called_me())
    step = 3
    print("locals now:", sorted(here.f_locals), here.f_lineno)
    return here


frame = report()
print("after return:", sorted(frame.f_locals), frame.f_lineno, frame.f_back.f_code.co_name)
print(frame.f_code.co_filename.endswith("16_frames_locals.py"), frame.f_globals["__name__"])


def depth():
    d = 0
    f = sys._getframe()
    while f is not None:
        d += 1
        f = f.f_back
    return d


def nest(n):
    return depth() if n == 0 else nest(n - 1)


print("depths:", depth(), nest(0), nest(3))
try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError:", e)


def gen():
    f = sys._getframe()
    yield f.f_code.co_name, f.f_lineno
    yield f.f_back.f_code.co_name, f.f_lineno


for item in gen():
    print("generator frame:", item)
