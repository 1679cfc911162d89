"""The group database (CPython's `grp`), read from `/etc/group`: the file the C library's
`getgrnam` reads on a system whose groups are local ("files" in nsswitch.conf).
`struct_group` is a struct sequence, as CPython's."""

import _structseq

struct_group = _structseq.make(
    "grp", "struct_group", ("gr_name", "gr_passwd", "gr_gid", "gr_mem"))


def _entries():
    try:
        with open("/etc/group", encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    out = []
    for line in lines:
        parts = line.split(":")
        if len(parts) != 4 or line.startswith(("#", "+", "-")):
            continue
        try:
            gid = int(parts[2])
        except ValueError:
            continue
        members = [m for m in parts[3].split(",") if m]
        out.append(struct_group((parts[0], parts[1], gid, members)))
    return out


def getgrgid(id, /):
    """Return the group database entry for the given numeric group ID."""
    if not isinstance(id, int):
        if not hasattr(type(id), "__index__"):
            raise TypeError(f"gid should be integer, not {type(id).__name__}")
        id = type(id).__index__(id)
    for e in _entries():
        if e.gr_gid == id:
            return e
    raise KeyError(f"getgrgid(): gid not found: {id}")


def getgrnam(name, /):
    """Return the group database entry for the given group name."""
    if not isinstance(name, str):
        raise TypeError(f"getgrnam() argument must be str, not {type(name).__name__}")
    for e in _entries():
        if e.gr_name == name:
            return e
    raise KeyError(f"getgrnam(): name not found: {name!r}")


def getgrall():
    """Return a list of all available group entries, in arbitrary order."""
    return _entries()
