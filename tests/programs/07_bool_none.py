print(True, False, None)
x = 5
print(True and False, True or False, not True)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or [] or 0)
print(bool(0), bool(1), bool(""), bool("x"), bool([]), bool([0]), bool({}), bool(None), bool(0.0), bool(()))
print(None is None, None is not None, 1 == 1.0, x is not None)
print(True == 1, False == 0, True + 1, isinstance(True, int))
print(type(True), type(None), type(1), type(1.0), type("s"), type([]), type(()), type({}), type(set()))
x = None
if x is None:
    print("x is None")
if not x:
    print("x is falsy")
print(3 if True else 4, 3 if None else 4)
def f():
    pass
print(f())
print(bool(f), callable(f), callable(1))
a = []
print(a or "empty", a and "nonempty")
print(1 < 2 < 3, 1 < 2 > 3, 1 == 1 == 1, 3 > 2 >= 2 > 1)
print(str(True).upper(), repr(None))
print(all([]), any([]), all([1, 2]), any([0, None, ""]), all([1, 0]))
