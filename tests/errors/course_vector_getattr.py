import math
from functools import total_ordering


@total_ordering
class Vector:
    def __init__(self, *components):
        self._c = tuple(float(x) for x in components)

    def __len__(self):
        return len(self._c)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Vector(*self._c[i])
        return self._c[i]

    def __iter__(self):
        return iter(self._c)

    def __repr__(self):
        return f"Vector{self._c}"

    def __str__(self):
        return "(" + ", ".join(f"{x:g}" for x in self) + ")"

    def __abs__(self):
        return math.hypot(*self)

    def __bool__(self):
        return bool(abs(self))

    def __add__(self, other):
        return Vector(*(a + b for a, b in zip(self, other, strict=True)))

    def __mul__(self, k):
        return Vector(*(a * k for a in self))

    def __rmul__(self, k):
        return self * k

    def __matmul__(self, other):
        return sum(a * b for a, b in zip(self, other))

    def __eq__(self, other):
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    def __lt__(self, other):
        return abs(self) < abs(other)

    def __hash__(self):
        return hash(self._c)

    def __neg__(self):
        return -1 * self

    def __getattr__(self, name):
        cls = type(self)
        if len(name) == 1 and name in "xyzt":
            pos = "xyzt".index(name)
            if pos < len(self._c):
                return self._c[pos]
        raise AttributeError(f"{cls.__name__!r} object has no attribute {name!r}")

    def angle(self, other):
        return math.degrees(math.acos(self @ other / (abs(self) * abs(other))))


v, w = Vector(3, 4), Vector(1, -2)
print(v, repr(w), abs(v), v + w, 2 * v, v * 0.5, -w, v @ w)
print(v.x, v.y, w[0], v[::-1], len(v), list(v), bool(Vector(0, 0)))
print(sorted([v, w, Vector(0, 1)]), v > w, v >= w, v <= v, max(v, w))
print({v, Vector(3.0, 4.0), w}, v == (3, 4), hash(v) == hash((3.0, 4.0)))
print(f"{v.angle(w):.4f}", f"{abs(Vector(1, 1, 1, 1)):.5f}", Vector(1, 2, 3).z)
try:
    v.z
except AttributeError as e:
    print(e)
try:
    v + Vector(1, 2, 3)
except ValueError as e:
    print(e)
print(math.isclose(0.1 + 0.2, 0.3), math.floor(-2.5), math.ceil(2.1), math.gcd(12, 18), math.lcm(4, 6))
print(math.factorial(20), math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]), math.sqrt(2))
print(round(2.5), round(3.5), round(-0.5), round(1.23456, 3), divmod(-7, 2), -7 // 2, -7 % 2, 7 % -3)
print(1e100, 1.5e-7, 123456789.0 * 10, float("inf") - 1, 0.1 * 3, 2 ** -1, 10 / 4, 2 ** 100)
print(int("ff", 16), hex(255), bin(10), oct(8), int(3.99), int(-3.99), float("1_000.5"), 1_000_000)
print(f"{math.pi:.10f} {math.e:12.4e} {1234567.891:,.2f} {0.000123:g} {42:08.3f} {-5:+d} {5:+d}")
print(v.w)
