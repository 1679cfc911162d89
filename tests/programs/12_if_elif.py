def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"

for v in [-5, 0, 7, 42, 1000]:
    print(v, classify(v))

def grade(score):
    if score >= 90: return "A"
    if score >= 80: return "B"
    if score >= 70: return "C"
    return "F"

print([grade(s) for s in [95, 85, 75, 10]])
x = 15
if x > 10 and x < 20:
    print("between")
if not (x == 3 or x == 4):
    print("not 3 or 4")
if 10 < x <= 15:
    print("chained ok")
if x:
    pass
else:
    print("unreachable")
sign = "pos" if x > 0 else "neg" if x < 0 else "zero"
print(sign)
y = 0
if y:
    print("truthy")
elif y == 0:
    print("zero branch")
nested = 5
if nested > 0:
    if nested % 2:
        print("positive odd")
    else:
        print("positive even")
items = []
if items:
    print("has items")
else:
    print("no items")
print("x" if "" else "y", "x" if "a" else "y")
