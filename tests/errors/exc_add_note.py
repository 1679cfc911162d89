def parse(text):
    try:
        return int(text)
    except ValueError as e:
        e.add_note(f"while parsing {text!r}")
        e.add_note("second note\nwith two lines")
        raise


parse("abc")
