import math

print(math.pi, math.e, math.tau, math.inf, -math.inf)
print(math.sqrt(16), math.sqrt(2), math.isqrt(17))
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.7), math.ceil(-3.2), math.trunc(-3.7))
print(math.fabs(-2), math.pow(2, 10), math.exp(1), math.exp(0))
print(math.log(math.e), math.log(100, 10), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 10), math.tan(0))
print(round(math.atan(1) * 4, 12), math.atan2(1, 1), math.asin(1), math.acos(1))
print(math.degrees(math.pi), math.radians(180))
print(math.hypot(3, 4), math.factorial(10), math.factorial(25))
print(math.gcd(48, 18), math.gcd(0, 5), math.lcm(4, 6))
print(math.isnan(float("nan")), math.isinf(math.inf), math.isfinite(1.0), math.isinf(1e308))
print(math.copysign(3, -0.0), math.fmod(7, 3), math.fmod(-7, 3))
print(math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]))
print(math.isclose(0.1 + 0.2, 0.3), math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.floor(2.5) + math.ceil(2.5), type(math.floor(2.5)).__name__)
print(math.modf(3.25), math.frexp(8.0), math.ldexp(0.5, 4))
for x in [0.5, 1, 2, 10]:
    print(f"{x:>4} {math.sqrt(x):.6f} {math.log(x):+.6f} {math.exp(x):.6e}")
print(math.dist([0, 0], [3, 4]), math.cosh(0), math.sinh(0), math.tanh(0))
r = 2.5
print(f"area={math.pi * r ** 2:.3f} circumference={2 * math.pi * r:.3f}")
