name = "Ada"
n = 1234567
t = 3.14159265
x = "q'uote"
w = 10
print(f"Hello {name}!")
print(f"{n:,}", f"{n:_}", f"{n:>12,}", f"{t:.4f}", f"{t:.2e}", f"{t:10.3f}|")
print(f"{x!r}", f"{x!s}", f"{name!r:>8}")
print(f"{name:>8}|{name:<8}|{name:^8}|{name:*^9}")
print(f"{42:05d}", f"{42:+d}", f"{-42:+d}", f"{42: d}", f"{42:x}", f"{42:X}", f"{42:o}", f"{42:b}", f"{42:#x}", f"{42:#b}")
print(f"{t:{w}}|", f"{t:{w}.{3}f}|", f"{name:{'>'}{w}}")
print(f"{0.5:%}", f"{0.256:.1%}", f"{1e6:g}", f"{1e-7:g}", f"{123.456:g}")
print(f"{1 + 2}", f"{[1, 2][0]}", f"{'nested'}", f"{'ok'}")
print(f"{{literal braces}} {n}")
d = {"a": 1}
print(f"{d['a']}", f"{len(d)}")
print(f"{3.0}", f"{1/3}", f"{True}", f"{None}")
print(f"{2**100}")
print(f"{n:>15_}", f"{-1234.5:,.2f}", f"{1234.5:,}")
v = 7
print(f"{'abc':.2}", f"{12:4}|{'ab':4}|")
print(format(3.14159, ".3f"), format(255, "x"), format("s", ">3"), format(12345, ","))
print(f"{t:.0f}", f"{2.5:.0f}", f"{3.5:.0f}", f"{-0.0:.1f}")
print(f"{float('inf')}", f"{float('nan'):>6}")
print(f"{100:=+8}", f"{3.5:08.2f}")
width = 6
prec = 2
print(f"[{t:^{width}.{prec}f}]")
print(f"{'a' if v > 5 else 'b'}")
