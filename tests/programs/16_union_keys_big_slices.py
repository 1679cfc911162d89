handlers = {int | str: "scalar", list[int] | None: "maybe list"}
print(handlers[str | int])
print((int | str) in handlers, (int | float) in handlers)
seen = {int | str, str | int, bytes | None}
print(len(seen))
print(hash(int | str) == hash(str | int))

big = 2**64
print(range(10)[:big], range(10)[-big:], range(10)[big:])
print(range(0, 100, 3)[2:big:2], range(5)[::-1][-big:big])
print(range(10)[big::-1], range(10)[-big::-3])
print(slice(0, big).indices(5), slice(-big, None, -1).indices(5))
print(slice(None, None, big).indices(5))
print(slice(None, None, -big).indices(5))
print(slice(1, big).indices(big * 3))
print("abcdef"[:big], [1, 2, 3][-big:2])
try:
    slice(1.5, 2).indices(3)
except TypeError as e:
    print("TypeError:", e)
try:
    slice(None, None, 0).indices(3)
except ValueError as e:
    print("ValueError:", e)
