# str.isascii, str.maketrans/translate, zip(strict=True), the sign of a zero quotient, and
# int()/float() of Unicode digits, with CPython 3.11's error messages.
print("abc".isascii(), "é".isascii(), "".isascii())
t = str.maketrans("ab", "xy", "c")
print("abcabc".translate(t))
print("hello".translate({ord("l"): None, ord("h"): "J"}))
print(0 / -(10**30), 0.0 / -(10**30), 0 / -5, 1 / -(10**400))
print(str.maketrans({"a": "1", 98: None, "c": 100}))
print("abcd".translate(str.maketrans({"a": "1", 98: None, "c": 100})))
print("".maketrans("x", "y"))
for bad in [lambda: str.maketrans("ab", "x"), lambda: str.maketrans(1, "x"), lambda: str.maketrans("a"),
            lambda: str.maketrans({"ab": 1}), lambda: str.maketrans({1.5: 1}), lambda: "a".translate({97: 1.5}),
            lambda: "a".translate({97: -1}), lambda: str.maketrans("a", "b", 3)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print("hello".translate([None] * 200))
print("héllo".translate({ord("é"): "e"}))
for s in [[1, 2], "ab"]:
    try:
        print(list(zip([1, 2, 3], s, strict=True)))
    except ValueError as e:
        print(e)
print(list(zip(strict=True)), list(zip([1], strict=False)))
try:
    list(zip([1], [1, 2], [1, 2], strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1, 2], [1, 2], [1], strict=True))
except ValueError as e:
    print(e)
print(int("١٢٣"), int(" ٤٥ "), int("\u2003 7\u3000"), float("١.٥"), float("\u00a0٣e٢ "), int("𝟗𝟖"), int("٣", 16), int("1_٠"))
for s in ["١x", "½", "²", "٣.٥"]:
    for f in (int, float):
        try:
            print(f(s))
        except ValueError as e:
            print(e)
