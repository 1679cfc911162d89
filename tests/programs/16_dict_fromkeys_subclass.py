# dict.fromkeys is a class method: a subclass's fromkeys builds the subclass (through its
# __setitem__), as OrderedDict's and defaultdict's do; Counter refuses it.
from collections import OrderedDict, Counter, defaultdict
class D(dict):
    def __repr__(self):
        return 'D' + dict.__repr__(self)
class E(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        dict.__setitem__(self, k, v * 2)
print(type(D.fromkeys([1], 0)), D.fromkeys("ab"), E.fromkeys([1, 2], 5), D().fromkeys([3]))
print(dict.fromkeys("abc", 0), {}.fromkeys([1]), type({}.fromkeys([1])))
print(OrderedDict.fromkeys("xy"), type(OrderedDict.fromkeys("xy")))
print(defaultdict.fromkeys("ab", 1))
try:
    Counter.fromkeys("ab")
except NotImplementedError as e:
    print("NotImplementedError", e)
print(dict.fromkeys.__name__, D.fromkeys.__self__)
