"""io: StringIO, an in-memory text stream (what contextlib.redirect_stdout is used with),
TextIOWrapper (over a binary stream, decoded a chunk at a time; the text file the built-in
open() returns is one too, but its text is read and decoded by open() itself, and writes
reach the file through the native _os), BytesIO, and the binary files of open()
(BufferedReader, BufferedWriter, BufferedRandom over an OS file descriptor)."""

__all__ = ["StringIO", "BytesIO", "TextIOWrapper", "BufferedReader", "BufferedWriter",
           "BufferedRandom", "FileIO", "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END"]

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

from _weakref import ref as _ref
from builtins import open as _builtin_open

# The files open for writing, by id: closed at the end of the program (_flush_at_exit), as
# CPython's finalization closes (and so flushes) the files still open.
_writers = {}


class UnsupportedOperation(OSError, ValueError):
    pass


class _IOBase:
    """What StringIO and BytesIO (and the files built on them) share, as CPython's
    `_io._IOBase`."""

    __module__ = "_io"
    __tp_name__ = "_io._IOBase"  # the C type's name, for error messages

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def readlines(self):
        return list(self)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def tell(self):
        self._check()
        return self._pos

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


class _TextIOBase(_IOBase):
    __module__ = "_io"
    __tp_name__ = "_io._TextIOBase"  # the C type's name, for error messages


class _BufferedIOBase(_IOBase):
    __module__ = "_io"
    __tp_name__ = "_io._BufferedIOBase"  # the C type's name, for error messages


class StringIO(_TextIOBase):
    __module__ = "_io"
    __tp_name__ = "_io.StringIO"  # the C type's name, for error messages

    def _check(self):
        # CPython's StringIO says it without the full stop of its files' and BytesIO's.
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._buf = initial_value
        self._pos = 0
        self.closed = False

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        if self._pos > len(self._buf):
            self._buf += "\0" * (self._pos - len(self._buf))
        self._buf = self._buf[:self._pos] + s + self._buf[self._pos + len(s):]
        self._pos += len(s)
        return len(s)

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

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position %d" % pos)
            self._pos = pos
        elif whence == 2:
            self._pos = len(self._buf)
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        self._buf = self._buf[:size]
        return size


def _tail(encoding, data):
    # How many bytes at the end of data begin a character not complete yet (kept for the
    # next chunk rather than decoded): for UTF-8, UTF-16 and UTF-32; 0 for one-byte codecs.
    if encoding in ("utf-8", "utf8"):
        for back in range(1, min(4, len(data)) + 1):
            b = data[-back]
            if b < 0x80:
                return 0
            if b >= 0xC0:
                need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
                return back if need > back else 0
        return 0
    if encoding.startswith("utf-16"):
        odd = len(data) % 2
        if len(data) - odd >= 2:
            last = data[len(data) - odd - 2:len(data) - odd]
            unit = last[0] << 8 | last[1] if encoding.endswith("be") else last[1] << 8 | last[0]
            if 0xD800 <= unit < 0xDC00:
                return odd + 2
        return odd
    if encoding.startswith("utf-32"):
        return len(data) % 4
    return 0


