# Packing fixed-size records with struct, as a file-formats lesson does.
import struct
import hashlib
import random
import base64
import io

# struct records
Record = struct.Struct("<I8sHd")
print(Record.size, struct.calcsize("<I8sHd"), struct.calcsize("@bi"), struct.calcsize("=bi"))
rows = [(1, b"alice", 30, 55.5), (2, b"bob", 41, 72.25), (3, b"carolina!", 29, 61.0)]
blob = b"".join(Record.pack(*r) for r in rows)
print(len(blob), blob[:20].hex(" "))
for ident, name, age, weight in Record.iter_unpack(blob):
    print(ident, name.rstrip(b"\0").decode(), age, weight)
print(struct.pack(">hHbB?", -2, 65535, -128, 255, True))
print(struct.unpack(">hHbB?", b"\xff\xfe\xff\xff\x80\xff\x01"))
print(struct.pack("<f", 1.1), struct.unpack("<f", struct.pack("<f", 1.1)))
print(struct.pack(">d", -2.5), struct.pack("!q", -1), struct.pack("<Q", 2**64 - 1))
print(struct.pack("3s", b"abcdef"), struct.pack("5p", b"ab"), struct.unpack("5p", b"\x02ab\x00\x00"))
print(struct.pack("c", b"z"), struct.unpack("2c", b"xy"), struct.pack("2x"), struct.unpack_from("<H", b"\x00\x01\x02", 1))
for fmt, args in [("b", (300,)), ("B", (-1,)), ("<h", (40000,)), ("<I", (2**33,)), ("<i", ("x",)),
                  ("<f", ("x",)), ("2i", (1,)), ("s", ("x",)), ("c", (b"ab",)), ("z", (1,)), ("<q", (2**63,))]:
    try:
        struct.pack(fmt, *args)
    except struct.error as e:
        print(fmt, "error:", e)
for fmt, data in [("<i", b"ab"), ("<h", b"abc")]:
    try:
        struct.unpack(fmt, data)
    except struct.error as e:
        print(fmt, "error:", e)
try:
    list(struct.iter_unpack("<h", b"abc"))
except struct.error as e:
    print("iter:", e)

