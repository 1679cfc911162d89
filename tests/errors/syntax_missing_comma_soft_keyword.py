a, c = 1, 2
print([a, c 2])
