def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    c = [[0] * p for _ in range(n)]
    for i in range(n):
        for j in range(p):
            s = 0
            for k in range(m):
                s += a[i][k] * b[k][j]
            c[i][j] = s
    return c

def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]

def transpose(m):
    return [list(row) for row in zip(*m)]

def show(m):
    for row in m:
        print(" ".join(f"{v:6}" for v in row))

A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]
show(matmul(A, B))
print(transpose(A))
print(matmul(A, identity(3)) == A)
F = [[1, 1], [1, 0]]
R = identity(2)
for _ in range(50):
    R = matmul(R, F)
print(R)
N = 30
X = [[(i * j) % 7 for j in range(N)] for i in range(N)]
Y = matmul(X, X)
print(sum(sum(row) for row in Y), Y[5][7], Y[N - 1][N - 1])
M = [[0.5, 1.5], [2.0, -1.0]]
print(matmul(M, M))
def det2(m):
    return m[0][0] * m[1][1] - m[0][1] * m[1][0]
print(det2(M), det2(F))
