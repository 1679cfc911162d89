first = "Ann"
last = "Lee"
print(f"name: {first last}")
