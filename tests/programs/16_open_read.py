# Reading text files with open(), as a course does: a CSV of scores, line by line, with
# `with`, iteration, read/readline/readlines/seek, encodings and the errors CPython gives.
import os

here = os.path.join(os.path.dirname(__file__), "data")
path = os.path.join(here, "scores.csv")

with open(path) as f:
    header = f.readline().strip().split(",")
    rows = [line.strip().split(",") for line in f]
print(header, rows)
print(f.closed, type(f).__name__, type(f).__module__)

scores = {}
with open(path, "r", encoding="utf-8") as f:
    next(f)
    for number, line in enumerate(f, start=2):
        name, score = line.rstrip("\n").split(",")
        scores[name] = int(score)
print(scores, max(scores, key=scores.get), sum(scores.values()) / len(scores))

f = open(path)
text = f.read()
print(repr(text), f.readable(), f.writable(), f.mode, f.encoding)
f.seek(0)
print(f.readlines()[:2], repr(f.read()), repr(f.readline()))
f.close()
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)

print(open(os.path.join(here, "utf8.txt")).read().strip())
print(open(os.path.join(here, "utf8.txt"), encoding="latin-1").read().strip())
print(open(os.path.join(here, "latin1.txt"), encoding="latin-1").read().strip())
undecodable = open(os.path.join(here, "latin1.txt"))
try:
    undecodable.read()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)

for args in [("missing.txt",), (here,), (path, "z"), (path, "rw"), (path, "r", -1, "nope")]:
    try:
        open(*args)
    except Exception as e:
        print(type(e).__name__, str(e).replace(here, "DATA"), getattr(e, "errno", None))
with open(path) as g:
    try:
        g.write("x")
    except OSError as e:
        print(type(e).__name__, type(e).__module__, e, isinstance(e, ValueError))
