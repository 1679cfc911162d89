import builtins

def print(*args, **kwargs):
    builtins.print("LOG:", *args, **kwargs)

print("hello", 42)
builtins.print(builtins.__name__, builtins.len("abc"), builtins.max(3, 7))
print(sorted(n for n in dir(builtins) if n.startswith("Zero") or n in ("len", "abs")))
print(builtins.__doc__.splitlines()[0])
print(eval("__name__", {}), eval("__name__"))
ns = {}
exec("import builtins as b\nr = b.sum([1, 2])", ns)
print(ns["r"], ns["__builtins__"] is builtins.__dict__, builtins is __import__("builtins"))
real_len = builtins.len
builtins.len = lambda x: 99
print(len([1, 2]))
builtins.len = real_len
print(len([1, 2]), hasattr(builtins, "open"), callable(getattr(builtins, "input")))
