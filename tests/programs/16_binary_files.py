# Binary files as a course chapter uses them: writing bytes, reading them back, moving
# around with seek/tell, appending, patching in place, and the mistakes students make.
import os
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "data.bin")

    # Writing: write() returns the number of bytes written.
    with open(path, "wb") as f:
        print(type(f).__name__, f.mode, f.writable(), f.readable())
        print(f.write(b"HEAD"))
        print(f.write(bytes([0, 1, 2, 255])))
        print(f.write(bytearray(b"\x10\x20")))
        print(f.write("héllo\n".encode("utf-8")))
        print("tell", f.tell())
    print("size", os.path.getsize(path))

    # Reading: bytes come back, in pieces or all at once.
    with open(path, "rb") as f:
        print(type(f).__name__, f.mode)
        magic = f.read(4)
        print(magic, type(magic).__name__, f.tell())
        rest = f.read()
        print(rest, len(rest))
        print(f.read(), f.read(3))
        f.seek(4)
        print(list(f.read(4)))
        f.seek(-7, 2)
        print(f.read().decode("utf-8"), end="")
        f.seek(0)
        print(f.read(2), f.seek(2, 1), f.read(2))

    # Appending.
    with open(path, "ab") as f:
        print("append starts at", f.tell())
        f.write(b"TAIL")
        print("now", f.tell())
    with open(path, "rb") as f:
        data = f.read()
    print(data[-4:], len(data))

    # Patching in place with r+b: overwrite two bytes in the middle.
    with open(path, "r+b") as f:
        f.seek(4)
        f.write(b"\xaa\xbb")
        print("after patch", f.tell())
        print(f.read(2))
        f.seek(0, 2)
        print("end", f.tell())
    with open(path, "rb") as f:
        print(f.read(10))

    # w+b: write, go back, read.
    with open(path, "w+b") as f:
        print(f.mode, f.read())
        f.write(b"line one\nline two\nlast")
        f.seek(0)
        print(f.readline())
        print(f.readlines())
        f.seek(0)
        for line in f:
            print(repr(line))
        f.seek(5)
        print(f.truncate(), f.tell())
        f.seek(0)
        print(f.read())

    # Copying a binary file in chunks, a classic exercise.
    src = os.path.join(tmp, "src.bin")
    dst = os.path.join(tmp, "dst.bin")
    with open(src, "wb") as f:
        f.write(bytes(range(256)) * 10)
    copied = 0
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while True:
            chunk = fin.read(1000)
            if not chunk:
                break
            copied += fout.write(chunk)
    print("copied", copied)
    with open(src, "rb") as a, open(dst, "rb") as b:
        print("same", a.read() == b.read())

    # Counting byte values.
    counts = [0] * 256
    with open(path, "rb") as f:
        for b in f.read():
            counts[b] += 1
    print([(chr(i), c) for i, c in enumerate(counts) if c > 1])

    # The mistakes.
    with open(path, "wb") as f:
        try:
            f.write("text")
        except TypeError as e:
            print("TypeError:", e)
        try:
            f.write(42)
        except TypeError as e:
            print("TypeError:", e)
        try:
            f.read()
        except OSError as e:
            print(type(e).__name__, e)
    with open(path, "rb") as f:
        try:
            f.write(b"x")
        except OSError as e:
            print(type(e).__name__, e)
        try:
            f.seek(-1)
        except OSError as e:
            print(type(e).__name__, e)
        try:
            f.seek(0, 7)
        except ValueError as e:
            print("ValueError:", e)
    with open(path, "w") as f:
        try:
            f.write(b"bytes")
        except TypeError as e:
            print("TypeError:", e)
    for mode in ("rbt", "wbb", "rw"):
        try:
            open(path, mode)
        except ValueError as e:
            print("ValueError:", e)
    try:
        open(path, "rb", encoding="utf-8")
    except ValueError as e:
        print("ValueError:", e)
    f = open(path, "rb")
    f.close()
    for name in ("read", "tell", "readline"):
        try:
            getattr(f, name)()
        except ValueError as e:
            print(name, "ValueError:", e)
    try:
        open(os.path.join(tmp, "missing.bin"), "rb")
    except FileNotFoundError as e:
        print("FileNotFoundError:", e.strerror, os.path.basename(e.filename))
    try:
        open(path, "xb")
    except FileExistsError as e:
        print("FileExistsError:", e.errno, e.strerror)
print("done")
