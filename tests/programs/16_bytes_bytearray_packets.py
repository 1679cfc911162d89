# bytearray as a mutable buffer: a tiny packet builder and run-length encoder.
class PacketBuilder:
    MAGIC = b"\xca\xfe"

    def __init__(self):
        self.buf = bytearray(self.MAGIC)

    def add_byte(self, value):
        self.buf.append(value)
        return self

    def add_text(self, text):
        data = text.encode("utf-8")
        self.buf.append(len(data))
        self.buf.extend(data)
        return self

    def add_u16(self, value):
        self.buf += value.to_bytes(2, "big")
        return self

    def build(self):
        checksum = sum(self.buf) & 0xFF
        return bytes(self.buf) + bytes([checksum])

    def __len__(self):
        return len(self.buf)


def rle_encode(data):
    out = bytearray()
    i = 0
    while i < len(data):
        run = 1
        while i + run < len(data) and data[i + run] == data[i] and run < 255:
            run += 1
        out += bytes([run, data[i]])
        i += run
    return bytes(out)


def rle_decode(data):
    out = bytearray()
    for i in range(0, len(data), 2):
        out.extend(data[i + 1:i + 2] * data[i])
    return bytes(out)


p = PacketBuilder().add_byte(7).add_text("héllo").add_u16(513)
print(len(p), p.buf)
packet = p.build()
print(packet, packet.hex(), packet[-1])

raw = b"aaaabbbcccccccccd" + bytes(5)
enc = rle_encode(raw)
print(enc, rle_decode(enc) == raw, len(raw), len(enc))

ba = bytearray(b"The quick brown fox")
ba[4:9] = b"slow"
print(ba)
ba[0:3] = b"A"
del ba[-4:]
ba.insert(0, ord(">"))
print(ba, ba.pop(0), ba.count(b"o"), ba.find(b"brown"), ba.upper())
ba[::2] = bytes(len(ba[::2]))
print(ba)
print(bytearray(b"abc") * 2, bytearray(b"x") == bytearray(b"x"), b"x" in [bytearray(b"x")])
frozen = bytes(ba)
try:
    frozen[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    ba[0] = 999
except ValueError as e:
    print("ValueError:", e)
try:
    ba[2:4] = [1, 2, 300]
except ValueError as e:
    print("ValueError:", e)
try:
    {ba: 1}
except TypeError as e:
    print("TypeError:", e)
xs = [b"pear", b"Apple", b"fig", bytearray(b"banana")]
print(sorted(xs), sorted(xs, key=len), max(xs), min(xs, key=lambda b: b.lower()))
