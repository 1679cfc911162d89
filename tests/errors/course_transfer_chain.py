class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, needed, available):
        self.needed = needed
        self.available = available
        super().__init__(f"need {needed}, have {available}")


class AccountLocked(BankError):
    def __str__(self):
        return "account is locked: " + ", ".join(map(str, self.args))


class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.locked = False

    @property
    def balance(self):
        return self._balance

    def withdraw(self, amount):
        if self.locked:
            raise AccountLocked(self.owner, "fraud")
        if amount > self._balance:
            raise InsufficientFunds(amount, self._balance)
        self._balance -= amount
        return self._balance


def transfer(src, dst, amount):
    try:
        src.withdraw(amount)
    except InsufficientFunds as e:
        raise RuntimeError(f"transfer of {amount} failed") from e
    dst._balance += amount


a = Account("ann", 100)
b = Account("bob")
transfer(a, b, 30)
print(a.balance, b.balance)
try:
    transfer(a, b, 500)
except RuntimeError as e:
    print(e, "| cause:", repr(e.__cause__), e.__cause__.needed)
a.locked = True
try:
    a.withdraw(1)
except BankError as e:
    print(type(e).__name__, e, e.args)
try:
    try:
        b.withdraw(1000)
    except InsufficientFunds:
        raise ValueError("oops")
except ValueError as e:
    print(repr(e.__context__), e.__suppress_context__)
try:
    a.balance = 5
except AttributeError as e:
    print(e)
print(BankError.__mro__)
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    return x
try:
    check(-3)
except AssertionError as e:
    print("assert:", e)
a.locked = False
transfer(a, b, 1000)
