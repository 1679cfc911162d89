nan = float("nan")
L = ["a", 1, 2.0, None, True, (1, "x"), "b"]
print("b" in L, "c" in L, 1 in L, 2 in L, 1.0 in L, None in L, True in L, (1, "x") in L, (1, "y") in L, False in L, 0 in L)
print(nan in [nan], 2 in [2.0], "1" in [1])
class E:
    def __eq__(self, o): print("eq called"); return o == "z"
print("z" in ["a", E(), "q"], "q" in ["a", E(), "q"])
print([] in [[], 1], [1] in [[2], [1]])
x = nan; print(x in [x], (x,) in [(x,)])
