# io's in-memory files: CPython's class names and bases, and what they share.
import io
print(io.StringIO.__mro__)
print(io.BytesIO.__mro__)
print(repr(io.StringIO())[:20], repr(io.BytesIO())[:19])
for f in (io.StringIO("a\nb\n"), io.BytesIO(b"a\nb\n")):
    with f:
        print(f.readable(), f.writable(), f.seekable(), f.isatty(), f.readlines(), f.tell())
        f.writelines([f.read()])
    print(f.closed)
    try:
        f.tell()
    except ValueError as e:
        print(e)