class TextIOWrapper(_TextIOBase):
    """A text stream over a binary one (io.TextIOWrapper(buffer, encoding, errors,
    newline)): read and decoded a chunk at a time, so readline() on a big file reads only
    what it needs; writes are encoded and held until a flush (or 8192 characters).
    tell() is the byte position of the next character (CPython's cookie when no decoder
    state is pending, as with UTF-8), and seek() takes what tell() gave.

    The built-in open() builds its text files differently (_OpenedText below: the text
    is read whole when the file opens); both are this class to a program."""

    __module__ = "_io"
    __tp_name__ = "_io.TextIOWrapper"  # the C type's name, for error messages
    _CHUNK = 8192

    def __new__(cls, *args, **kwargs):
        # open() passes the text it read (a str, never a binary stream).
        if cls is TextIOWrapper and args and isinstance(args[0], str):
            return object.__new__(_OpenedText)
        return object.__new__(cls)

    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        if newline not in (None, "", "\n", "\r", "\r\n"):
            if not isinstance(newline, str):
                raise TypeError("TextIOWrapper() argument 'newline' must be str or None, not %s"
                                % type(newline).__name__)
            raise ValueError("illegal newline value: %s" % newline)
        if encoding is None:
            encoding = "utf-8"
        elif not isinstance(encoding, str):
            raise TypeError("TextIOWrapper() argument 'encoding' must be str or None, not %s"
                            % type(encoding).__name__)
        "".encode(encoding)  # an unknown encoding is a LookupError now, as in CPython
        self.buffer = buffer
        self.encoding = encoding
        self.errors = "strict" if errors is None else errors
        self.line_buffering = line_buffering
        self.write_through = write_through
        self._newline = newline
        self._codec = encoding.lower().replace("_", "-")
        self._raw = b""        # read, not decoded yet (a character cut by the chunk)
        self._text = ""        # decoded, not delivered yet (newlines as in the file)
        self._wbuf = []        # written, not passed to the buffer yet
        self._wlen = 0
        self._eof = False

    # -- state ---------------------------------------------------------------------------

    @property
    def closed(self):
        return self.buffer.closed

    @property
    def name(self):
        return self.buffer.name

    def _check(self):
        if self.buffer.closed:
            raise ValueError("I/O operation on closed file.")

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def seekable(self):
        return self.buffer.seekable()

    def fileno(self):
        return self.buffer.fileno()

    def isatty(self):
        return self.buffer.isatty()

    # -- reading -------------------------------------------------------------------------

    def _fill(self):
        # Decodes the next chunk into _text; False at the end of the stream.
        if self._eof:
            return False
        data = self.buffer.read(self._CHUNK)
        if not data:
            self._eof = True
            if self._raw:
                raw, self._raw = self._raw, b""
                self._text += raw.decode(self._settle(raw), self.errors)
            return False
        data = self._raw + data
        decoder = self._settle(data)
        cut = len(data) - _tail(self._codec, data)
        self._raw = data[cut:]
        self._text += data[:cut].decode(decoder, self.errors)
        return True

    def _settle(self, data):
        # The codec to decode this chunk with. A plain UTF-16 or UTF-32 stream: its BOM (or
        # its absence) fixes the byte order of the chunks after the first.
        if self._codec in ("utf-16", "utf16", "utf-32", "utf32") and len(data) >= 4:
            wide = "utf-16" if "16" in self._codec else "utf-32"
            big = {"utf-16": b"\xfe\xff", "utf-32": b"\x00\x00\xfe\xff"}[wide]
            # The plain codec reads the BOM; the chunks after it, the order it gave.
            self._codec = wide + ("-be" if data.startswith(big) else "-le")
            return wide
        return self._codec

    def _translate(self, text):
        if self._newline is None:
            return text.replace("\r\n", "\n").replace("\r", "\n")
        return text

    def _line_end(self, start):
        # Where the first line of _text ends (after its newline), or -1 if more is needed.
        text = self._text
        if not self._newline:
            # Universal newlines (None, or "" which keeps them untranslated): \n, \r, \r\n.
            n, r = text.find("\n", start), text.find("\r", start)
            if r >= 0 and (n < 0 or r < n):
                if r + 1 < len(text):
                    return r + 2 if text[r + 1] == "\n" else r + 1
                return -1 if not self._eof else r + 1
            return -1 if n < 0 else n + 1
        at = text.find(self._newline, start)
        return -1 if at < 0 else at + len(self._newline)

    def read(self, size=-1):
        self._check()
        if not self.buffer.readable():
            raise UnsupportedOperation("not readable")
        self._flush_writes()
        if size is None or size < 0:
            while self._fill():
                pass
            out, self._text = self._text, ""
            return self._translate(out)
        while len(self._text) < size + 1 and self._fill():
            pass
        # A "\r\n" counts as one character once translated: take a little more if it is cut.
        end = min(size, len(self._text))
        if self._newline is None:
            while len(self._translate(self._text[:end])) < size and end < len(self._text):
                end += 1
            if end < len(self._text) and self._text[end - 1:end + 1] == "\r\n":
                end += 1
        out, self._text = self._text[:end], self._text[end:]
        return self._translate(out)

    def readline(self, size=-1):
        self._check()
        if not self.buffer.readable():
            raise UnsupportedOperation("not readable")
        self._flush_writes()
        start = 0
        while True:
            end = self._line_end(start)
            if end >= 0:
                break
            if size is not None and 0 <= size <= len(self._text):
                end = len(self._text)
                break
            start = max(0, len(self._text) - 1)
            if not self._fill():
                end = self._line_end(0)
                if end < 0:
                    end = len(self._text)
                break
        if size is not None and 0 <= size < end:
            end = size
        out, self._text = self._text[:end], self._text[end:]
        return self._translate(out)

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    # -- writing -------------------------------------------------------------------------

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        if not self.buffer.writable():
            raise UnsupportedOperation("not writable")
        if self._text or self._raw:
            # What was read ahead is given back: the write goes where the reader is.
            self.seek(self.tell())
        text = s
        if self._newline not in (None, "", "\n") and "\n" in text:
            text = text.replace("\n", self._newline)
        self._wbuf.append(text)
        self._wlen += len(text)
        if self._wlen >= self._CHUNK or self.write_through or (
                self.line_buffering and ("\n" in s or "\r" in s)):
            self._flush_writes()
            if self.line_buffering:
                self.buffer.flush()
        return len(s)

    def _flush_writes(self):
        if self._wbuf:
            data = "".join(self._wbuf).encode(self._codec, self.errors)
            self._wbuf, self._wlen = [], 0
            self.buffer.write(data)
            if self._codec in ("utf-16", "utf16", "utf-32", "utf32"):
                # The BOM goes once, at the start of the stream.
                self._codec += "-le"

    def flush(self):
        self._check()
        self._flush_writes()
        self.buffer.flush()

    def close(self):
        if not self.buffer.closed:
            try:
                self.flush()
            finally:
                self.buffer.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def detach(self):
        self.flush()
        buffer, self.buffer = self.buffer, None
        return buffer

    # -- positions -----------------------------------------------------------------------

    def tell(self):
        self._check()
        if not self.buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        self._flush_writes()
        held = len(self._text.encode(self._codec)) + len(self._raw) if (
            self._text or self._raw) else 0
        return self.buffer.tell() - held

    def seek(self, cookie, whence=0):
        self._check()
        if not self.buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            return self.tell()
        if whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self._flush_writes()
            self._text, self._raw, self._eof = "", b"", False
            return self.buffer.seek(0, 2)
        if whence != 0:
            raise ValueError("invalid whence (%r, should be 0, 1 or 2)" % (whence,))
        if cookie < 0:
            raise ValueError("negative seek position %r" % (cookie,))
        self._flush_writes()
        self._text, self._raw, self._eof = "", b"", False
        return self.buffer.seek(cookie)

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        self._text, self._raw = "", b""
        return self.buffer.truncate(pos)

    def __repr__(self):
        try:
            name = self.buffer.name
        except AttributeError:
            return "<_io.TextIOWrapper encoding=%r>" % self.encoding
        return "<_io.TextIOWrapper name=%r encoding=%r>" % (name, self.encoding)


