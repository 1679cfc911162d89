i = 0
while i < 5:
    print(i, end=" ")
    i += 1
print()
n = 10
while n > 0:
    n -= 3
    if n == 4:
        continue
    print("n", n)
else:
    print("while else runs when no break")
k = 0
while True:
    k += 1
    if k * k > 50:
        break
print("first k with k*k > 50:", k)
j = 0
while j < 10:
    j += 1
    if j == 3:
        break
else:
    print("not printed")
print("j", j)
# collatz
c = 27
steps = 0
while c != 1:
    c = c // 2 if c % 2 == 0 else 3 * c + 1
    steps += 1
print("collatz 27 steps", steps)
a, b = 0, 1
while b < 1000:
    a, b = b, a + b
print(a, b)
total = 0
x = 100
while x:
    total += x
    x -= 1
print(total)
outer = 0
while outer < 3:
    inner = 0
    while inner < 3:
        if inner == outer:
            inner += 1
            continue
        print(outer, inner, end="; ")
        inner += 1
    outer += 1
print()
