x = 1
doc = """Returns the total.

print(doc)
