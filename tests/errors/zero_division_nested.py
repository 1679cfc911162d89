def ratio(a, b):
    return a / b


def average(values):
    total = sum(values)
    return ratio(total, len(values))


print("start")
print(average([1, 2, 3]))
print(average([]))
print("unreachable")
