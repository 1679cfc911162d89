# An error raised in __init__ of a class called from a function: the traceback names the
# call's line in the caller, then the line in __init__.
class Reading:
    def __init__(self, raw):
        self.value = int(raw)


def parse(lines):
    out = []
    for line in lines:
        out.append(Reading(line))
    return out


print(len(parse(["1", "2"])))
print(parse(["3", "four"]))
