# Deprecation and runtime warnings, as a course's "writing a library" lesson shows them.
import warnings


class TemperatureWarning(UserWarning):
    pass


def fahrenheit(celsius):
    warnings.warn("fahrenheit() is deprecated; use to_fahrenheit()",
                  DeprecationWarning, stacklevel=2)
    return to_fahrenheit(celsius)


def to_fahrenheit(celsius):
    if celsius < -273.15:
        warnings.warn(f"{celsius} is below absolute zero", TemperatureWarning)
    return celsius * 9 / 5 + 32


readings = [21.5, -300, 37.0, -280, 100]
print([to_fahrenheit(c) for c in readings])
print(fahrenheit(0))
print(fahrenheit(10))

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    to_fahrenheit(-500)
    fahrenheit(5)
for w in caught:
    print(w.category.__name__, "-", w.message, "- line", w.lineno)

warnings.filterwarnings("ignore", category=TemperatureWarning)
print(to_fahrenheit(-400))
warnings.resetwarnings()
warnings.simplefilter("once")
for c in (-301, -302):
    to_fahrenheit(c)
warnings.warn("plain message")
warnings.warn("runtime problem", RuntimeWarning)
warnings.simplefilter("error", TemperatureWarning)
try:
    to_fahrenheit(-999)
except TemperatureWarning as e:
    print("raised:", e, isinstance(e, Warning), TemperatureWarning.__mro__[1:3])
print(warnings.formatwarning("msg", UserWarning, "file.py", 3, "x = 1"), end="")
