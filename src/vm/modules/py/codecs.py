"""codecs: `encode`, `decode`, `lookup(name)` (its `name` and its stateless `encode` and
`decode`) and the BOM constants, over `str.encode` and `bytes.decode` (the codecs they know:
UTF-8, UTF-16, UTF-32, ASCII, Latin-1, cp1252). No incremental or stream codecs, no registry
of one's own codecs."""

from _codecs import lookup_name as _lookup_name

BOM_UTF8 = b"\xef\xbb\xbf"
BOM_UTF16_LE = BOM_LE = b"\xff\xfe"
BOM_UTF16_BE = BOM_BE = b"\xfe\xff"
BOM_UTF32_LE = b"\xff\xfe\x00\x00"
BOM_UTF32_BE = b"\x00\x00\xfe\xff"
BOM = BOM_UTF16 = BOM_UTF16_LE
BOM_UTF32 = BOM_UTF32_LE

# The names CPython's encoder functions carry in their messages (`utf_8_encode()`).
_FUNCS = {"iso8859-1": "latin_1", "cp1252": "charmap"}


def _func(name, what):
    return _FUNCS.get(name, name.replace("-", "_")) + "_" + what


class CodecInfo(tuple):
    """What `lookup` returns: `name`, `encode`, `decode`."""

    def __new__(cls, encode, decode, streamreader=None, streamwriter=None,
                incrementalencoder=None, incrementaldecoder=None, name=None):
        self = tuple.__new__(cls, (encode, decode, streamreader, streamwriter))
        self.name = name
        self.encode = encode
        self.decode = decode
        self.streamreader = streamreader
        self.streamwriter = streamwriter
        self.incrementalencoder = incrementalencoder
        self.incrementaldecoder = incrementaldecoder
        return self

    def __repr__(self):
        return "<%s.%s object for encoding %s at %#x>" % (
            self.__class__.__module__, self.__class__.__qualname__, self.name, id(self))


def lookup(encoding):
    name = _lookup_name(encoding)

    def encode(input, errors="strict"):
        if not isinstance(input, str):
            raise TypeError("%s() argument 1 must be str, not %s"
                            % (_func(name, "encode"), type(input).__name__))
        return input.encode(name, errors), len(input)

    def decode(input, errors="strict"):
        if not isinstance(input, (bytes, bytearray, memoryview)):
            raise TypeError("a bytes-like object is required, not '%s'" % type(input).__name__)
        data = bytes(input)
        return data.decode(name, errors), len(data)

    return CodecInfo(encode, decode, name=name)


def encode(obj, encoding="utf-8", errors="strict"):
    codec = lookup(encoding)
    try:
        return codec.encode(obj, errors)[0]
    except TypeError as e:
        raise TypeError("encoding with '%s' codec failed (TypeError: %s)" % (encoding, e)) from e


def decode(obj, encoding="utf-8", errors="strict"):
    codec = lookup(encoding)
    try:
        return codec.decode(obj, errors)[0]
    except TypeError as e:
        raise TypeError("decoding with '%s' codec failed (TypeError: %s)" % (encoding, e)) from e
