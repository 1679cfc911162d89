"""The password database (CPython's `pwd`), read from `/etc/passwd`: the file the C
library's `getpwnam` reads on a system whose users are local ("files" in nsswitch.conf).
`struct_passwd` is a struct sequence, as CPython's."""

import _structseq

struct_passwd = _structseq.make(
    "pwd", "struct_passwd",
    ("pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"))


def _entries():
    try:
        with open("/etc/passwd", encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    out = []
    for line in lines:
        parts = line.split(":")
        if len(parts) != 7 or line.startswith(("#", "+", "-")):
            continue
        try:
            parts[2] = int(parts[2])
            parts[3] = int(parts[3])
        except ValueError:
            continue
        out.append(struct_passwd(parts))
    return out


def _id(v, what):
    if isinstance(v, int):
        return v
    if hasattr(type(v), "__index__"):
        return type(v).__index__(v)
    raise TypeError(f"{what} should be integer, not {type(v).__name__}")


def getpwuid(uid, /):
    """Return the password database entry for the given numeric user ID."""
    uid = _id(uid, "uid")
    for e in _entries():
        if e.pw_uid == uid:
            return e
    raise KeyError(f"getpwuid(): uid not found: {uid}")


def getpwnam(name, /):
    """Return the password database entry for the given user name."""
    if not isinstance(name, str):
        raise TypeError(f"getpwnam() argument must be str, not {type(name).__name__}")
    for e in _entries():
        if e.pw_name == name:
            return e
    raise KeyError(f"getpwnam(): name not found: {name!r}")


def getpwall():
    """Return a list of all available password database entries, in arbitrary order."""
    return _entries()
