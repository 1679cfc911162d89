# cmath's trigonometric and hyperbolic functions as an engineering course uses them (phasors,
# a transmission line, Euler's formula), then a digest of 36000 results over arguments from
# tiny to huge, which must be CPython's bit for bit (cmathmodule.c's algorithms and its
# special-value tables).
import cmath
import hashlib
import math
import random

# Euler's formula and the identities students check
for z in [0.5 + 0.25j, -1.2 + 3j, 2j, 1e-8 + 1e-8j]:
    lhs = cmath.exp(1j * z)
    rhs = cmath.cos(z) + 1j * cmath.sin(z)
    print(f"z={z}: e^iz={lhs:.12f} cos+isin={rhs:.12f} close={cmath.isclose(lhs, rhs)}")
    print("  sin^2+cos^2 =", cmath.sin(z) ** 2 + cmath.cos(z) ** 2)
    print("  tan, tanh:", cmath.tan(z), cmath.tanh(z))
    print("  inverses:", cmath.asin(cmath.sin(z)), cmath.acos(cmath.cos(z)), cmath.atan(cmath.tan(z)))
    print("  hyperbolic:", cmath.sinh(z), cmath.cosh(z), cmath.asinh(z), cmath.acosh(z), cmath.atanh(z))

# A lossless transmission line: input impedance Z_in = Z0 (ZL + j Z0 tan(bl)) / (Z0 + j ZL tan(bl))
Z0, ZL = 50, 75 - 25j
for bl in [0, math.pi / 8, math.pi / 4, math.pi / 2 - 1e-9]:
    t = cmath.tan(bl)
    zin = Z0 * (ZL + 1j * Z0 * t) / (Z0 + 1j * ZL * t)
    print(f"beta*l={bl:.4f}: Z_in={zin.real:.6f}{zin.imag:+.6f}j")

# Real arguments outside the real functions' domains
print(cmath.asin(2), cmath.acos(-3), cmath.acosh(0.5), cmath.atanh(2), cmath.asin(-2))
print(cmath.sin(1), math.sin(1), cmath.cosh(710), cmath.tanh(-1000), cmath.tan(1e300))

# Infinities, NaNs and signed zeros (C99 Annex G)
inf, nan = math.inf, math.nan
for f in [cmath.acos, cmath.acosh, cmath.asin, cmath.asinh, cmath.atan, cmath.atanh,
          cmath.cos, cmath.cosh, cmath.sin, cmath.sinh, cmath.tan, cmath.tanh]:
    row = []
    for z in [complex(inf, 0.0), complex(-inf, 1.0), complex(0.0, -inf), complex(nan, 0.0),
              complex(-0.0, -0.0), complex(1.0, nan), complex(inf, inf), complex(-1.0, 0.0)]:
        try:
            row.append(repr(f(z)))
        except (ValueError, OverflowError) as e:
            row.append(type(e).__name__)
    print(f.__name__, " ".join(row))

random.seed(11)
fns = [cmath.acos, cmath.acosh, cmath.asin, cmath.asinh, cmath.atan, cmath.atanh,
       cmath.cos, cmath.cosh, cmath.sin, cmath.sinh, cmath.tan, cmath.tanh]
acc = []
for i in range(3000):
    e = random.choice([0, 1, 3, 10, 30, 300, -5, -300, 2.8, 2.9, 307])
    z = complex(random.uniform(-1, 1) * 10.0 ** e,
                random.uniform(-1, 1) * 10.0 ** random.choice([0, 1, -3, 2, 300, -300]))
    for f in fns:
        try:
            acc.append(f"{f.__name__}({z!r}) = {f(z)!r}")
        except (ValueError, OverflowError) as ex:
            acc.append(f"{f.__name__}({z!r}) ! {type(ex).__name__}: {ex}")
print(len(acc), sum("!" in a for a in acc))
print(hashlib.sha256("\n".join(acc).encode()).hexdigest())
