def count(n):
    while n > 0:
        n -= 1

count(1_000_000)
print("done")
