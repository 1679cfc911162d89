z = 1+2j
w = complex(3, -4)
print(z, w, repr(z), str(2j), 1.5J, 1e3j, -2j, -0j, -(0j))
print(z + w, z - w, z * w, z / w, z ** 2, z ** 0.5, z ** w, 2 ** z)
print(z + 1, 1 + z, z * 2.5, 2.5 * z, z - True, 10 / z)
print(abs(w), abs(z), z.real, z.imag, z.conjugate(), type(z), type(z).__name__)
print(z == 1+2j, z != w, complex(2) == 2, complex(2) == 2.0, 2 == complex(2), 1j == 1)
print(hash(1+2j), hash(complex(2)), hash(2), hash(-1+0j), hash(1.5j))
print(complex("1+2j"), complex(" (3-4.5j) "), complex("j"), complex("-j"), complex("2"), complex("1e3j"))
print(complex(1+2j, 3+4j), complex(), complex(imag=2), complex(real=1.5))
print(format(z, '.2f'), f"{w:10.3f}|", f"{z:>12}|", f"{z:e}", f"{z:g}", f"{1j:.3}", f"{z:+}")
print(isinstance(z, complex), bool(0j), bool(1j), complex(float('nan'), float('inf')))
print((-8) ** 0.5, (-8.0) ** (1/3), (-1) ** 0.5)
print([1j ** n for n in range(5)])
print((1+1j) ** 10, (1+1j) ** -3, (0.5+0.5j) ** 100)
print(sum([1j, 2, 3.5]), sorted([3, 1, 2], key=lambda x: abs(x * 1j)))
print({1j: 'a', 2: 'b'}[1j], {complex(2): 'x'}[2])
print(repr(complex(-0.0, -0.0)), repr(complex(0.0, -0.0)), complex(1e300, 1e300), complex(1e-5, 1e16))
import numbers
print(isinstance(z, numbers.Complex), isinstance(z, numbers.Real), isinstance(1, numbers.Complex))
for bad in ["1+", "abc", "1 + 2j", ""]:
    try:
        complex(bad)
    except ValueError as e:
        print("ValueError:", e)
for f in [lambda: z < w, lambda: int(z), lambda: float(z), lambda: z // 2, lambda: z % 2,
          lambda: 1 / 0j, lambda: 0j ** -1, lambda: complex("1", 2), lambda: complex(1, "2"),
          lambda: complex([]), lambda: complex(1, []), lambda: round(z), lambda: divmod(z, 2),
          lambda: format(z, '010'), lambda: format(z, '=10'), lambda: format(z, 'd'), lambda: max(z, w),
          lambda: (1e200+1e200j) ** 3, lambda: pow(z, 2, 3), lambda: z.real.__class__, lambda: hash(z.conjugate())]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
