import os.path
from os.path import join

math = __import__("math")
print(math.sqrt(16), __import__("os.path").path is os.path)
print(__import__("os.path", fromlist=["join"]).join("data", "grades.csv"))
for bad in [(1,), ("",), ("no_such_module",)]:
    try:
        __import__(*bad)
    except (TypeError, ValueError, ImportError) as e:
        print(type(e).__name__, e)

formula = compile("price * qty * (1 - discount)", "<formula>", "eval")
print(type(formula).__name__)
orders = [dict(price=9.5, qty=3, discount=0.0), dict(price=20, qty=2, discount=0.25)]
for o in orders:
    print(f"{eval(formula, {}, o):.2f}")

script = compile("total = 0\nfor n in nums:\n    total += n\n", "<script>", "exec")
ns = {"nums": [1, 2, 3, 4]}
exec(script, ns)
print(ns["total"], sorted(k for k in ns if k != "__builtins__"))
print(eval(compile("6 * 7", "<x>", "eval")))
print(exec(compile("print('from exec')", "<y>", "exec")))
print(eval(script, {"nums": []}))

for args in [("x", "f", "bad"), (1, "f", "exec"), ("x", 1, "exec")]:
    try:
        compile(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    compile("1 +", "<calc>", "exec")
except SyntaxError as e:
    print(e.filename, e.lineno, e.msg)

def run(expr):
    code = compile(expr, "<user>", "eval")
    return eval(code)

run("1 / 0")
