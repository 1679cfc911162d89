xs = [1, 2, 3]
print("compiled")
squares = [x := x * x for x in xs]
