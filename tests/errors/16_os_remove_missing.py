# Cleaning up twice: the second os.remove finds nothing (CPython's os functions are C code,
# so the traceback has the program's frames only).
import os
from pathlib import Path

os.chdir(Path(__file__).parent)
scratch = Path("_16_os_remove_missing.tmp")
scratch.write_text("draft\n")
print(scratch.exists(), os.stat(scratch).st_size)


def clean(path):
    os.remove(path)
    print("removed", Path(path).name)


clean(scratch)
clean(str(scratch))
