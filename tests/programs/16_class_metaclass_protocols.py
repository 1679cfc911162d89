# Metaclass dunders on the class: __iter__, __len__, __getitem__, __contains__, __call__, __repr__.
class EnumMeta(type):
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        cls._members = {}
        for key, value in list(ns.items()):
            if key.isupper():
                member = object.__new__(cls)
                member.name = key
                member.value = value
                cls._members[key] = member
                setattr(cls, key, member)
        return cls

    def __iter__(cls):
        return iter(cls._members.values())

    def __len__(cls):
        return len(cls._members)

    def __getitem__(cls, name):
        return cls._members[name]

    def __contains__(cls, member):
        return isinstance(member, cls) and member.name in cls._members

    def __call__(cls, value):
        for m in cls._members.values():
            if m.value == value:
                return m
        raise ValueError(f"{value!r} is not a valid {cls.__name__}")

    def __repr__(cls):
        return f"<enum {cls.__name__!r}>"


class Enum(metaclass=EnumMeta):
    def __repr__(self):
        return f"<{type(self).__name__}.{self.name}: {self.value!r}>"


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


for c in Color:
    print(c)
print(len(Color), Color["GREEN"], Color(3))
print(Color.RED in Color, 5 in Color, list(Color)[0].name)
print(repr(Color), Color, [Color])
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError:", e)
print(bool(Color), sorted(m.value for m in Color))


class Counting(type):
    def __call__(cls, *args, **kw):
        cls.made = getattr(cls, "made", 0) + 1
        return super().__call__(*args, **kw)


class Widget(metaclass=Counting):
    def __init__(self, size, colour="grey"):
        self.size = size
        self.colour = colour


w1 = Widget(3)
w2 = Widget(4, colour="blue")
print(Widget.made, w1.size, w2.colour, type(w2).__name__)


class Singleton(type):
    _instances = {}

    def __call__(cls, *args):
        if cls not in Singleton._instances:
            Singleton._instances[cls] = super().__call__(*args)
        return Singleton._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self):
        print("Config made once")


print(Config() is Config())


class Named(type):
    def __str__(cls):
        return "Named:" + cls.__name__


class N(metaclass=Named):
    pass


print(N, str(N), f"{N}", repr(N) == "<class '__main__.N'>")


class Locked(type):
    def __setattr__(cls, name, value):
        if name.isupper():
            raise AttributeError(f"cannot reassign member {name!r}")
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        if name.isupper():
            raise AttributeError(f"cannot delete member {name!r}")
        type.__delattr__(cls, name)


class Perm(metaclass=Locked):
    READ = 4


Perm.note = "ok"
print(Perm.note)
del Perm.note
print(hasattr(Perm, "note"))
for act in (lambda: setattr(Perm, "READ", 1), lambda: delattr(Perm, "READ")):
    try:
        act()
    except AttributeError as e:
        print("AttributeError:", e)
print(Perm.READ)
