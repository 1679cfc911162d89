# Parts of a group handled at different levels of the call stack; what is left, and what
# the handlers raised, travels up with the frames it passes.


def load_all():
    raise ExceptionGroup("load", [ValueError("bad number"), TypeError("bad type"), OSError("disk")])


def parse():
    try:
        load_all()
    except* ValueError:
        print("parse: skipping bad numbers")
    except* OSError as e:
        raise RuntimeError("storage unavailable") from e


def service():
    try:
        parse()
    except* TypeError:
        raise


def main():
    try:
        service()
    except* KeyError:
        pass
    except* RuntimeError:
        raise LookupError("service failed")


main()
