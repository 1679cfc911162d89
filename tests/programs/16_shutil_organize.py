# Sorting a downloads folder into subfolders by extension, with pathlib and shutil.
import shutil
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory(prefix="downloads") as tmp:
    root = Path(tmp)
    for name in ["report.pdf", "photo.jpg", "notes.txt", "todo.txt", "song.mp3", "README"]:
        (root / name).write_text(f"contents of {name}\n")

    for item in sorted(root.iterdir()):
        if item.is_file():
            folder = root / (item.suffix[1:] or "other")
            folder.mkdir(exist_ok=True)
            moved = shutil.move(str(item), str(folder))
            print(Path(moved).relative_to(root))

    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        print(folder.name, sorted(f.name for f in folder.iterdir()))

    copied = shutil.copy(root / "txt" / "notes.txt", root / "notes_backup.txt")
    print(type(copied).__name__, Path(copied).name, Path(copied).read_text(), end="")
    dest = shutil.copytree(root / "txt", root / "txt_copy")
    print(type(dest).__name__, dest.name, sorted(p.name for p in dest.iterdir()))
    shutil.rmtree(root / "txt")
    print(sorted(p.name for p in root.iterdir()))
    total = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    print("bytes:", total)
print("cleaned up:", not root.exists())
