# throw() and athrow() take one to three arguments; athrow() checks them only when its
# awaitable is first sent to (CPython's async_gen_athrow_send).
def gen():
    yield 1


async def agen():
    yield 1


for args in [(), (ValueError,), (ValueError, "v", None, "extra")]:
    g = gen()
    next(g)
    try:
        g.throw(*args)
    except TypeError as e:
        print("throw", len(args), "TypeError:", e)
    except ValueError as e:
        print("throw", len(args), "ValueError raised inside:", repr(e))

for args in [(), (1, 2, 3, 4)]:
    aw = agen().athrow(*args)
    print("athrow", len(args), "made", type(aw).__name__)
    try:
        aw.send(None)
    except TypeError as e:
        print("athrow", len(args), "TypeError:", e)
