# Subscripts the quickened stream fuses (LOAD_FAST obj; LOAD_FAST/LOAD_CONST key; then
# BINARY_SUBSCR, STORE_SUBSCR, or DUP_TOP_TWO + BINARY_SUBSCR for `obj[key] op= value`): each
# must behave exactly as the unfused instructions, on a hit and on every kind of miss.


def reads(xs, i):
    return [xs[0], xs[-1], xs[i], xs[-i - 1]]


def stores(xs, i, v):
    xs[0] = v
    xs[-1] = v * 2
    xs[i] = v * 3
    return xs


def augmented(xs, i):
    xs[0] += 1
    xs[-1] -= 2
    xs[i] *= 3
    return xs


class Seq:
    def __init__(self):
        self.log = []

    def __getitem__(self, k):
        self.log.append(("get", k))
        return k * 10

    def __setitem__(self, k, v):
        self.log.append(("set", k, v))


class MyList(list):
    def __getitem__(self, k):
        return ("mine", list.__getitem__(self, k))


def attempt(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)


attempt(reads, [1, 2, 3, 4], 2)
attempt(reads, (1.5, 2.5, 3.5), 1)
attempt(reads, "abcd", 1)
attempt(reads, {0: "a", -1: "b", 2: "c", -3: "d"}, 2)
attempt(reads, [1, 2], 5)
attempt(reads, [], 0)
attempt(reads, (1,), True)
attempt(reads, Seq(), 3)
attempt(reads, MyList([7, 8, 9]), 1)
attempt(reads, range(10), 4)
attempt(reads, [1, 2, 3], "x")
attempt(reads, [1, 2, 3], 2**70)
attempt(reads, None, 0)

attempt(stores, [0, 0, 0, 0], 2, 5)
attempt(stores, [0, 0, 0, 0], -2, [1])
attempt(stores, {}, 7, 1)
attempt(stores, [0, 0], 9, 1)
attempt(stores, (0, 0), 1, 1)
s = Seq()
stores(s, 4, 2)
print(s.log)
attempt(stores, MyList([0, 0, 0]), 1, 4)

attempt(augmented, [1, 2, 3, 4], 1)
attempt(augmented, [1.5, [2], "a", (3,)], 1)
attempt(augmented, {0: 1, -1: 5, "k": 2}, "k")
attempt(augmented, [1, 2], 7)
attempt(augmented, (1, 2, 3), 1)
attempt(augmented, [[1], 2, 3], 1)


def unbound_obj():
    if False:
        xs = []
    return xs[0]


def unbound_key():
    xs = [1]
    if False:
        k = 0
    return xs[k]


def unbound_store():
    if False:
        xs = []
    xs[0] = 1


attempt(unbound_obj)
attempt(unbound_key)
attempt(unbound_store)


def grid():
    g = [[0] * 3 for _ in range(3)]
    for i in range(3):
        row = g[i]
        for j in range(3):
            row[j] = i * 3 + j
            row[j] += g[i - 1][j]
    total = 0
    for r in g:
        for j in range(3):
            total += r[j]
    return g, total


print(grid())


def drop_old():
    class Noisy:
        def __init__(self, n):
            self.n = n

        def __del__(self):
            print("del", self.n)

    xs = [Noisy(1), Noisy(2)]
    xs[0] = Noisy(3)
    print("stored")
    xs[-1] = None
    print("stored again")
    return len(xs)


print(drop_old())
