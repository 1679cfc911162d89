from contextlib import contextmanager


@contextmanager
def opened(name):
    print("open", name)
    try:
        yield name
    finally:
        print("close", name)


def read_config(path):
    with opened(path) as f:
        return int(f)


print(read_config("42"))
read_config("settings.ini")
