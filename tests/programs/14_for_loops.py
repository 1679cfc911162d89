for i in range(3):
    print("i =", i)
for ch in "hey":
    print(ch, end="")
print()
for x in [10, 20, 30]:
    if x == 20:
        continue
    print(x)
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")
for i in range(5):
    if i == 2:
        break
else:
    print("not printed")
for i, v in enumerate("abc"):
    print(i, v)
for i, v in enumerate(["x", "y"], start=1):
    print(i, v)
for a, b in zip([1, 2, 3], "abcd"):
    print(a, b)
for k in {"k1": 1, "k2": 2}:
    print(k)
for i in range(10, 0, -3):
    print(i, end=",")
print()
for _ in range(0):
    print("never")
else:
    print("empty loop else")
total = 0
for row in [[1, 2], [3, 4], [5, 6]]:
    for v in row:
        total += v
print(total)
for x, y, z in [(1, 2, 3), (4, 5, 6)]:
    print(x + y + z)
for i in reversed(range(4)):
    print(i, end=" ")
print()
squares = []
for i in range(6):
    squares.append(i ** 2)
print(squares)
print(i)
data = [3, 8, 1]
for idx in range(len(data)):
    data[idx] *= 2
print(data)
