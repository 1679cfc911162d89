def check(n):
    assert n >= 0, f"expected non-negative, got {n}"
    return n * 2


print(check(4))
print(check(-2))
