# Organise a downloads folder by extension, then print it as a tree (Path.rename, mkdir, walk).
import os
from pathlib import Path
import inspect
import math

root = Path(__file__).parent / "_16_organiser.tmp"
root.mkdir(exist_ok=True)
for name in ["song.mp3", "photo.JPG", "notes.txt", "README", "archive.tar.gz", "clip.mp3"]:
    (root / name).write_text(name)

for item in list(root.iterdir()):
    if item.is_file():
        ext = item.suffix.lower().lstrip(".") or "no_extension"
        target = root / ext
        target.mkdir(exist_ok=True)
        item.rename(target / item.name)


def tree(path, prefix=""):
    entries = sorted(path.iterdir(), key=lambda p: (p.is_file(), p.name))
    for i, entry in enumerate(entries):
        last = i == len(entries) - 1
        print(prefix + ("└── " if last else "├── ") + entry.name + ("/" if entry.is_dir() else ""))
        if entry.is_dir():
            tree(entry, prefix + ("    " if last else "│   "))


print(root.name + "/")
tree(root)
total = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
count = {d.name: len(list(d.iterdir())) for d in root.iterdir()}
print(total, sorted(count.items()))
for dirpath, dirnames, filenames in os.walk(root, topdown=False):
    for f in filenames:
        os.unlink(os.path.join(dirpath, f))
    os.rmdir(dirpath)
print(root.exists())


def helper(text, width=10):
    """Pad text to width."""
    return text.ljust(width)


funcs = [(n, f) for n, f in inspect.getmembers(__import__("__main__"), inspect.isfunction)]
for name, f in funcs:
    print(f"{name}{inspect.signature(f)}: {inspect.getdoc(f) or '(no doc)'}")
print(inspect.ismodule(math), inspect.isbuiltin(math.sqrt), inspect.getmodule(tree).__name__ if hasattr(inspect, "getmodule") else "")
print(inspect.getfile(tree).endswith("16_pathlib_organiser.py"), inspect.signature(tree).parameters["prefix"].default == "")
