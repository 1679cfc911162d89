"""Exceptions in a loop: a tiny account ledger parses commands, and errors are the normal
path. Custom exception classes with attributes, raising through two frames, `except` clauses
matching a class hierarchy, `try/else/finally`, `raise ... from`, a context manager, and the
built-in errors `int()` and dict lookups raise (ValueError, KeyError). Stresses raising,
unwinding and matching, and exception objects' creation."""
import sys


class LedgerError(Exception):
    pass


class Overdrawn(LedgerError):
    def __init__(self, account, short):
        super().__init__(account, short)
        self.account = account
        self.short = short


class Frozen(LedgerError):
    pass


class Audit:
    """A context manager counting entries and the errors that escape it."""

    def __init__(self):
        self.entries = 0
        self.escaped = 0

    def __enter__(self):
        self.entries += 1
        return self

    def __exit__(self, kind, value, tb):
        if kind is not None:
            self.escaped += 1
        return kind is Frozen  # a frozen account is logged and swallowed


class Ledger:
    def __init__(self):
        self.balances = {}
        self.frozen = set()

    def withdraw(self, name, amount):
        if name in self.frozen:
            self.frozen.discard(name)  # thawed once the attempt is logged
            raise Frozen(name)
        balance = self.balances[name]  # KeyError for an unknown account
        if balance < amount:
            raise Overdrawn(name, amount - balance)
        self.balances[name] = balance - amount

    def apply(self, command):
        op, name, text = command
        try:
            amount = int(text)
        except ValueError as e:
            raise LedgerError("bad amount") from e
        if op == "dep":
            self.balances[name] += amount
        elif op == "wd":
            self.withdraw(name, amount)
        else:
            self.frozen.add(name)


NAMES = [f"acct{i}" for i in range(12)]


def commands(count):
    state = 99
    ops = ["dep", "dep", "dep", "wd", "wd", "wd", "wd", "frz"]
    for _ in range(count):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        r = state >> 4
        text = str(r % 500) if r % 17 else "12x"
        yield ops[r % 8], NAMES[(r >> 8) % 12] if r % 23 else "ghost", text


def run(count):
    ledger = Ledger()
    ledger.balances = {name: 0 for name in NAMES}
    audit = Audit()
    tally = {"ok": 0, "overdrawn": 0, "unknown": 0, "bad": 0, "finally": 0}
    short_total = 0
    for command in commands(count):
        with audit:
            try:
                ledger.apply(command)
            except Overdrawn as e:
                tally["overdrawn"] += 1
                short_total += e.short
            except KeyError:
                tally["unknown"] += 1
            except LedgerError as e:
                if isinstance(e.__cause__, ValueError):
                    tally["bad"] += 1
                else:
                    raise
            else:
                tally["ok"] += 1
            finally:
                tally["finally"] += 1
    return tally, short_total, audit, sum(ledger.balances.values()), len(ledger.frozen)


def main(count):
    tally, short_total, audit, balance, frozen = run(count)
    print(" ".join(f"{k} {v}" for k, v in tally.items()))
    print(f"short {short_total} entries {audit.entries} swallowed {audit.escaped} balance {balance} frozen {frozen}")


main(int(sys.argv[1]) if len(sys.argv) > 1 else 300_000)
