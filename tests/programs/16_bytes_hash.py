# Bytes hash as CPython's under PYTHONHASHSEED=0, and equal to the str of the same ASCII text.
print(hash(b"abc"), hash("abc"), hash(b""), hash(b"\xff\x00"), hash(b"abc") == hash("abc"))
print(len({b"a", "a", b"a"}), {b"k": 1, "k": 2})
