# Custom containers from the collections.abc mixins: Mapping, MutableMapping, MutableSequence.
import collections.abc as cabc
class MyMap(cabc.Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
m = MyMap({"a": 1, "b": 2})
print(m["a"], "a" in m, "z" in m, m.get("b"), m.get("z", 9), list(m.keys()), list(m.items()), list(m.values()))
print(isinstance(m, cabc.Mapping), dict(m), m == {"a": 1, "b": 2}, m == MyMap({"a": 1}), m != {}, len(m.keys()))
print(sorted(m.keys() & {"a"}), isinstance(m, cabc.Hashable))
class Store(cabc.MutableMapping):
    def __init__(self): self._d = {}
    def __getitem__(self, k): return self._d[k.lower()]
    def __setitem__(self, k, v): self._d[k.lower()] = v
    def __delitem__(self, k): del self._d[k.lower()]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
    def __repr__(self): return f"Store({self._d})"
s = Store()
s["A"] = 1
s.update({"B": 2}, C=3)
s.update([("D", 4)])
print(s, s.setdefault("e", 5), s.setdefault("A", 0), s.pop("b"), s.pop("zz", None), s.popitem(), s)
try:
    s.pop("nope")
except KeyError as e:
    print("KeyError", e)
s.clear(); print(s, len(s))
class Deck(cabc.MutableSequence):
    def __init__(self): self.c = []
    def __getitem__(self, i): return self.c[i]
    def __setitem__(self, i, v): self.c[i] = v
    def __delitem__(self, i): del self.c[i]
    def __len__(self): return len(self.c)
    def insert(self, i, v): self.c.insert(i, v)
    def __repr__(self): return f"Deck({self.c})"
d = Deck()
d.append(1); d.extend([2, 3, 2]); d += [5]
print(d, 2 in d, 9 in d, d.index(2), d.count(2), list(reversed(d)), list(d), d.pop(), d.pop(0), d)
d.remove(2); d.reverse(); print(d, isinstance(d, cabc.Sequence), isinstance(d, cabc.Iterable), hash(d) is not None)
try:
    d.index(42)
except ValueError as e:
    print("ValueError", repr(e))
d.clear(); print(d)
