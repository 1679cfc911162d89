# except* handles part of a group; a clause raises; the rest and the new error escape.


def load(name):
    raise FileNotFoundError(f"no such config: {name}")


def check(value):
    raise ValueError(f"invalid value {value!r}")


def gather():
    errors = []
    for name in ("main.toml", "extra.toml"):
        try:
            load(name)
        except OSError as e:
            errors.append(e)
    try:
        check("x")
    except ValueError as e:
        e.add_note("while checking the defaults")
        errors.append(e)
    errors.append(ExceptionGroup("nested", [TypeError("t"), KeyError("k")]))
    raise ExceptionGroup("startup failed", errors)


try:
    gather()
except* FileNotFoundError as eg:
    print("missing files:", len(eg.exceptions))
    raise RuntimeError("cannot start without configuration")
except* TypeError:
    print("type errors ignored")
