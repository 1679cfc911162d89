class A:
    def __init__(self, n): self.n = n
    def __del__(self):
        print("bye", self.n)
a = A(1)
del a
print("after del")
b = A(2)
b = None
print("after rebind")
def f():
    x = A(3)
    print("in f")
f()
print("after f")
lst = [A(4), A(5)]
lst.clear()
print("after clear")
class B(A):
    pass
B(6)
print("after temp")
class E:
    def __del__(self):
        raise ValueError("oops")
e = E()
del e
print("end")
