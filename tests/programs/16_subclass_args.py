# Native functions and methods take str, tuple and int subclasses where they take the built-in.
class N(str): pass
class L(list): pass
class T(tuple): pass
class I(int): pass
tests = [lambda: "abc".startswith(N("a")), lambda: "a-b".replace(N("-"), N("+")), lambda: "abc".find(N("c")),
         lambda: "a,b".split(N(",")), lambda: N("x") in "xyz", lambda: "x".join(L(["a", "b"])), lambda: "abc".startswith(T(("a",))),
         lambda: "{0}".format(N("q")), lambda: [1, 2, 3][I(1):I(2)], lambda: "ab" * I(2), lambda: L([1]) == [1], lambda: {N("k"): 1}.get("k"),
         lambda: {"k": 1}.get(N("k")), lambda: isinstance(T((1,)), tuple), lambda: max(T((1, 5))), lambda: sorted(N("cba")), lambda: list(enumerate(L("ab"))),
         lambda: dict.fromkeys(L(["a"])), lambda: set(L([1, 1])), lambda: tuple(L([1])), lambda: "%s %s" % T(("a", "b")), lambda: "x".center(I(5)),
         lambda: chr(I(65)), lambda: ord(N("a")), lambda: round(I(15), -1), lambda: f"{I(5):03d}", lambda: int(N(" 7 ")), lambda: N("ab").encode() if False else 1]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, e)
