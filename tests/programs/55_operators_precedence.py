print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, (-2) ** 2)
print(10 - 4 - 3, 100 / 10 / 5, 2 * 3 % 4, 7 // 2 * 2, -7 // 2)
print(1 + 2 << 3, 1 << 2 + 3, 6 & 3 | 8, 6 ^ 3 & 1, ~5 + 1)
print(not 1 == 2, not (1 and 0), 1 or 0 and 0, (1 or 0) and 0)
print(1 < 2 == 2, 1 < 3 < 2, 5 > 3 != 3, 0 < 1 <= 1 < 2)
print(3 in [1, 2, 3] == True, (3 in [1, 2, 3]) == True)
print("a" * 2 + "b", "-" * 3 * 2)
print(2 * -3, - - 4, + - 5, not not 0)
x = 5
print(x if x > 3 else -x, (lambda: 1)() + 1, [1, 2][1] ** 2)
print(1 if 0 else 2 if 0 else 3)
print(10 % 3 ** 2, -3 ** -1, 2 ** -1 * 4)
print(True + True * 2, 1 + 2 == 3 and 4 < 5)
print(1 == 1.0 == True, "1" == 1, None == 0, [] == False)
a = [1, 2]
b = [1, 2]
c = a
print(a == b, a is b, a is c, a is not b, not a is b)
print(5 & 1 == 1, (5 & 1) == 1)
print(-7 % 3, 7 % -3, -7.5 % 2, 2 ** 0.5 * 2 ** 0.5)
print(0 or None, None or 0, [] or {}, 0 and 1, 1 and [])
def side(v):
    print("side", v)
    return v
print(side(0) and side(1))
print(side(2) or side(3))
print(side(1) < side(2) < side(0))
