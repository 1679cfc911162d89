def total(numbers):
    running_total = 0
    for n in numbers:
        running_total += n
    return runing_total


print(total([1, 2, 3]))
