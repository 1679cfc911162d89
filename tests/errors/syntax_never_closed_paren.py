# A bracket left open: CPython names the line of the bracket, not where it gave up.
total = 0
prices = (3 +
          4
print(prices)
