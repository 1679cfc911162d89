"""Basic statistics, after CPython's Lib/statistics.py (3.11).

CPython sums exactly in `fractions.Fraction` and rounds once at the end; the same exact sums
are kept here as (numerator, denominator) pairs of ints (so that importing statistics imports
neither fractions nor decimal), giving the same results bit for bit. Fraction and Decimal data
are converted as CPython's are; those modules are imported only when such data is given.
"""

import math
from math import fsum, gcd


class StatisticsError(ValueError):
    pass


def _frac(n, d):
    """n/d in lowest terms, denominator positive."""
    if d < 0:
        n, d = -n, -d
    g = gcd(n, d)
    if g > 1:
        n, d = n // g, d // g
    return n, d


def _add(a, b):
    return _frac(a[0] * b[1] + b[0] * a[1], a[1] * b[1])


def _exact_ratio(x):
    if isinstance(x, (int, float)):
        if isinstance(x, float) and not math.isfinite(x):
            return (x, None)
        return x.as_integer_ratio()
    # CPython's: a Fraction or Decimal gives its ratio (a non-finite Decimal is kept as is),
    # any other Rational its numerator and denominator.
    try:
        return x.as_integer_ratio()
    except AttributeError:
        pass
    except (OverflowError, ValueError):
        return (x, None)
    try:
        return (x.numerator, x.denominator)
    except AttributeError:
        msg = f"can't convert type '{type(x).__name__}' to numerator/denominator"
        raise TypeError(msg)


def _is_fraction_class(T):
    return any(c.__name__ == 'Fraction' and c.__module__ == 'fractions' for c in T.__mro__)


def _is_decimal_class(T):
    return any(c.__name__ == 'Decimal' and c.__module__ == 'decimal' for c in T.__mro__)


def _coerce(T, S):
    if T is S:
        return T
    if S is int or S is bool:
        return T
    if T is int:
        return S
    # CPython's remaining rules
    if issubclass(S, T):
        return S
    if issubclass(T, S):
        return T
    if issubclass(T, int):
        return S
    if issubclass(S, int):
        return T
    if _is_fraction_class(T) and issubclass(S, float):
        return S
    if issubclass(T, float) and _is_fraction_class(S):
        return T
    raise TypeError(f"don't know how to coerce {T.__name__} and {S.__name__}")


def _partials(data, squares):
    """One pass over `data`: (type, count, sums, sums of squares or None), where a sum maps
    each denominator d of the items' exact ratios n / d to the sum of their numerators (of
    n * n for squares); d is None for a non-finite float."""
    count = 0
    T = int
    sums = {}
    sums_sq = {} if squares else None
    for x in data:
        T = _coerce(T, type(x))
        n, d = _exact_ratio(x)
        count += 1
        sums[d] = sums.get(d, 0) + n
        if squares:
            sums_sq[d] = sums_sq.get(d, 0) + n * n
    return T, count, sums, sums_sq


def _total(partials, squared=False):
    """The exact sum of `partials` (from `_partials`) as a pair; `squared` for sums of
    squares, whose denominators are d * d."""
    total = (0, 1)
    for d, n in partials.items():
        total = _add(total, (n, d * d if squared else d))
    return total


def _sum(data):
    """(type, exact sum as a pair or a non-finite float, count)."""
    T, count, partials, _ = _partials(data, False)
    if None in partials:
        return T, partials[None], count
    return T, _total(partials), count


def _ss(data, c=None):
    """(type, exact sum of squared deviations, mean, count)."""
    if c is not None:
        T, ssd, count = _sum((x - c) * (x - c) for x in data)
        return T, ssd, c, count
    T, count, sx_partials, sxx_partials = _partials(data, True)
    if not count:
        return T, (0, 1), (0, 1), count
    if None in sx_partials:
        ssd = sx_partials[None]
        return T, ssd, ssd, count
    sx = _total(sx_partials)
    sxx = _total(sxx_partials, squared=True)
    # ssd = (count * sxx - sx * sx) / count
    num = _add((count * sxx[0], sxx[1]), (-sx[0] * sx[0], sx[1] * sx[1]))
    ssd = _frac(num[0], num[1] * count)
    c = _frac(sx[0], sx[1] * count)
    return T, ssd, c, count


def _convert(value, T):
    """A pair (or a non-finite float) as T: an int when T is int and it is whole, else a
    correctly rounded float (CPython's Fraction.__float__ is numerator / denominator)."""
    if not isinstance(value, tuple):
        return value
    n, d = value
    if T is int and d == 1:
        return n
    if T is bool and d == 1:
        return n
    if T is int or T is bool or T is float:
        return n / d
    # CPython's T(Fraction), or for a Decimal T(numerator) / T(denominator).
    if _is_decimal_class(T):
        return T(n) / T(d)
    from fractions import Fraction
    if issubclass(T, int) and d != 1:
        T = float
    return T(Fraction(n, d))


def _div(pair_or_float, k):
    if not isinstance(pair_or_float, tuple):
        return pair_or_float / k
    n, d = pair_or_float
    return _frac(n, d * k)


