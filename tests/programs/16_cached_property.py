# functools.cached_property keeps the value in the instance's __dict__ (a non-data
# descriptor), so the stored value shadows it and `del` makes it compute again.
import functools


class Dataset:
    def __init__(self, values):
        self.values = values
        self.computed = 0

    @functools.cached_property
    def total(self):
        """The sum, computed once."""
        self.computed += 1
        return sum(self.values)


d = Dataset([1, 2, 3])
print(d.total, d.total, d.computed, "total" in vars(d), vars(d))
d.values.append(4)
print(d.total)
del d.total
print(d.total, d.computed)
d.total = 100
print(d.total, d.__dict__["total"])
print(type(Dataset.total).__name__, Dataset.total.attrname, Dataset.total.__doc__)


class Slotted:
    __slots__ = ("x",)

    @functools.cached_property
    def y(self):
        return 1


try:
    Slotted().y
except TypeError as e:
    print(e)
cp = functools.cached_property(lambda self: 1)
try:
    class Twice:
        a = cp
        b = cp
except Exception as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__, e.__cause__)
