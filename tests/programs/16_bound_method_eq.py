class B:
    def click(self): return 1
b = B()
print(b.click == b.click, b.click != b.click, hash(b.click) == hash(b.click))
m = type(b.click)(B.click, b)
print(m == b.click, m())
print(len({b.click, b.click}))
