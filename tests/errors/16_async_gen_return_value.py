async def running_total(numbers):
    total = 0
    for n in numbers:
        total += n
        yield total
    return total
