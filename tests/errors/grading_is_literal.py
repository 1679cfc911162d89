# Grading with `is` where `==` was meant: CPython warns when compiling.
def letter(score):
    if score is 100:
        return "A+"
    if score >= 90:
        return "A"
    return "B"


grades = [100, 95, 80]
for g in grades:
    print(g, letter(g))
print([g for g in grades if g is not 80])