class _OpenedText(StringIO, TextIOWrapper):
    """A text file from the built-in open(): its text, served as StringIO serves a string.

    open() reads and decodes the whole file when it opens it for reading. Writes go to the
    text here and reach the file when it is flushed: by flush() or close() (or the end of a
    with block, or the object going away), and once 8192 characters are waiting, as
    CPython's buffer does; what was only added at the end is appended to the file, anything
    else rewrites it."""

    __module__ = "_io"
    __tp_name__ = "_io.TextIOWrapper"  # the C type's name, for error messages
    # Plain attributes here, set by __init__ (not the stream's properties over a buffer).
    closed = False
    name = None
    # What it had from _IOBase before the stream's methods (next in the MRO) could shadow it.
    tell = _IOBase.tell
    isatty = _IOBase.isatty

    def __init__(self, text, name, mode, encoding, undecodable=None, newline=None,
                 closefd=True):
        StringIO.__init__(self, text)
        # Over a descriptor (open(fd)), the descriptor: tempfile renames such a file.
        self._fd = name if isinstance(name, int) else None
        self._closefd = closefd
        self.name = name
        self.mode = mode
        self.encoding = encoding
        self._undecodable = undecodable
        self._newline = newline
        kind = [c for c in mode if c in "rwxa"][0]
        self._readable = kind == "r" or "+" in mode
        self._writable = kind != "r" or "+" in mode
        self._append = kind == "a"
        # How much of the text the file holds already, and whether a write went before it.
        self._flushed = len(text)
        self._rewrite = False
        if self._append:
            self._pos = len(text)
        if self._writable:
            _writers[id(self)] = _ref(self)

    def _check(self):
        _IOBase._check(self)
        if self._undecodable is not None:
            raise self._undecodable

    def _check_readable(self):
        self._check()
        if not self._readable:
            raise UnsupportedOperation("not readable")

    def write(self, s):
        self._check()
        if not self._writable:
            raise UnsupportedOperation("not writable")
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        if self._append:
            self._pos = len(self._buf)
        if self._pos < self._flushed:
            self._rewrite = True
        n = StringIO.write(self, s)
        if len(self._buf) - self._flushed >= 8192:
            self._write_out()
        return n

    def _write_out(self):
        import _os
        if self._rewrite:
            text, append = self._buf, False
        elif len(self._buf) > self._flushed:
            text, append = self._buf[self._flushed:], True
        else:
            return
        if self._newline in ("\r", "\r\n"):
            text = text.replace("\n", self._newline)
        if self._fd is not None:
            # Over a descriptor (open(fd), os.fdopen): what was added is written where the
            # descriptor is; a rewrite starts the file again.
            data = text.encode(self.encoding)
            if not append:
                _os.lseek(self._fd, 0, 0)
                _os.ftruncate(self._fd, 0)
            while data:
                data = data[_os.write(self._fd, data):]
        else:
            _os.write_file(self.name, text, self.encoding, append)
        self._flushed = len(self._buf)
        self._rewrite = False

    def flush(self):
        self._check()
        if self._writable:
            self._write_out()

    def close(self):
        if not self.closed:
            try:
                if self._writable and self._undecodable is None:
                    self._write_out()
            finally:
                self.closed = True
                _writers.pop(id(self), None)
                if self._fd is not None and self._closefd:
                    import _os
                    _os.close(self._fd)

    def __del__(self):
        self.close()

    def read(self, size=-1):
        self._check_readable()
        return StringIO.read(self, size)

    def readline(self, size=-1):
        self._check_readable()
        return StringIO.readline(self, size)

    def truncate(self, size=None):
        self._check()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        size = StringIO.truncate(self, size)
        if size < self._flushed:
            self._rewrite = True
        return size

    def getvalue(self):
        raise AttributeError("'_io.TextIOWrapper' object has no attribute 'getvalue'")

    def fileno(self):
        self._check()
        if self._fd is None:
            raise UnsupportedOperation("fileno")
        return self._fd

    def writable(self):
        self._check()
        return self._writable

    def readable(self):
        self._check()
        return self._readable

    def seekable(self):
        self._check()
        return True

    def __next__(self):
        self._check_readable()
        return StringIO.__next__(self)

    def __repr__(self):
        return "<_io.TextIOWrapper name=%r mode=%r encoding=%r>" % (
            self.name, self.mode, self.encoding)


