"""A subset of CPython's os (posix), over the native _os: the process facts, and the
file-system calls course code makes around files (`stat`, `scandir`, `walk`, `mkdir`, ...).
`os.path` is `posixpath`, CPython's own module. `walk`, `makedirs`, `fspath` and `PathLike`
are CPython 3.11's Lib/os.py code; `stat_result` is a struct sequence as in CPython's posix
module, and `scandir`/`DirEntry` are written here over `listdir` and `lstat`."""

import abc as _abc
import sys
import _os
import _structseq

name = "posix"
sep = "/"
altsep = None
extsep = "."
pathsep = ":"
linesep = "\n"
curdir = "."
pardir = ".."
defpath = "/bin:/usr/bin"
devnull = "/dev/null"
environ = dict(_os.environ_items())
error = OSError

# The flags of os.open, Linux's values (as CPython's posix module has them on Linux).
O_RDONLY = 0
O_WRONLY = 1
O_RDWR = 2
O_ACCMODE = 3
O_CREAT = 64
O_EXCL = 128
O_NOCTTY = 256
O_TRUNC = 512
O_APPEND = 1024
O_NONBLOCK = O_NDELAY = 2048
O_DSYNC = 4096
O_DIRECTORY = 65536
O_NOFOLLOW = 131072
O_CLOEXEC = 524288
O_SYNC = O_RSYNC = 1052672
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


# File descriptors: real ones of the process, over the native _os (os.rs says how).
def open(path, flags, mode=0o777, *, dir_fd=None):
    return _os.open(_path("open", "path", path), flags, mode)


def close(fd):
    _os.close(fd)


def read(fd, length):
    return _os.read(fd, length)


def write(fd, data):
    return _os.write(fd, data)


def lseek(fd, position, whence):
    return _os.lseek(fd, position, whence)


def ftruncate(fd, length):
    _os.ftruncate(fd, length)


def fstat(fd):
    return stat_result(_os.fstat(fd))


# CPython 3.11's Lib/os.py fdopen.
def fdopen(fd, mode="r", buffering=-1, encoding=None, *args, **kwargs):
    if not isinstance(fd, int):
        raise TypeError("invalid fd type (%s, expected integer)" % type(fd))
    import io
    if "b" not in mode:
        encoding = io.text_encoding(encoding)
    return io.open(fd, mode, buffering, encoding, *args, **kwargs)


def _exit(status):
    """Exit to the system with specified status, without normal exit processing."""
    _os._exit(status)


def pipe():
    return _os.pipe()


def dup(fd):
    return _os.dup(fd)


def dup2(fd, fd2, inheritable=True):
    return _os.dup2(fd, fd2, inheritable)


def get_inheritable(fd):
    return _os.get_inheritable(fd)


def set_inheritable(fd, inheritable):
    _os.set_inheritable(fd, inheritable)


def chmod(path, mode, *, dir_fd=None, follow_symlinks=True):
    if isinstance(path, int) and not isinstance(path, bool):
        return fchmod(path, mode)
    _os.chmod(_path("chmod", "path", path, _PATH_OR_FD), mode, follow_symlinks)


def fchmod(fd, mode):
    _os.fchmod(fd, mode)


def symlink(src, dst, target_is_directory=False, *, dir_fd=None):
    _os.symlink(_path("symlink", "src", src), _path("symlink", "dst", dst))


def link(src, dst, *, src_dir_fd=None, dst_dir_fd=None, follow_symlinks=True):
    _os.link(_path("link", "src", src), _path("link", "dst", dst))


def umask(mask):
    return _os.umask(mask)


def getuid():
    return _os.ids()[0]


def geteuid():
    return _os.ids()[1]


def getgid():
    return _os.ids()[2]


def getegid():
    return _os.ids()[3]


def chown(path, uid, gid, *, dir_fd=None, follow_symlinks=True):
    _os.chown(_path("chown", "path", path, _PATH_OR_FD), uid, gid, follow_symlinks)


