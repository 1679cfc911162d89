# Splitting a bill among the people who came: nobody came, and Decimal division by zero
# raises decimal.DivisionByZero. CPython's decimal is the C module _decimal, so the traceback
# ends at the caller's line and the message is the list of signals.
from decimal import Decimal, ROUND_HALF_UP, getcontext

prices = {"apple": Decimal("0.45"), "bread": Decimal("2.10"), "milk": Decimal("1.15")}
cart = [("apple", 6), ("bread", 1), ("milk", 2)]
total = sum(prices[item] * qty for item, qty in cart)
print("total:", total)
tax = (total * Decimal("0.0825")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
print("tax:", tax, "grand:", total + tax)
print(getcontext())
people = 0
share = (total + tax) / people
print(share)
