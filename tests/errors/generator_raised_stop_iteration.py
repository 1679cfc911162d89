def pairs(items):
    it = iter(items)
    while True:
        a = next(it)
        b = next(it)
        yield a, b


for pair in pairs([1, 2, 3]):
    print(pair)
