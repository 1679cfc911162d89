# A student mistypes open(); CPython suggests the builtin.
def read_lines(path):
    with opn(path) as f:
        return f.readlines()


print("reading")
read_lines("data.txt")
