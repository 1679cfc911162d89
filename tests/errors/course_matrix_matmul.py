class Matrix:
    def __init__(self, rows):
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            raise ValueError("rows must be non-empty and equal length")
        self.rows = [list(r) for r in rows]

    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])

    @classmethod
    def zeros(cls, r, c):
        return cls([[0] * c for _ in range(r)])

    @property
    def shape(self):
        return len(self.rows), len(self.rows[0])

    def __getitem__(self, idx):
        i, j = idx
        return self.rows[i][j]

    def __setitem__(self, idx, v):
        i, j = idx
        self.rows[i][j] = v

    def __add__(self, other):
        if self.shape != other.shape:
            raise ValueError(f"shape mismatch: {self.shape} vs {other.shape}")
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])

    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return Matrix([[x * other for x in r] for r in self.rows])
        return NotImplemented

    __rmul__ = __mul__

    def __matmul__(self, other):
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])

    def __eq__(self, other):
        return isinstance(other, Matrix) and self.rows == other.rows

    def __iter__(self):
        for r in self.rows:
            yield from r

    def __len__(self):
        return len(self.rows)

    def __repr__(self):
        return f"Matrix({self.rows})"

    def __str__(self):
        w = max(len(str(x)) for x in self)
        return "\n".join(" ".join(f"{x:>{w}}" for x in r) for r in self.rows)

    def transpose(self):
        return Matrix(list(map(list, zip(*self.rows))))


m = Matrix([[1, 2], [3, 4]])
print(m)
print(m @ Matrix.identity(2) == m, m + m, 3 * m, m * 0.5)
print((m @ m).transpose())
m[0, 1] = 20
print(m[0, 1], m.shape, len(m), sum(m), list(m), max(m))
print(Matrix.zeros(2, 3))
try:
    m + Matrix.zeros(3, 3)
except ValueError as e:
    print(e)
try:
    m * "x"
except TypeError as e:
    print(e)
try:
    Matrix([[1], [2, 3]])
except ValueError as e:
    print(e)
print(m != Matrix([[1, 20], [3, 4]]), m == [[1, 20], [3, 4]])
big = Matrix([[i * j for j in range(1, 6)] for i in range(1, 6)])
print(big)
print(hash(m) if m.__hash__ else "unhashable")
m @ 3
