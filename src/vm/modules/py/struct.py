"""struct: bytes packed by a format string, over the native _struct (CPython's layout: the
functions and struct.error come from _struct; Struct keeps a format and its size)."""

from _struct import pack, unpack, unpack_from, iter_unpack, calcsize, error

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from", "iter_unpack", "Struct",
           "error"]


def pack_into(format, *args):
    """Packs the values into a writable buffer (a bytearray or a writable memoryview) at
    offset, with CPython's checks in CPython's order: the count of arguments, the buffer,
    the offset, then the values."""
    if not args:
        raise error("pack_into expected buffer argument")
    if len(args) == 1:
        raise error("pack_into expected offset argument")
    buffer, offset, values = args[0], args[1], args[2:]
    try:
        data, bad = pack(format, *values), None
    except error as e:
        text = str(e)
        if text.startswith("pack expected "):
            raise error("pack_into" + text[4:]) from None
        data, bad = None, e
    if isinstance(buffer, bytearray) or (isinstance(buffer, memoryview) and not buffer.readonly):
        view = memoryview(buffer)
    else:
        raise TypeError("argument must be read-write bytes-like object, not %s"
                        % type(buffer).__name__)
    with view:
        if view.format != "B" and view.c_contiguous:
            view = view.cast("B")
        if not isinstance(offset, int):
            # range() takes an __index__ or says what CPython says of a non-integer.
            offset = range(offset).stop
        size, length = calcsize(format), view.nbytes
        if offset < 0:
            if offset + size > 0:
                raise error("no space to pack %d bytes at offset %d" % (size, offset))
            if offset + length < 0:
                raise error("offset %d out of range for %d-byte buffer" % (offset, length))
            offset += length
        if length - offset < size:
            raise error("pack_into requires a buffer of at least %d bytes for packing %d "
                        "bytes at offset %d (actual buffer size is %d)"
                        % (size + offset, size, offset, length))
        if bad is not None:
            raise bad
        view[offset:offset + size] = data
        view.release()


class Struct:
    def __init__(self, format):
        if isinstance(format, bytes):
            format = format.decode("ascii")
        self.size = calcsize(format)
        self.format = format

    def pack(self, *values):
        return pack(self.format, *values)

    def pack_into(self, buffer, offset, *values):
        return pack_into(self.format, buffer, offset, *values)

    def unpack(self, buffer):
        return unpack(self.format, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)