def lchown(path, uid, gid):
    _os.chown(_path("lchown", "path", path), uid, gid, False)


ST_RDONLY = 1
ST_NOSUID = 2

statvfs_result = _structseq.make(
    "os", "statvfs_result",
    ("f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree",
     "f_favail", "f_flag", "f_namemax", "f_fsid"),
    10)


def statvfs(path):
    return statvfs_result(_os.statvfs(_path("statvfs", "path", path, _PATH_OR_FD)))


terminal_size = _structseq.make("os", "terminal_size", ("columns", "lines"), 2)


def get_terminal_size(fd=1):
    """Return the size of the terminal window as (columns, lines)."""
    return terminal_size(_os.terminal_size(fd))


def getpid():
    return _os.getpid()


def cpu_count():
    return _os.cpu_count()


def getcwd():
    return _os.getcwd()


def getenv(key, default=None):
    return environ.get(key, default)


def _fspath(path):
    """Return the path representation of a path-like object.

    If str or bytes is passed in, it is returned unchanged. Otherwise the
    os.PathLike interface is used to get the path representation. If the
    path representation is not str or bytes, TypeError is raised. If the
    provided path is not str, bytes, or os.PathLike, TypeError is raised.
    """
    if isinstance(path, (str, bytes)):
        return path

    # Work from the object's type to match method resolution of other magic
    # methods.
    path_type = type(path)
    try:
        path_repr = path_type.__fspath__(path)
    except AttributeError:
        if hasattr(path_type, '__fspath__'):
            raise
        else:
            raise TypeError("expected str, bytes or os.PathLike object, "
                            "not " + path_type.__name__)
    if isinstance(path_repr, (str, bytes)):
        return path_repr
    else:
        raise TypeError("expected {}.__fspath__() to return str or bytes, "
                        "not {}".format(path_type.__name__,
                                        type(path_repr).__name__))


fspath = _fspath
fspath.__name__ = "fspath"


def fsencode(filename):
    filename = fspath(filename)
    if isinstance(filename, str):
        return filename.encode("utf-8", "surrogateescape")
    return filename


def fsdecode(filename):
    filename = fspath(filename)
    if isinstance(filename, bytes):
        return filename.decode("utf-8", "surrogateescape")
    return filename


class PathLike(_abc.ABC):

    """Abstract base class for implementing the file system path protocol."""

    @_abc.abstractmethod
    def __fspath__(self):
        """Return the file system path representation of the object."""
        raise NotImplementedError

    @classmethod
    def __subclasshook__(cls, subclass):
        if cls is PathLike:
            return hasattr(subclass, '__fspath__')
        return NotImplemented


_PATH = "string, bytes or os.PathLike"
_PATH_OR_FD = "string, bytes, os.PathLike or integer"
_PATH_FD_OR_NONE = "string, bytes, os.PathLike, integer or None"


def _path(func, arg, value, kinds=_PATH):
    """A path argument as a string, or CPython's TypeError for what cannot be one (bytes
    paths and file descriptors are not supported: they reach the natives, which refuse)."""
    if isinstance(value, str):
        return value
    if hasattr(type(value), "__fspath__"):
        return fspath(value)
    if isinstance(value, (bytes, int)) and not isinstance(value, bool):
        return value
    raise TypeError(f"{func}: {arg} should be {kinds}, not {type(value).__name__}")


def remove(path, *, dir_fd=None):
    _os.remove(_path("remove", "path", path))


def unlink(path, *, dir_fd=None):
    _os.remove(_path("unlink", "path", path))


def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    _os.rename(_path("rename", "src", src), _path("rename", "dst", dst))


def replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    _os.rename(_path("replace", "src", src), _path("replace", "dst", dst))


def mkdir(path, mode=0o777, *, dir_fd=None):
    _os.mkdir(_path("mkdir", "path", path), mode)


def rmdir(path, *, dir_fd=None):
    _os.rmdir(_path("rmdir", "path", path))


