class Animal:
    sound = "..."
    registry = []

    def __init__(self, name, age=0):
        self.name = name
        self.age = age
        Animal.registry.append(self)

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __repr__(self):
        return f"{type(self).__name__}(name={self.name!r}, age={self.age})"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.kind = cls.__name__.lower()


class Pet(Animal):
    def __init__(self, name, owner, **kw):
        super().__init__(name, **kw)
        self.owner = owner

    def speak(self):
        return super().speak() + f" (owned by {self.owner})"


class Dog(Pet):
    sound = "woof"

    def fetch(self, thing="ball"):
        return f"{self.name} fetches the {thing}"


class Cat(Pet):
    sound = "meow"

    def speak(self):
        base = super().speak()
        return base.upper() if self.age > 10 else base


class Robot:
    def speak(self):
        return "beep"

    def charge(self):
        return "charging"


class RoboDog(Robot, Dog):
    pass


pets = [Dog("rex", "ann", age=3), Cat("tom", "bob", age=12), Cat("kit", "cy"), RoboDog("k9", "dr")]
for p in pets:
    print(p, "|", p.speak(), "|", p.kind)
print(RoboDog.__mro__)
print([c.__name__ for c in RoboDog.mro()], RoboDog.fetch(pets[3]), pets[3].charge())
print(len(Animal.registry), Dog.sound, Animal.sound, Cat.kind, hasattr(Animal, "kind"))
print(isinstance(pets[3], Pet), issubclass(RoboDog, Robot), Cat.__bases__, Dog.__subclasses__())
print(vars(pets[0]), pets[0].__dict__.keys(), getattr(pets[1], "owner"), getattr(pets[1], "x", "none"))
setattr(pets[2], "age", 5); delattr(pets[2], "owner")
print(pets[2].__dict__, super(Cat, pets[1]).speak())
class Base:
    def __init__(self):
        print("Base init")
class Left(Base):
    def __init__(self):
        print("Left init"); super().__init__()
class Right(Base):
    def __init__(self):
        print("Right init"); super().__init__()
class Diamond(Left, Right):
    def __init__(self):
        print("Diamond init"); super().__init__()
Diamond()
print(Diamond.__mro__)
try:
    class Bad(Left, Base, Right): pass
except TypeError as e:
    print(e)
pets[2].speak()
pets[2].fetch()
