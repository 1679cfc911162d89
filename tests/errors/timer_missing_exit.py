# A timer meant to be used with `with`, whose __exit__ is misspelled.
class Timer:
    def __init__(self, label):
        self.label = label
        self.ticks = 0

    def __enter__(self):
        print("start", self.label)
        return self

    def __exti__(self, *exc):
        print("stop", self.label)


class Lock:
    def __exit__(self, *exc):
        return False


try:
    with Lock():
        pass
except TypeError as e:
    print("TypeError:", e)

with Timer("grading") as t:
    t.ticks += 1
print("never printed")
