"""io: StringIO, an in-memory text stream (what contextlib.redirect_stdout is used with),
TextIOWrapper, the text file the built-in open() returns (read-only: the text is read and
decoded by open() itself), BytesIO, an in-memory binary stream, and BufferedReader, the binary
file open(path, 'rb') returns (its bytes read by open())."""

__all__ = ["StringIO", "TextIOWrapper", "BytesIO", "BufferedReader", "UnsupportedOperation"]


class UnsupportedOperation(OSError, ValueError):
    pass


class StringIO:
    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._buf = initial_value
        self._pos = 0
        self.closed = False

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        if self._pos > len(self._buf):
            self._buf += "\0" * (self._pos - len(self._buf))
        self._buf = self._buf[:self._pos] + s + self._buf[self._pos + len(s):]
        self._pos += len(s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def getvalue(self):
        self._check()
        return self._buf

    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            end = len(self._buf)
        else:
            end = min(len(self._buf), self._pos + size)
        out = self._buf[self._pos:end]
        self._pos = max(self._pos, end)
        return out

    def readline(self, size=-1):
        self._check()
        end = self._buf.find("\n", self._pos)
        end = len(self._buf) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = self._buf[self._pos:end]
        self._pos = max(self._pos, end)
        return out

    def readlines(self):
        return list(self)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position %d" % pos)
            self._pos = pos
        elif whence == 2:
            self._pos = len(self._buf)
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        self._buf = self._buf[:size]
        return size

    def flush(self):
        self._check()

    def close(self):
        self.closed = True

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def isatty(self):
        return False

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()


class TextIOWrapper(StringIO):
    """A text file opened for reading: its whole text, served as StringIO serves a string."""

    __module__ = "_io"

    def __init__(self, text, name, mode, encoding, undecodable=None):
        StringIO.__init__(self, text)
        self.name = name
        self.mode = mode
        self.encoding = encoding
        self._undecodable = undecodable

    def _check(self):
        StringIO._check(self)
        if self._undecodable is not None:
            raise self._undecodable

    def _not_writable(self, *args):
        self._check()
        raise UnsupportedOperation("not writable")

    write = _not_writable
    writelines = _not_writable

    def truncate(self, size=None):
        self._check()
        raise UnsupportedOperation("File not open for writing")

    def getvalue(self):
        raise AttributeError("'_io.TextIOWrapper' object has no attribute 'getvalue'")

    def writable(self):
        self._check()
        return False

    def readable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def __next__(self):
        self._check()
        return StringIO.__next__(self)

    def __repr__(self):
        return "<_io.TextIOWrapper name=%r mode=%r encoding=%r>" % (
            self.name, self.mode, self.encoding)


class BytesIO:
    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        self._buf = bytearray(initial_bytes)
        self._pos = 0
        self.closed = False

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def write(self, b):
        self._check()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = bytes(b)
        if self._pos > len(self._buf):
            self._buf += bytes(self._pos - len(self._buf))
        self._buf[self._pos:self._pos + len(b)] = b
        self._pos += len(b)
        return len(b)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def getvalue(self):
        self._check()
        return bytes(self._buf)

    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            end = len(self._buf)
        else:
            end = min(len(self._buf), self._pos + size)
        out = bytes(self._buf[self._pos:end])
        self._pos = max(self._pos, end)
        return out

    read1 = read

    def readline(self, size=-1):
        self._check()
        end = self._buf.find(b"\n", self._pos)
        end = len(self._buf) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = bytes(self._buf[self._pos:end])
        self._pos = max(self._pos, end)
        return out

    def readlines(self):
        return list(self)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        del self._buf[size:]
        return size

    def flush(self):
        self._check()

    def close(self):
        self.closed = True

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def isatty(self):
        return False

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()


class BufferedReader(BytesIO):
    """A binary file opened for reading: its bytes, served as BytesIO serves them."""

    __module__ = "_io"

    def __init__(self, data, name, mode):
        BytesIO.__init__(self, data)
        self.name = name
        self.mode = mode

    def _not_writable(self, *args):
        self._check()
        raise UnsupportedOperation("write")

    write = _not_writable
    writelines = _not_writable

    def truncate(self, size=None):
        self._check()
        raise UnsupportedOperation("truncate")

    def getvalue(self):
        raise AttributeError("'_io.BufferedReader' object has no attribute 'getvalue'")

    def writable(self):
        self._check()
        return False

    def __repr__(self):
        return "<_io.BufferedReader name=%r>" % (self.name,)
