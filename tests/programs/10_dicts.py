d = {"one": 1, "two": 2, "three": 3}
print(d, len(d), d["two"])
d["four"] = 4
d["one"] = 100
print(d)
print(d.get("five"), d.get("five", 5), d.get("one"))
print(list(d.keys()), list(d.values()), list(d.items()))
for k, v in d.items():
    print(k, "->", v)
print("two" in d, "zz" not in d, 2 in d)
del d["two"]
print(d)
print(d.pop("three"), d.pop("nope", "default"), d)
print(d.setdefault("x", 9), d.setdefault("x", 10), d)
d.update({"y": 1, "one": 1})
d.update(z=26)
print(d)
print(d.popitem(), d)
e = d.copy()
e["new"] = 0
print(len(d), len(e))
print(dict.fromkeys(["a", "b"], 0), dict.fromkeys("xy"))
print(dict(a=1, b=2), dict([("k", "v"), ("k2", "v2")]), dict(zip("abc", range(3))))
sq = {i: i * i for i in range(6) if i % 2 == 0}
print(sq)
print({1: "a", 1.0: "b"}, {(1, 2): "tuple key"}[(1, 2)])
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print(max(counts, key=counts.get))
print({} == {}, {"a": 1} == {"a": 1}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
nested = {"outer": {"inner": [1, 2, {"deep": True}]}}
print(nested["outer"]["inner"][2]["deep"])
print(list(reversed(list(d))), sorted(d))
d.clear()
print(d, bool(d))
print({**{"a": 1}, **{"b": 2}, "c": 3})
