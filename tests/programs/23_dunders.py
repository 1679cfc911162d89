class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __eq__(self, o):
        return isinstance(o, Vec) and self.x == o.x and self.y == o.y
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __bool__(self):
        return self.x != 0 or self.y != 0
    def __hash__(self):
        return hash((self.x, self.y))

a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a - b, a * 3, 2 * a, -a, abs(b))
print(a == Vec(1, 2), a != b, a == 5, a < b, b < a)
print(sorted([b, a, Vec(0, 9)]))
print(bool(Vec(0, 0)), bool(a))
print(len({a, a, b}))  # user __eq__ is not consulted for set/dict keys yet (README)
if not Vec(0, 0):
    print("zero vector is falsy")

class Bag:
    def __init__(self, items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __contains__(self, v):
        return v in self.items
    def __iter__(self):
        return iter(self.items)
    def __call__(self, extra):
        return len(self.items) + extra
    def __str__(self):
        return "Bag" + str(self.items)

bag = Bag("abc")
print(len(bag), bag[0], bag[-1], bag[0:2], "b" in bag, "z" in bag)
bag[1] = "B"
del bag[0]
print(bag, list(bag), bag(10))
for item in bag:
    print("item", item)
print(callable(bag), bool(Bag([])))

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __iadd__(self, o):
        self.cents += o
        return self
    def __le__(self, o):
        return self.cents <= o.cents
    def __gt__(self, o):
        return self.cents > o.cents
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
    def __repr__(self):
        return f"Money({self.cents})"

m = Money(150)
m += 275
print(m, repr(m), [m], Money(1) <= Money(2), Money(5) > Money(2))
print(f"{m}", f"{m!r}", str(m) + "!")
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)))
