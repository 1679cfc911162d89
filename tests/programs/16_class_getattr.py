# __getattr__ as a fallback; __getattribute__ for every access.
class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        print("fallback", name)
        return getattr(self._target, name)


p = Proxy([3, 1, 2])
p.append(0)
print(p._target, p.count(1))
try:
    p.nothing
except AttributeError as e:
    print("AttributeError:", e)


class Logged:
    def __init__(self):
        self.x = 1

    def method(self):
        return "method"

    def __getattribute__(self, name):
        if not name.startswith("__"):
            print("get", name)
        return super().__getattribute__(name)


lg = Logged()
print(lg.x)
print(lg.method())
for _ in range(2):
    lg.x += 1
print(lg.x)
try:
    lg.missing
except AttributeError as e:
    print("AttributeError:", e)


class Both:
    a = 1

    def __getattribute__(self, name):
        if name == "secret":
            raise AttributeError("hidden")
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return f"default-{name}"


b = Both()
print(b.a, b.secret, b.other)
print(getattr(b, "secret"), hasattr(b, "zzz"))


class Strict:
    def __getattr__(self, name):
        raise AttributeError(f"Strict has no {name!r}")


try:
    Strict().thing
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(Strict(), "thing", "dflt"))


class Upper:
    def __getattribute__(self, name):
        v = object.__getattribute__(self, name)
        return v.upper() if isinstance(v, str) else v


u = Upper()
u.word = "hi"
print(u.word, object.__getattribute__(u, "word"))
