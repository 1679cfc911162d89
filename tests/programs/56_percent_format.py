print("%d" % 42, "%5d|" % 42, "%-5d|" % 42, "%05d" % -42, "%+d" % 5)
print("%s %s" % ("a", 1), "%r" % "q", "%s" % [1, 2], "%s" % (1,))
print("%f" % 3.14159, "%.2f" % 2.675, "%8.3f|" % 3.14159, "%-8.1f|" % 2.25, "%e" % 12345.678)
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("%c%c" % (72, "i"), "%%", "100%% sure" % ())
print("%(name)s is %(age)d" % {"name": "Al", "age": 3})
print("%10s|%-10s|" % ("right", "left"))
print("%.3s" % "abcdef", "%g %g %g" % (0.0001, 1e20, 3.0))
print("%i" % 7.9, "%d" % True, "%s" % None)
rows = [("apple", 1.5, 3), ("kiwi", 0.25, 12)]
for name, price, qty in rows:
    print("%-8s %6.2f x %3d = %7.2f" % (name, price, qty, price * qty))
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % ("only one",))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s" % (1, 2))
except TypeError as e:
    print("TypeError:", e)
print("{0}{1}{0}".format("ab", "cd"), "{:,.2f}".format(1234567.891), "{!r}".format("x"))
print("{:08.3f}".format(-3.14159), "{:+.1e}".format(12345.0), "{:>6}".format(True))
print("{a[0]} {b[k]}".format(a=[9], b={"k": "v"}))
