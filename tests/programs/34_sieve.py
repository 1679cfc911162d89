def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    i = 2
    while i * i <= limit:
        if is_prime[i]:
            for j in range(i * i, limit + 1, i):
                is_prime[j] = False
        i += 1
    return [n for n, p in enumerate(is_prime) if p]

primes = sieve(100)
print(primes)
print(len(sieve(10000)), sum(sieve(10000)))
big = sieve(100000)
print(len(big), big[-5:])

def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True

print([n for n in range(50) if is_prime(n)] == sieve(49))
print(is_prime(1_000_003), is_prime(1_000_001))
def factorize(n):
    out = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            out.append(d)
            n //= d
        d += 1
    if n > 1:
        out.append(n)
    return out
for n in [360, 97, 1001, 2 ** 16, 600851475143]:
    print(n, factorize(n))
