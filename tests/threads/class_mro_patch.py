# Readers call methods and read attributes through a diamond's MRO while a writer
# reassigns them on the bases (and gives a base a __setattr__ hook halfway): every value
# read is one that was assigned at some point, and the last writes are seen after join.
import threading

class A:
    tag = "A0"

    def m(self):
        return 0


class B(A):
    pass


class C(A):
    pass


class D(B, C):
    def __init__(self):
        self.hits = 0


ROUNDS = 300
READS = 20000
bad = []


def make(k):
    def m(self):
        return k
    return m


def reader(n):
    d = D()
    for i in range(READS):
        v = d.m()
        t = d.tag
        if not (isinstance(v, int) and -ROUNDS <= v <= ROUNDS):
            bad.append(("m", v))
        if not (isinstance(t, str) and t[0] in "AC"):
            bad.append(("tag", t))
        d.hits = d.hits + 1
    if d.hits != READS:
        bad.append(("hits", d.hits))


def writer():
    for k in range(1, ROUNDS + 1):
        A.m = make(k)
        A.tag = "A%d" % k
        if k % 3 == 0:
            C.m = make(-k)
            C.tag = "C%d" % k
        elif k % 3 == 1 and "m" in C.__dict__:
            del C.m
            del C.tag
        if k == ROUNDS // 2:
            def hook(self, name, value):
                object.__setattr__(self, name, value)
            B.__setattr__ = hook


threads = [threading.Thread(target=reader, args=(i,)) for i in range(3)]
threads.append(threading.Thread(target=writer))
for t in threads:
    t.start()
for t in threads:
    t.join()
d = D()
print("bad", bad[:5])
print("last", d.m(), d.tag, "m" in C.__dict__)
print("hook", "__setattr__" in B.__dict__, [c.__name__ for c in D.__mro__])
