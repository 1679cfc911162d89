# Temporary files that hold a descriptor: mkstemp, TemporaryFile and NamedTemporaryFile,
# as a course on files uses them for scratch data.
import os
import stat
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    # mkstemp: a descriptor and a name; the caller cleans up.
    fd, name = tempfile.mkstemp(suffix=".dat", prefix="scores_", dir=tmp)
    print(type(fd).__name__, os.path.dirname(name) == tmp)
    base = os.path.basename(name)
    print(base.startswith("scores_"), base.endswith(".dat"), len(base))
    print(oct(stat.S_IMODE(os.stat(name).st_mode)))
    os.write(fd, b"90\n85\n77\n")
    os.close(fd)
    with open(name) as f:
        scores = [int(line) for line in f]
    print(scores, sum(scores) / len(scores))
    os.remove(name)
    print(os.path.exists(name))

    fd, name = tempfile.mkstemp(dir=tmp, text=True)
    with os.fdopen(fd, "w") as f:
        f.write("written through fdopen\n")
    with open(name) as f:
        print(f.read(), end="")
    os.unlink(name)

    # TemporaryFile: no name in the directory, gone when closed; binary by default.
    with tempfile.TemporaryFile(dir=tmp) as f:
        print(type(f).__name__, f.mode, isinstance(f.name, int))
        print(os.listdir(tmp))
        f.write(b"spam and eggs\n" * 3)
        print(f.tell())
        f.seek(0)
        print(f.readline())
        print(len(f.read()))

    with tempfile.TemporaryFile("w+", dir=tmp) as f:
        print(type(f).__name__, f.mode)
        f.write("alpha\nbeta\n")
        f.seek(0)
        print(f.read().split())

    # NamedTemporaryFile: 'w+b' by default, deleted when closed.
    with tempfile.NamedTemporaryFile(dir=tmp, suffix=".bin") as f:
        print(type(f).__name__, f.mode, f.name.endswith(".bin"))
        print(os.path.exists(f.name), os.path.basename(f.name) in os.listdir(tmp))
        print(f.write(b"\x01\x02\x03"))
        f.flush()
        print(os.path.getsize(f.name))
        f.seek(0)
        print(f.read())
        saved = f.name
    print(os.path.exists(saved))

    with tempfile.NamedTemporaryFile("w", dir=tmp, delete=False, prefix="keep_") as f:
        f.write("kept\n")
        kept = f.name
    print(os.path.basename(kept).startswith("keep_"), os.path.exists(kept))
    with open(kept) as f:
        print(f.read(), end="")
    os.remove(kept)

    f = tempfile.NamedTemporaryFile(dir=tmp)
    print(f.closed, f.readable(), f.writable())
    f.close()
    print(f.closed, os.path.exists(f.name))

    try:
        f.write(b"late")
    except ValueError as e:
        print("ValueError:", e)
    print(os.listdir(tmp))
print("done")
