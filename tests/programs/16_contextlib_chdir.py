# Working in another folder for a while: contextlib.chdir with pathlib and os.
import contextlib
import os
from pathlib import Path

start = Path.cwd()
WORK = Path(__file__).resolve().parent / "_16_contextlib_chdir.tmp"
(WORK / "inner").mkdir(parents=True, exist_ok=True)
with contextlib.chdir(WORK) as result:
    print(result, Path.cwd() == WORK, Path.cwd().name)
    Path("made_here.txt").write_text("x")
    with contextlib.chdir("inner"):
        print(Path.cwd().relative_to(WORK), os.getcwd() == str(WORK / "inner"))
    print(Path.cwd() == WORK, sorted(os.listdir()))
print(Path.cwd() == start, (WORK / "made_here.txt").exists())
cd = contextlib.chdir(WORK)
try:
    with cd:
        raise ValueError("inside")
except ValueError as e:
    print("ValueError:", e, Path.cwd() == start)
try:
    with contextlib.chdir(WORK / "missing"):
        print("not here")
except FileNotFoundError as e:
    print("FileNotFoundError:", e.strerror, Path.cwd() == start)
print(isinstance(cd, contextlib.AbstractContextManager), cd.path == WORK)
(WORK / "made_here.txt").unlink()
(WORK / "inner").rmdir()
WORK.rmdir()
