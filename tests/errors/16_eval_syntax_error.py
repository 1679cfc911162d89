# A calculator that evaluates what the user typed: SyntaxErrors from eval() as CPython 3.11
# reports them, caught and then uncaught.
def calculate(expression):
    return eval(expression)


for text in ["2 * (3 + 4)", "1 +", "(1, 2", "x ==== 2", "print(1))", "10 / 4"]:
    try:
        print(text, "=", calculate(text))
    except SyntaxError as e:
        print("bad input:", repr(text), "->", e.msg, e.lineno, e.offset, repr(e.text))
        print("   ", str(e), e.args[0] == e.msg, e.filename)

print(repr(SyntaxError("x", ("<string>", 1, 0, "1 +", 1, 0))))
try:
    eval("1 +")
except SyntaxError as e:
    print(repr(e))
calculate("3 * * 4")
