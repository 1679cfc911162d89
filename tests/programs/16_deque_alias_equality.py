# Deques and generic aliases compare their items as lists and tuples do: an item identical to
# itself is equal (so the same NaN in the same place), then by ==.
import typing
from collections import deque

nan = float("nan")
d = deque([nan, 1])
print(d == d, d == deque([nan, 1]), [nan] == [nan], (nan,) == (nan,))
print(deque([1, 2]) == deque([1, 2]), deque([1]) == deque([1, 2]), deque([1, 3]) != deque([1, 2]))
print(deque() == [], deque([1]) == deque([1.0]), deque([[1]]) == deque([[1]]))
T = typing.TypeVar("T")
print(list[int] == list[int], list[int] == list[str], dict[str, T] == dict[str, T])
print(typing.Callable[[int], str] == typing.Callable[[int], str], typing.Optional[int] == typing.Optional[str])
