# A course-style hex dump of a binary file.
import struct


def hexdump(data, width=16):
    lines = []
    for offset in range(0, len(data), width):
        chunk = data[offset:offset + width]
        hexpart = " ".join(f"{b:02x}" for b in chunk)
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{offset:08x}  {hexpart:<{width * 3}} |{text}|")
    return "\n".join(lines)


with open(__file__, "rb") as f:
    raw = f.read()
print(type(raw).__name__, len(raw) > 100, raw[:8])
print(hexdump(raw[:40]))

with open(__file__, "rb") as f:
    first = f.readline()
    print(first, f.read(5), f.tell())

counts = {}
for b in raw:
    kind = "letter" if chr(b).isalpha() else "digit" if chr(b).isdigit() else "other"
    counts[kind] = counts.get(kind, 0) + 1
print(sorted(counts))

header = struct.pack("<4sHH", b"GILV", 1, 3)
print(hexdump(header + "π≈3.14".encode("utf-8")))
data = bytearray(b"\x00" * 8)
struct_fields = [(0, 0x47), (1, 0x49), (2, 0x4C), (3, 0x56)]
for i, v in struct_fields:
    data[i] = v
print(data, bytes(data[:4]).decode("ascii"), data.hex())
checksum = sum(data) % 256
print("checksum", checksum, hex(checksum))
try:
    open("/nonexistent/file.bin", "rb")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
