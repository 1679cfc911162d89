class Countdown:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        return CountdownIter(self.start)


class CountdownIter:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


class Range2:
    def __init__(self, stop):
        self.stop = stop

    def __len__(self):
        return self.stop

    def __getitem__(self, i):
        if i >= self.stop:
            raise IndexError(i)
        return i * i


class Sentence:
    def __init__(self, text):
        self.words = text.split()

    def __iter__(self):
        return (w.strip(".,!") for w in self.words)

    def __contains__(self, w):
        print("contains called")
        return w in list(self)


cd = Countdown(4)
print(list(cd), list(cd), sum(cd), [x for x in cd if x % 2])
it = iter(cd)
print(next(it), next(it), list(it), next(it, "empty"))
r = Range2(5)
print(list(r), 9 in r, 10 in r, list(reversed(r)), sorted(r, reverse=True))
s = Sentence("Hello there, world!")
print(list(s), "world" in s, "x" in s, dict(enumerate(s)))
print(list(zip(Countdown(3), "abc")), list(map(str, Countdown(2))), tuple(Countdown(3)), set(Countdown(3)))
print(min(Countdown(5)), max(Range2(4)), sorted(Countdown(3)), list(enumerate(Countdown(2), 1)))
a, b, c = Countdown(3)
print(a, b, c, *Countdown(2), [*Countdown(2), *"xy"])
class Infinite:
    def __getitem__(self, i):
        return i * 10
for v in Infinite():
    if v > 30:
        break
    print(v, end=" ")
print()
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration", repr(e))
try:
    iter(5)
except TypeError as e:
    print(e)
try:
    a, b = Countdown(3)
except ValueError as e:
    print(e)
try:
    a, b, c, d = Countdown(3)
except ValueError as e:
    print(e)
print(len(Countdown(3)))
