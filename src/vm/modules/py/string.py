"""string, after CPython 3.11's Lib/string.py: the constants, capwords, Template, Formatter."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split the argument into words using split, capitalize each word using capitalize,
    and join the capitalized words using join."""
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


def _is_ident_start(c):
    return c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z')


def _is_ident_char(c):
    return _is_ident_start(c) or ('0' <= c <= '9')


def _merged(mapping, kws):
    """What substitute and safe_substitute look names up in: the keywords, before `mapping`."""
    if mapping is None:
        return kws
    if kws:
        return _ChainMap(kws, mapping)
    return mapping


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'
    idpattern = r'(?a:[_a-z][_a-z0-9]*)'
    braceidpattern = None
    flags = None

    def __init__(self, template):
        self.template = template

    def _scan(self, mapping, safe):
        # What CPython's pattern matches: $$, $identifier, ${identifier}, or an invalid $.
        t = self.template
        d = self.delimiter
        out = []
        i = 0
        n = len(t)
        while i < n:
            j = t.find(d, i)
            if j < 0:
                out.append(t[i:])
                break
            out.append(t[i:j])
            k = j + len(d)
            if t.startswith(d, k):
                out.append(d)
                i = k + len(d)
                continue
            if k < n and _is_ident_start(t[k]):
                e = k
                while e < n and _is_ident_char(t[e]):
                    e += 1
                name = t[k:e]
                if safe:
                    try:
                        out.append(str(mapping[name]))
                    except KeyError:
                        out.append(t[j:e])
                else:
                    out.append(str(mapping[name]))
                i = e
                continue
            if k < n and t[k] == '{':
                e = k + 1
                if e < n and _is_ident_start(t[e]):
                    while e < n and _is_ident_char(t[e]):
                        e += 1
                    if e < n and t[e] == '}':
                        name = t[k + 1:e]
                        if safe:
                            try:
                                out.append(str(mapping[name]))
                            except KeyError:
                                out.append(t[j:e + 1])
                        else:
                            out.append(str(mapping[name]))
                        i = e + 1
                        continue
            # An invalid placeholder.
            if safe:
                out.append(d)
                i = k
                continue
            self._invalid(k)
        return ''.join(out)

    def _invalid(self, i):
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def substitute(self, mapping=None, /, **kws):
        return self._scan(_merged(mapping, kws), False)

    def safe_substitute(self, mapping=None, /, **kws):
        return self._scan(_merged(mapping, kws), True)

    def is_valid(self):
        try:
            self._scan(_Anything(), False)
        except ValueError:
            return False
        return True

    def get_identifiers(self):
        ids = []
        rec = _Recorder()
        self._scan(rec, True)
        for name in rec.names:
            if name not in ids:
                ids.append(name)
        return ids


class _ChainMap:
    def __init__(self, *maps):
        self.maps = maps

    def __getitem__(self, key):
        for m in self.maps:
            try:
                return m[key]
            except KeyError:
                pass
        raise KeyError(key)


class _Anything:
    def __getitem__(self, key):
        return ''


class _Recorder:
    def __init__(self):
        self.names = []

    def __getitem__(self, key):
        self.names.append(key)
        return ''


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        return format_string.format(*args, **kwargs)

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        else:
            return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        elif conversion == 's':
            return str(value)
        elif conversion == 'r':
            return repr(value)
        elif conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))
