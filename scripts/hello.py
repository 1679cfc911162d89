"""A tour of the language: the output is byte-identical to CPython 3.11's."""
from typing import Callable


class Account:
    rate: float = 0.05

    def __init__(self, owner: str, balance: int = 0) -> None:
        self.owner = owner
        self.balance = balance

    def __repr__(self) -> str:
        return f"Account({self.owner!r}, {self.balance:,})"


def apply(f: Callable[[int], int], xs: list) -> list:
    return [f(x) for x in xs]


accounts = [Account("ada", 1_250_000), Account("linus", 42)]
print(accounts)
print(apply(lambda n: n * n, range(5)), sum(i * i for i in range(10)))
print(2 ** 100, 0.1 + 0.2, 1e16, round(2.675, 2), 7 // -2, -7 % 3)
print({"pi": f"{3.14159:.3f}", "big": f"{10**9:>15,}"}, sorted("gilvm", reverse=True))
try:
    accounts[5]
except IndexError as e:
    print(type(e).__name__, e)
