import weakref, gc
class Player:
    count = 0
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("bye", self.name)
p = Player("p1")
weakref.finalize(p, print, "finalize 1")
weakref.finalize(p, print, "finalize 2")
r = weakref.ref(p, lambda w: print("ref callback"))
print(weakref.getweakrefcount(p))
del p
print("---")
class Team:
    def __init__(self):
        self.members = []
    def add(self, pl):
        self.members.append(pl)
        pl.team = self
t = Team()
for n in "abc":
    t.add(Player(n))
rt = weakref.ref(t, lambda w: print("team gone"))
del t
print("collected", gc.collect())
print(rt())
d = weakref.WeakValueDictionary()
d["x"] = Player("x")
print(len(d), list(d))
s = weakref.WeakSet([Player("s1")])
print(len(s))
