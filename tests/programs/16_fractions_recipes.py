# Scaling a recipe with exact fractions, then summing a harmonic series.
from fractions import Fraction
import math
import numbers


class Ingredient:
    def __init__(self, name, amount, unit):
        self.name = name
        self.amount = Fraction(amount)
        self.unit = unit

    def scaled(self, factor):
        return Ingredient(self.name, self.amount * factor, self.unit)

    def __repr__(self):
        return f"Ingredient({self.name!r}, {self.amount!r}, {self.unit!r})"

    def __str__(self):
        whole, rest = divmod(self.amount, 1)
        if whole and rest:
            qty = f"{whole} {rest}"
        elif whole:
            qty = str(whole)
        else:
            qty = str(rest)
        return f"{qty:>6} {self.unit:<5} {self.name}"


recipe = [
    Ingredient("flour", "2 1/4".split()[0], "cup"),
    Ingredient("sugar", Fraction(3, 4), "cup"),
    Ingredient("butter", "1/2", "cup"),
    Ingredient("salt", Fraction(1, 8), "tsp"),
    Ingredient("eggs", 2, ""),
]
for factor in (Fraction(1, 2), Fraction(3, 2), 3):
    print(f"-- x{factor} --")
    for ing in recipe:
        print(ing.scaled(factor))
print(recipe[1])
print(repr(recipe[2].scaled(Fraction(2, 3))))

h = sum(Fraction(1, n) for n in range(1, 11))
print("H10 =", h, "~", float(h), f"{float(h):.6f}")
print(h.numerator, h.denominator, h.as_integer_ratio())
print(Fraction(math.pi).limit_denominator(100), Fraction(math.pi).limit_denominator(1000))
print(Fraction("0.125"), Fraction("-3/9"), Fraction(1.5), Fraction(7, -21))
a, b = Fraction(5, 6), Fraction(7, 10)
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, a ** -1, -a, abs(-a))
print(a > b, a == Fraction(10, 12), a == 5 / 6, Fraction(1, 2) == 0.5, 1 + a, 0.5 + a)
print(round(a, 2), round(Fraction(5, 2)), round(Fraction(7, 2)), math.floor(a), math.ceil(a), int(a))
print(sorted([Fraction(2, 3), Fraction(1, 4), Fraction(5, 7), Fraction(1, 2)]))
print(isinstance(a, numbers.Rational), isinstance(a, numbers.Real), isinstance(2, numbers.Integral),
      isinstance(2.5, numbers.Integral), isinstance(2.5, numbers.Real), issubclass(Fraction, numbers.Number))
print(hash(Fraction(1, 2)) == hash(0.5), hash(Fraction(3)) == hash(3), {Fraction(1, 2): "half"}[0.5])
print(max(recipe, key=lambda i: i.amount).name, f"{Fraction(1, 3):}", format(float(Fraction(1, 3)), ".3"))
try:
    Fraction(3, 0)
except ZeroDivisionError as e:
    print("error:", e)
try:
    Fraction("three quarters")
except ValueError as e:
    print("error:", e)