def chdir(path):
    _os.chdir(_path("chdir", "path", path, _PATH_OR_FD))


def readlink(path, *, dir_fd=None):
    return _os.readlink(_path("readlink", "path", path))


def utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True):
    if times is not None and ns is not None:
        raise ValueError("utime: you may specify either 'times' or 'ns' but not both")
    if times is not None:
        if not isinstance(times, tuple) or len(times) != 2:
            raise TypeError("utime: 'times' must be either a tuple of two ints or None")
        ns = tuple(round(t * 1e9) if isinstance(t, float) else t * 1000000000 for t in times)
    elif ns is not None and (not isinstance(ns, tuple) or len(ns) != 2):
        raise TypeError("utime: 'ns' must be a tuple of two ints")
    _os.utime(_path("utime", "path", path, _PATH_OR_FD), ns)


def listdir(path=None):
    if path is None:
        path = "."
    return _os.listdir(_path("listdir", "path", path, _PATH_FD_OR_NONE))


stat_result = _structseq.make(
    "os", "stat_result",
    ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size",
     "_st_atime_int", "_st_mtime_int", "_st_ctime_int",
     "st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns",
     "st_blksize", "st_blocks", "st_rdev"),
    10)
# The visible fields 7 to 9 are the whole seconds, reached by index only (as in CPython).
stat_result._fields = stat_result._fields[:7] + ("st_atime", "st_mtime", "st_ctime") \
    + stat_result._fields[10:]
_structseq_new = stat_result.__new__


def _stat_result_new(cls, sequence, dict=None):
    # As CPython's statresult_new: a float time not given is the whole seconds.
    self = _structseq_new(cls, sequence, dict)
    extra = list(self._x)
    for i in range(3):
        if extra[i] is None:
            extra[i] = self[7 + i]
    object.__setattr__(self, '_x', tuple(extra))
    return self


stat_result.__new__ = staticmethod(_stat_result_new)


def stat(path, *, dir_fd=None, follow_symlinks=True):
    if isinstance(path, int) and not isinstance(path, bool):
        return fstat(path)
    return stat_result(_os.stat(_path("stat", "path", path, _PATH_OR_FD), follow_symlinks))


def lstat(path, *, dir_fd=None):
    return stat_result(_os.stat(_path("lstat", "path", path), False))


class DirEntry:
    """An entry of a directory listed by scandir(): its name, its path, and what it is
    (asked of the system when first needed, then kept)."""

    __module__ = "posix"

    def __init__(self, dir, name):
        self.name = name
        if dir.endswith("/"):
            self.path = dir + name
        else:
            self.path = dir + "/" + name
        self._lstat = None
        self._stat = None

    def __repr__(self):
        return "<DirEntry %r>" % (self.name,)

    def __fspath__(self):
        return self.path

    def __class_getitem__(cls, item):
        return cls

    def inode(self):
        return self.stat(follow_symlinks=False).st_ino

    def stat(self, *, follow_symlinks=True):
        if self._lstat is None:
            self._lstat = lstat(self.path)
        if not follow_symlinks or (self._lstat.st_mode & 0o170000) != 0o120000:
            return self._lstat
        if self._stat is None:
            self._stat = stat(self.path)
        return self._stat

    def _mode(self, follow_symlinks):
        try:
            return self.stat(follow_symlinks=follow_symlinks).st_mode
        except FileNotFoundError:
            return 0

    def is_dir(self, *, follow_symlinks=True):
        return (self._mode(follow_symlinks) & 0o170000) == 0o040000

    def is_file(self, *, follow_symlinks=True):
        return (self._mode(follow_symlinks) & 0o170000) == 0o100000

    def is_symlink(self):
        return (self._mode(False) & 0o170000) == 0o120000


