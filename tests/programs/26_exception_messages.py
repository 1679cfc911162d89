def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1.0 / 0)
show(lambda: undefined_name)
show(lambda: [1, 2, 3][3])
show(lambda: (1,)[5])
show(lambda: "abc"[10])
show(lambda: {"a": 1}["b"])
show(lambda: {}[(1, 2)])
show(lambda: (5).foo)
show(lambda: "s".nope)
show(lambda: None.attr)
show(lambda: 1 + "a")
show(lambda: "a" + 1)
show(lambda: [1] + (2,))
show(lambda: 1 - "x")
show(lambda: "x" * "y")
show(lambda: -"x")
show(lambda: 1 < "a")
show(lambda: int("abc"))
show(lambda: int("12.5"))
show(lambda: float("xyz"))
show(lambda: int("ff", 10))
def unpack3():
    a, b = [1, 2, 3]
def unpack1():
    a, b = [1]
show(unpack3)
show(unpack1)
def f2(a, b):
    return a + b
show(lambda: f2(1))
show(lambda: f2())
show(lambda: f2(1, 2, 3))
show(lambda: f2(1, 2, c=3))
show(lambda: f2(1, a=1))
five = 5
string = "str"
nothing = None
show(lambda: five())
show(lambda: string())
show(lambda: five[0])
show(lambda: nothing[0])
show(lambda: {[1]: 2})
show(lambda: {[]})
show(lambda: hash([]))
show(lambda: [].pop())
show(lambda: [1].index(9))
show(lambda: [].remove(1))
show(lambda: {}.popitem())
show(lambda: next(iter([])))
show(lambda: len(5))
show(lambda: chr(-1))
show(lambda: pow(0, -1))
show(lambda: 2 ** 10000 * 1.0)
show(lambda: float(10 ** 400))
import math
show(lambda: math.sqrt(-1))
show(lambda: math.exp(1000))
show(lambda: math.log(0))
show(lambda: sum(["a"]))
show(lambda: max([]))
show(lambda: "a".join([1]))
show(lambda: "x".index("y"))
class C:
    pass
show(lambda: C().missing)
show(lambda: C.missing)
show(lambda: C(1))
def rec(n):
    return rec(n + 1)
try:
    rec(0)
except RecursionError as e:
    print("RecursionError:", e)
try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False
except AssertionError as e:
    print("AssertionError repr:", repr(e))
show(lambda: {}["key"])
try:
    {}["key"]
except KeyError as e:
    print(repr(e), e.args)
