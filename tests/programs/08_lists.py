a = [3, 1, 4, 1, 5, 9, 2, 6]
print(a, len(a), a[0], a[-1], a[2:5], a[::-1], a[::3])
a.append(7)
a.extend([8, 0])
a.insert(0, 10)
print(a)
print(a.pop(), a.pop(0), a)
a.remove(1)
print(a, a.index(5), a.count(1))
a.sort()
print(a)
a.sort(reverse=True)
print(a)
a.reverse()
print(a)
b = a.copy()
b[0] = 100
print(a[0], b[0])
b.clear()
print(b)
c = [1, 2, 3] + [4, 5]
print(c, [0] * 4, 3 in c, 9 not in c)
c[1:3] = ["x", "y", "z"]
print(c)
del c[0]
print(c)
del c[1:3]
print(c)
c[0] = [1, 2]
print(c, c[0][1])
m = [[0] * 3 for _ in range(3)]
m[1][2] = 5
print(m)
print(sorted([5, 2, 8]), sorted(["b", "A", "c"]), sorted([5, 2, 8], reverse=True))
print(sorted(["apple", "fig", "banana"], key=len))
print(min([4, 2, 8]), max([4, 2, 8]), sum([4, 2, 8]))
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -2)))
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] == [])
nested = [1, [2, [3, [4]]]]
print(nested[1][1][1][0])
x = [1, 2, 3]
y = x
y.append(4)
print(x, x is y, x == x.copy(), x is x.copy())
print(list((1, 2)), list("ab"), list({1: 2, 3: 4}))
s = [10, 20, 30, 40, 50]
s[::2] = [0, 0, 0]
print(s)
print(s[10:], s[-100:2], s[1:-1])
print([i for i in reversed(s)])
e = []
e += [1]
e *= 3
print(e)
print(a.__len__())
