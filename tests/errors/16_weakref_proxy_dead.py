import weakref, gc, re

def clean(s):
    return re.sub(r"0x[0-9a-f]+", "0x…", s)

class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
    def deposit(self, n):
        self.balance += n
        return self.balance
    def __del__(self):
        print(f"__del__ {self.owner}")
    def __str__(self):
        return f"Account({self.owner})"

acct = Account("ann")
r = weakref.ref(acct, lambda w: print("callback, dead:", w() is None))
p = weakref.proxy(acct)
print(clean(repr(r)))
print(clean(repr(p)))
print(p.owner, p.deposit(10), p.deposit(5), str(p))
p.balance = 100
print(acct.balance, type(p).__name__, weakref.getweakrefcount(acct))
def f(x): return x
print(clean(repr(weakref.ref(f))))
del acct
print(clean(repr(r)))
try:
    p.owner
except ReferenceError as e:
    print("ReferenceError:", e)

class Tree:
    def __init__(self, v):
        self.v = v
        self.kids = []
        self.up = None
    def __del__(self):
        print("del tree", self.v)

t = Tree(1)
k = Tree(2)
t.kids.append(k)
k.up = t
rk = weakref.ref(k, lambda w: print("callback k"))
rt = weakref.ref(t, lambda w: print("callback t"))
del t, k
print("collect:", gc.collect() > 0)
print(rk(), rt())

class Btn:
    def click(self):
        return "clicked"
b = Btn()
wm = weakref.WeakMethod(b.click)
print(wm()(), wm() == b.click)
del b
print(wm())

class Bad:
    pass
x = Bad()
r1 = weakref.ref(x)
r2 = weakref.ref(x, lambda w: None)
print(r1 == r2, r1 is r2, weakref.getweakrefcount(x), weakref.getweakrefs(x)[0] is r1)
del x
print(r1 == r2, r1 != r2)
try:
    hash(r1)
except TypeError as e:
    print("TypeError:", e)
try:
    r1(3)
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.ref()
except TypeError as e:
    print("TypeError:", e)

z = Bad()
pz = weakref.proxy(z)
del z
print(pz.name)
