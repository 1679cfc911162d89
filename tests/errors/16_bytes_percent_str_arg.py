# A log line built as bytes: the user's name is a str, and bytes % formatting takes only
# bytes-like objects for %s (PEP 461), with CPython's TypeError.
def log_line(level, name, count):
    return b"[%s] %s sent %d packets\n" % (level, name, count)

print(log_line(b"INFO", b"ada", 3))
print(log_line(b"WARN", "grace", 4))
