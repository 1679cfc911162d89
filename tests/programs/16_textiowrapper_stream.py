# io.TextIOWrapper over a binary stream: lines decoded as they are read, tell()/seek() by
# byte positions for UTF-8, newline translation, and writes held until a flush.
import io
import os
import tempfile

folder = tempfile.mkdtemp()
path = os.path.join(folder, "big.txt")

# A file bigger than one chunk: readline reads only as far as it needs.
with open(path, "wb") as raw:
    for i in range(3000):
        raw.write(("line %04d: café ✓\r\n" % i).encode("utf-8"))

with open(path, "rb") as raw:
    text = io.TextIOWrapper(raw, encoding="utf-8")
    print(repr(text.readline()), raw.tell() < os.path.getsize(path))
    where = text.tell()
    second = text.readline()
    print(repr(second), where)
    text.seek(where)
    print(text.readline() == second, text.tell())
    for _ in range(1500):
        line = text.readline()
    print(repr(line), text.tell())
    mark = text.tell()
    rest = text.read()
    print(len(rest), rest.count("\n"), repr(rest[-20:]))
    text.seek(mark)
    print(repr(text.read(12)), repr(text.read(0)), text.tell())
    print(text.seek(0, 2), repr(text.read()), repr(text.readline()))
    text.seek(0)
    print(sum(1 for _ in text), text.encoding, text.errors, text.closed)
    text.close()
    print(text.closed, raw.closed)

# newline="" keeps "\r\n"; newline="\r\n" writes it.
data = io.BytesIO(b"one\r\ntwo\rthree\nfour")
keep = io.TextIOWrapper(data, encoding="ascii", newline="")
print([keep.readline() for _ in range(5)])
data = io.BytesIO(b"one\r\ntwo\rthree\nfour")
print(io.TextIOWrapper(data).read().split("\n"))

out = io.BytesIO()
w = io.TextIOWrapper(out, encoding="utf-8", newline="\r\n")
print(w.write("a\nb\n"), out.getvalue())
w.flush()
print(out.getvalue(), w.tell())
w.write("é")
w.seek(0)
print(out.getvalue(), repr(w.read()))
print(repr(w), w.detach() is out)

# UTF-16 with its BOM, and a character cut between chunks.
wide = io.BytesIO("héllo\nwörld\n".encode("utf-16"))
print(list(io.TextIOWrapper(wide, encoding="utf-16")))
smile = ("x" * 8191 + "😀\n").encode("utf-8")
t = io.TextIOWrapper(io.BytesIO(smile), encoding="utf-8")
print(len(t.readline()), t.readline() == "")

# Errors.
def show(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)

t = io.TextIOWrapper(io.BytesIO(b"abc"))
show("cur seek", lambda: t.seek(3, 1))
show("end seek", lambda: t.seek(-1, 2))
show("whence", lambda: t.seek(0, 5))
show("negative", lambda: t.seek(-1))
show("encoding", lambda: io.TextIOWrapper(io.BytesIO(), encoding="nope"))
show("newline", lambda: io.TextIOWrapper(io.BytesIO(), newline="x"))
show("write int", lambda: t.write(5))
show("bad utf-8", lambda: io.TextIOWrapper(io.BytesIO(b"ok\xffno")).read())
show("replace", lambda: io.TextIOWrapper(io.BytesIO(b"ok\xffno"), errors="replace").read())
t.close()
show("closed", lambda: t.read())

os.remove(path)
os.rmdir(folder)
