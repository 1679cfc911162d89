# A naked exception caught by except* is wrapped in an ExceptionGroup; a bare raise in
# the clause re-raises the wrapper.


def read_config(path):
    raise FileNotFoundError(f"{path} does not exist")


try:
    read_config("settings.ini")
except* FileNotFoundError:
    print("no configuration, giving up")
    raise
