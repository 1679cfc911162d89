# A statistics exercise: the normal distribution's CDF with math.erf, confidence
# intervals, z-scores of exam results, and a few special functions for comparison.
import math

def normal_cdf(x, mu=0.0, sigma=1.0):
    return 0.5 * (1.0 + math.erf((x - mu) / (sigma * math.sqrt(2.0))))

def normal_sf(x, mu=0.0, sigma=1.0):
    return 0.5 * math.erfc((x - mu) / (sigma * math.sqrt(2.0)))

def normal_pdf(x, mu=0.0, sigma=1.0):
    return math.exp(-((x - mu) ** 2) / (2 * sigma ** 2)) / (sigma * math.sqrt(2 * math.pi))

print("z      cdf(z)               sf(z)                pdf(z)")
for i in range(-8, 9):
    z = i / 2
    print(f"{z:5.1f}  {normal_cdf(z)!r:20} {normal_sf(z)!r:20} {normal_pdf(z)!r}")

print()
print("68-95-99.7 rule:")
for k in (1, 2, 3):
    inside = normal_cdf(k) - normal_cdf(-k)
    print(f"  within {k} sigma: {inside:.6f}  ({inside!r})")

scores = [72, 85, 90, 66, 78, 95, 88, 59, 81, 77, 69, 92]
n = len(scores)
mean = sum(scores) / n
var = sum((s - mean) ** 2 for s in scores) / (n - 1)
sd = math.sqrt(var)
print()
print("mean", mean, "sd", sd)
for s in scores:
    z = (s - mean) / sd
    pct = normal_cdf(s, mean, sd) * 100
    print(f"score {s:3}  z={z:+.3f}  percentile={pct:6.2f}")
half = 1.96 * sd / math.sqrt(n)
print("95% CI for the mean:", (round(mean - half, 4), round(mean + half, 4)))
print("P(score > 90) =", normal_sf(90, mean, sd))

print()
print("erf/erfc at assorted points:")
for x in (0.0, 1e-9, 0.1, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 6.0, -0.3, -2.5, 27.0):
    print(" ", x, math.erf(x), math.erfc(x))

print()
print("gamma and factorials:")
for n in range(1, 11):
    print(" ", n, math.gamma(n), math.factorial(n - 1), math.lgamma(n))
for x in (0.5, 1.5, 2.5, -0.5, -1.5, 0.1, 10.3, 100.5, 171.0):
    print(" ", x, math.gamma(x), math.lgamma(x))
print("sqrt(pi) =", math.gamma(0.5) ** 2, math.pi)
print("lgamma(1000) =", math.lgamma(1000), "lgamma(-2.5) =", math.lgamma(-2.5))

print()
print("cube roots:")
for x in (27, 8.0, -8, 2, 0.001, 1e30, -0.0, 1000, 3.375, 64.5):
    print(" ", x, math.cbrt(x))
print("volumes to sides:", [round(math.cbrt(v), 9) for v in (1, 10, 100, 1000)])

print()
print("inverse hyperbolics and hypot:")
for x in (0.5, 1.0, 2.0, 10.0, 0.25):
    print(" ", x, math.asinh(x), math.acosh(x + 1), math.atanh(x / 11))
print(math.hypot(3, 4), math.hypot(1, 1), math.hypot(1.5, 2.5, 3.5), math.dist((1, 2), (4, 6)))
print(math.dist((0.1, 0.2, 0.3), (1.7, -2.2, 9.1)), math.hypot(1e308, 1e308), math.hypot(5e-324, 5e-324))

for bad in (0, -1, -2.0):
    try:
        math.gamma(bad)
    except ValueError as e:
        print("gamma", bad, "ValueError:", e)
    try:
        math.lgamma(bad)
    except ValueError as e:
        print("lgamma", bad, "ValueError:", e)
try:
    math.gamma(172)
except OverflowError as e:
    print("OverflowError:", e)
print(math.erf(math.inf), math.erfc(-math.inf), math.gamma(math.inf), math.lgamma(-math.inf),
      math.isnan(math.erf(math.nan)))
