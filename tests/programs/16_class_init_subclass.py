# __init_subclass__ with class keyword arguments, and __set_name__.
class Plugin:
    registry = {}

    def __init_subclass__(cls, /, name=None, **kw):
        super().__init_subclass__(**kw)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry[cls.plugin_name] = cls


class Csv(Plugin, name="csv"):
    pass


class Json(Plugin):
    pass


class Pretty(Json, name="pretty-json"):
    pass


print(sorted(Plugin.registry))
print(Csv.plugin_name, Json.plugin_name, Pretty.plugin_name)
print(Plugin.registry["pretty-json"].__mro__)

try:
    class Bad(Plugin, colour="red"):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad2(size=3):
        pass
except TypeError as e:
    print("TypeError:", e)


class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, None)


class Typed:
    def __set_name__(self, owner, name):
        self.owner = owner.__name__


class Model:
    title = Field()
    year = Field()
    kind = Typed()


print(Model.kind.owner, Model.title.private)


class Base:
    subclasses = []

    @classmethod
    def __init_subclass__(cls):
        Base.subclasses.append(cls.__name__)


class One(Base):
    pass


class Two(One):
    pass


print(Base.subclasses, Base.__subclasses__(), One.__subclasses__())
