# A suspended generator is closed when its last reference goes away: del, rebinding, the
# end of the function that held it, the list that held it; and at exit for the ones left.


def tracked(name):
    try:
        yield name
        yield name
    finally:
        print("finally", name)


a = tracked("a")
next(a)
del a
print("after del")

b = tracked("b")
next(b)
b = tracked("b2")
print("after rebinding")
next(b)


def holder():
    c = tracked("c")
    next(c)
    print("holder returns")
    return 1


print(holder())

items = [tracked("in list"), tracked("never started")]
next(items[0])
items = None
print("after list")

d = {"g": tracked("in dict")}
next(d["g"])
del d["g"]
print("after del d['g']")


class Box:
    pass


box = Box()
box.gen = tracked("attribute")
next(box.gen)
box.gen = None
print("after attribute")


def not_in_try():
    yield 1
    yield 2


e = not_in_try()
next(e)
del e
print("no finally, nothing printed")



def fails():
    held = tracked("held by a failing function")
    next(held)
    raise ValueError("fails")


try:
    fails()
except ValueError:
    print("caught: the traceback still holds the generator")
print("after except")

left = tracked("left for exit")
next(left)
later = tracked("second at exit")
next(later)
print("end of program")
