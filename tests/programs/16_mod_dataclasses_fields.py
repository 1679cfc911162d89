# dataclasses: kw_only, KW_ONLY, ClassVar, typing annotations, metadata, generated docstrings.
from dataclasses import dataclass, field, KW_ONLY, fields
from typing import ClassVar, List, Optional
@dataclass(kw_only=True)
class A:
    x: int
    y: int = 2
print(A(x=1))
try: A(1)
except TypeError as e: print(e)
@dataclass
class B:
    a: int
    _: KW_ONLY
    b: int = 0
    c: int
    count: ClassVar[int] = 0
    items: List[int] = field(default_factory=list)
    maybe: Optional[str] = None
print(B(1, c=3), [f.name for f in fields(B)], B.count)
print(B.__doc__)
print(A.__doc__)
class C: pass
print(C.__doc__)
@dataclass
class D:
    "Docs."
    x: 'int'
    y: list[int] = field(default_factory=list)
print(D.__doc__, D(1))
@dataclass
class E:
    x: int = field(default=1, metadata={"unit": "m"})
print(fields(E)[0].metadata["unit"], E())
@dataclass(init=False)
class F:
    x: int
print(repr(F.__doc__))
@dataclass
class G:
    pass
print(repr(G.__doc__))
@dataclass
class H:
    x: 'int' = 3
    y: 'A' = None
    z: A = None
    w: tuple = (1, 'a')
    def __init__(self, q, r: int = 5): pass
print(H.__doc__)
@dataclass
class I(B):
    zz: float = 1.0
print(I.__doc__)
