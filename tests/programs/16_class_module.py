# A class's __module__ can be set after the class statement (or in its body): its repr, its
# instances' default repr and an exception's traceback line then name that module.
import traceback


class Error(Exception):
    pass


class Shape:
    pass


Shape.__module__ = "shapes"
Error.__module__ = "errors.custom"
print(Shape, repr(Shape()).split(" at ")[0], Shape.__module__, Error)


class Square(Shape):
    __module__ = "shapes.square"


print(Square, Square.__mro__)
print(traceback.format_exception_only(Error, Error("boom")))
try:
    raise Error("bad shape")
except Error:
    print(traceback.format_exc().splitlines()[-1])
