class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

p = Point(3, 4)
print(p.x, p.y, p.norm2(), Point.dims, p.dims)
q = p.moved(1, dy=2)
print(q, repr(q), str(q), [p, q])
p.x = 10
print(p, p.norm2())
p.label = "extra attr"
print(p.label)
Point.dims = 3
print(q.dims)
q.dims = 99
print(q.dims, Point.dims, p.dims)
print(type(p).__name__, type(p) is Point, isinstance(p, Point))
print(p.__class__.__name__)
m = p.norm2
print(m())
print(Point.norm2(q))

class Empty:
    pass

e = Empty()
e.a = 1
print(e.a, hasattr(e, "a"), hasattr(e, "b"))

class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.id = Counter.total

cs = [Counter() for _ in range(3)]
print([c.id for c in cs], Counter.total)

class Temp:
    def __init__(self, celsius=0.0):
        self.celsius = celsius
    def __str__(self):
        return f"{self.celsius:.1f}C"
    def to_f(self):
        return self.celsius * 9 / 5 + 32

t = Temp(36.6)
print(t, t.to_f(), str(Temp()))
print(getattr(t, "celsius"), getattr(t, "missing", None))
setattr(t, "celsius", 100)
print(t.to_f())
del t.celsius
print(hasattr(t, "celsius"))
