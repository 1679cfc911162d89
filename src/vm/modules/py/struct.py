"""struct: bytes packed by a format string, over the native _struct (CPython's layout: the
functions and struct.error come from _struct; Struct keeps a format and its size)."""

from _struct import pack, unpack, unpack_from, iter_unpack, calcsize, error

__all__ = ["calcsize", "pack", "unpack", "unpack_from", "iter_unpack", "Struct", "error"]


class Struct:
    def __init__(self, format):
        if isinstance(format, bytes):
            format = format.decode("ascii")
        self.size = calcsize(format)
        self.format = format

    def pack(self, *values):
        return pack(self.format, *values)

    def unpack(self, buffer):
        return unpack(self.format, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)

