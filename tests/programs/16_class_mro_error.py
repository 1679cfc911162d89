# Inconsistent hierarchies: CPython's messages.
class A: pass
class B(A): pass
class X: pass
class Y: pass

try:
    class C(A, B): pass
except TypeError as e:
    print(e)

class P(X, Y): pass
class Q(Y, X): pass
try:
    class R(P, Q): pass
except TypeError as e:
    print(e)

try:
    class D(A, A): pass
except TypeError as e:
    print(e)

try:
    type("T", (A, B), {})
except TypeError as e:
    print(e)

class Ok(B, X): pass
print(Ok.__mro__)
class Ok2(A, X, Y): pass
print(Ok2.__mro__)
print(P.__mro__)
print(Q.mro())
print(object.__mro__, object.__bases__, object.__base__)
print(A.__bases__, A.__base__)
print(type.__mro__)
