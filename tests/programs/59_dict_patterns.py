students = [
    ("ann", "math", 90), ("bob", "math", 72), ("ann", "art", 85),
    ("cy", "art", 60), ("bob", "art", 95), ("cy", "math", 88),
]
by_student = {}
for name, subj, score in students:
    by_student.setdefault(name, {})[subj] = score
print(by_student)
averages = {n: sum(s.values()) / len(s) for n, s in by_student.items()}
print(averages)
best = max(averages.items(), key=lambda kv: kv[1])
print("best", best)
by_subject = {}
for name, subj, score in students:
    if subj not in by_subject:
        by_subject[subj] = []
    by_subject[subj].append((score, name))
for subj in sorted(by_subject):
    print(subj, sorted(by_subject[subj], reverse=True))
inverted = {v: k for k, v in {"a": 1, "b": 2, "c": 1}.items()}
print(inverted)
merged = dict({"x": 1, "y": 2})
merged.update([("y", 20), ("z", 30)])
print(merged, hasattr(merged, "keys"))
cache = {}
def collatz_len(n):
    if n == 1:
        return 1
    if n in cache:
        return cache[n]
    r = 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)
    cache[n] = r
    return r
best_n = max(range(1, 10000), key=collatz_len)
print(best_n, collatz_len(best_n), len(cache))
d = {}
d[1] = "int"
d[1.0] = "float overwrites"
d[True] = "bool overwrites"
d[(1, 2)] = "tuple"
d[None] = "none"
d["1"] = "str"
print(d)
keys = list(d)
for k in keys:
    if k is None:
        del d[k]
print(len(d), None in d)
print(list({"b": 1, "a": 2}.items()) == [("b", 1), ("a", 2)])
nested = {"a": {"b": {"c": 42}}}
path = ["a", "b", "c"]
node = nested
for p in path:
    node = node[p]
print(node)
print(dict(sorted({"z": 1, "a": 2, "m": 3}.items())))
dd = {k: [] for k in "ab"}
dd["a"].append(1)
print(dd)
print({k: v for k, v in zip(range(5), "abcde") if k % 2})
