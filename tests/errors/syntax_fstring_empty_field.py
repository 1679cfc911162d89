name = "Ann"
print(f"hello {}" + name)
