class X:
    pass


class Y:
    pass


class P(X, Y):
    pass


class Q(Y, X):
    pass


print("P and Q made")
class R(P, Q):
    pass
