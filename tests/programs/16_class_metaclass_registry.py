# A metaclass that registers every class it makes.
class Registry(type):
    classes = {}

    def __new__(mcls, name, bases, ns, **kw):
        print("Registry.__new__", mcls.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        mcls.classes[name] = cls
        return cls

    def __init__(cls, name, bases, ns, **kw):
        print("Registry.__init__", name)
        super().__init__(name, bases, ns)
        cls.registered = True


class Plugin(metaclass=Registry):
    def run(self):
        return type(self).__name__


class Audio(Plugin):
    kind = "audio"


class Video(Plugin, flavour="mp4"):
    kind = "video"

    @classmethod
    def __init_subclass__(cls, **kw):
        pass


print(sorted(Registry.classes))
print(type(Audio) is Registry, type(Audio).__name__, isinstance(Audio, Registry), isinstance(Audio, type))
print(Audio.registered, Audio().run(), Video.kind)
print(Registry.__mro__)
print(Audio.__class__, type(Registry))
X = Registry("X", (Plugin,), {"z": 1})
print(X.z, X.__mro__, Registry.classes["X"] is X)


class Meta2(type):
    def describe(cls):
        return f"class {cls.__name__} with {sorted(k for k in cls.__dict__ if not k.startswith('__'))}"

    @property
    def upper_name(cls):
        return cls.__name__.upper()


class Thing(metaclass=Meta2):
    pass


print(Thing.describe(), Thing.upper_name)
try:
    Thing().describe()
except AttributeError as e:
    print("AttributeError:", e)


class Other(type):
    pass


try:
    class Clash(Thing, metaclass=Other):
        pass
except TypeError as e:
    print("TypeError:", e)
