s = list(range(10))
print(s[2:8], s[:3], s[7:], s[:], s[-3:], s[:-3], s[-1:-4:-1])
print(s[::2], s[1::2], s[::-2], s[8:2:-2], s[2:8:-1], s[100:], s[-100:])
print(s[3:3], s[5:2], s[::-1][:3])
t = "abcdefghij"
print(t[2:8], t[::3], t[::-1], t[-4::-2], t[1:-1:4])
tup = tuple(s)
print(tup[1:4], tup[::-3])
a = s[:]
a[2:5] = []
print(a)
a[:0] = [-2, -1]
print(a)
a[len(a):] = [100]
print(a)
a[1:3] = "xyz"
print(a)
b = list(range(8))
b[::2] = [0] * 4
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
del b[1::2]
print(b)
c = list(range(6))
c[-2:] = [40, 50, 60]
print(c)
n = 3
print(s[n:n + 2], s[-n:], s[:n] + s[-n:])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[1:] for row in matrix[1:]], matrix[-1][::-1])
print("hello"[1:-1], "x"[5:], ""[::-1] == "")
r = range(20)
print(r[5:10], list(r[::5]), r[-1])
word = "racecar"
print(word == word[::-1], word[:len(word) // 2])
