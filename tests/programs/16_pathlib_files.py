# A course's file exercise with pathlib: a notes folder, written, listed, searched, cleaned up.
from pathlib import Path
import os

HERE = Path(__file__).parent
WORK = HERE / "_16_pathlib_files.tmp"

WORK.mkdir(exist_ok=True)
notes = WORK / "notes"
(notes / "2024" / "march").mkdir(parents=True, exist_ok=True)
print(notes.exists(), notes.is_dir(), notes.is_file(), (notes / "nope").exists())

first = notes / "todo.txt"
n = first.write_text("buy milk\ncall mom\n")
print("wrote", n, "chars;", first.read_text().splitlines())
print(first.stat().st_size, first.is_file(), first.exists(), os.path.getsize(first))
(notes / "2024" / "jan.md").write_text("# January\n")
(notes / "2024" / "march" / "week1.md").write_text("# Week 1\nrest\n")
(notes / "2024" / "march" / "data.csv").write_text("a,b\n1,2\n")

with first.open("a") as f:
    f.write("water plants\n")
with first.open() as f:
    for i, line in enumerate(f, 1):
        print(i, line.rstrip())

rel = lambda p: p.relative_to(WORK).as_posix()
print(sorted(rel(p) for p in notes.iterdir()))
print(sorted(rel(p) for p in notes.glob("*.txt")))
print(sorted(rel(p) for p in notes.rglob("*.md")))
print(sorted(rel(p) for p in notes.glob("**/*.csv")))
print(sorted(rel(p) for p in notes.glob("*/*")))
print(sorted(p.name for p in notes.rglob("*")))
sizes = {p.name: p.stat().st_size for p in notes.rglob("*") if p.is_file()}
print(sorted(sizes.items()))

moved = first.rename(notes / "done.txt")
print(moved.name, first.exists(), moved.exists(), type(moved).__name__)
print(moved.resolve() == moved.absolute(), moved.resolve().is_absolute())
print(Path(".").resolve() == Path.cwd())

for root, dirs, files in os.walk(notes):
    dirs.sort()
    print(Path(root).relative_to(WORK).as_posix(), sorted(dirs), sorted(files))

try:
    (notes / "missing.txt").read_text()
except FileNotFoundError as e:
    print("FileNotFoundError:", e.errno, e.strerror, Path(e.filename).name)
try:
    notes.mkdir()
except FileExistsError as e:
    print("FileExistsError:", e.strerror)
try:
    (notes / "2024").rmdir()
except OSError as e:
    print(type(e).__name__, e.strerror)

for p in sorted(WORK.rglob("*"), key=lambda p: len(p.parts), reverse=True):
    if p.is_dir():
        p.rmdir()
    else:
        p.unlink()
WORK.rmdir()
print(WORK.exists())
try:
    (WORK / "x").unlink()
except FileNotFoundError as e:
    print("gone:", e.strerror)
