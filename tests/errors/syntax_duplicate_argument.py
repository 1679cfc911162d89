def move(x, y, x):
    pass