_OpenedText.__name__ = _OpenedText.__qualname__ = "TextIOWrapper"


def _flush_at_exit():
    for r in list(_writers.values()):
        f = r()
        if f is not None:
            f.close()


class BytesIO(_BufferedIOBase):
    __module__ = "_io"
    __tp_name__ = "_io.BytesIO"  # the C type's name, for error messages

    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        self._buf = bytearray(initial_bytes)
        self._pos = 0
        self.closed = False

    def write(self, b):
        self._check()
        if not isinstance(b, (bytes, bytearray, memoryview)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(b).__name__)
        b = bytes(b)
        if self._pos > len(self._buf):
            self._buf += bytes(self._pos - len(self._buf))
        self._buf[self._pos:self._pos + len(b)] = b
        self._pos += len(b)
        return len(b)

    def getvalue(self):
        self._check()
        return bytes(self._buf)

    def getbuffer(self):
        # A writable view of the buffer itself: while it is held, a write that would change
        # the buffer's length is a BufferError, as in CPython.
        self._check()
        return memoryview(self._buf)

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

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        del self._buf[size:]
        return size


class _BufferedFile(_BufferedIOBase):
    """A binary file from the built-in open() (or open(fd)): an OS file descriptor, read,
    written and moved with the native _os calls. Reads go through a read-ahead buffer, as
    CPython's BufferedReader does, so that readline() does not read byte by byte; writes go
    to the file at once (CPython's buffer would hold them until a flush, which only another
    reader of the same file, before the flush, could tell). Its three classes differ as
    CPython's do: what they can do, and the texts of their errors once closed."""

    __module__ = "_io"
    _readable = False
    _writable = False

    def __init__(self, fd, name, mode, closefd=True):
        import _os
        self._fd = fd
        self.name = name
        self._closefd = closefd
        self._rbuf = b""
        self.closed = False
        kind = [c for c in mode if c in "rwxa"][0]
        plus = "+" in mode
        if kind == "x":
            self.mode = "xb+" if plus else "xb"
        elif kind == "a":
            self.mode = "ab+" if plus else "ab"
            _os.lseek(fd, 0, 2)
        elif plus:
            self.mode = "rb+"
        else:
            self.mode = "rb" if kind == "r" else "wb"

    def _raw_check(self):
        # What the raw file (CPython's FileIO) says, without the full stop of _IOBase's.
        self._closed("I/O operation on closed file")

    def _closed(self, what):
        if self.closed:
            raise ValueError(what)

    def _can_read(self, what="read"):
        if not self._readable:
            raise UnsupportedOperation(what)
        self._closed(what + " of closed file")

    def _fill(self):
        # Reads the next chunk into the read-ahead buffer; False at the end of the file.
        import _os
        chunk = _os.read(self._fd, 8192)
        self._rbuf += chunk
        return bool(chunk)

    def _drop_read_ahead(self):
        # Moves the descriptor back to where the reader is, before a write or a seek.
        import _os
        if self._rbuf:
            _os.lseek(self._fd, -len(self._rbuf), 1)
            self._rbuf = b""

    def read(self, size=-1):
        self._can_read()
        if size is None or size < 0:
            while self._fill():
                pass
            size = len(self._rbuf)
        else:
            while len(self._rbuf) < size and self._fill():
                pass
        out, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return out

    def read1(self, size=-1):
        if not self._readable:
            raise UnsupportedOperation("read1")
        self._closed("read of closed file")
        if not self._rbuf:
            self._fill()
        if size is None or size < 0:
            size = len(self._rbuf)
        out, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return out

    def readinto(self, b):
        if not self._readable:
            raise UnsupportedOperation("read")
        self._closed("readinto of closed file")
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def readline(self, size=-1):
        if not self._readable:
            raise UnsupportedOperation("read")
        self._closed("readline of closed file")
        start = 0
        while True:
            end = self._rbuf.find(b"\n", start)
            if end >= 0:
                end += 1
                break
            start = len(self._rbuf)
            if size is not None and 0 <= size <= start:
                end = start
                break
            if not self._fill():
                end = len(self._rbuf)
                break
        if size is not None and size >= 0:
            end = min(end, size)
        out, self._rbuf = self._rbuf[:end], self._rbuf[end:]
        return out

    def readlines(self, hint=-1):
        if not self._readable:
            raise UnsupportedOperation("read")
        return _BufferedIOBase.readlines(self)

    def __iter__(self):
        _IOBase._check(self)
        return self

    def write(self, b):
        import _os
        if not self._writable:
            raise UnsupportedOperation("write")
        self._closed("write to closed file")
        if not isinstance(b, (bytes, bytearray, memoryview)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(b).__name__)
        data = bytes(b)
        self._drop_read_ahead()
        done = 0
        while done < len(data):
            done += _os.write(self._fd, data[done:])
        return len(data)

    def seek(self, pos, whence=0):
        import _os
        if whence not in (0, 1, 2, 3, 4):  # 3, 4: Linux's SEEK_DATA, SEEK_HOLE
            raise ValueError("whence value %d unsupported" % whence)
        self._closed("seek of closed file")
        if whence == 1:
            pos -= len(self._rbuf)
        self._rbuf = b""
        return _os.lseek(self._fd, pos, whence)

    def tell(self):
        import _os
        self._raw_check()
        return _os.lseek(self._fd, 0, 1) - len(self._rbuf)

    def truncate(self, size=None):
        import _os
        self._closed("truncate of closed file")
        if not self._writable:
            raise UnsupportedOperation("truncate")
        if size is None:
            size = self.tell()
        self._drop_read_ahead()
        _os.ftruncate(self._fd, size)
        return size

    def flush(self):
        self._closed("flush of closed file")

    def close(self):
        import _os
        if not self.closed:
            self.closed = True
            if self._closefd:
                _os.close(self._fd)

    def __del__(self):
        self.close()

    def fileno(self):
        self._raw_check()
        return self._fd

    def readable(self):
        self._raw_check()
        return self._readable

    def writable(self):
        self._raw_check()
        return self._writable

    def seekable(self):
        self._raw_check()
        return True

    def isatty(self):
        self._raw_check()
        return False

    def __repr__(self):
        return "<_io.%s name=%r>" % (type(self).__name__, self.name)


