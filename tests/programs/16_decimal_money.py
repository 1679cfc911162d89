# Exact money arithmetic as a course teaches it: Decimal from strings and floats, quantize,
# contexts (precision, localcontext, one per thread), formatting, comparisons and hashing
# with ints and floats, Fraction of a Decimal, the math functions.
import decimal
import math
import threading
from fractions import Fraction
from decimal import Decimal, getcontext, setcontext, localcontext, Context, ROUND_HALF_UP, ROUND_DOWN, ROUND_CEILING, InvalidOperation, DivisionByZero, FloatOperation

print(Decimal('0.1') + Decimal('0.2'))
print(repr(Decimal('0.1') + Decimal('0.2')))
print(0.1 + 0.2)
print(Decimal(0.1))
price = Decimal('19.995')
print(price.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))
getcontext().prec = 50
print(Decimal(1) / Decimal(7))
getcontext().prec = 28
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / Decimal(3))
print(Decimal(1) / Decimal(3))
print(Decimal('2').sqrt(), Decimal(1).exp(), Decimal(10).ln())
print(Decimal('1.5') == 1.5, Decimal(2) == 2, Decimal('1.1') < 2, Decimal('0.5') > 0.25)
print(hash(Decimal(2)) == hash(2), hash(Decimal('1.5')) == hash(1.5), hash(Decimal('0.1')))
d = Decimal('1234567.891')
print(f"{d:.2f}", format(d, ','), f"{d:>15,.1f}", f"{d:e}")
print(round(Decimal('2.675'), 2), round(Decimal('2.5')), type(round(Decimal('2.5'))))
print(sum([Decimal('0.1')] * 10), Decimal('3.14') * 2, -Decimal('1.0'), abs(Decimal('-3')))
print(int(Decimal('7.9')), float(Decimal('0.1')), Decimal('1e3'), Decimal('1E+3').normalize())
print(Decimal('NaN'), Decimal('-Infinity'), Decimal('100').as_tuple())
print(sorted([Decimal('1.1'), Decimal('0.9'), Decimal('1.0')]), max(Decimal(1), 2))
print(Decimal(10) // Decimal(3), Decimal(10) % Decimal(3), divmod(Decimal(10), 3), Decimal(2) ** 10)
try:
    Decimal('abc')
except InvalidOperation as e:
    print('bad:', repr(e), e)
try:
    Decimal(1) / Decimal(0)
except DivisionByZero as e:
    print('div:', repr(e), e)
except ZeroDivisionError as e:
    print('zde', e)
print(Fraction(Decimal('0.25')), Decimal('0.5').as_integer_ratio())
print(decimal.Decimal.__module__, decimal.__name__, type(Decimal(1)))


# Compound interest, to the cent
principal = Decimal("1000.00")
rate = Decimal("0.05")
for year in range(1, 4):
    principal = (principal * (1 + rate)).quantize(Decimal("0.01"))
    print(f"year {year}: {principal:>10}")
print(f"{principal:,.2f} | {principal:e} | {principal:10.1f}| {principal:<12}|{principal:^12}|{principal:+}")
print({Decimal("1.0"), 1, 1.0, Decimal("1")}, len({Decimal("0.5"), 0.5}))
print({Decimal(2): "two"}[2], {2: "two"}[Decimal("2.000")])
with localcontext(prec=3) as ctx:
    print(Decimal(2).sqrt(), ctx.prec)
with localcontext(Context(prec=10, rounding=ROUND_DOWN)):
    print(Decimal(2) / 3)
print(Decimal(2) / 3)
c = getcontext().copy(); c.prec = 4
setcontext(c)
print(Decimal(1) / 7, getcontext().prec)
setcontext(decimal.DefaultContext)
results = {}
def worker(n):
    getcontext().prec = n
    results[n] = str(Decimal(1) / Decimal(7))
ts = [threading.Thread(target=worker, args=(n,)) for n in (5, 10)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(results.items()), getcontext().prec)
print(Decimal("7.325").quantize(Decimal(".01"), rounding=ROUND_CEILING))
print(Decimal('3.14159').quantize(Decimal('1.000')), Decimal(1).scaleb(3), Decimal('123.45').adjusted())
print(Decimal('-3.7') // 2, Decimal('-3.7') % 2, -7 // 2, Decimal(-7) // 2)
print(Decimal(1).exp().ln(), Decimal(100).log10(), Decimal(8) ** Decimal(1) / 3)
print(Decimal('0.1') * 3 == Decimal('0.3'), 0.1 * 3 == 0.3)
print(Decimal(0.1) == 0.1, Decimal('0.1') == 0.1, Decimal('2.5') > 2.4)
print(getcontext().flags[FloatOperation])
getcontext().traps[FloatOperation] = True
try:
    Decimal(0.5)
except FloatOperation as e:
    print("strict:", repr(e))
try:
    Decimal("1.5") < 2.5
except TypeError as e:
    print("TypeError?", type(e).__name__, e)
getcontext().traps[FloatOperation] = False
try:
    Decimal("1.1") + 2.2
except TypeError as e:
    print(e)
print(Decimal("1e-3").to_eng_string(), Decimal("123E+5").to_eng_string(), Decimal('5E3').normalize())
print(Decimal(12345678901234567890) * Decimal("1.1"))
print(repr(Decimal("-0.00")), Decimal("0E-10"), Decimal(".5"), Decimal("5."), Decimal("1_000"))
print(Decimal(2).is_signed(), Decimal(-2).copy_abs(), Decimal("nan").is_nan(), Decimal(3).is_finite())
print(Decimal(10).max(Decimal(2)), Decimal("1.23").rotate(1), Decimal('2').compare_total(Decimal('2.0')))
print(min(Decimal("0.3"), 0.2, 1), max([Decimal(1), 1.5, 2]))
print(math.floor(Decimal("2.7")), math.ceil(Decimal("2.1")), math.trunc(Decimal("-2.7")), math.sqrt(Decimal(2)), math.isclose(Decimal(1), 1))
print(float(Decimal("1.1")), int(Decimal("-5.9")), complex(Decimal("2")), bool(Decimal(0)), bool(Decimal("0.0")))
print(Decimal("1.5").__round__(), round(Decimal("-0.5")), round(Decimal("123.456"), -1), round(Decimal("2.675"), 2))
