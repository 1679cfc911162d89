def producer():
    try:
        yield 1
        yield 2
    finally:
        print("producer finally")


p = producer()
print(next(p))
p.throw(ValueError("bad input"))
