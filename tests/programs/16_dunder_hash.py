print((1).__hash__(), "a".__hash__() == hash("a"), (1.5).__hash__(), (1, 2).__hash__() == hash((1, 2)))
print(None.__hash__() == hash(None), True.__hash__(), (2**70).__hash__(), frozenset([1]).__hash__() == hash(frozenset([1])))
class A: pass
a = A()
print(a.__hash__() == hash(a), object.__hash__(a) == hash(a))
