class Money:
    __slots__ = ("cents", "currency")

    def __init__(self, amount, currency="USD"):
        self.cents = round(amount * 100)
        self.currency = currency

    def __repr__(self):
        return f"Money({self.cents / 100:.2f}, {self.currency!r})"

    def __str__(self):
        sign = "-" if self.cents < 0 else ""
        return f"{sign}${abs(self.cents) // 100:,}.{abs(self.cents) % 100:02d}"

    def __format__(self, spec):
        if spec == "short":
            return f"{self.cents // 100}{self.currency[0]}"
        return format(str(self), spec)

    def _check(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other):
        if other == 0:
            return self
        r = self._check(other)
        if r is NotImplemented:
            return r
        return Money((self.cents + other.cents) / 100, self.currency)

    __radd__ = __add__

    def __neg__(self):
        return Money(-self.cents / 100, self.currency)

    def __sub__(self, other):
        return self + (-other)

    def __eq__(self, other):
        return isinstance(other, Money) and (self.cents, self.currency) == (other.cents, other.currency)

    def __lt__(self, other):
        return self.cents < other.cents

    def __hash__(self):
        return hash((self.cents, self.currency))

    def __bool__(self):
        return self.cents != 0

    def __round__(self, n=0):
        return Money(round(self.cents / 100, n), self.currency)

    def __abs__(self):
        return Money(abs(self.cents) / 100, self.currency)


wallet = [Money(12.5), Money(0.99), Money(1234.5), Money(-3)]
print(wallet)
print([str(m) for m in wallet])
print(sum(wallet), sum(wallet, Money(0)))
print(sorted(wallet), max(wallet), min(wallet))
print(f"{wallet[2]:>15}|{wallet[0]:short}|{wallet[1]!r}")
print(Money(5) == Money(5.0), Money(5) == 5, Money(5) != Money(5, "EUR"))
print(len({Money(1), Money(1.0), Money(1, "EUR")}), bool(Money(0)), bool(Money(0.01)))
print(abs(Money(-7.25)), round(Money(3.14159)), -Money(2))
try:
    Money(1) + Money(1, "EUR")
except ValueError as e:
    print(e)
try:
    Money(1) + "one"
except TypeError as e:
    print(e)
try:
    Money(1).extra = 3
except AttributeError as e:
    print(e)
try:
    Money(1) < 3
except AttributeError as e:
    print("AttributeError:", e)
print(Money(3) - Money(1.5), hasattr(Money(1), "__dict__"))
