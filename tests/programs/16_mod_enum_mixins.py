# Enums with a str/int/float mixed in, and StrEnum: compare, hash and format as CPython 3.11's.
from enum import Enum, IntEnum, StrEnum, auto
import json
class S(str, Enum):
    A = 'a'
    B = 'b'
class I(int, Enum):
    X = 1
class F(float, Enum):
    HALF = 0.5
print(str(S.A), repr(S.A), f'{S.A}', format(S.A, '>5'), S.A == 'a', S.A.upper(), json.dumps([S.A, I.X]), str(I.X), f'{I.X}', I.X + 1, S('b'), S.A < S.B, hash(S.A)==hash('a'), S.A + 'x', len(S.A))
print(F.HALF * 2, repr(F.HALF), {'a': 1}[S.A], 'a' in [S.A], S.A in S, list(S), I(1), I.X.value)
class Color(StrEnum):
    RED = auto()
    GREEN = "green"
print(Color.RED, repr(Color.RED), f"{Color.GREEN:>7}|", Color.RED == "red", Color("green"), Color.RED.upper())
class T(str, Enum):
    def __str__(self): return self.value
    X = 'x'
print(T.X, f"{T.X}")
