class Money(int):
    pass
class Stack(list):
    pass
class Name(str):
    pass
for f in [lambda: Money(5) + "x", lambda: "x" - Name("a"), lambda: hash(Stack()), lambda: len(Money(1)),
          lambda: Stack()[3], lambda: Money("abc"), lambda: Stack(1, 2), lambda: {Stack(): 1},
          lambda: Name("a") * 1.5, lambda: Money(1) < "a", lambda: -Name("x"), lambda: iter(Money(3)),
          lambda: Name(1, 2, 3, 4)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
class Point(tuple):
    pass
p = Point((1, 2))
p.x = 3
print(p, p.x, Money(7).__class__.__name__, Stack([1]).__class__)
seen = {Name("a"): 1}
print(hash(Stack([1])))
