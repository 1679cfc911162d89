err = OSError(2, "No such file or directory", "data.txt")
print(type(err).__name__, err.filename)
raise err
