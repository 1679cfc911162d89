# More of Path as course code meets it: touch, samefile, is_relative_to, errors from Path.open.
from pathlib import Path, PurePosixPath
import os

WORK = Path(__file__).parent / "_16_pathlib_touch_errors.tmp"
WORK.mkdir()
f = WORK / "log.txt"
f.touch()
print(f.exists(), f.stat().st_size, f.read_text() == "")
f.touch()
try:
    f.touch(exist_ok=False)
except FileExistsError as e:
    print("FileExistsError", e.errno)
f.write_text("héllo\n", encoding="utf-8")
print(f.read_text(encoding="utf-8"), end="")
print(f.samefile(WORK / "." / "log.txt"), f.is_relative_to(WORK), f.is_relative_to("/nowhere"))
print(f"{f.name!r} {f.suffix} {str(f).endswith('log.txt')}", "%s" % f.name)
print(PurePosixPath("a") / PurePosixPath("/b"), PurePosixPath("a/b.txt").with_suffix(""))
print(Path("rel").absolute() == Path.cwd() / "rel", f.with_suffix(".bak").name)
(WORK / "missing.txt").unlink(missing_ok=True)
try:
    (WORK / "a" / "b").mkdir()
except FileNotFoundError as e:
    print("FileNotFoundError", e.strerror)
try:
    list(f.iterdir())
except NotADirectoryError as e:
    print("NotADirectoryError", e.strerror)
try:
    list(WORK.glob(""))
except ValueError as e:
    print("ValueError:", e)
try:
    list(WORK.glob("/abs"))
except NotImplementedError as e:
    print("NotImplementedError:", e)
with (WORK / "out.txt").open("w") as out:
    print("line one", file=out)
    out.write("line two\n")
print((WORK / "out.txt").read_text().split("\n"))
print(sorted(p.name for p in WORK.iterdir()), Path(WORK).is_symlink())
for p in WORK.iterdir():
    p.unlink()
WORK.rmdir()
print(WORK.exists(), WORK.is_dir(), WORK.is_file())
