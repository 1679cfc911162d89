class Packet(bytes):
    """A bytes with a checksum."""
    def __new__(cls, payload, tag=b"P"):
        self = super().__new__(cls, tag + payload)
        self.checksum = sum(payload) % 256
        return self

    def __repr__(self):
        return f"Packet({bytes.__repr__(self)}, checksum={self.checksum})"


class Raw(bytes):
    pass


p = Packet(b"abc")
print(p, repr(p), str(p), type(p).__name__, isinstance(p, bytes), issubclass(Packet, bytes))
print(len(p), p[0], p[1:], type(p[1:]).__name__, p.upper(), type(p.upper()).__name__)
print(p == b"Pabc", b"Pabc" == p, hash(p) == hash(b"Pabc"), p + b"!", type(p + b"!").__name__)
print(b"!" + p, p * 2, type(p * 2).__name__, list(p), b"a" in p, p.decode())
r = Raw(b"xyz")
print(repr(r), r, type(r).__name__, Raw(), Raw(3), Raw([65, 66]), Raw("h\u00e9", "utf-8"))
print(bytes.__new__(Raw, b"made").__class__.__name__, bytes(r), type(bytes(r)).__name__)
print({r: 1}[b"xyz"], {b"xyz": 2}[r], sorted([Raw(b"b"), Raw(b"a")]))
print(r.hex(), r.split(b"y"), r.replace(b"x", b"X"), type(r.replace(b"x", b"X")).__name__)
print(memoryview(r).obj is r, memoryview(r).tobytes(), bytearray(r), b"-".join([r, p]))
print(int.from_bytes(Raw(b"\x01\x00"), "little"), r.startswith(b"x"), Raw.fromhex("4142"))
print(type(Raw.fromhex("4142")).__name__, r.find(b"z"), r < b"z", r.isalpha())
print(Raw(b"x") is not Raw(b"x"), Raw(b"ab").join([b"1", b"2"]), f"{r!r}", "%s" % r)


class Token(bytes):
    kind = "token"

    def __init__(self, value):
        self.length = len(self)


t = Token(b"if")
print(t, t.kind, t.length, vars(t), Token.__mro__)
print(isinstance(t, (str, bytes)), type(t) is bytes, bytes(t) is t)
try:
    Token(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    class Both(bytes, int):
        pass
except TypeError as e:
    print("TypeError:", e)
match Raw(b"m"):
    case bytes() as m:
        print("matched", type(m).__name__)


# A view of a subclass instance that the instance itself holds: a cycle the collector frees.
import gc


class Frame(bytes):
    def __del__(self):
        print("freed", bytes(self))


f = Frame(b"cycle")
f.view = memoryview(f)
print(f.view.obj is f, f.view[0])
del f
gc.collect()
print("after collect")
