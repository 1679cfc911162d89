class InsufficientFunds(Exception):
    def __init__(self, balance, amount):
        super().__init__(f"cannot withdraw {amount}: balance is {balance}")
        self.balance = balance
        self.amount = amount

class Account:
    interest_rate = 0.02
    _next_id = 1

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.history = []
        self.id = Account._next_id
        Account._next_id += 1

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))
        return self

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(self._balance, amount)
        self._balance -= amount
        self.history.append(("withdraw", amount))
        return self

    def add_interest(self):
        self._balance = round(self._balance * (1 + self.interest_rate), 2)

    def __repr__(self):
        return f"Account(#{self.id}, {self.owner!r}, {self._balance})"

class Savings(Account):
    interest_rate = 0.05

    def withdraw(self, amount):
        if len([h for h in self.history if h[0] == "withdraw"]) >= 2:
            raise RuntimeError("withdrawal limit reached")
        return super().withdraw(amount)

def transfer(src, dst, amount):
    try:
        src.withdraw(amount)
    except InsufficientFunds as e:
        print("transfer failed:", e)
        return False
    else:
        dst.deposit(amount)
        return True
    finally:
        print("transfer attempted", src.owner, "->", dst.owner, amount)

a = Account("alice", 100)
b = Savings("bob")
a.deposit(50).deposit(25)
print(a, b)
print(transfer(a, b, 500))
print(transfer(a, b, 120))
print(a.balance, b.balance)
for amt in [10, 10, 10]:
    try:
        b.withdraw(amt)
        print("withdrew", amt)
    except RuntimeError as e:
        print("error:", e)
try:
    a.deposit(-5)
except ValueError as e:
    print("ValueError:", e)
b.add_interest()
a.add_interest()
print(a, b)
print(b.history)
try:
    a.balance = 10
except AttributeError:
    print("balance is read-only")
