# Method calls on a local pass `self` to the method without raising its reference count
# when the method never rebinds `self`. Every way a method can use, keep, lose or replace
# `self` must behave as in CPython.

keep = []


class A:
    def __init__(self, n):
        self.n = n

    def get(self):
        return self.n

    def me(self):
        return self

    def stash(self):
        keep.append(self)
        return len(keep)

    def drop_others(self):
        global g
        g = None
        keep.clear()
        return self.n

    def rebind(self):
        self = A(-1)
        return self.n

    def delete(self):
        del self
        try:
            return self
        except UnboundLocalError as e:
            return str(e)

    def boom(self, k):
        if k:
            raise ValueError("boom %d" % self.n)
        return k

    def depth(self, k):
        return self.n if k == 0 else self.depth(k - 1)

    def gen(self):
        yield self.n
        yield self.n + 1

    def as_name(self):
        try:
            raise KeyError("k")
        except KeyError as self:
            return repr(self)

    def nested(self):
        def inner():
            return self.n * 2

        return inner()


def run():
    a = A(1)
    total = 0
    for i in range(100):
        total += a.get()
        b = a.me()
        total += b.get()
    print(total, b is a)
    for i in range(3):
        print(a.stash())
    g = a
    print(a.drop_others(), keep, a.get())
    print(a.rebind(), a.get())
    print(a.delete(), a.get())
    for k in (0, 1):
        try:
            print(a.boom(k))
        except ValueError as e:
            print("caught", e, a.get())
    print(a.depth(50))
    print(list(a.gen()))
    print(a.as_name(), a.get())
    print(a.nested())
    # The only reference is the caller's local: the object must live through the call
    # and die after.
    c = A(7)
    print(c.me().get(), c.get())
    c = None
    print(c)


run()
print(len(keep))