class BufferedReader(_BufferedFile):
    """A binary file opened for reading ('rb')."""

    __module__ = "_io"
    __tp_name__ = "_io.BufferedReader"  # the C type's name, for error messages
    _readable = True

    def writable(self):
        return False

    def flush(self):
        _IOBase._check(self)

    def peek(self, size=0):
        self._can_read("peek")
        if not self._rbuf:
            self._fill()
        return self._rbuf


class BufferedWriter(_BufferedFile):
    """A binary file opened for writing only ('wb', 'ab', 'xb')."""

    __module__ = "_io"
    __tp_name__ = "_io.BufferedWriter"  # the C type's name, for error messages
    _writable = True

    def readable(self):
        return False


class BufferedRandom(_BufferedFile):
    """A binary file opened for reading and writing ('r+b', 'w+b', 'a+b', 'x+b')."""

    __module__ = "_io"
    __tp_name__ = "_io.BufferedRandom"  # the C type's name, for error messages
    _readable = True
    _writable = True

    def peek(self, size=0):
        self._can_read("peek")
        if not self._rbuf:
            self._fill()
        return self._rbuf


class FileIO(_BufferedFile):
    """A binary file opened without a buffer (open(p, 'rb', buffering=0)): every read and
    write is one call of the OS, with the raw file's texts for its errors."""

    __module__ = "_io"
    __tp_name__ = "_io.FileIO"  # the C type's name, for error messages

    def __init__(self, fd, name, mode, closefd=True):
        _BufferedFile.__init__(self, fd, name, mode, closefd)
        self._readable = "r" in self.mode or "+" in self.mode
        self._writable = self.mode != "rb"

    def _can_read(self, what="read"):
        self._raw_check()
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")

    def _can_write(self):
        self._raw_check()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")

    def read(self, size=-1):
        import _os
        self._can_read()
        if size is None or size < 0:
            return self.readall()
        return _os.read(self._fd, size)

    read1 = read

    def readall(self):
        import _os
        self._raw_check()
        out = b""
        while True:
            chunk = _os.read(self._fd, 65536)
            if not chunk:
                return out
            out += chunk

    def readinto(self, b):
        self._can_read()
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def readline(self, size=-1):
        import _os
        self._can_read()
        out = b""
        while size is None or size < 0 or len(out) < size:
            c = _os.read(self._fd, 1)
            out += c
            if not c or c == b"\n":
                break
        return out

    def readlines(self, hint=-1):
        self._can_read()
        return _BufferedIOBase.readlines(self)

    def write(self, b):
        import _os
        self._can_write()
        if not isinstance(b, (bytes, bytearray, memoryview)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(b).__name__)
        return _os.write(self._fd, bytes(b))

    def seek(self, pos, whence=0):
        import _os
        self._raw_check()
        return _os.lseek(self._fd, pos, whence)

    def truncate(self, size=None):
        import _os
        self._can_write()
        if size is None:
            size = self.tell()
        _os.ftruncate(self._fd, size)
        return size

    def flush(self):
        _IOBase._check(self)

    def __repr__(self):
        if self.closed:
            return "<_io.FileIO [closed]>"
        return "<_io.FileIO name=%r mode=%r closefd=%r>" % (self.name, self.mode, self._closefd)


# As in CPython, io.open is the built-in open.
open = _builtin_open


def text_encoding(encoding, stacklevel=2):
    """CPython's io.text_encoding: the encoding to use when none was given ("locale",
    which open() reads as the locale's encoding, UTF-8 for gilvm)."""
    if encoding is None:
        return "locale"
    return encoding
