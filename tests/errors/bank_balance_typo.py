# A bank account whose constructor misspells one of its attributes.
class Account:
    interest = 0.02

    def __init__(self, owner):
        self.owner = owner
        self.balanse = 0
        self.history = {}

    def deposit(self, amount):
        self.history[len(self.history)] = amount
        self.balance += amount
        return self


acct = Account("Ann")
print(acct.owner, acct.history)
try:
    del acct.nickname
except AttributeError as e:
    print("AttributeError:", e)
try:
    del acct.history[3]
except KeyError as e:
    print("KeyError:", e)
acct.deposit(100)
