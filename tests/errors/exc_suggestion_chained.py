try:
    lenn([1])
except NameError as e:
    print(str(e), repr(e), e.args)
    raise RuntimeError("wrapped") from e
