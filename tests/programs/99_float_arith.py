print(1/3, 2/4, -7/2, 10**15/3, (2**53+1)/1, 5/0.5, 3*0.1, 0.1+0.2, 1-0.9, 2**60/3)
x = 1e308; x *= 10; print(x, -x, 1e308+1e308)
print(7.5 - 2, 2 - 7.5, 3 * 1.5, 1.5 * 3, 0.0 * -1, -0.0 + 0, 0 * -0.0)
try:
    1.0/0
except ZeroDivisionError as e: print(e)
try:
    1/0
except ZeroDivisionError as e: print(e)
try:
    1/0.0
except ZeroDivisionError as e: print(e)
print(True + 0.5, 1.5 / True)
n = 9007199254740993; print(n / 1, n / 3, -n/7, (2**53)/3)
a = 5; a /= 2; print(a)
