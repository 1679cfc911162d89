# Two threads withdraw 80 from an account of 100: check-then-act, the overdraft.
import threading


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance


acct = Account("ada", 100)


def withdraw(amount):
    if acct.balance >= amount:
        acct.balance -= amount


a = threading.Thread(target=withdraw, args=(80,))
b = threading.Thread(target=withdraw, args=(80,))
a.start()
b.start()
a.join()
b.join()
print("balance =", acct.balance)
