total = 0
try:
    total += 1

