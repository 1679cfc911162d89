def loop(n):
    x = 0
    for i in range(n):
        x += i
    return x

print(loop(10_000_000))
