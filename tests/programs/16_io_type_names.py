import io, os, tempfile
def show(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
d = tempfile.mkdtemp()
p = os.path.join(d, "f.bin")
with open(p, "wb") as f:
    show("wb peek", lambda: f.peek)
    show("wb name", lambda: type(f).__name__)
    show("wb add", lambda: f + 1)
    f.write(b"abc\n")
with open(p, "rb") as f:
    show("rb foo", lambda: f.foo)
    print(type(f).__name__, type(f).__module__, type(f).__qualname__)
with open(p, "r+b") as f:
    show("r+b foo", lambda: f.foo)
with open(p) as f:
    show("r buffer_size", lambda: f.nope)
    show("r len", lambda: len(f))
with open(p, "rb", buffering=0) as f:
    show("raw foo", lambda: f.foo)
show("StringIO", lambda: io.StringIO().nope)
show("BytesIO", lambda: io.BytesIO().nope)
show("BytesIO iter", lambda: io.BytesIO()[0])
class Mine(io.StringIO):
    pass
show("subclass", lambda: Mine().nope)
os.remove(p); os.rmdir(d)
