# Mixins: behaviour combined from several bases.
class ReprMixin:
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in sorted(vars(self).items()))
        return f"{type(self).__name__}({fields})"


class EqMixin:
    def __eq__(self, other):
        return type(self) is type(other) and vars(self) == vars(other)

    __hash__ = None


class CompareMixin:
    def key(self):
        raise NotImplementedError

    def __lt__(self, other):
        return self.key() < other.key()


class Point(ReprMixin, EqMixin, CompareMixin):
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def key(self):
        return (self.x, self.y)


pts = [Point(3, 1), Point(1, 2), Point(1, 1)]
print(sorted(pts))
print(Point(1, 2) == Point(1, 2), Point(1, 2) == Point(2, 1))
print([c.__name__ for c in Point.__mro__])
try:
    hash(Point(0, 0))
except TypeError as e:
    print("TypeError:", e)


class LoggingMixin:
    def log(self, msg):
        self.messages = getattr(self, "messages", [])
        self.messages.append(f"[{type(self).__name__}] {msg}")


class Account(LoggingMixin):
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, n):
        if n > self.balance:
            self.log(f"refused {n}")
            return False
        self.balance -= n
        self.log(f"withdrew {n}")
        return True


class Savings(Account, ReprMixin):
    pass


s = Savings(10)
s.withdraw(4)
s.withdraw(40)
print(s.messages)
print(s)
print(Savings.__mro__)
