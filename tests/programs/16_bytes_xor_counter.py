# Bytes in everyday code: a XOR cipher, counting, parsing request lines.
from itertools import cycle
from collections import Counter
from functools import reduce


def xor_cipher(data: bytes, key: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, cycle(key)))


secret = "Meet me at the café at 10!".encode()
key = b"k3y"
enc = xor_cipher(secret, key)
print(enc.hex(), len(enc))
print(xor_cipher(enc, key).decode())
print(enc[::-1][:6], enc[-3:], data_bits := [f"{b:08b}" for b in b"AZ"])
freq = Counter(b"mississippi")
print(freq.most_common(2), {chr(k): v for k, v in sorted(freq.items())})
print(reduce(lambda acc, b: (acc * 31 + b) % 65521, b"checksum", 1))
print(sum(b"abc"), max(b"hello"), min(b"hello"), sorted(set(b"banana")))
print([hex(b) for b in b"\x00\x10\xff"], list(map(chr, b"hi!")), bytes(map(ord, "ok")))
print(b"%d" if False else b"x", bytes(5)[1:3], b"ab" in [b"ab"], [b"b", b"a"].index(b"a"))
table = {b"GET": 1, b"POST": 2}
for line in b"GET /index\r\nPOST /form\r\nPUT /x".split(b"\r\n"):
    method, _, path = line.partition(b" ")
    print(method, path.decode(), table.get(method, "?"))
words = b"the quick brown the lazy the end".split()
print(Counter(words).most_common(1), b" ".join(sorted(set(words))))
print(b"".join([b"a", bytearray(b"b")]), bytearray(b"x").join([b"1", b"2"]))
print(repr(b"\x00"), str(b"\\"), ascii(b"\xff"), f"{b'q'!s}", "{}".format(b"z"))
print(b"Hello World".istitle() if hasattr(b"", "istitle") else "no istitle")
print(bytes.maketrans(b"abc", b"xyz") == bytes.maketrans(b"abc", b"xyz") if hasattr(bytes, "maketrans") else "no maketrans")
