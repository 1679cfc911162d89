from typing import List, Dict, Optional
import math

class Matrix:
    def __init__(self, rows: List[List[float]]):
        self.rows = rows

    @classmethod
    def zeros(cls, n: int, m: int) -> "Matrix":
        return cls([[0] * m for _ in range(n)])

    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]

    def __setitem__(self, ij, v):
        i, j = ij
        self.rows[i][j] = v

    def __mul__(self, other):
        n, m, p = len(self.rows), len(other.rows), len(other.rows[0])
        out = Matrix.zeros(n, p)
        for i in range(n):
            for j in range(p):
                out[i, j] = sum(self[i, k] * other[k, j] for k in range(m))
        return out

    def __repr__(self):
        return "Matrix(" + repr(self.rows) + ")"

a = Matrix([[1, 2], [3, 4]])
b = Matrix([[0, 1], [1, 0]])
print(a * b, b * a)
rot = Matrix([[math.cos(math.pi / 2), -math.sin(math.pi / 2)], [math.sin(math.pi / 2), math.cos(math.pi / 2)]])
v = Matrix([[1], [0]])
r = rot * v
print([[round(x, 10) for x in row] for row in r.rows])

def stats(xs: List[float]) -> Dict[str, Optional[float]]:
    if not xs:
        return {"mean": None, "std": None}
    mean = sum(xs) / len(xs)
    var = sum((x - mean) ** 2 for x in xs) / len(xs)
    return {"mean": mean, "std": math.sqrt(var)}

print(stats([2, 4, 4, 4, 5, 5, 7, 9]), stats([]))
grid = [[(r * 3 + c) % 5 for c in range(4)] for r in range(3)]
print(grid, [sum(col) for col in zip(*grid)], max(map(max, grid)))
words = ["alpha", "beta", "gamma", "delta", "epsilon"]
index = {w[0]: [x for x in words if x[0] == w[0]] for w in words}
print(index)
pairs = sorted(((len(w), w) for w in words), reverse=True)
print(pairs[:3])
print(*(f"{w:^9}" for w in words), sep="|")
total = 0
for i in range(1, 101):
    if i % 7 == 0:
        continue
    if i > 50:
        break
    total += i
else:
    total = -1
print(total)
print(sum(1 / k ** 2 for k in range(1, 1001)), math.pi ** 2 / 6)
