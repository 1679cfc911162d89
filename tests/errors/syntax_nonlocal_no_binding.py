def counter():
    def step():
        nonlocal count
        count += 1
    return step
