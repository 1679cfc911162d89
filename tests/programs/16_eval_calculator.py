# A calculator that evaluates expressions with eval, and a tiny config "language" run with exec.
import math

RATE = 0.2


def safe_eval(expr, variables):
    allowed = {"sqrt": math.sqrt, "pi": math.pi, "abs": abs, "round": round}
    allowed.update(variables)
    return eval(expr, {}, allowed)


expressions = ["2 + 3 * 4", "(2 + 3) * 4", "  10 / 4", "2 ** 10", "sqrt(16) + pi",
               "round(price * (1 + rate), 2)", "[x * x for x in range(5)]", "'ab' * 3",
               "abs(-7) // 2", "{'total': price}"]
for e in expressions:
    print(f"{e.strip():32} = {safe_eval(e, {'price': 19.99, 'rate': RATE})!r}")

print(eval("RATE * 100"), eval("len('hello') + 1"), eval("[1, 2, 3]")[::-1])
data = eval("{'a': (1, 2), 'b': None, 'c': True}")
print(data, type(data).__name__)

program = """
total = 0
for n in range(1, 11):
    if n % 2 == 0:
        total += n
def double(x):
    return 2 * x
result = double(total)
"""
namespace = {}
exec(program, namespace)
print(namespace["total"], namespace["result"], namespace["double"](21))
exec("GREETING = 'hi from exec'")
print(GREETING)
scope = {"x": 5}
print(eval("x + y", scope, {"y": 10}), exec("z = x * 2", scope), scope["z"])

for bad in ["2 + (", "1 / 0", "undefined_name + 1", "x = 3", "int('seven')"]:
    try:
        print(eval(bad))
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno, e.offset)
    except Exception as e:
        print(type(e).__name__ + ":", e)
for args in [(42,), ("1", []), ("1", {}, 5)]:
    try:
        eval(*args)
    except TypeError as e:
        print("TypeError:", e)
print(eval(input_line := "7 * 6"), input_line)
