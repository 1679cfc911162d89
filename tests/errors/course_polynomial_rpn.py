class Polynomial:
    def __init__(self, *coeffs):
        while len(coeffs) > 1 and coeffs[-1] == 0:
            coeffs = coeffs[:-1]
        self.coeffs = coeffs

    def __call__(self, x):
        return sum(c * x ** i for i, c in enumerate(self.coeffs))

    def __repr__(self):
        return f"Polynomial{self.coeffs}"

    def __str__(self):
        terms = []
        for i, c in reversed(list(enumerate(self.coeffs))):
            if c == 0:
                continue
            t = {0: f"{c}", 1: f"{c}x"}.get(i, f"{c}x^{i}")
            terms.append(t)
        return " + ".join(terms).replace("+ -", "- ") or "0"

    def __add__(self, other):
        n = max(len(self.coeffs), len(other.coeffs))
        a = self.coeffs + (0,) * (n - len(self.coeffs))
        b = other.coeffs + (0,) * (n - len(other.coeffs))
        return Polynomial(*(x + y for x, y in zip(a, b)))

    def __mul__(self, other):
        out = [0] * (len(self.coeffs) + len(other.coeffs) - 1)
        for i, a in enumerate(self.coeffs):
            for j, b in enumerate(other.coeffs):
                out[i + j] += a * b
        return Polynomial(*out)

    def derivative(self):
        return Polynomial(*(i * c for i, c in enumerate(self.coeffs) if i)) if len(self.coeffs) > 1 else Polynomial(0)


class Counter:
    def __init__(self):
        self.calls = {}

    def __call__(self, key):
        self.calls[key] = self.calls.get(key, 0) + 1
        return self.calls[key]


p = Polynomial(1, -3, 0, 2)
q = Polynomial(0, 1)
print(p, "|", q, "|", p + q, "|", p * q, "|", p.derivative(), "|", Polynomial(0, 0))
print([p(x) for x in range(-2, 3)], p(0.5), callable(p), callable(3))
print(list(map(p, [1, 2])), sorted([3, -1, 2], key=Polynomial(0, 0, 1)))
c = Counter()
for w in "a b a c a b".split():
    c(w)
print(c.calls, c("z"))
def newton(f, df, x0, tol=1e-12, max_iter=50):
    x = x0
    for i in range(max_iter):
        fx = f(x)
        if abs(fx) < tol:
            return x, i
        x -= fx / df(x)
    raise ArithmeticError(f"no convergence after {max_iter} iterations")
sq = Polynomial(-2, 0, 1)
root, its = newton(sq, sq.derivative(), 1.0)
print(f"{root:.12f} in {its} iterations", repr(root))
try:
    newton(Polynomial(1, 0, 1), Polynomial(0, 2), 0.5, max_iter=5)
except ArithmeticError as e:
    print(type(e).__name__, e)
print(Polynomial(1, 2)(Polynomial(3, 4)) if False else "skip")
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}
def rpn(expr):
    stack = []
    for tok in expr.split():
        if tok in ops:
            b, a = stack.pop(), stack.pop()
            stack.append(ops[tok](a, b))
        else:
            stack.append(float(tok))
    return stack.pop()
print(rpn("3 4 + 2 *"), rpn("5 1 2 + 4 * + 3 -"), rpn("1 2 /"))
print(rpn("1 0 /"))
