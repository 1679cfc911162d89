# statistics over Decimal and Fraction data, as a finance and a probability exercise use it:
# results of the data's type, converted and rounded as CPython's statistics does.
import statistics
from decimal import Decimal, getcontext
from fractions import Fraction
D = [Decimal("1.5"), Decimal("2.5"), Decimal("4"), Decimal("0.1"), Decimal("7.25")]
F = [Fraction(1, 3), Fraction(2, 7), Fraction(5, 2), 1, Fraction(3, 4)]
for f in [statistics.mean, statistics.median, statistics.median_low, statistics.median_high,
          statistics.variance, statistics.pvariance, statistics.stdev, statistics.pstdev,
          statistics.harmonic_mean, statistics.fmean, statistics.mode, statistics.quantiles]:
    for data in (D, F, D[:1], F[:1], [1, Decimal("0.5")], [Fraction(1, 2), 0.25], [2, 4, 4, 4, 5, 5, 7, 9]):
        try:
            r = f(data)
            print(f.__name__, repr(r))
        except Exception as e:
            print(f.__name__, type(e).__name__, e)
print(statistics.variance(D, Decimal("3")), statistics.pstdev(F, Fraction(1)))
print(statistics.mean([Decimal("nan"), Decimal(1)]), statistics.mean([Decimal("inf"), Decimal(1)]))
getcontext().prec = 50
print(statistics.stdev(D), statistics.mean([Decimal(1), Decimal(2), Decimal(2)]))
try:
    statistics.mean([Decimal(1), 1.5])
except TypeError as e:
    print("TypeError", e)
try:
    statistics.mean([Decimal(1), Fraction(1, 2)])
except TypeError as e:
    print("TypeError", e)
print(statistics.mean([Fraction(1, 2), 0.25, True]), statistics.mean([True, False, True]))
print(statistics.geometric_mean([Decimal("2"), Decimal("8")]), statistics.geometric_mean([Fraction(1, 2), 2]))
print(statistics.harmonic_mean([Decimal("2"), Decimal("8")], weights=[1, 3]), statistics.harmonic_mean([Fraction(1, 2), 2]))
print(statistics.multimode([Decimal("1.0"), Decimal(1), 2]))
