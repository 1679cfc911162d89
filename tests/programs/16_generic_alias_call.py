# Subscripted built-in classes are callable like their origin (types.GenericAlias).
import types

IntList = types.GenericAlias(list, int)
print(IntList, IntList.__origin__, IntList.__args__)
print(IntList(), IntList(range(3)))
Pair = types.GenericAlias(tuple, (str, int))
print(Pair, Pair(["a", 1]))
print(list[int]("ab"), dict[str, int](a=1), tuple[int, ...]([1, 2]), set[int]())
scores = dict[str, list[int]]()
scores.setdefault("ann", list[int]()).append(90)
print(scores, type(scores), list[int] == IntList)
for bad in [(list,), ()]:
    try:
        types.GenericAlias(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    types.GenericAlias(list, int, origin=list)
except TypeError as e:
    print("TypeError:", e)
