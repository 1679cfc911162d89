def f():
    valu = 1
    print(value)
    value = 2


f()
