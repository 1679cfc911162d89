"""Check, then act: two withdrawals of 80 from an account holding 100.

Each withdrawal checks the balance, then takes the money. The check and the update are
separate steps: if the other thread's withdrawal lands between them, both checks pass and the
account ends at -60. Nothing is lost (each update reads the balance it changes, and `explain`
finds no lost update): what goes wrong is that the check was stale when the thread acted.

    gilvm scripts/bank_overdraft.py
    gilvm race -X gil=0 --seeded scripts/bank_overdraft.py
    gilvm --explain --schedule-seed 3 scripts/bank_overdraft.py
"""
import threading


class Account:
    def __init__(self, balance):
        self.balance = balance


def audit(amount):
    # A Python call: its entry is a switch point, between the check and the update.
    return amount


acct = Account(100)


def withdraw(amount):
    if acct.balance >= amount:
        audit(amount)
        acct.balance -= amount


threads = [threading.Thread(target=withdraw, args=(80,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"balance = {acct.balance}")
