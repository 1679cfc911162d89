scores = {"ann": 3}
try:
    scores["bob"]
except KeyError as e:
    print(repr(e), e.args)
    e.add_note("known: ann")
    raise
