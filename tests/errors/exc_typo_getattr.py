d = {"a": 1}
getattr(d, "itemz")()
