class Tracing(type):
    def __getattribute__(cls, name):
        if not name.startswith("__"):
            print(f"  looking up {cls.__name__}.{name}")
        return super().__getattribute__(name)

    def __getattr__(cls, name):
        print(f"  {name} missing, default")
        return 0


class Config(metaclass=Tracing):
    debug = True
    level = 3

    @classmethod
    def describe(cls):
        return f"debug={cls.debug}"


print(Config.debug)
print(Config.level + 1)
print(Config.describe())
print(Config.missing)
print(getattr(Config, "other", "x"))
print(hasattr(Config, "level"))
c = Config()
print(c.debug)  # instance lookup does not go through the metaclass


class Aliases(type):
    def __getattribute__(cls, name):
        aliases = type.__getattribute__(cls, "_aliases")
        return type.__getattribute__(cls, aliases.get(name, name))


class Point(metaclass=Aliases):
    _aliases = {"origin": "ZERO"}
    ZERO = (0, 0)


print(Point.origin, Point.ZERO)
try:
    Point.nothing
except AttributeError as e:
    print("AttributeError:", e)


class Locked(type):
    def __setattr__(cls, name, value):
        raise AttributeError(f"{cls.__name__} is read-only ({name})")

    def __delattr__(cls, name):
        raise AttributeError(f"cannot delete {name}")


class Settings(metaclass=Locked):
    x = 1


for action in (lambda: setattr(Settings, "x", 2), lambda: delattr(Settings, "x")):
    try:
        action()
    except AttributeError as e:
        print("AttributeError:", e)
print(Settings.x)


class Strict(type):
    def __getattribute__(cls, name):
        if name == "secret":
            raise PermissionError("no")
        return super().__getattribute__(name)


class Vault(metaclass=Strict):
    secret = 1
    public = 2


print(Vault.public)
try:
    Vault.secret
except PermissionError as e:
    print("PermissionError:", e)
print(object.__getattribute__(Vault, "public"))
