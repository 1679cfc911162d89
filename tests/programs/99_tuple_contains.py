class E:
    def __eq__(self, o):
        print("E.__eq__")
        return o == 3
    __hash__ = None
class P:
    pass
p = P()
t = (1, "a", 2.0, None, True, (1, 2), p, E())
print(1 in t, "a" in t, 2 in t, None in t, True in t, (1, 2) in t, p in t, P() in t, 3 in t, "z" in t)
print(t.index(p), t.count(1), 1.0 in (1,), "1" in (1,), 0 in (False,), [] in ((),))
print(3 in range(5), "x" in range(5), 2.0 in range(5))
