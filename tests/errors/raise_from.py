class ConfigError(Exception):
    pass


def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise ConfigError(f"bad number: {s!r}") from e


print(parse("12"))
print(parse("twelve"))
