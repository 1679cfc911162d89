# Reading amounts typed by a user: a word that is not a number makes Decimal raise
# decimal.InvalidOperation, whose argument (in the C module _decimal) names the condition.
from decimal import Decimal

amounts = ["12.50", " 3.75 ", "1_000", "twelve"]
total = Decimal(0)
for a in amounts:
    total += Decimal(a)
    print(f"{a!r:>10} -> running total {total:,.2f}")
