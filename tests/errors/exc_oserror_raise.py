def load(path):
    raise FileNotFoundError(2, 'No such file or directory')


try:
    load("data.txt")
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror)
load("data.txt")
