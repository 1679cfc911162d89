"""A subset of CPython's os and os.path (posix), over the native _os: the process facts, and
the file-system calls course code makes around files."""

import _os

name = "posix"
sep = "/"
pathsep = ":"
linesep = "\n"
curdir = "."
pardir = ".."
environ = dict(_os.environ_items())


def getpid():
    return _os.getpid()


def cpu_count():
    return _os.cpu_count()


def getcwd():
    return _os.getcwd()


def getenv(key, default=None):
    return environ.get(key, default)


remove = unlink = _os.remove
rename = _os.rename
mkdir = _os.mkdir
rmdir = _os.rmdir


def makedirs(name, exist_ok=False):
    _os.makedirs(name, exist_ok)


def listdir(path="."):
    return _os.listdir(path)


class _Path:
    """os.path: posixpath's string functions, and exists/isfile/isdir/getsize."""

    sep = "/"

    @staticmethod
    def join(a, *p):
        path = a
        for b in p:
            if b.startswith("/"):
                path = b
            elif not path or path.endswith("/"):
                path += b
            else:
                path += "/" + b
        return path

    @staticmethod
    def split(p):
        i = p.rfind("/") + 1
        head, tail = p[:i], p[i:]
        if head and head != "/" * len(head):
            head = head.rstrip("/")
        return head, tail

    @staticmethod
    def basename(p):
        return p[p.rfind("/") + 1:]

    @staticmethod
    def dirname(p):
        return _Path.split(p)[0]

    @staticmethod
    def splitext(p):
        dot = p.rfind(".")
        slash = p.rfind("/")
        if dot > slash:
            stem = p[slash + 1:dot]
            if stem.strip("."):
                return p[:dot], p[dot:]
        return p, ""

    @staticmethod
    def isabs(p):
        return p.startswith("/")

    @staticmethod
    def normpath(path):
        if path == "":
            return "."
        initial = 1 if path.startswith("/") else 0
        if initial and path.startswith("//") and not path.startswith("///"):
            initial = 2
        comps = path.split("/")
        new = []
        for comp in comps:
            if comp in ("", "."):
                continue
            if comp != ".." or (not initial and not new) or (new and new[-1] == ".."):
                new.append(comp)
            elif new:
                new.pop()
        path = "/".join(new)
        if initial:
            path = "/" * initial + path
        return path or "."

    @staticmethod
    def abspath(p):
        if not p.startswith("/"):
            p = _Path.join(_os.getcwd(), p)
        return _Path.normpath(p)

    @staticmethod
    def exists(p):
        return _os.stat_kind(p) is not None

    @staticmethod
    def isfile(p):
        return _os.stat_kind(p) == "file"

    @staticmethod
    def isdir(p):
        return _os.stat_kind(p) == "dir"

    @staticmethod
    def getsize(p):
        return _os.getsize(p)


path = _Path()
