# A grader that reports where each failing submission broke, from e.__traceback__.
import io
import sys
import traceback


def parse(text):
    return int(text)


def average(scores):
    return sum(scores) / len(scores)


def grade(raw):
    scores = [parse(t) for t in raw.split(",")]
    return average(scores)


def deep(n):
    if n == 0:
        raise RecursionError("bottom")
    return deep(n - 1)


for raw in ["90,80", "90,x", ""]:
    try:
        print(raw, "->", grade(raw))
    except Exception as e:
        tb = e.__traceback__
        print(type(e).__name__, type(tb).__name__, tb is not None)
        names = []
        lines = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            lines.append((tb.tb_lineno, tb.tb_frame.f_code.co_filename == __file__))
            tb = tb.tb_next
        print(" -> ".join(names), lines)
        summary = traceback.extract_tb(e.__traceback__)
        print(type(summary).__name__, len(summary), [(f.name, f.lineno, f.line) for f in summary])
        last = summary[-1]
        print(last.name, last.lineno, repr(last.line), last.filename == __file__)
        print([fs[2] for fs in traceback.extract_tb(e.__traceback__, limit=2)])
        print([fs.name for fs in traceback.extract_tb(e.__traceback__, limit=-1)])
        for text in traceback.format_tb(e.__traceback__):
            print(text.replace(__file__, "FILE"), end="")
        print([(f.f_code.co_name, n) for f, n in traceback.walk_tb(e.__traceback__)])

try:
    deep(30)
except RecursionError as e:
    out = traceback.format_tb(e.__traceback__)
    print(len(out))
    print("".join(out).replace(__file__, "FILE"), end="")

# with_traceback: None drops the frames so far; a traceback object is kept.
try:
    grade("1,a")
except ValueError as e:
    saved = e.__traceback__
    print(e.with_traceback(None) is e, e.__traceback__)
    e.__traceback__ = saved
    print(len(traceback.extract_tb(e.__traceback__)))

try:
    try:
        grade("q")
    except ValueError as e:
        raise e.with_traceback(None)
except ValueError as e:
    print([f.name for f in traceback.extract_tb(e.__traceback__)])

try:
    try:
        grade("q")
    except ValueError as e:
        raise RuntimeError("report failed").with_traceback(e.__traceback__)
except RuntimeError as e:
    print([f.name for f in traceback.extract_tb(e.__traceback__)])

try:
    ValueError().with_traceback(5)
except TypeError as e:
    print("TypeError:", e)
try:
    err = ValueError()
    err.__traceback__ = "nope"
except TypeError as e:
    print("TypeError:", e)
print(ValueError("fresh").__traceback__)

fs = traceback.FrameSummary("grades.py", 3, "main", line="  total = 0  ")
print(fs, fs.line, list(fs), fs == ("grades.py", 3, "main", "total = 0"))
print(traceback.format_list([fs, ("other.py", 9, "f", "return x")]), end="\n")
traceback.print_list([fs], file=sys.stdout)
try:
    grade("1,2,z")
except ValueError as e:
    buffer = io.StringIO()
    traceback.print_tb(e.__traceback__, limit=1, file=buffer)
    print(buffer.getvalue().replace(__file__, "FILE"), end="")
    print(sys.exc_info()[2] is not None, sys.exc_info()[2].tb_lineno)
