a = list(range(10))
print(a[2:5], a[:3], a[7:], a[::2], a[::-1], a[8:2:-2], a[-3:], a[:-3], a[100:], a[-100:2], a[5:1], a[::-3], a[None:None:None])
b = a[:]; b[2:5] = [9, 9]; print(b)
b = a[:]; b[::2] = (1, 1, 1, 1, 1); print(b)
b = a[:]; b[:] = b; print(b)
b = a[:]; b[3:3] = b; print(b)
b = a[:]; b[8:2:-2] = [0, 0, 0]; print(b)
b = a[:]; b[-2:] = "xy"; print(b)
b = a[:]; b[1:3] = (x * 2 for x in range(4)); print(b)
try:
    b[::2] = [1, 2]
except ValueError as e: print(e)
try:
    b[::0]
except ValueError as e: print(e)
try:
    b[::0] = []
except ValueError as e: print(e)
try:
    b["x":] 
except TypeError as e: print(e)
class I:
    def __index__(self): return 2
print(a[I():I()+3 if False else 5], a[:I()])
t = tuple(a); print(t[1:4], "hello"[1:3])
c = [[1], [2], [3]]; d = c[0:2]; d[0].append(5); print(c, d)
x = 2**70; print(a[:x], a[-x:])
b = a[:]; b[1:2] = []; print(b)
print(a[True:])
