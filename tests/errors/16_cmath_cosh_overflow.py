# A damped-oscillation table with complex hyperbolic functions: at t = 800 cosh overflows and
# cmath raises OverflowError, as CPython's cmathmodule.c does (errno ERANGE).
import cmath

omega = 1 + 0.5j
for t in [0, 1, 10, 100, 800]:
    w = cmath.cosh(omega * t)
    print(f"t={t:4}: |cosh|={abs(w):.6g} phase={cmath.phase(w):+.6f}")
