print(int("  -123  "), int("+7"), int("1_000"), int("0"), int("-0"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0b101", 2), int("0o17", 8), int("zz", 36))
print(int("0x1A", 0), int("0o17", 0), int("0b11", 0), int("99", 0))
print(int(3.999), int(-3.999), int(1e18), int("12345678901234567890"))
for bad in ["", "1.5", "abc", "1e5", " ", "12a"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
print(float("1_000.5"), float(" 2.5e3 "), float("-.5"), float("5."), float("Infinity"), float("-iNF"))
print(str(255), hex(255), oct(255), bin(255), hex(0), bin(-5), oct(-8))
print(format(255, "b"), format(255, "o"), format(255, "x"), format(255, "#X"), format(10, "08b"))
print(str(10 ** 20), repr(-5), str(-0))
print(ord("0"), chr(ord("0") + 9), [ord(c) - 48 for c in "2024"])
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    neg = n < 0
    n = abs(n)
    out = ""
    while n:
        n, r = divmod(n, b)
        out = digits[r] + out
    return "-" * neg + out
print(to_base(255, 2), to_base(255, 16), to_base(-100, 7), to_base(2 ** 64, 36))
print(int(to_base(2 ** 64, 36), 36) == 2 ** 64)
print(bool("False"), bool(0.0), int(True) + int(False), float(False))
print((255).bit_length(), (0).bit_length(), (-1).bit_length(), (2 ** 100).bit_length())
print(int(" 42 "), int("\t42\n"), round(42.5), round(43.5))
