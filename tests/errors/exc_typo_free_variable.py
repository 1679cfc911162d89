abc = 1
def f():
    def g():
        return ab
    g()
    ab = 1
f()
