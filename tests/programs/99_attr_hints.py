# Attribute loads and stores remember where they last found a name in an instance's dict;
# instances whose dicts hold the names in other orders, deleted and re-added attributes and
# a non-instance object must all still read the right values.


class A:
    pass


def make(order):
    a = A()
    for name in order:
        setattr(a, name, name.upper())
    return a


def read(obj):
    return obj.x + obj.y + obj.z


def write(obj, v):
    obj.y = v
    return obj.y


objs = [make("xyz"), make("zyx"), make("yxz"), make("xyz")]
for _ in range(3):
    print([read(o) for o in objs])
    print([write(o, i) for i, o in enumerate(objs)])
    for o in objs:
        o.y = "Y"
victim = objs[0]
del victim.x
victim.w = 1
victim.x = "x2"
print(read(victim), list(victim.__dict__))
del victim.y
try:
    read(victim)
except AttributeError as e:
    print("AttributeError", e)
print(write(victim, "back"), list(victim.__dict__))


class B:
    x = "class-x"
    y = "class-y"
    z = "class-z"


print(read(B), read(B()))
