import cmath, math
# quadratic solver, course style
def solve(a, b, c):
    d = b * b - 4 * a * c
    r = cmath.sqrt(d)
    return (-b + r) / (2 * a), (-b - r) / (2 * a)

for coeffs in [(1, -3, 2), (1, 2, 5), (2, 0, 8), (1, 1, 1), (3, -2.5, 0.7)]:
    x1, x2 = solve(*coeffs)
    print(coeffs, x1, x2, f"{x1:.3f}", f"{x2.real:.2f}{x2.imag:+.2f}j")

z = 3 + 4j
print(abs(z), cmath.phase(z), cmath.polar(z), cmath.rect(5, 0.9272952180016122))
print(cmath.exp(1j * cmath.pi), cmath.exp(1+1j), cmath.log(z), cmath.log10(z), cmath.log(8, 2), cmath.log(1j, 1+1j))
print(cmath.sqrt(-1), cmath.sqrt(2j), cmath.sqrt(-4.5), cmath.sqrt(1e-320+1e-320j), cmath.sqrt(1e308+1e308j))
print(cmath.isclose(1+1j, 1+1.0000000001j), cmath.isclose(1j, 1.1j, rel_tol=0.2), cmath.pi, cmath.e, cmath.inf, cmath.infj, cmath.nanj)
print(cmath.log(0.5+0.5j), cmath.log(1e-310j), cmath.log(1e308+1e308j), cmath.exp(709.5), cmath.phase(-1), cmath.phase(complex(-1, -0.0)))
print(cmath.sqrt(complex(float('-inf'), 1)), cmath.sqrt(complex(float('inf'), -2)), cmath.exp(complex(float('-inf'), 2)), cmath.log(complex(float('inf'), float('nan'))))
print(cmath.isfinite(z), cmath.isinf(cmath.infj), cmath.isnan(cmath.nanj), cmath.polar(-2), cmath.rect(2, cmath.pi))
# roots of unity
n = 6
roots = [cmath.rect(1, 2 * cmath.pi * k / n) for k in range(n)]
for r in roots:
    print(f"{r.real:+.4f} {r.imag:+.4f}i", round(abs(r), 12))
print(sum(roots), abs(sum(roots)) < 1e-12)
# Mandelbrot membership
def escapes(c, limit=50):
    z = 0
    for i in range(limit):
        z = z * z + c
        if abs(z) > 2:
            return i
    return None
print([escapes(complex(x / 4, y / 4)) for x in range(-8, 3, 2) for y in range(-4, 5, 4)])
for f in [lambda: cmath.log(0), lambda: cmath.sqrt("x"), lambda: math.sqrt(1j), lambda: math.floor(2j),
          lambda: cmath.exp(1000), lambda: cmath.rect(1, float('inf')), lambda: cmath.log(2, 1), lambda: cmath.exp(complex(0, float('inf')))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
x = 2 + 0j
x += 3
x *= 1j
x -= 1
x /= 2
x **= 2
print(x, x.real, x.imag, (2.5).real, (7).imag, (3).conjugate(), True.real)
print("%s and %r" % (z, z), "{} {!r} {:.1f}".format(z, z, z), str(z), [z], (z,))
try:
    print("%.2f" % z)
except TypeError as e:
    print("TypeError:", e)
try:
    z.real = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    z.foo
except AttributeError as e:
    print("AttributeError:", e)
print(type(z) is complex, complex.__name__, complex(z) is z, z.__class__)
print(sorted([3+1j, 1-1j, -2j, 2], key=abs), max([1j, 2+2j, -3], key=lambda c: c.real))
print(complex(True), complex(2, True), complex(1.5, -0.0), hash(3+0j) == hash(3), 1+2j in {1+2j}, {2.0, 2+0j, 2})
