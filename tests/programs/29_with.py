class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return False

with Resource("a") as r:
    print("inside", r.name)

try:
    with Resource("b"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)

class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            print("suppressed", et.__name__)
            return True
        return False

with Suppress(ZeroDivisionError, KeyError):
    1 / 0
    print("not reached")
print("after suppress")

with Resource("outer") as o, Resource("inner") as i:
    print("both", o.name, i.name)

def use():
    with Resource("ret"):
        return "returned value"

print(use())

for n in range(3):
    with Resource(f"loop{n}"):
        if n == 1:
            continue
        if n == 2:
            break
        print("body", n)

class Timer:
    def __enter__(self):
        self.entered = True
        return self
    def __exit__(self, *args):
        self.exited = True

with Timer() as t:
    pass
print(t.entered, t.exited)
with Resource("nested1"):
    with Resource("nested2"):
        print("deep")
