# Encode/decode round trips, as a text-processing lesson would show them.
samples = ["hello", "café", "naïve résumé", "日本", "emoji 😀", ""]

for text in samples:
    data = text.encode("utf-8")
    back = data.decode("utf-8")
    print(f"{text!r:18} -> {len(text):2} chars, {len(data):2} bytes, round trip ok: {back == text}")

print()
for text in samples:
    for codec in ("ascii", "latin-1"):
        try:
            data = text.encode(codec)
            print(f"{codec:8}{text!r:16} {data!r}")
        except UnicodeEncodeError as e:
            print(f"{codec:8}{text!r:16} {e.reason} at {e.start}:{e.end} ({e.object[e.start:e.end]!r})")

print()
broken = [b"abc\xff", b"\xc3\x28", b"ok \xe2\x82", b"\xe2\x82\xac euro", b"\xf0\x9f\x98\x80"]
for data in broken:
    for errors in ("strict", "replace", "ignore", "backslashreplace"):
        try:
            print(f"{errors:16}", repr(data.decode("utf-8", errors)))
        except UnicodeDecodeError as e:
            print(f"{errors:16}", "error:", e)

class Message:
    def __init__(self, sender, body):
        self.sender = sender
        self.body = body

    def __bytes__(self):
        return self.sender.encode() + b"\x00" + self.body.encode()

    @classmethod
    def parse(cls, raw):
        sender, _, body = raw.partition(b"\x00")
        return cls(sender.decode(), body.decode())

    def __repr__(self):
        return f"Message({self.sender!r}, {self.body!r})"

    def __eq__(self, other):
        return isinstance(other, Message) and bytes(self) == bytes(other)

    def __hash__(self):
        return hash(bytes(self))

m = Message("ana", "¡hola!")
raw = bytes(m)
print(raw, len(raw), Message.parse(raw), Message.parse(raw) == m, len({m, Message.parse(raw)}))

def load(raw):
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError as e:
        raise ValueError(f"not ASCII: {raw!r}") from e

print(load(b"plain"))
load("résumé".encode())
