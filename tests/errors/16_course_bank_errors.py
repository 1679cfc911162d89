# Custom exception hierarchy with chaining, context managers and an audit log.
import contextlib


class BankError(Exception):
    """Base class for bank errors."""


class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount:.2f} (balance {account.balance:.2f})")
        self.account = account
        self.amount = amount


class FrozenAccount(BankError):
    pass


class Account:
    _next_id = 1000

    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self.balance = balance
        self.frozen = False
        self.id = Account._next_id
        Account._next_id += 1

    def withdraw(self, amount):
        if self.frozen:
            raise FrozenAccount(f"account {self.id} is frozen")
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount

    def __repr__(self):
        return f"<Account {self.id} {self.owner}: {self.balance:,.2f}>"


class Transaction:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("begin")
        return self

    def __exit__(self, exc_type, exc, tb):
        self.log.append("rollback" if exc_type else "commit")
        if exc_type is InsufficientFunds:
            self.log.append(f"handled: {exc}")
            return True
        return False


log = []
alice, bob = Account("alice", 100), Account("bob", 20.5)
with Transaction(log):
    alice.withdraw(30)
with Transaction(log):
    bob.withdraw(50)
print(log)
print(alice, bob)
bob.frozen = True
try:
    with Transaction(log):
        bob.withdraw(1)
except BankError as e:
    print(type(e).__name__, e, isinstance(e, Exception), e.args)
print(log[-1])


def transfer(src, dst, amount):
    try:
        src.withdraw(amount)
    except BankError as e:
        raise RuntimeError(f"transfer of {amount} failed") from e
    dst.balance += amount


try:
    transfer(alice, bob, 500)
except RuntimeError as e:
    print(e, "| cause:", repr(e.__cause__), "| context is cause:", e.__context__ is e.__cause__)
with contextlib.suppress(FrozenAccount):
    bob.withdraw(5)
    print("not reached")
errors = []
for amount in [10, 1000, 20]:
    try:
        alice.withdraw(amount)
    except InsufficientFunds as e:
        errors.append(e)
    else:
        print("ok", amount)
    finally:
        print("balance now", alice.balance)
print([(e.amount, e.account.owner) for e in errors])
print(InsufficientFunds.__mro__)
print(BankError.__doc__, InsufficientFunds.__doc__)
transfer(bob, alice, 1)
