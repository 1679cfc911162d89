# The iterator protocol by hand, as a lesson shows it: iter() then __next__() until
# StopIteration, on every kind of built-in iterator.
def drain(it):
    items = []
    while True:
        try:
            items.append(it.__next__())
        except StopIteration:
            return items


for source in ([3, 1, 2], (4, 5), "abc", range(2, 8, 3), {"a": 1, "b": 2}, {7}):
    it = iter(source)
    print(type(it).__name__, it.__iter__() is it, drain(it))

d = {"x": 1, "y": 2}
print(drain(iter(d.values())), drain(iter(d.items())))
print(drain(reversed([1, 2, 3])), drain(enumerate("hi")), drain(zip("ab", [1, 2])))
print(drain(map(abs, [-1, -2])), drain(filter(None, [0, 1, 2])))
counter = iter([10, 20, 30].pop, 10)
print(type(counter).__name__, drain(counter))

it = iter([1])
print(next(it), hasattr(it, "__next__"))
try:
    it.__next__()
except StopIteration as e:
    print("StopIteration", e.args)
nxt = type(iter([])).__next__
print(nxt(iter(["z"])))
for name in ("list_iterator", "range_iterator", "zip"):
    cls = {"list_iterator": type(iter([])), "range_iterator": type(iter(range(1))), "zip": zip}[name]
    print(name, "__next__" in cls.__dict__, "__iter__" in cls.__dict__)
