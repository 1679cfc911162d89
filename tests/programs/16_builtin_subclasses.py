import gc


def mine(classes):
    return [c.__name__ for c in classes if c.__module__ == __name__]


class Money(int):
    pass


class Stack(list):
    pass


class Cents(Money):
    pass


class Plain:
    pass


print(bool in int.__subclasses__())
print(mine(int.__subclasses__()))
print(mine(list.__subclasses__()))
print(mine(Money.__subclasses__()))
print(Plain in object.__subclasses__(), Stack in object.__subclasses__(), Money in object.__subclasses__(), int in object.__subclasses__())
print(KeyError in LookupError.__subclasses__(), ValueError in Exception.__subclasses__())


def make():
    class Temp(str):
        pass
    return Temp


t = make()
print(mine(str.__subclasses__()))
del t
gc.collect()
print(mine(str.__subclasses__()))


class AppError(Exception):
    pass


class NotFound(AppError, LookupError):
    pass


print(mine(Exception.__subclasses__()), mine(LookupError.__subclasses__()))
print(mine(AppError.__subclasses__()))
