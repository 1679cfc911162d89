sq = lambda x: x * x
print(sq(7), (lambda a, b=2: a + b)(1), (lambda *a: len(a))(1, 2, 3))
nums = [5, 3, 8, 1, 9, 2]
print(list(map(sq, nums)))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20, 30])))
print(list(filter(lambda n: n % 2 == 0, nums)))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(sorted(nums, key=lambda n: -n))
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]))
print(max(pairs, key=lambda p: p[0]), min(pairs, key=lambda p: len(p[1])))
print(max([], default="empty"), min([], default=0))
print(list(map(str, range(5))), list(map(int, "1 2 3".split())))
print("".join(map(lambda s: s.upper(), ["a", "b"])))
words = ["Banana", "apple", "cherry"]
print(sorted(words), sorted(words, key=lambda w: w.lower()))
print(any(n > 8 for n in nums), all(n > 0 for n in nums))
print(list(zip(*[(1, "a"), (2, "b")])))
ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
print(ops["add"](3, 4), ops["mul"](3, 4))
print(list(enumerate(map(lambda c: c * 2, "xy"))))
print(sum(map(lambda x: x ** 2, range(10))))
m = map(abs, [-1, -2])
print(next(m), next(m), next(m, "done"))
print(callable(sq), callable(ops))
