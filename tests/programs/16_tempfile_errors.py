# What goes wrong with temporary files, and the messages.
import os
import tempfile

with tempfile.TemporaryDirectory() as base:
    try:
        tempfile.mkdtemp(dir=os.path.join(base, "missing"))
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.strerror)
    try:
        tempfile.NamedTemporaryFile(dir=os.path.join(base, "missing"), mode="w")
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.strerror)
    try:
        tempfile.mkdtemp(prefix=b"x", suffix="y")
    except TypeError as e:
        print(e)
    f = tempfile.NamedTemporaryFile("w+", dir=base)
    print(f.delete, f.closed, f.mode)
    f.write("abc")
    f.close()
    print(f.closed, os.listdir(base))
    try:
        f.write("more")
    except ValueError as e:
        print(e)
    try:
        with tempfile.TemporaryDirectory(dir=base) as inner:
            open(os.path.join(inner, "a.txt"), "w").close()
            raise RuntimeError("boom")
    except RuntimeError as e:
        print("caught", e, os.listdir(base))
print(tempfile.TMP_MAX, tempfile.template)
print(hasattr(tempfile, "mkdtemp"), callable(tempfile.gettempdir))
with tempfile.TemporaryDirectory() as d:
    os.rmdir(d)
print("removed by hand is fine")
