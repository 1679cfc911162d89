# Text in UTF-16, UTF-32 and Windows-1252: BOMs, byte orders, error handlers and messages.
import codecs


def show(label, f):
    try:
        print(label, "->", repr(f()))
    except (UnicodeError, LookupError, TypeError) as e:
        print(label, "->", type(e).__name__ + ":", e)
        if isinstance(e, UnicodeDecodeError):
            print("   ", e.encoding, e.start, e.end, e.reason, e.object[e.start:e.end])


text = "Grüße, €5 😀"
for enc in ["utf-16", "utf-16-le", "UTF-16BE", "utf_32", "utf-32-le", "utf-32-be", "cp1252",
            "windows-1252", "latin-1", "L1", "iso8859_1", "utf8"]:
    try:
        data = text.encode(enc)
    except UnicodeEncodeError as e:
        print(f"{enc:12} {e}")
        data = text.encode(enc, "replace")
    back = data.decode(enc, "replace")
    print(f"{enc:12} {len(data):3} {data[:12].hex(' ')} {back!r} {codecs.lookup(enc).name}")

# A BOM picks the byte order; without one UTF-16 reads little-endian.
print(b"\xff\xfeh\x00i\x00".decode("utf-16"), b"\xfe\xff\x00h\x00i".decode("utf-16"))
print(b"h\x00i\x00".decode("utf-16"), repr(b"\xff\xfeh\x00".decode("utf-16-le")))
print(b"\x00\x00\xfe\xff\x00\x00\x00A".decode("utf-32"), "".encode("utf-16"), b"".decode("utf-32"))
print("😀".encode("utf-16-be").hex(), "😀".encode("utf-32-le").hex())
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)
print(codecs.BOM_UTF16 == codecs.BOM_LE, codecs.BOM_UTF32)

# Broken data, under each error handler.
broken = {
    "odd length": (b"h\x00i", "utf-16-le"),
    "lone low surrogate": (b"\x00\xdch\x00", "utf-16-le"),
    "high without low": (b"\x00\xd8h\x00", "utf-16-le"),
    "cut surrogate pair": (b"h\x00\x3d\xd8", "utf-16-le"),
    "cut pair, odd": (b"h\x00\x3d\xd8\x00", "utf-16-le"),
    "big-endian bom, bad": (b"\xfe\xff\xdc\x00", "utf-16"),
    "utf-32 truncated": (b"A\x00\x00\x00B\x00", "utf-32-le"),
    "utf-32 too big": (b"\x00\x00\x11\x00", "utf-32-le"),
    "utf-32 surrogate": (b"\x00\xd8\x00\x00", "utf-32"),
    "cp1252 undefined": (b"caf\xe9 \x81\x8d \x80", "cp1252"),
}
for label, (data, enc) in broken.items():
    show(label, lambda: data.decode(enc))
    for errors in ("ignore", "replace", "backslashreplace"):
        show("  " + errors, lambda: data.decode(enc, errors))

# Encoding into Windows-1252: one character at a time, as CPython's charmap codec reports.
for errors in ("strict", "ignore", "replace", "xmlcharrefreplace", "backslashreplace"):
    show("cp1252 " + errors, lambda: "€ Ā Ă ok".encode("cp1252", errors))
show("cp1252 \\x81", lambda: "\x81".encode("cp1252"))
show("ascii run", lambda: "a€€b".encode("ascii"))

# The codecs module.
print(codecs.encode("hé", "utf-16-be"), codecs.decode(b"h\x00", "utf-16-le"))
print(codecs.decode(bytearray(b"\xe9"), "latin-1"), codecs.decode(memoryview(b"\x80"), "cp1252"))
info = codecs.lookup("UTF-8")
print(info.name, info.encode("né"), info.decode(b"n\xc3\xa9"), isinstance(info, tuple), len(info))
print(codecs.lookup("utf-32be").decode(b"\x00\x00\x00A\x00\x00\x00B"))
show("unknown", lambda: codecs.lookup("klingon"))
show("not str", lambda: codecs.lookup(8))
show("encode bytes", lambda: codecs.encode(b"x", "utf-16"))
show("decode str", lambda: codecs.decode("x", "utf-8"))
show("unknown handler", lambda: "x".encode("ascii", "nope"))
show("handler unused", lambda: "x".encode("utf-16", "nope"))
