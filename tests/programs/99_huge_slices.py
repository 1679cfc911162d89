# Slice bounds and steps beyond any index are clamped, as CPython's _PyEval_SliceIndex does:
# `xs[::10**30]` is `xs[:1]`. (range slicing and slice.indices with such bounds are not built.)
for f in [lambda: [1, 2, 3][::10**30], lambda: [1, 2, 3][::-(10**30)], lambda: [1, 2, 3][10**30:],
          lambda: [1, 2, 3][-(10**30):2], lambda: "abc"[::10**30], lambda: (1, 2, 3)[::-(10**40)],
          lambda: [1, 2][::"a"], lambda: [1, 2, 3][-2**63:2**63], lambda: [1, 2, 3][::-2**63]]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
l = [1, 2, 3, 4]
l[::10**30] = [9]
print(l)
del l[::-(10**30)]
print(l)
l[10**30:] = [5, 6]
print(l)
