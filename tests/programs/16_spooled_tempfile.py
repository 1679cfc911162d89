# tempfile.SpooledTemporaryFile: data stays in memory until it grows past max_size (or a
# descriptor is asked for), then moves to a real temporary file.
import os
import tempfile

with tempfile.SpooledTemporaryFile(max_size=16) as f:
    print(f._rolled, f.mode, f.name, f.closed)
    print(f.write(b"small"))
    print(f._rolled, f.tell())
    f.write(b" but now it grows")
    print(f._rolled, f.tell(), type(f.name).__name__)
    f.seek(0)
    print(f.read())
    print(f.mode)
print(f.closed)

f = tempfile.SpooledTemporaryFile(max_size=100, mode="w+")
print(f.encoding, f.errors, f.mode, f.newlines)
f.write("first line\n")
f.writelines(["second line\n", "third line\n"])
f.seek(0)
print(f.readline(), end="")
print(f.readlines())
print(f._rolled)
fd = f.fileno()
print(f._rolled, isinstance(fd, int), f.tell())
f.seek(0)
print(f.read().splitlines())
f.close()

g = tempfile.SpooledTemporaryFile()
g.write(b"abcdef")
g.truncate(3)
g.seek(0)
print(g.read(), g._rolled)
g.rollover()
print(g._rolled)
g.seek(0, os.SEEK_END)
print(g.tell())
g.close()
try:
    with g:
        pass
except ValueError as e:
    print("ValueError:", e)

h = tempfile.SpooledTemporaryFile(max_size=5, mode="w+", encoding="latin-1")
h.write("ab")
print(h._rolled, h.encoding)
h.write("cdefgh")
print(h._rolled)
h.seek(0)
print(h.read())
h.close()
print(tempfile.SpooledTemporaryFile[bytes])
