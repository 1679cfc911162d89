def stubborn():
    try:
        yield "first"
    except GeneratorExit:
        print("not stopping")
    yield "second"


s = stubborn()
print(next(s))
s.close()