class _ScandirIterator:
    """What scandir() returns: an iterator of DirEntry objects, and a context manager."""

    __module__ = "posix"
    __qualname__ = __name__ = "ScandirIterator"

    def __init__(self, path, names):
        self._path = path
        self._names = iter(names)

    def __iter__(self):
        return self

    def __next__(self):
        return DirEntry(self._path, next(self._names))

    def close(self):
        self._names = iter(())

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def scandir(path=None):
    if path is None:
        path = "."
    path = _path("scandir", "path", path, _PATH_FD_OR_NONE)
    return _ScandirIterator(path, _os.listdir(path))


def makedirs(name, mode=0o777, exist_ok=False):
    """makedirs(name [, mode=0o777][, exist_ok=False])

    Super-mkdir; create a leaf directory and all intermediate ones.  Works like
    mkdir, except that any intermediate path segment (not just the rightmost)
    will be created if it does not exist. If the target directory already
    exists, raise an OSError if exist_ok is False. Otherwise no exception is
    raised.  This is recursive.

    """
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            # Defeats race condition when another thread created the path
            pass
        cdir = curdir
        if isinstance(tail, bytes):
            cdir = bytes(curdir, 'ASCII')
        if tail == cdir:           # xxx/newdir/. exists if xxx/newdir exists
            return
    try:
        mkdir(name, mode)
    except OSError:
        # Cannot rely on checking for EEXIST, since the operating system
        # could give priority to other errors like EACCES or EROFS
        if not exist_ok or not path.isdir(name):
            raise


def walk(top, topdown=True, onerror=None, followlinks=False):
    """Directory tree generator: for each directory in the tree rooted at top (top
    included), yields a 3-tuple (dirpath, dirnames, filenames). CPython 3.11's code."""
    sys.audit("os.walk", top, topdown, onerror, followlinks)
    return _walk(fspath(top), topdown, onerror, followlinks)


def _walk(top, topdown, onerror, followlinks):
    dirs = []
    nondirs = []
    walk_dirs = []

    # We may not have read permission for top, in which case we can't
    # get a list of the files the directory contains.  os.walk
    # always suppressed the exception then, rather than blow up for a
    # minor reason when (say) a thousand readable directories are still
    # left to visit.  That logic is copied here.
    try:
        scandir_it = scandir(top)
    except OSError as error:
        if onerror is not None:
            onerror(error)
        return

    with scandir_it:
        while True:
            try:
                try:
                    entry = next(scandir_it)
                except StopIteration:
                    break
            except OSError as error:
                if onerror is not None:
                    onerror(error)
                return

            try:
                is_dir = entry.is_dir()
            except OSError:
                # If is_dir() raises an OSError, consider that the entry is not
                # a directory, same behaviour than os.path.isdir().
                is_dir = False

            if is_dir:
                dirs.append(entry.name)
            else:
                nondirs.append(entry.name)

            if not topdown and is_dir:
                # Bottom-up: recurse into sub-directory, but exclude symlinks to
                # directories if followlinks is False
                if followlinks:
                    walk_into = True
                else:
                    try:
                        is_symlink = entry.is_symlink()
                    except OSError:
                        # If is_symlink() raises an OSError, consider that the
                        # entry is not a symbolic link, same behaviour than
                        # os.path.islink().
                        is_symlink = False
                    walk_into = not is_symlink

                if walk_into:
                    walk_dirs.append(entry.path)

    # Yield before recursion if going top down
    if topdown:
        yield top, dirs, nondirs

        # Recurse into sub-directories
        islink, join = path.islink, path.join
        for dirname in dirs:
            new_path = join(top, dirname)
            # Issue #23605: os.path.islink() is used instead of caching
            # entry.is_symlink() result during the loop on os.scandir() because
            # the caller can replace the directory entry during the "yield"
            # above.
            if followlinks or not islink(new_path):
                yield from _walk(new_path, topdown, onerror, followlinks)
    else:
        # Recurse into sub-directories
        for new_path in walk_dirs:
            yield from _walk(new_path, topdown, onerror, followlinks)
        # Yield after recursion if going bottom up
        yield top, dirs, nondirs


import posixpath as path
