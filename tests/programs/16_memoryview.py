# memoryview: zero-copy views of bytes and bytearray, as a packet parser would use them.
import struct
import hashlib


def show(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


packet = bytearray(b"\x01\x02HELLO\x00\x00\x00\x2a" + bytes(range(8)))
view = memoryview(packet)
print(len(view), view.nbytes, view.readonly, view.itemsize, view.format, view.ndim)
print(view.shape, view.strides, view.suboffsets)
print(view.c_contiguous, view.f_contiguous, view.contiguous)
print(view.obj is packet, type(view).__name__)
print(view[0], view[-1], view[2:7].tobytes(), view[2:7].tolist())

# A slice is another view of the same memory: writing through it changes the bytearray.
name = view[2:7]
name[0] = ord("J")
name[1:3] = b"EL"
print(packet[:8], name.obj is packet, name.tobytes())
print(bytes(view[::2]), view[::-1].tobytes()[:4], view[::-3].strides)
print(view[::2].c_contiguous, view[5:5].c_contiguous, view[3:4:2].contiguous)

# Bytes-like wherever bytes are accepted.
header = view[:2]
print(b"".join([header, b"|", view[7:11]]), b"<" + header, bytearray(header))
print(struct.unpack(">I", view[7:11]), int.from_bytes(view[7:11], "big"))
print(hashlib.sha256(view[2:7]).hexdigest()[:16] == hashlib.sha256(b"JELLO").hexdigest()[:16])
print(view[2:7] == b"JELLO", b"JELLO" == view[2:7], view[2:7] == bytearray(b"JELLO"))
print(view[2:7] != b"HELLO", view == view, view[0:2] == [1, 2], view[:0] == b"")
print(list(view[11:]), [b for b in view[2:4]], sum(view[11:]))

# Casting the raw bytes to other item formats.
raw = bytearray(struct.pack("<4H", 1, 2, 513, 65535))
words = memoryview(raw).cast("H")
print(words.format, words.itemsize, len(words), words.nbytes, words.tolist())
words[0] = 1000
print(raw[:2], words[0], words.cast("B").tolist()[:4])
ints = memoryview(struct.pack("<2i", -5, 7)).cast("i")
print(ints.tolist(), ints[1], ints.readonly)
signed = memoryview(b"\xff\x01").cast("b")
print(signed.tolist(), memoryview(b"ab").cast("c").tolist())
doubles = memoryview(struct.pack("<2d", 1.5, -0.25)).cast("d")
print(doubles.tolist(), doubles.cast("B").cast("f").itemsize)
big = memoryview(struct.pack("<Qq", 2**64 - 1, -2**63)).cast("Q")
print(big.tolist(), big.cast("B").cast("q").tolist())
print(memoryview(b"abcd").cast("@I", [1]).shape)
print(memoryview(b"abc").hex(), memoryview(b"abcd").hex(":"), memoryview(b"abcdef").hex("-", 2))

# Equality unpacks items by format; hashing needs a read-only byte view.
print(memoryview(b"\x01\x00").cast("H") == memoryview(b"\x01\x00\x00\x00").cast("I")[:1] )
print(memoryview(b"\x01\x00").cast("H") == b"\x01\x00", memoryview(b"A").cast("c") == b"A")
print(hash(memoryview(b"key")) == hash(b"key"), {memoryview(b"k"): 1}[memoryview(b"k")])
show("hash of a bytearray's view", lambda: hash(memoryview(bytearray(b"k")).toreadonly()))

# While a view exists the bytearray may not change its length.
buf = bytearray(b"abc")
m = memoryview(buf)
show("append", lambda: buf.append(1))
show("extend", lambda: buf.extend(b"xy"))
show("pop", lambda: buf.pop())
show("del", lambda: buf.__delitem__(0))
show("clear", lambda: buf.clear())
show("grow slice", lambda: buf.__setitem__(slice(0, 1), b"xx"))
buf[0:2] = b"AB"
buf += b""
buf *= 1
print(buf, m.tobytes())
m.release()
buf.append(ord("d"))
print(buf)

# Views taken from one view share its export: the last one released frees the bytearray.
buf2 = bytearray(b"12345")
m1 = memoryview(buf2)
m2 = m1[1:3]
m1.release()
show("still exported", lambda: buf2.append(0))
del m2
buf2.append(ord("6"))
print(buf2)

with memoryview(bytearray(b"ctx")) as cm:
    print(cm.tobytes(), cm.readonly)
print("released" in repr(cm), repr(cm).startswith("<released memory at 0x"))
for op in ("len", "index", "tobytes", "obj", "format", "bytes"):
    show(op, {
        "len": lambda: len(cm), "index": lambda: cm[0], "tobytes": lambda: cm.tobytes(),
        "obj": lambda: cm.obj, "format": lambda: cm.format, "bytes": lambda: bytes(cm),
    }[op])
print(cm == cm, cm == b"ctx", cm.release())

# The errors CPython gives.
ro = memoryview(b"read only")
rw = memoryview(bytearray(8))
show("ctor int", lambda: memoryview(42))
show("ctor str", lambda: memoryview("text"))
show("out of range", lambda: ro[100])
show("float key", lambda: ro[1.5])
show("tuple key", lambda: ro[0, 1])
show("ro write", lambda: ro.__setitem__(0, 65))
show("delete", lambda: rw.__delitem__(0))
show("too big", lambda: rw.__setitem__(0, 256))
show("wrong type", lambda: rw.__setitem__(0, b"a"))
show("bool ok", lambda: rw.__setitem__(0, True))
show("size mismatch", lambda: rw.__setitem__(slice(0, 2), b"abc"))
show("format mismatch", lambda: rw.cast("c").__setitem__(slice(0, 1), b"a"))
show("int rvalue", lambda: rw.__setitem__(slice(0, 2), 5))
show("bad format", lambda: ro.cast("<i"))
show("not multiple", lambda: ro.cast("i"))
show("two non-byte", lambda: rw.cast("i").cast("h"))
show("strided cast", lambda: rw[::2].cast("B"))
show("shape", lambda: ro.cast("B", [3]))
show("signed range", lambda: rw.cast("b").__setitem__(0, 200))
show("unsigned q", lambda: rw.cast("Q").__setitem__(0, -1))
show("double from int", lambda: rw.cast("d").__setitem__(0, 3))
show("double from str", lambda: rw.cast("d").__setitem__(0, "3"))
show("char", lambda: rw.cast("c").__setitem__(0, b"xy"))
show("hash writable", lambda: hash(rw))
show("hash words", lambda: hash(ro[:8].cast("h")))
show("order", lambda: ro.tobytes("X"))
show("compare", lambda: ro < ro)
show("bytes compare", lambda: b"a" < memoryview(b"b"))
show("bytearray compare", lambda: bytearray(b"a") < memoryview(b"b"))
show("attr", lambda: ro.nope)
show("set attr", lambda: setattr(ro, "format", "B"))
show("add", lambda: ro + b"x")

# More places that take a buffer.
import io
import os
import tempfile

record = bytearray(8)
struct.pack_into("<HH", record, 2, 1, 2)
rv = memoryview(record)
struct.pack_into("<H", rv, 0, 0xFFFF)
struct.Struct("<BB").pack_into(rv, 6, 9, 8)
print(record, struct.unpack_from("<H", rv, 2), struct.unpack_from("<BB", rv[6:]))
struct.pack_into("<H", record, -2, 0x0102)
print(record)
rv.release()
show("pack_into bytes", lambda: struct.pack_into("<H", b"xx", 0, 1))
show("pack_into read-only view", lambda: struct.pack_into("<H", memoryview(record).toreadonly(), 0, 1))
show("pack_into past the end", lambda: struct.pack_into("<H", record, 7, 1))
show("pack_into offset", lambda: struct.pack_into("<H", record, -20, 1))
show("pack_into no space", lambda: struct.pack_into("<I", record, -2, 1))
show("pack_into count", lambda: struct.pack_into("<HH", record, 0, 1))
show("pack_into no offset", lambda: struct.pack_into("<H", record))
show("pack_into str offset", lambda: struct.pack_into("<H", record, "0", 1))
show("pack_into value", lambda: struct.pack_into("<H", record, 0, -1))
show("pack_into list", lambda: struct.pack_into("<H", [0, 0], 0, 1))
print(int(memoryview(b"12")), float(memoryview(b" 2.5 ")), int(bytearray(b"-7")))
show("int of bad view", lambda: int(memoryview(b"1x")))
show("int of strided view", lambda: int(memoryview(b"12")[::-1]))
show("float of bad bytearray", lambda: float(bytearray(b"1x")))

folder = tempfile.mkdtemp()
path = os.path.join(folder, "data.bin")
with open(path, "wb") as f:
    print(f.write(memoryview(b"hello world")[::1]), f.write(memoryview(b"\x01\x00\x02\x00").cast("H")))
target = bytearray(12)
with open(path, "rb") as f:
    print(f.readinto(memoryview(target)[4:9]), target)
os.remove(path)
os.rmdir(folder)

stream = io.BytesIO(b"0123456789")
shared = stream.getbuffer()
shared[0] = ord("X")
print(stream.getvalue(), shared.readonly, len(shared))
show("grow while exported", lambda: stream.write(b"more data than was there"))
shared.release()
stream.seek(0, 2)
stream.write(b"!")
print(stream.getvalue())
