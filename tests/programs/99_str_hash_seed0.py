# Strings hash as CPython 3.11 under PYTHONHASHSEED=0 (the expected output was made so):
# hash() and the order sets of strings iterate in.
print(hash("abc"), hash("hello world"), hash(""), hash("é"), hash("日本"), hash("🐍x"), hash("a" * 100))
print({"b", "a", "c", "zz", "q", "apple", "banana", "cherry"})
words = "the quick brown fox jumps over the lazy dog again and again".split()
print(set(words))
s = set(words); s.discard("the"); s.add("zebra"); print(s, s.pop())
print(frozenset({"x", "y", "z"}) | {"w"}, {"a": 1} | {"b": 2})
print(hash(("a", 1)), hash(frozenset({"a", "b"})))
