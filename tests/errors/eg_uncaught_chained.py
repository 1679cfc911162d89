# A group raised from a cause while another exception is handled; members with their
# own causes, contexts and notes.


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise LookupError(f"no number in {text!r}") from e


def parse_all(texts):
    errors = []
    for t in texts:
        try:
            parse(t)
        except LookupError as e:
            e.add_note(f"input was {t!r}")
            errors.append(e)
    return errors


try:
    {}["settings"]
except KeyError as missing:
    try:
        1 / 0
    except ZeroDivisionError:
        eg = ExceptionGroup("parse errors", parse_all(["1", "two", "3.5"]))
        eg.add_note("2 of 3 inputs rejected")
        raise eg from missing