def _integer_sqrt_of_frac_rto(n, m):
    a = math.isqrt(n // m)
    return a | (a * a * m != n)


_sqrt_bit_width = 2 * 53 + 3


def _float_sqrt_of_frac(n, m):
    q = (n.bit_length() - m.bit_length() - _sqrt_bit_width) // 2
    if q >= 0:
        numerator = _integer_sqrt_of_frac_rto(n, m << 2 * q) << q
        denominator = 1
    else:
        numerator = _integer_sqrt_of_frac_rto(n << -2 * q, m)
        denominator = 1 << -q
    return numerator / denominator


def _decimal_sqrt_of_frac(n, m):
    """CPython's: the square root of n / m as a Decimal, correctly rounded."""
    from decimal import Decimal
    if n <= 0:
        if not n:
            return Decimal('0.0')
        n, m = -n, -m
    root = (Decimal(n) / Decimal(m)).sqrt()
    nr, dr = root.as_integer_ratio()
    plus = root.next_plus()
    np, dp = plus.as_integer_ratio()
    # test: n / m > ((root + plus) / 2) ** 2
    if 4 * n * (dr*dp)**2 > m * (dr*np + dp*nr)**2:
        return plus
    minus = root.next_minus()
    nm, dm = minus.as_integer_ratio()
    # test: n / m < ((root + minus) / 2) ** 2
    if 4 * n * (dr*dm)**2 < m * (dr*nm + dm*nr)**2:
        return minus
    return root


def _sqrt(value, T):
    if not isinstance(value, tuple):
        if isinstance(value, float):
            return math.sqrt(value)
        return value.sqrt() if _is_decimal_class(type(value)) else math.sqrt(value)
    if T is not int and T is not float and T is not bool and _is_decimal_class(T):
        return _decimal_sqrt_of_frac(value[0], value[1])
    return _float_sqrt_of_frac(value[0], value[1])


def mean(data):
    T, total, n = _sum(data)
    if n < 1:
        raise StatisticsError('mean requires at least one data point')
    return _convert(_div(total, n), T)


def fmean(data, weights=None):
    if weights is not None:
        data = list(data)
        weights = list(weights)
        if len(weights) != len(data):
            raise StatisticsError('data and weights must be the same length')
        num = fsum(x * w for x, w in zip(data, weights))
        den = fsum(weights)
        if not den:
            raise StatisticsError('sum of weights must be non-zero')
        return num / den
    data = list(data)
    n = len(data)
    total = fsum(data)
    if not n:
        raise StatisticsError('fmean requires at least one data point')
    return total / n


def _sorted_for_median(data):
    """median's, median_low's and median_high's data, sorted: a StatisticsError if empty."""
    data = sorted(data)
    if not data:
        raise StatisticsError("no median for empty data")
    return data


def median(data):
    data = _sorted_for_median(data)
    n = len(data)
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = _sorted_for_median(data)
    n = len(data)
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    data = _sorted_for_median(data)
    return data[len(data) // 2]


def mode(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    if not counts:
        raise StatisticsError('no mode for empty data')
    best = None
    best_count = 0
    for x, c in counts.items():
        if c > best_count:
            best, best_count = x, c
    return best


def multimode(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    if not counts:
        return []
    maxcount = max(counts.values())
    return [value for value, count in counts.items() if count == maxcount]


def variance(data, xbar=None):
    T, ss, c, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('variance requires at least two data points')
    return _convert(_div(ss, n - 1), T)


def pvariance(data, mu=None):
    T, ss, c, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pvariance requires at least one data point')
    return _convert(_div(ss, n), T)


def stdev(data, xbar=None):
    T, ss, c, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('stdev requires at least two data points')
    return _sqrt(_div(ss, n - 1), T)


def pstdev(data, mu=None):
    T, ss, c, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pstdev requires at least one data point')
    return _sqrt(_div(ss, n), T)


def geometric_mean(data):
    try:
        return math.exp(fmean(map(math.log, data)))
    except ValueError:
        raise StatisticsError('geometric mean requires a non-empty dataset '
                              'containing positive numbers') from None


def _fail_neg(values, errmsg='negative value'):
    for x in values:
        if x < 0:
            raise StatisticsError(errmsg)
        yield x


def harmonic_mean(data, weights=None):
    if iter(data) is data:
        data = list(data)
    errmsg = 'harmonic mean does not support negative values'
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    elif n == 1 and weights is None:
        x = data[0]
        if (isinstance(x, (int, float)) or _is_fraction_class(type(x))
                or _is_decimal_class(type(x))):
            if x < 0:
                raise StatisticsError(errmsg)
            return x
        raise TypeError('unsupported type')
    if weights is None:
        weights = [1] * n
        sum_weights = (n, 1)
    else:
        if iter(weights) is weights:
            weights = list(weights)
        if len(weights) != n:
            raise StatisticsError('Number of weights does not match data size')
        _, sum_weights, _ = _sum(w for w in _fail_neg(weights, errmsg))
    try:
        data = _fail_neg(data, errmsg)
        T, total, count = _sum(w / x if w else 0 for w, x in zip(weights, data))
    except ZeroDivisionError:
        return 0
    if isinstance(total, float):
        return _convert(sum_weights[0] / sum_weights[1] / total, T)
    if total[0] <= 0:
        raise StatisticsError('Weighted sum must be positive')
    return _convert(_frac(sum_weights[0] * total[1], sum_weights[1] * total[0]), T)


def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    if method == 'inclusive':
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            interpolated = (data[j] * (n - delta) + data[j + 1] * delta) / n
            result.append(interpolated)
        return result
    if method == 'exclusive':
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            interpolated = (data[j - 1] * (n - delta) + data[j] * delta) / n
            result.append(interpolated)
        return result
    raise ValueError(f'Unknown method: {method!r}')
