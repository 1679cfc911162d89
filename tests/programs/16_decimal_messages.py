# Decimal's error messages and a context's attributes, as CPython's C module _decimal words them
# (CPython's _pydecimal, which gilvm runs, words many of them differently).
from decimal import *
import decimal
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)
show(lambda: Decimal([1, 2]))
show(lambda: Decimal(1) + 1.5)
show(lambda: Decimal(1) + 'a')
show(lambda: Decimal(1) < 'a')
show(lambda: Decimal(1) < 1.5)
show(lambda: int(Decimal('NaN')))
show(lambda: int(Decimal('Infinity')))
show(lambda: Decimal(-1).sqrt())
show(lambda: Decimal(0) / 0)
show(lambda: Decimal(1) // 0)
show(lambda: Decimal(1) % 0)
show(lambda: Decimal(-1).ln())
show(lambda: Decimal('1.2345').quantize(Decimal('1e-30'), context=Context(prec=5)))
show(lambda: Decimal('x1'))
show(lambda: Decimal(' 3.5 '))
show(lambda: Decimal('1_000.5'))
show(lambda: Decimal((0, (1, 2), -1)))
show(lambda: Decimal(float('nan')))
show(lambda: Decimal('nan') < 1)
show(lambda: Decimal('snan') == 1)
show(lambda: hash(Decimal('snan')))
show(lambda: hash(Decimal('-1')))
show(lambda: hash(Decimal('1e100')) == hash(10**100))
show(lambda: round(Decimal('inf')))
show(lambda: Decimal('1.2345').quantize(Decimal('0.01'), rounding='bad'))
show(lambda: setattr(getcontext(), 'prec', 0))
show(lambda: setattr(getcontext(), 'prec', 'x'))
show(lambda: setattr(getcontext(), 'rounding', 'x'))
show(lambda: setattr(getcontext(), 'foo', 1))
show(lambda: Context(prec=-1))
show(lambda: Decimal(1).foo)
show(lambda: Decimal('1.0') == Decimal('1.00'))
show(lambda: Decimal('3.14159').as_tuple())
show(lambda: Decimal(5).max(3))
show(lambda: Decimal('12.5').to_integral_value())
show(lambda: Decimal('-0'))
show(lambda: Decimal('1e-7'))
show(lambda: str(Decimal('0.0000001')))
show(lambda: Decimal(10) ** -2)
show(lambda: Decimal(2) ** Decimal('0.5'))
show(lambda: Decimal(1).__round__(1.5))
show(lambda: format(Decimal('1234.5'), '010.3f'))
show(lambda: format(Decimal('0.125'), '.1%'))
show(lambda: format(Decimal('1e10'), 'g'))
show(lambda: format(Decimal('12'), 'x'))
show(lambda: '%.2f' % Decimal('2.345'))
show(lambda: '%s' % Decimal('2.345'))
show(lambda: float(Decimal('snan')))
show(lambda: Decimal(3).fma(2, 1))
show(lambda: Decimal('1.5').is_integer() if hasattr(Decimal, 'is_integer') else 'none')
show(lambda: getcontext().flags)
show(lambda: getcontext())
show(lambda: Decimal(10).log10())
show(lambda: Decimal(7).compare(Decimal(8)))
show(lambda: DefaultContext)
show(lambda: BasicContext)
show(lambda: ExtendedContext)
show(lambda: isinstance(Decimal(1), __import__('numbers').Number))
show(lambda: isinstance(Decimal(1), __import__('numbers').Real))
show(lambda: Decimal.from_float(0.5))
show(lambda: Decimal(10**30) * 10**30)
show(lambda: complex(Decimal(1)))
show(lambda: Decimal(1) + True)
show(lambda: MAX_PREC)
show(lambda: decimal.HAVE_THREADS)
show(lambda: decimal.HAVE_CONTEXTVAR)
show(lambda: Decimal('1.30').__class__.__name__)
show(lambda: Decimal)
show(lambda: DecimalException.__mro__)
show(lambda: DivisionByZero.__mro__)
show(lambda: FloatOperation.__mro__)
c = getcontext()
for name, v in [('Emin', 1), ('Emax', -1), ('capitals', 2), ('clamp', 3), ('prec', 1.5), ('Emin', 'a'), ('clamp', 1.0)]:
    try:
        setattr(c, name, v)
    except Exception as e:
        print(type(e).__name__, e)
try:
    c.flags = {}
except Exception as e:
    print(type(e).__name__, e)
try:
    c.traps['x'] = 1
except Exception as e:
    print(type(e).__name__, e)
try:
    c.traps[5]
except Exception as e:
    print(type(e).__name__, e)
try:
    del c.prec
except Exception as e:
    print(type(e).__name__, e)
print(Decimal(2).quantize(Decimal(1), rounding=ROUND_UP))
try:
    Decimal(2).quantize(Decimal(1), rounding=5)
except Exception as e:
    print(type(e).__name__, e)
c = getcontext()
c.traps[InvalidOperation] = False
print(Decimal(-1).sqrt(), Decimal(1)/3)
print(c)
c.clear_flags()
print(Decimal(0)/0, Decimal(1)/3, c)
c.clear_flags()
print(Decimal('x'), c)
c.clear_flags()
print(Decimal(1)/3, Decimal(-1).sqrt(), Decimal('y'), c)
c.flags = {s: False for s in c.flags}
print(c.flags, c)
c2 = Context(prec=5, traps=[Overflow], flags=[Rounded])
print(c2, c2.traps[Overflow], c2.flags[Inexact])
print(repr(Decimal('1.23')))
show(lambda: Context(Emax=10).create_decimal('1e20'))
print(ExtendedContext.divide(Decimal(1), Decimal(0)), ExtendedContext)
print(c.copy().flags is c.flags)
import copy
print(copy.copy(c).prec, copy.deepcopy(Decimal(2)), pickle_ok := True)
