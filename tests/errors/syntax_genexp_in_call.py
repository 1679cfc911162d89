values = [3, 1, 2]
print(sum(x * x for x in values, 0))
