# statistics: mean, median, stdev, pstdev, variance, pvariance, fmean, mode, StatisticsError
import statistics
from statistics import mean, median, stdev, pstdev, variance, pvariance, StatisticsError

datasets = [
    [1, 2, 3, 4, 4],
    [1, 2, 3],
    [2.5, 3.25, 5.75, 1.0],
    [0.1, 0.2, 0.3, 0.4],
    [1e10, 1.0, -1e10, 3.0],
    [10, 20, 30, 40, 50, 61],
    [1, 2.5, 3],
    [-5, 3, 7, 0, 2, 2, 9],
    [0.1] * 10,
    [3.14159, 2.71828, 1.41421, 1.73205, 0.57721],
    list(range(1000)),
    [x * 0.001 for x in range(1, 500)],
    [True, False, True],
    [7, 7],
]
for data in datasets:
    print(repr(mean(data)), repr(median(data)), repr(stdev(data)), repr(pstdev(data)))
    print("  ", repr(variance(data)), repr(pvariance(data)), repr(statistics.fmean(data)))
print(mean([1, 2, 3, 4]), type(mean([2, 4])).__name__, median([3, 1, 2]), median([4, 1, 3, 2]))
print(statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]))
print(statistics.mode([1, 1, 2, 3, 3, 3, 4]), statistics.mode('aabbb'), statistics.multimode('aabbcc'))
print(variance([1, 2, 3, 4], 2.5), pstdev([2, 4, 4, 4, 5, 5, 7, 9]))
print(mean(iter([1.5, 2.5])), stdev(x for x in [1, 2, 3, 4]))
print(round(stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), 6))
for fn, arg in [(mean, []), (median, []), (stdev, [1]), (variance, []), (pstdev, []),
                (pvariance, []), (statistics.mode, []), (statistics.fmean, [])]:
    try:
        fn(arg)
    except StatisticsError as e:
        print(fn.__name__, "StatisticsError:", e)
print(issubclass(StatisticsError, ValueError))
try:
    mean(['a', 'b'])
except TypeError as e:
    print("TypeError:", e)
print(statistics.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), statistics.quantiles(range(1, 101), n=10))
print(statistics.quantiles([2.5, 1.5, 9.25, 4.0], n=3, method='inclusive'), statistics.quantiles([1, 5], n=2))
print(statistics.geometric_mean([54, 24, 36]), statistics.geometric_mean([1.5, 2.5, 10.0]))
print(statistics.harmonic_mean([40, 60]), statistics.harmonic_mean([2.5, 3, 10]), statistics.harmonic_mean([40, 60], weights=[5, 30]))
print(statistics.harmonic_mean([5]), statistics.harmonic_mean([0, 3]))
for fn, arg in [(statistics.quantiles, [1]), (statistics.geometric_mean, [1, -1]), (statistics.harmonic_mean, [1, -2])]:
    try:
        fn(arg)
    except StatisticsError as e:
        print(fn.__name__, "StatisticsError:", e)
