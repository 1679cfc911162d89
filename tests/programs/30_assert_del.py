x = 5
assert x == 5
assert x > 0, "x must be positive"
try:
    assert x < 0, f"x={x} is not negative"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert [], "empty list is falsy"
except AssertionError as e:
    print(e)
try:
    assert 0
except AssertionError as e:
    print("no message:", repr(str(e)), e.args)

a = 10
del a
try:
    print(a)
except NameError as e:
    print("NameError:", e)

lst = [0, 1, 2, 3, 4, 5]
del lst[0]
del lst[-1]
print(lst)
del lst[::2]
print(lst)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError:", e)

class O:
    pass

o = O()
o.v = 1
del o.v
print(hasattr(o, "v"))
p, q = 1, 2
del p, q
try:
    p
except NameError as e:
    print(e)

def f():
    y = 1
    del y
    try:
        return y
    except NameError as e:
        return str(e)

print(f())
