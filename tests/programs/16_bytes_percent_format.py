# Building a binary protocol's messages with bytes % formatting (PEP 461): %s/%b take
# bytes-like objects or __bytes__, %r/%a give ascii(), %c an int or one byte; CPython's errors.
class B:
    def __bytes__(self):
        return b"<B>"
class Bad:
    def __bytes__(self):
        return "no"
print(b"%d: %s" % (1, b"x"), b"%5s|%-5s|%.2s" % (b"ab", bytearray(b"cd"), b"xyz"))
print(b"%r %a" % ("caf\u00e9", [1, b"x"]), b"%b %s" % (B(), B()))
print(b"%c%c%c" % (65, b"B", bytearray(b"C")), b"%x %X %o %#x %05d %+.2f %e %g %%" % (255, 255, 8, 255, -42, 3.14159, 1e10, 0.5))
print(bytearray(b"id=%d") % 7, type(bytearray(b"%s") % b"x"))
print(b"%(name)s is %(age)d" % {b"name": b"Ada", b"age": 36})
print(b"\xff%s\x80" % b"\xfe", b"%i|%u|%3c|" % (3, 4, 120))
print(b"%-6d|%6.3f|%*d|%.*f" % (5, 2.5, 4, 7, 2, 1.0))
for args in [("%s", "text"), ("%s", 5), ("%c", 256), ("%c", "a"), ("%c", b"ab"), ("%d", "1"), ("%x", 1.5),
             ("%s %s", (b"a",)), ("%s", (b"a", b"b")), ("%z", 1), ("%", ()), ("%(a)s", (1,)), ("%b", Bad()), ("%c", -1), ("%d %d", (1, 2, 3))]:
    fmt, a = args
    try:
        print(fmt.encode() % a)
    except Exception as e:
        print(type(e).__name__, e)
try:
    print(5 % b"x")
except TypeError as e:
    print(e)
try:
    print("%s" % b"x", "%r" % bytearray(b"y"))
except TypeError as e:
    print(e)
