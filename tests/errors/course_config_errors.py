class ValidationError(Exception):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


class ConfigError(Exception):
    pass


def parse_port(value):
    try:
        port = int(value)
    except ValueError:
        raise ValidationError("port", f"not a number: {value!r}")
    if not 0 < port < 65536:
        raise ValidationError("port", f"out of range: {port}")
    return port


def load(config):
    try:
        return {"host": config["host"], "port": parse_port(config["port"])}
    except KeyError as e:
        raise ConfigError(f"missing key {e}") from None
    except ValidationError as e:
        raise ConfigError("invalid config") from e


for cfg in [{"host": "h", "port": "80"}, {"host": "h"}, {"host": "h", "port": "99999"}, {"host": "h", "port": "x"}]:
    try:
        print(load(cfg))
    except ConfigError as e:
        print("ConfigError:", e, "| cause:", e.__cause__, "| suppress:", e.__suppress_context__)
def risky(n):
    try:
        if n == 0:
            raise ValueError("zero")
        return 10 / n
    except ValueError:
        print("handled zero")
        return None
    else:
        print("no error for", n)
    finally:
        print("finally for", n)
print(risky(0), risky(5))
errs = []
for f in (lambda: [][1], lambda: {}["k"], lambda: int("z"), lambda: None.x, lambda: 1 + "a", lambda: undefined_name, lambda: "abc".foo(), lambda: [1, 2].index(5), lambda: (1, 2)[5], lambda: 2 ** 10000 * 1.0, lambda: "%d" % "s", lambda: open("/nonexistent/file")):
    try:
        f()
    except Exception as e:
        errs.append(f"{type(e).__name__}: {e}")
print("\n".join(errs))
try:
    raise ExceptionGroup("many", [ValueError("a"), TypeError("b")])
except* ValueError as eg:
    print("got values", eg.exceptions)
except* TypeError as eg:
    print("got types", eg.exceptions)
e = ValidationError("name", "too short")
e.add_note("hint: use 3+ chars")
print(e.__notes__, isinstance(e, Exception), e.args)
load({"host": "h", "port": "-1"})
