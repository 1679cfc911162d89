def add(a, b):
    return a + b

def run(n):
    s = 0
    for i in range(n):
        s = add(s, i)
    return s

print(run(3_000_000))
