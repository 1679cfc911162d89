class ConfigError(Exception):
    pass

def parse_port(s):
    try:
        return int(s)
    except ValueError as e:
        raise ConfigError(f"bad port {s!r}") from e

for s in ["8080", "http"]:
    try:
        print("port", parse_port(s))
    except ConfigError as e:
        print("ConfigError:", e)
        print("  cause:", type(e.__cause__).__name__, e.__cause__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
except ValueError as e:
    print("context:", type(e.__context__).__name__, e.__context__, "| cause:", e.__cause__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("suppressed") from None
except ValueError as e:
    print("from None:", e.__cause__)

try:
    raise RuntimeError("top") from KeyError("k")
except RuntimeError as e:
    print(e, repr(e.__cause__))

def chain_depth(e):
    n = 0
    while e is not None:
        n += 1
        e = e.__cause__ or e.__context__
    return n

try:
    try:
        try:
            {}["a"]
        except KeyError as k:
            raise TypeError("level2") from k
    except TypeError:
        raise ValueError("level3")
except ValueError as e:
    print("chain depth", chain_depth(e))
