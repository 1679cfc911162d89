# What a script's globals hold (CPython 3.11's import system; gilvm has no __loader__).
print([k for k in globals() if k != "__loader__"])
print(__name__, __doc__, __package__, __spec__, __cached__, __annotations__)
print(type(__builtins__).__name__, __builtins__.__name__, __builtins__.len("abc"))
x: int = 3
print(__annotations__)

# exec and eval in the module's own globals still see every built-in.
exec("y = len('four') + x", globals())
print(y, eval("max(x, y)", globals()))
ns = {}
exec("z = abs(-2)", ns)
print(sorted(ns), ns["z"], type(ns["__builtins__"]).__name__)
try:
    eval("len('a')", {"__builtins__": {}})
except NameError as e:
    print("restricted:", e)


def scope():
    a = 1
    return sorted(locals()), "a" in globals(), "scope" in globals()


print(scope())
