# Leaving a for loop over a generator early drops the generator: its finally blocks run at
# once, before the next statement, as in CPython.


def countdown(n):
    try:
        while n > 0:
            yield n
            n -= 1
    finally:
        print("countdown finally")


for x in countdown(5):
    print(x)
    if x == 3:
        break
print("after the loop")


def first_even(values):
    for v in gen_of(values):
        if v % 2 == 0:
            return v
    return None


def gen_of(values):
    try:
        for v in values:
            yield v
    finally:
        print("gen_of finally")


print(first_even([1, 3, 4, 5]))


def lines():
    print("open")
    try:
        yield "a"
        yield "b"
    finally:
        print("close")


print(next(lines()))
print("next statement")

for outer in range(2):
    for item in lines():
        print(outer, item)
        break
    print("inner loop done", outer)


def find(pred):
    for v in countdown(10):
        if pred(v):
            print("found", v)
            break
    else:
        print("not found")
    print("find returns")


find(lambda v: v == 8)


def raise_in_loop():
    for v in countdown(3):
        raise ValueError(v)


try:
    raise_in_loop()
except ValueError as e:
    print("caught", e)


def nested():
    try:
        yield from countdown(2)
    finally:
        print("nested finally")


for v in nested():
    print("nested got", v)
    break
print("done")
