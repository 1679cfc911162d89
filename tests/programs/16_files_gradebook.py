# Grade book saved to a file and read back: the way a course writes it.
import os

HERE = os.path.dirname(__file__) or "."
WORK = os.path.join(HERE, "_16_files_gradebook.tmp")


class Student:
    def __init__(self, name, scores):
        self.name = name
        self.scores = scores

    @property
    def average(self):
        return sum(self.scores) / len(self.scores)

    def __repr__(self):
        return f"Student({self.name!r}, {self.scores})"


students = [Student("Ada", [90, 85, 77]), Student("Linus", [60, 72, 88]), Student("Grace", [99, 94, 100])]

os.makedirs(WORK, exist_ok=True)
path = os.path.join(WORK, "grades.txt")
with open(path, "w") as f:
    print(repr(f).replace(repr(f.name), "NAME"), f.closed, f.writable(), f.readable(), f.mode, f.name == path)
    for s in students:
        n = f.write(f"{s.name},{','.join(map(str, s.scores))}\n")
    print("last write returned", n)
    print("# end", file=f)
print("closed after with:", f.closed)

with open(path) as f:
    lines = f.read().splitlines()
print(lines)

with open(path, "a") as f:
    f.writelines(["Alan,70,80,90\n", "Barbara,88,77,66\n"])
with open(path) as f:
    loaded = []
    for line in f:
        if line.startswith("#"):
            continue
        name, *scores = line.strip().split(",")
        loaded.append(Student(name, [int(x) for x in scores]))
for s in sorted(loaded, key=lambda s: s.average, reverse=True):
    print(f"{s.name:<8}{s.average:6.2f}")

f = open(path, "w")
f.write("first\n")
print("tell:", f.tell())
f.close()
try:
    f.write("again")
except ValueError as e:
    print("ValueError:", e)
with open(path) as f:
    try:
        f.write("x")
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)
with open(path, "w") as f:
    try:
        f.read()
    except Exception as e:
        print(type(e).__name__, e)
    try:
        f.write(42)
    except TypeError as e:
        print("TypeError:", e)
try:
    open(path, "x")
except FileExistsError as e:
    print("FileExistsError:", e.errno, e.strerror, os.path.basename(e.filename))
try:
    open(os.path.join(WORK, "nope", "x.txt"), "w")
except FileNotFoundError as e:
    print("FileNotFoundError:", e.strerror)

with open(path, "r+") as f:
    text = f.read()
    f.write("second\n")
    f.seek(0)
    print(repr(f.read()))
print(os.path.getsize(path), os.path.exists(path), os.path.isfile(path), os.path.isdir(WORK))
new = os.path.join(WORK, "renamed.txt")
os.rename(path, new)
print(sorted(os.listdir(WORK)), os.path.exists(path))
with open(new, "w", newline="\r\n") as f:
    f.write("a\nb\n")
print(os.path.getsize(new))
with open(new, newline="") as f:
    print(repr(f.read()))
os.remove(new)
try:
    os.remove(new)
except FileNotFoundError as e:
    print("FileNotFoundError:", e.strerror)
os.mkdir(os.path.join(WORK, "sub"))
print(os.listdir(WORK))
os.rmdir(os.path.join(WORK, "sub"))
os.rmdir(WORK)
print(os.path.exists(WORK))
