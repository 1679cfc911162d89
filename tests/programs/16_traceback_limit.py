# A logger that keeps error reports short: traceback's limit= and chain= arguments.
import sys
import traceback


def load(path):
    raise FileNotFoundError(2, "No such file or directory", path)


def read_config(path):
    try:
        return load(path)
    except OSError as e:
        raise RuntimeError(f"cannot read {path}") from e


def start(n):
    if n == 0:
        return read_config("app.ini")
    return start(n - 1)


def attempt(label, **kwargs):
    print(f"=== {label}")
    try:
        start(2)
    except RuntimeError:
        traceback.print_exc(file=sys.stdout, **kwargs)


attempt("full")
attempt("limit=1", limit=1)
attempt("limit=2", limit=2)
attempt("limit=-1", limit=-1)
attempt("limit=-3", limit=-3)
attempt("limit=0", limit=0)
attempt("no chain", chain=False)
attempt("no chain, limit=-2", chain=False, limit=-2)

try:
    start(1)
except RuntimeError as e:
    lines = traceback.format_exception(e, limit=1)
    print(len(lines))
    print("".join(lines), end="")
    print(traceback.format_exc(limit=1, chain=False), end="")
    traceback.print_exception(type(e), e, e.__traceback__, limit=-1, file=sys.stdout)
    print([fs.name for fs in traceback.extract_tb(e.__traceback__, limit=-2)])
    print(len(traceback.format_tb(e.__traceback__, limit=3)))


def context():
    try:
        {}["missing"]
    except KeyError:
        len(5)


try:
    context()
except TypeError:
    print(traceback.format_exc(limit=1), end="")
    print(traceback.format_exc(limit=-1, chain=False), end="")
