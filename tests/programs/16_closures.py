def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())

def make_adder(n):
    def add(x):
        return x + n
    return add

add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1))

counter = 0
def bump():
    global counter
    counter += 1

for _ in range(3):
    bump()
print("global counter", counter)

def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()

print(outer())

funcs = []
for i in range(3):
    funcs.append(lambda i=i: i * 10)
print([f() for f in funcs])
late = [lambda: i for i in range(3)]
print([f() for f in late])

def accumulator():
    total = []
    def add(v):
        total.append(v)
        return sum(total)
    return add

acc = accumulator()
print(acc(10), acc(20), acc(5))

def make_pair():
    value = 0
    def get():
        return value
    def set_(v):
        nonlocal value
        value = v
    return get, set_

g, s = make_pair()
print(g())
s(42)
print(g())

def compose(f, g):
    return lambda x: f(g(x))

inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))

x = "global x"
def reader():
    return x
def shadow():
    x = "local x"
    return x
print(reader(), shadow(), x)
