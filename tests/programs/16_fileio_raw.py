# Unbuffered binary files (buffering=0): the raw FileIO, one OS call per read or write,
# and records packed with struct, as a course on binary formats writes them.
import io
import os
import struct
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    p = os.path.join(tmp, "raw.bin")
    f = open(p, "wb", buffering=0)
    print(type(f).__name__, repr(f) == "<_io.FileIO name=%r mode='wb' closefd=True>" % p)
    print(f.mode, f.write(b"abc\ndef\n"), f.tell())
    for op in ("read", "readline"):
        try:
            getattr(f, op)()
        except io.UnsupportedOperation as e:
            print(op, "UnsupportedOperation:", e)
    f.close()
    print(repr(f))
    for op in ("read", "tell", "flush"):
        try:
            getattr(f, op)()
        except ValueError as e:
            print(op, "ValueError:", e)

    f = open(p, "rb", buffering=0)
    print(f.read(2), f.readline(), f.readall(), f.tell())
    try:
        f.write(b"x")
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation:", e)
    f.close()
    with open(p, "rb", 0) as f:
        print(list(f))
    with open(p, "r+b", buffering=0) as f:
        print(f.mode, f.read(1), f.write(b"Z"))
        f.seek(0)
        print(f.read())
    try:
        open(p, "r", buffering=0)
    except ValueError as e:
        print("ValueError:", e)

    rec = os.path.join(tmp, "rec.bin")
    with open(rec, "wb") as f:
        for i, (name, score) in enumerate([("ann", 9.5), ("bob", 7.25), ("cy", 8.0)]):
            f.write(struct.pack("<i8sd", i, name.encode(), score))
    size = struct.calcsize("<i8sd")
    print(size, os.path.getsize(rec))
    with open(rec, "rb") as f:
        while chunk := f.read(size):
            i, name, score = struct.unpack("<i8sd", chunk)
            print(i, name.rstrip(b"\0").decode(), score)
        f.seek(-size, io.SEEK_END)
        print(struct.unpack("<i8sd", f.read(size))[1])
    print(isinstance(open(rec, "rb"), io.BufferedReader))
print("done")
