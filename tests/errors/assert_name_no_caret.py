def check(items):
    ok = len(items) > 2
    assert ok, "need three items"
check([1, 2])
