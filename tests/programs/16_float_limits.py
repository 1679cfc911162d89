# Floating point limits, a numerics lesson: what sys.float_info says, and checking it.
import sys
import os

fi = sys.float_info
print(fi)
print(type(fi).__name__, len(fi), fi.n_sequence_fields)
print("largest float:", fi.max, "== max?", fi.max == fi[0])
print("smallest normal:", fi.min)
print("epsilon:", fi.epsilon, 1.0 + fi.epsilon > 1.0, 1.0 + fi.epsilon / 2 == 1.0)
print("digits:", fi.dig, "mantissa bits:", fi.mant_dig, "radix:", fi.radix)
print("exponents:", fi.min_exp, fi.max_exp, fi.min_10_exp, fi.max_10_exp)
print("rounds:", fi.rounds)
print("overflow to inf:", fi.max * 2, -fi.max * 2)
print("2**mant_dig is exact:", float(2 ** fi.mant_dig) == 2 ** fi.mant_dig,
      float(2 ** fi.mant_dig + 1) == 2 ** fi.mant_dig + 1)

# Machine epsilon by halving, the classic exercise
eps = 1.0
while 1.0 + eps / 2 != 1.0:
    eps /= 2
print("computed epsilon:", eps, eps == fi.epsilon)

mx, mexp, m10, *rest = fi
print(mx, mexp, m10, rest)
print(tuple(fi)[5:], fi == tuple(fi), fi[-1])

ii = sys.int_info
print(ii)
print(ii.bits_per_digit, ii.sizeof_digit, ii.default_max_str_digits, ii.str_digits_check_threshold)
print("maxsize:", sys.maxsize, sys.maxsize == 2 ** 63 - 1)
print("path is a list:", type(sys.path).__name__, "first entry is this folder:",
      os.path.basename(sys.path[0]))
print(sys.stdin.name, sys.stdin.mode)
try:
    fi.max = 1.0
except AttributeError as e:
    print("AttributeError:", e)
