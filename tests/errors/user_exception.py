class InsufficientFunds(Exception):
    def __init__(self, balance, amount):
        super().__init__(f"need {amount}, have {balance}")


class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self.balance, amount)
        self.balance -= amount


acct = Account(100)
acct.withdraw(30)
print("balance", acct.balance)
acct.withdraw(500)
