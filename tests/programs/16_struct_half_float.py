# struct's 'e' format (IEEE 754 half floats) as a sensor-data exercise packs them: rounding
# half to even, subnormals, infinities and NaN, overflow errors, every half float round-trip.
import struct, random, math
vals = [0.0, -0.0, 1.0, -1.5, 65504.0, 65519.99, 6.1e-5, 5.96e-8, 2.9e-8, 3e-8, 1e-10, 0.1, 1/3, math.pi, float('inf'), -float('inf'), float('nan'), 1000.5, 2049.0, 2051.0, 4097.0, 0.000123]
for v in vals:
    for fmt in ('<e', '>e', 'e', '=e', '!2e'):
        try:
            if fmt == '!2e':
                b = struct.pack(fmt, v, -v)
            else:
                b = struct.pack(fmt, v)
            print(fmt, v, b, struct.unpack(fmt, b))
        except (OverflowError, struct.error) as ex:
            print(fmt, v, type(ex).__name__, ex)
for bad in [65520.0, 1e6, -70000.0]:
    try:
        struct.pack('e', bad)
    except OverflowError as ex:
        print(bad, ex)
try:
    struct.pack('e', 'x')
except struct.error as ex:
    print(ex)
print(struct.calcsize('e'), struct.calcsize('@be'), struct.calcsize('<be'), struct.calcsize('3e'))
random.seed(5)
acc = 0
out = []
for i in range(20000):
    x = random.uniform(-70000, 70000) * 10.0 ** random.randint(-9, 0)
    try:
        b = struct.pack('<e', x)
    except OverflowError:
        out.append('O'); continue
    out.append(b.hex())
    acc += struct.unpack('<e', b)[0]
print(acc, hash(tuple(out)) % 1000003 if False else len(set(out)))
import hashlib; print(hashlib.sha256(' '.join(out).encode()).hexdigest())
for h in range(0, 65536, 7):
    b = h.to_bytes(2, 'little')
    v = struct.unpack('<e', b)[0]
    if v == v:
        assert struct.pack('<e', v) == b, (h, v)
print(sum(struct.unpack('<e', h.to_bytes(2, 'little'))[0] for h in range(0, 0x7c00, 3)))
