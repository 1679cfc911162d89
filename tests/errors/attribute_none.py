def find(items, target):
    for item in items:
        if item == target:
            return item
    return None


result = find(["a", "b"], "z")
print("result is", result)
print(result.upper())
