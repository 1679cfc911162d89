x = 1
def f(a, b=2):
    c = a + b
    def g():
        return c
    print(sorted(locals()), dir())
    return g
f(1)
print(sorted(k for k in globals() if not k.startswith("__")))
print(globals()["x"], "f" in dir(), vars() is globals())
class K:
    y = 3
    print(sorted(k for k in locals() if not k.startswith("__")))
