name = "Alice
print(name)
