# A bank, the way a course writes it: a class hierarchy with super(), exceptions of its own,
# accounts as dict keys by number (__eq__/__hash__), a history generator, sorting with keys.
class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount}")
        self.account = account
        self.amount = amount


class Account:
    def __init__(self, number, owner, balance=0):
        self.number = number
        self.owner = owner
        self.balance = balance
        self.history = []

    def __eq__(self, other):
        return isinstance(other, Account) and self.number == other.number

    def __hash__(self):
        return hash(self.number)

    def __repr__(self):
        return f"{type(self).__name__}({self.number!r}, {self.owner!r}, {self.balance})"

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def statements(self):
        running = 0
        for kind, amount in self.history:
            running += amount if kind == "deposit" else -amount
            yield f"{kind:>8} {amount:>6} -> {running}"


class Savings(Account):
    def __init__(self, number, owner, balance=0, rate=0.02):
        super().__init__(number, owner, balance)
        self.rate = rate

    def add_interest(self):
        self.deposit(round(self.balance * self.rate, 2))


bank = {}
for acc in [Account(1, "ada", 100), Savings(2, "bob", 250, 0.1), Account(3, "cy")]:
    bank[acc] = acc.owner

print(Account(2, "someone") in bank, bank[Account(3, "x")])
a = next(k for k in bank if k.number == 1)
a.deposit(50)
try:
    a.withdraw(500)
except InsufficientFunds as e:
    print("error:", e, e.amount, e.args)
try:
    a.deposit(-1)
except ValueError as e:
    print("error:", e)
s = next(k for k in bank if isinstance(k, Savings))
s.add_interest()
s.withdraw(75)
for line in s.statements():
    print(line)
print(sorted(bank, key=lambda k: -k.balance))
print({k.owner: k.balance for k in bank})
print(Savings.__mro__[1].__name__, isinstance(s, Account), issubclass(Savings, Account))
totals = {}
for k in bank:
    totals[type(k).__name__] = totals.get(type(k).__name__, 0) + k.balance
print(totals)
