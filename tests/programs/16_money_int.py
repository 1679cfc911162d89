# Money as an int of cents, with a currency; arithmetic gives plain ints, as in CPython.


class Money(int):
    def __new__(cls, cents, currency="EUR"):
        obj = super().__new__(cls, cents)
        obj.currency = currency
        return obj

    def __repr__(self):
        return f"Money({int(self)}, {self.currency!r})"

    def __str__(self):
        return f"{int(self) // 100}.{int(self) % 100:02d} {self.currency}"

    def __add__(self, other):
        if isinstance(other, Money) and other.currency != self.currency:
            raise ValueError(f"cannot add {self.currency} and {other.currency}")
        return Money(int(self) + int(other), self.currency)

    __radd__ = __add__


price = Money(1999)
tax = Money(400)
print(price, repr(price), tax)
print(price + tax, repr(price + tax), sum([price, tax, Money(1)]))
print(price * 2, type(price * 2).__name__, price - tax, type(price - tax).__name__)
print(price // 100, price % 100, -price, abs(Money(-5)), price > tax, price == 1999)
print(isinstance(price, int), type(price).__mro__)
print(hash(price) == hash(1999), {price: "x"}[1999], int(price), float(tax))
print(f"{price}", f"{price:>12}", f"{int(price):,}", "%d cents" % price, "%s" % price)
print(sorted([Money(3), Money(1), Money(2)]), max(Money(3), Money(7)))
print([10, 20, 30][Money(1)], list(range(Money(3))), bin(Money(5)), hex(Money(255)))
try:
    Money(1, "EUR") + Money(1, "USD")
except ValueError as e:
    print("ValueError:", e)


class Celsius(float):
    def to_fahrenheit(self):
        return self * 9 / 5 + 32

    def __repr__(self):
        return f"{float(self):.1f}°C"


temps = [Celsius(21.5), Celsius(-3), Celsius(37)]
print(temps, [round(t.to_fahrenheit(), 1) for t in temps])
print(max(temps), sum(temps), round(Celsius(2.675), 2), Celsius(1.5) + 1, f"{Celsius(3.14159):.2f}")
print(isinstance(temps[0], float), Celsius(2) == 2.0, int(Celsius(9.9)), bool(Celsius(0)))


class Level(int):
    names = {1: "low", 2: "mid", 3: "high"}

    def __str__(self):
        return self.names.get(int(self), "?")


for lv in map(Level, [1, 3, 2]):
    print(lv, repr(lv), lv + 1, lv * lv, str(lv).upper(), f"{lv}")
