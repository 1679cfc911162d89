# Digests, random bytes, base64 and in-memory binary streams.
import hashlib
import random
import base64
import io

# hashlib
print(hashlib.md5(b"hello").hexdigest())
print(hashlib.sha1(b"hello").hexdigest())
print(hashlib.sha256(b"hello").hexdigest())
h = hashlib.sha256()
h.update(b"hel")
h.update(b"lo")
print(h.hexdigest(), h.digest()[:4], h.name, h.digest_size, h.block_size)
print(hashlib.new("md5", "café".encode()).hexdigest(), hashlib.sha512(b"").hexdigest()[:32])
try:
    hashlib.md5("text")
except TypeError as e:
    print("TypeError:", e)

# random bytes
random.seed(42)
print(random.randbytes(8), random.randbytes(0), random.randbytes(3).hex())
r = random.Random(7)
print(r.randbytes(5))

# base64
enc = base64.b64encode(b"Hello, bytes!")
print(enc, base64.b64decode(enc), base64.b64encode(b"a"), base64.b64encode(b"ab"), base64.b64decode("YWI="))
print(base64.urlsafe_b64encode(b"\xfb\xff\xfe"), base64.b16encode(b"\x01\xab"), base64.b16decode(b"01AB"))
try:
    base64.b64decode(b"YWI")
except Exception as e:
    print(type(e).__name__, e)

# BytesIO
buf = io.BytesIO()
buf.write(b"line one\n")
buf.write(b"line two\n")
print(buf.getvalue(), buf.tell())
buf.seek(0)
print(buf.readline(), buf.read(4), list(buf))
with io.BytesIO(b"abc") as f:
    print(f.read(), f.read())
