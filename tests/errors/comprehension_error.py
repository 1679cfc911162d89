values = [4, 2, 0, 1]
print("inverting")
inverted = [10 // v for v in values]
print(inverted)
