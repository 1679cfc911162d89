# math.erf, erfc, gamma and lgamma, bit for bit as CPython 3.11 computes them (its Lanczos
# gamma, the C library's erf), with its errors at the poles and on overflow.
import math, random
random.seed(7)
xs = [1e-300, 0.0, -0.0, 0.5, -1.5, 3.0, 1e-10, 5.5, 10.0, 171.5, 1e-5, 150.3, -150.3, -0.5, 2.5, 22.0, 23.0, 24.0, 199.9, -199.9, -250.5, 1e-25, -1e-25]
xs += [random.uniform(-30, 30) for _ in range(300)] + [random.uniform(-210, 210) for _ in range(100)]
for x in xs:
    out = []
    for f in (math.erf, math.erfc, math.gamma, math.lgamma):
        try:
            out.append(repr(f(x)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__ + ":" + str(e))
    print(repr(x), *out)
for x in [float("inf"), float("-inf"), float("nan"), 0.0, -0.0, -1.0, -2.0, 1.0, 2.0, 200.5, 1e308]:
    for f in (math.gamma, math.lgamma, math.erf, math.erfc):
        try:
            print(f.__name__, x, f(x))
        except (ValueError, OverflowError) as e:
            print(f.__name__, x, type(e).__name__, e)
