# Keeping notes in a temporary directory, as a course exercise on files.
import os
import tempfile

print(tempfile.gettempprefix())
print(os.path.isdir(tempfile.gettempdir()))
print(tempfile.gettempdir() == tempfile.tempdir)

with tempfile.TemporaryDirectory() as tmp:
    print(os.path.isdir(tmp), os.path.basename(tmp).startswith("tmp"))
    notes = os.path.join(tmp, "notes.txt")
    with open(notes, "w") as f:
        f.write("first line\nsecond line\n")
    with open(notes) as f:
        print(f.read().splitlines())
    print(sorted(os.listdir(tmp)))
    sub = os.path.join(tmp, "sub", "deeper")
    os.makedirs(sub)
    with open(os.path.join(sub, "x.txt"), "w") as f:
        f.write("x")
    saved = tmp
print("gone after with:", not os.path.exists(saved))

td = tempfile.TemporaryDirectory(prefix="course_", suffix="_run")
name = os.path.basename(td.name)
print(name.startswith("course_"), name.endswith("_run"), len(name) == len("course_") + 8 + len("_run"))
print(repr(td) == "<TemporaryDirectory %r>" % td.name)
print(oct(os.stat(td.name).st_mode & 0o777))
td.cleanup()
print(os.path.exists(td.name))
td.cleanup()  # a second cleanup does nothing

d = tempfile.mkdtemp()
print(os.path.isdir(d), os.path.dirname(d) == tempfile.gettempdir())
os.rmdir(d)

with tempfile.TemporaryDirectory() as base:
    d2 = tempfile.mkdtemp(dir=base, prefix="p")
    print(os.path.dirname(d2) == base, os.path.basename(d2)[0])

    with tempfile.NamedTemporaryFile(mode="w+", suffix=".csv", dir=base) as f:
        print(f.name.endswith(".csv"), os.path.exists(f.name))
        f.write("a,b\n1,2\n")
        f.flush()
        f.seek(0)
        print(f.read(), end="")
        f.seek(0)
        for line in f:
            print("line:", line.strip())
        kept = f.name
    print("deleted:", not os.path.exists(kept))

    f = tempfile.NamedTemporaryFile("w", delete=False, dir=base, prefix="keep")
    f.write("stays\n")
    f.close()
    print(f.closed, os.path.exists(f.name), os.path.basename(f.name).startswith("keep"))
    with open(f.name) as g:
        print(g.read(), end="")
    os.remove(f.name)

    p = tempfile.mktemp(dir=base)
    print(os.path.exists(p), os.path.dirname(p) == base)
    print(sorted(n[0] for n in os.listdir(base)))
print(tempfile.TemporaryDirectory[str])
