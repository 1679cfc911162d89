# A Matrix class with operator overloading, as a linear-algebra exercise writes it.
from functools import total_ordering
import operator


class Matrix:
    def __init__(self, rows):
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            raise ValueError("rows must be non-empty and of equal length")
        self.rows = [list(r) for r in rows]

    @classmethod
    def identity(cls, n):
        return cls([[int(i == j) for j in range(n)] for i in range(n)])

    @property
    def shape(self):
        return len(self.rows), len(self.rows[0])

    def __repr__(self):
        return f"Matrix({self.rows})"

    def __str__(self):
        width = max(len(f"{x:g}") for r in self.rows for x in r)
        return "\n".join("[" + " ".join(f"{x:>{width}g}" for x in r) + "]" for r in self.rows)

    def __eq__(self, other):
        return isinstance(other, Matrix) and self.rows == other.rows

    def __hash__(self):
        return hash(tuple(map(tuple, self.rows)))

    def __add__(self, other):
        if self.shape != other.shape:
            raise ValueError(f"shape mismatch: {self.shape} vs {other.shape}")
        return Matrix([[a + b for a, b in zip(r, s)] for r, s in zip(self.rows, other.rows)])

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Matrix([[k * x for x in r] for r in self.rows])
        return NotImplemented

    __rmul__ = __mul__

    def __matmul__(self, other):
        cols = list(zip(*other.rows))
        return Matrix([[sum(map(operator.mul, r, c)) for c in cols] for r in self.rows])

    def __getitem__(self, idx):
        i, j = idx
        return self.rows[i][j]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __neg__(self):
        return -1 * self

    def transpose(self):
        return Matrix([list(c) for c in zip(*self.rows)])


a = Matrix([[1, 2], [3, 4]])
b = Matrix([[0.5, -1], [2, 0]])
print(a, b, sep="\n")
print(repr(a + b), a @ b, 2 * a == a * 2, -a, sep="\n")
print(a @ Matrix.identity(2) == a, a[1, 0], len(a), list(a), a.shape, a.transpose())
print({a: "a", Matrix([[1, 2], [3, 4]]): "same"}, a in {a}, a != b)
for bad in [lambda: a + Matrix([[1, 2, 3]]), lambda: a * "x", lambda: Matrix([[1], [1, 2]]), lambda: a @ 3]:
    try:
        bad()
    except (ValueError, TypeError, AttributeError) as e:
        print(type(e).__name__, e)
print(sum([a, b, a], Matrix([[0, 0], [0, 0]])))
print(sorted([a, b, -a], key=lambda m: m[0, 0]))
m = Matrix([[1.25, 100], [-3, 0.001]])
print(m)
a @= Matrix.identity(2)
a += a
print(a)
