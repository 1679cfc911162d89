def area(shape, **dims):
    formulas = {"rect": "w * h", "circle": "3.14159 * r ** 2", "tri": "0.5 * b * h"}
    w = dims.get("w", 0)
    h = dims.get("h", 0)
    r = dims.get("r", 0)
    b = dims.get("b", 0)
    return eval(formulas[shape])

print(area("rect", w=3, h=4))
print(area("circle", r=2))
print(area("tri", b=6, h=5))

def calc(expr):
    x = 10
    y = 3
    return eval(expr)

for e in ["x + y", "x * y - 1", "x // y", "[x, y] * 2", "max(x, y)"]:
    print(e, "=", calc(e))

def outer():
    n = 5
    def inner():
        return eval("n * 2")
    return inner()
try:
    print(outer())
except NameError as err:
    print("NameError:", err)

def closure_seen():
    n = 7
    def inner():
        m = n
        return eval("n + m")
    return inner()
print(closure_seen())

def run_code():
    total = 0
    exec("total = 99\nprint('inside', total)")
    print("after exec", total)
    exec("z = 5")
    try:
        print(z)
    except NameError as e:
        print("NameError:", e)
run_code()

class Config:
    exec("debug = True")
    level = eval("3 + 4")
print(Config.debug, Config.level)

safe = {"__builtins__": {}}
try:
    eval("len([1, 2])", safe)
except NameError as e:
    print("NameError:", e)
print(eval("a + b", {"__builtins__": None, "a": 1}, {"b": 2}))
g = {}
exec("x = 1", g)
print(sorted(g))
print(eval("abs(-3)", {"__builtins__": {"abs": abs}}))
print(type(g["__builtins__"]))
print([eval("x * 2") for x in range(3)])
def f():
    y = 10
    print([eval("x + 1") for x in range(3)])
    try:
        print([eval("x + y") for x in range(3)])
    except NameError as e:
        print("NameError:", e)
    print(eval("locals()")["y"], sorted(eval("dir()")))
    g = lambda k: eval("k * y")
    try:
        print(g(2))
    except NameError as e:
        print("NameError:", e)
f()
def h(*args, **kw):
    return eval("args, kw")
print(h(1, 2, a=3))
def gen():
    n = 3
    yield eval("n")
    exec("print('n is', n)")
print(list(gen()))
print(list(map(eval, ["1+1", "2*3"])))
x = 5
def shadow():
    x = 1
    return eval("x"), eval("x", globals())
print(shadow())
