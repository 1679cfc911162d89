x = "global"

def read_global():
    return x

def local_shadow():
    x = "local"
    return x

def modify_global():
    global x
    x = "modified"

print(read_global(), local_shadow(), x)
modify_global()
print(x)

def outer():
    y = 1
    def middle():
        nonlocal y
        y += 10
        def inner():
            nonlocal y
            y *= 2
        inner()
    middle()
    return y

print(outer())

def make_global_counter():
    global gcount
    gcount = 0

make_global_counter()
def inc():
    global gcount
    gcount += 1
    return gcount
inc(); inc()
print(gcount)

def unbound():
    try:
        print(z)
        z = 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)

unbound()

total = 0
for i in range(5):
    total += i
print(i, total)
if True:
    block_var = "visible"
print(block_var)
def f(a, b):
    a = a + 1
    b.append(1)
lst = []
n = 5
f(n, lst)
print(n, lst)
def defaults(v=x):
    return v
x = "changed"
print(defaults(), x)
class K:
    attr = "class attr"
    def m(self):
        return attr if False else K.attr
print(K().m())
lam = lambda: x
x = "later"
print(lam())
