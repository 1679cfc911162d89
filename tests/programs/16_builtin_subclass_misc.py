# Subclasses of the built-in types meet the rest of the language: math, copy, json, format, conversions.
import math, copy, json
class Money(int): pass
class C(float): pass
class Stack(list): pass
class Name(str): pass
class D(dict): pass
class FS(frozenset): pass
class S(set): pass
print(math.sqrt(Money(16)), math.floor(C(2.5)), divmod(Money(7), 2), pow(Money(2), 10), Money(7) / 2, C(1.5) ** 2)
print(copy.copy(Stack([1, 2])), type(copy.copy(Stack([1]))).__name__, copy.deepcopy(D(a=[1])))
print(Name("abc").upper(), Name("a,b").split(","), Name("x").join("ab"), "{}-{}".format(Name("q"), Money(3)))
print(S([1, 2]) | {3}, FS([1]) & {1, 2}, sorted(S("ab")), len(FS()), 1 in FS([1]), hash(FS([1])) == hash(frozenset([1])))
s = S([1]); s.add(2); s |= {3}; print(s, type(s).__name__)
print(D(a=1) | {"b": 2}, dict(D(x=1)), D(a=1) == {"a": 1}, list(D(a=1, b=2)), D.fromkeys("ab"))
print(json.dumps([Money(1), C(2.5), Name("n"), D(k=Stack([1]))]))
print(str(Stack([1])), str(D(a=1)), repr(Name("x")), str(Money(4)), f"{C(2.5)}", f"{Stack([1])}")
print(max(Stack([3, 1, 2])), min(Name("bca")), sum(Stack([1, 2])), any(Stack([0, 1])), list(zip(Name("ab"), Stack([1, 2]))))
print(int(Name("42")), float(Name("1.5")), Money("12"), Money("ff", 16), C("2.5"), Name(42), Stack("ab"), D([("a", 1)]))
print(Money(5).bit_length(), C(0.5).as_integer_ratio(), Money(3).real, Name("a").__class__, Money(5) != 5)
print(isinstance(Money(1), Money), issubclass(Money, int), Money.__mro__, Money.__bases__, Money.__base__)
print(sorted([Name("b"), "a"]), Money(3) in [1, 2, 3], Name("a") in ["a"], {Money(1), 1}, {Name("a"), "a"})
for make in [lambda: type("B", (bool,), {}), lambda: type("R", (range,), {}), lambda: type("X", (int, str), {}),
             lambda: type("Y", (list, dict), {}), lambda: type("Z", (Exception, int), {}), lambda: type("N", (type(None),), {})]:
    try:
        make()
    except TypeError as e:
        print(e)
class A(int): pass
class B(A): pass
class C(B, int): pass
print(C(3) + 1, C.__mro__)
