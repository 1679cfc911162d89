scores = [90, 80]
assert(len(scores) == 2, "two scores")
print("checked", len(scores))
