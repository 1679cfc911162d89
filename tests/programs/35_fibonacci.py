def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

print(fib(300))
print([fib(i) for i in range(20)])
print(fib(100), len(str(fib(1000))))

def fib_rec(n):
    return n if n < 2 else fib_rec(n - 1) + fib_rec(n - 2)

print(fib_rec(20))
memo = {}
def fib_memo(n):
    if n in memo:
        return memo[n]
    r = n if n < 2 else fib_memo(n - 1) + fib_memo(n - 2)
    memo[n] = r
    return r

print(fib_memo(200) == fib(200), fib_memo(90))
print(fib(300) % 1_000_000_007, fib(300) // fib(299))
print(f"{fib(80):,}")
print(sum(fib(i) for i in range(50)) == fib(51) - 1)
