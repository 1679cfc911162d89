# Sorting a list subclass of items whose __lt__ refuses some comparisons: the error from
# inside __lt__ is what Python reports.
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __lt__(self, other):
        if not isinstance(other, Version):
            raise TypeError(f"cannot compare Version with {type(other).__name__}")
        return self.parts < other.parts

    def __eq__(self, other):
        return isinstance(other, Version) and self.parts == other.parts


class Releases(list):
    pass


old = [Version("1.2"), Version("1.3")]
new = Releases([Version("1.2"), "2.0"])
print(old == new)
print(old < new)
