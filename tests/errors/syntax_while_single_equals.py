x = 0
while x = 1:
    pass
