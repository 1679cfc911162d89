class Animal:
    kind = "animal"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return "..."

    def describe(self):
        return f"{self.name} the {self.kind} says {self.speak()}"

class Dog(Animal):
    kind = "dog"

    def speak(self):
        return "Woof"

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def speak(self):
        return super().speak() + " (squeaky)"

    def describe(self):
        return super().describe() + f", age {self.age}"

class Cat(Animal):
    kind = "cat"
    def speak(self):
        return "Meow"

for a in [Animal("Generic"), Dog("Rex"), Puppy("Bit", 1), Cat("Tom")]:
    print(a.describe())

p = Puppy("Bit", 1)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat))
print(issubclass(Puppy, Animal), issubclass(Cat, Dog), issubclass(Dog, object))
print(type(p).__name__, Puppy.kind, Puppy.__name__)

class Base:
    def __init__(self):
        self.log = ["Base"]
    def hello(self):
        return "base hello"

class Derived(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Derived")

d = Derived()
print(d.log, d.hello())

class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement")
    def __str__(self):
        return f"{type(self).__name__} with area {self.area():.2f}"

class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h

class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)

class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2

for s in [Rect(2, 3.5), Square(4), Circle(1)]:
    print(s)
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError:", e)
