"""base64: Base64, URL-safe Base64 and Base16 encodings of bytes, written in Python (CPython's
rides on the C module binascii, whose Error it raises; here binascii.Error is defined below)."""

__all__ = ["b64encode", "b64decode", "standard_b64encode", "standard_b64decode",
           "urlsafe_b64encode", "urlsafe_b64decode", "b16encode", "b16decode",
           "encodebytes", "decodebytes"]


class Error(ValueError):
    pass


Error.__module__ = "binascii"

_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_VALUES = {c: i for i, c in enumerate(_ALPHABET)}


def _bytes_from_decode_data(s):
    if isinstance(s, str):
        try:
            return s.encode("ascii")
        except UnicodeEncodeError:
            raise ValueError("string argument should contain only ASCII characters")
    if isinstance(s, (bytes, bytearray)):
        return bytes(s)
    raise TypeError("argument should be a bytes-like object or ASCII string, not %r"
                    % s.__class__.__name__)


def _need_bytes(s):
    if not isinstance(s, (bytes, bytearray)):
        raise TypeError("a bytes-like object is required, not '%s'" % type(s).__name__)
    return bytes(s)


def _encode(s):
    s = _need_bytes(s)
    out = bytearray()
    a = _ALPHABET
    full = len(s) - len(s) % 3
    for i in range(0, full, 3):
        n = (s[i] << 16) | (s[i + 1] << 8) | s[i + 2]
        out += bytes((a[n >> 18], a[(n >> 12) & 63], a[(n >> 6) & 63], a[n & 63]))
    rest = len(s) - full
    if rest == 1:
        n = s[full] << 16
        out += bytes((a[n >> 18], a[(n >> 12) & 63])) + b"=="
    elif rest == 2:
        n = (s[full] << 16) | (s[full + 1] << 8)
        out += bytes((a[n >> 18], a[(n >> 12) & 63], a[(n >> 6) & 63])) + b"="
    return bytes(out)


def _decode(s, validate=False):
    values = []
    pads = 0
    for c in s:
        if c == 61:  # '='
            pads += 1
            if len(values) % 4 >= 2 and len(values) % 4 + pads >= 4:
                break
            continue
        v = _VALUES.get(c)
        if v is None:
            if validate:
                raise Error("Only base64 data is allowed")
            continue
        if pads and validate:
            raise Error("Discontinuous padding not allowed")
        pads = 0
        values.append(v)
    if len(values) % 4 == 1:
        raise Error("Invalid base64-encoded string: number of data characters (%d) cannot "
                    "be 1 more than a multiple of 4" % len(values))
    if len(values) % 4 and len(values) % 4 + pads < 4:
        raise Error("Incorrect padding")
    out = bytearray()
    for i in range(0, len(values), 4):
        chunk = values[i:i + 4]
        n = 0
        for v in chunk:
            n = (n << 6) | v
        n <<= 6 * (4 - len(chunk))
        out += bytes(((n >> 16) & 255, (n >> 8) & 255, n & 255))[:len(chunk) - 1]
    return bytes(out)


def b64encode(s, altchars=None):
    encoded = _encode(s)
    if altchars is not None:
        altchars = _need_bytes(altchars)
        encoded = encoded.replace(b"+", altchars[:1]).replace(b"/", altchars[1:2])
    return encoded


def b64decode(s, altchars=None, validate=False):
    s = _bytes_from_decode_data(s)
    if altchars is not None:
        altchars = _bytes_from_decode_data(altchars)
        s = s.replace(altchars[:1], b"+").replace(altchars[1:2], b"/")
    return _decode(s, validate)


def standard_b64encode(s):
    return b64encode(s)


def standard_b64decode(s):
    return b64decode(s)


def urlsafe_b64encode(s):
    return b64encode(s).replace(b"+", b"-").replace(b"/", b"_")


def urlsafe_b64decode(s):
    s = _bytes_from_decode_data(s)
    return b64decode(s.replace(b"-", b"+").replace(b"_", b"/"))


def encodebytes(s):
    s = _need_bytes(s)
    out = bytearray()
    for i in range(0, len(s), 57):
        out += _encode(s[i:i + 57]) + b"\n"
    return bytes(out)


def decodebytes(s):
    return _decode(_need_bytes(s))


def b16encode(s):
    return _need_bytes(s).hex().upper().encode("ascii")


def b16decode(s, casefold=False):
    s = _bytes_from_decode_data(s)
    if casefold:
        s = s.upper()
    for c in s:
        if c not in b"0123456789ABCDEF":
            raise Error("Non-base16 digit found")
    if len(s) % 2:
        raise Error("Odd-length string")
    return bytes.fromhex(s.decode("ascii"))
