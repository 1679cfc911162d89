# Machine-int edges that once panicked the VM (arithmetic overflow on i64): each prints what
# CPython prints.
M = -2**63
X = 2**63 - 1
print(M / 1, X / -1)
try:
    [0, 1, 2][M]
except IndexError as e:
    print("IndexError:", e)
print([1, 2, 3][::M], "abc"[M:X:M])
big = range(M, X)
print(big[-1], big[0], X - 1 in big, M in big, X in big)
try:
    len(big)
except OverflowError as e:
    print("OverflowError:", e)
print(list(range(X - 1, X, 5)), list(range(M + 1, M, -5)))
print(list(reversed(range(M + 1, M + 10, 2**62))))
for i in range(X - 2, X):
    print(i)
