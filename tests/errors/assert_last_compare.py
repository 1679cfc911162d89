def check(x, y):
    assert y or x == 1
check(0, 0)
