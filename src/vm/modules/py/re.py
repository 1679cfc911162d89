"""Regular expressions: CPython 3.11's `re` API over the native matcher `_re`
(src/vm/modules/re.rs, which says how a pattern is translated). Matching follows CPython's
rules for empty matches (3.7+), `sub` templates and `split`; error messages of a pattern that
does not compile are the matcher's, not CPython's."""

import _re

__all__ = [
    "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "compile",
    "purge", "escape", "error", "Pattern", "Match", "A", "I", "L", "M", "S", "X", "U",
    "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE", "UNICODE", "NOFLAG",
    "RegexFlag",
]

_FLAG_NAMES = [
    ("ASCII", 256), ("IGNORECASE", 2), ("LOCALE", 4), ("UNICODE", 32), ("MULTILINE", 8),
    ("DOTALL", 16), ("VERBOSE", 64),
]


class RegexFlag(int):
    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) | int(other))

    __ror__ = __or__

    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) & int(other))

    __rand__ = __and__

    def __repr__(self):
        value = int(self)
        names = []
        for name, bit in _FLAG_NAMES:
            if value & bit:
                names.append("re." + name)
                value &= ~bit
        if value:
            names.append(hex(value))
        return "|".join(names) if names else "re.NOFLAG"

    __str__ = __repr__


NOFLAG = RegexFlag(0)
A = ASCII = RegexFlag(256)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
U = UNICODE = RegexFlag(32)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
X = VERBOSE = RegexFlag(64)


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        super().__init__(msg)


def _check_string(string):
    if not isinstance(string, str):
        raise TypeError(f"expected string or bytes-like object, got {type(string).__name__!r}")


def _bounds(string, pos, endpos):
    n = len(string)
    pos = min(max(pos, 0), n)
    endpos = min(max(endpos, 0), n) if endpos is not None else n
    return pos, max(endpos, pos)


class Pattern:
    def __init__(self, pattern, flags, rx):
        self.pattern = pattern
        self.flags = flags
        self._rx = rx
        self.groups = rx.groups()
        self.groupindex = dict(rx.names())

    def __repr__(self):
        flags = self.flags & ~32
        text = repr(self.pattern)
        if flags:
            return f"re.compile({text}, {RegexFlag(flags)!r})"
        return f"re.compile({text})"

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _search(self, string, mode, pos, endpos):
        _check_string(string)
        pos, endpos = _bounds(string, pos, endpos)
        spans = self._rx.search(string, mode, pos, endpos)
        if spans is None:
            return None
        return Match(self, string, spans, pos, endpos)

    def search(self, string, pos=0, endpos=None):
        return self._search(string, 0, pos, endpos)

    def match(self, string, pos=0, endpos=None):
        return self._search(string, 1, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._search(string, 2, pos, endpos)

    def _scan(self, string, pos=0, endpos=None):
        _check_string(string)
        pos, endpos = _bounds(string, pos, endpos)
        return self._rx.scan(string, pos, endpos), pos, endpos

    def finditer(self, string, pos=0, endpos=None):
        # CPython's iter(scanner.search, None): a callable_iterator, and a bad argument
        # raises here rather than at the first next().
        found, pos, endpos = self._scan(string, pos, endpos)
        found = iter(found)

        def search():
            spans = next(found, None)
            return None if spans is None else Match(self, string, spans, pos, endpos)
        return iter(search, None)

    def findall(self, string, pos=0, endpos=None):
        found, _, _ = self._scan(string, pos, endpos)
        groups = self.groups
        out = []
        for sp in found:
            if groups == 0:
                out.append(string[sp[0]:sp[1]])
            elif groups == 1:
                out.append(string[sp[2]:sp[3]] if sp[2] >= 0 else "")
            else:
                out.append(tuple(string[sp[2 * g]:sp[2 * g + 1]] if sp[2 * g] >= 0 else ""
                                 for g in range(1, groups + 1)))
        return out

    def split(self, string, maxsplit=0):
        found, _, _ = self._scan(string)
        out = []
        last = 0
        n = 0
        for sp in found:
            if maxsplit and n >= maxsplit:
                break
            out.append(string[last:sp[0]])
            for g in range(1, self.groups + 1):
                s, e = sp[2 * g], sp[2 * g + 1]
                out.append(string[s:e] if s >= 0 else None)
            last = sp[1]
            n += 1
        out.append(string[last:])
        return out

    def _subx(self, repl, string, count):
        if callable(repl):
            fn = repl
        else:
            if not isinstance(repl, str):
                raise TypeError(f"expected str instance, {type(repl).__name__} found")
            parts = _parse_template(repl, self)
            if all(isinstance(p, str) for p in parts):
                literal = "".join(parts)

                def fn(m):
                    return literal
            else:
                def fn(m):
                    return _expand(parts, m)
        found, _, _ = self._scan(string)
        out = []
        last = 0
        n = 0
        for sp in found:
            if count and n >= count:
                break
            out.append(string[last:sp[0]])
            r = fn(Match(self, string, sp, 0, len(string)))
            if not isinstance(r, str):
                raise TypeError(f"expected str instance, {type(r).__name__} found")
            out.append(r)
            last = sp[1]
            n += 1
        out.append(string[last:])
        return "".join(out), n

    def sub(self, repl, string, count=0):
        return self._subx(repl, string, count)[0]

    def subn(self, repl, string, count=0):
        return self._subx(repl, string, count)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            "\\": "\\"}
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _parse_template(template, pattern):
    """A `sub` template as a list of strings and group numbers (sre_parse.parse_template)."""
    parts = []
    literal = []
    i = 0
    n = len(template)

    def group(index, at):
        if index > pattern.groups:
            raise error(f"invalid group reference {index}", template, at)
        if literal:
            parts.append("".join(literal))
            literal.clear()
        parts.append(index)

    while i < n:
        c = template[i]
        if c != "\\":
            literal.append(c)
            i += 1
            continue
        if i + 1 >= n:
            raise error("bad escape (end of pattern)", template, i)
        c = template[i + 1]
        if c == "g":
            if i + 2 >= n or template[i + 2] != "<":
                raise error("missing <", template, i + 2)
            close = template.find(">", i + 3)
            if close < 0:
                raise error("missing >, unterminated name", template, i + 3)
            name = template[i + 3:close]
            if not name:
                raise error("missing group name", template, i + 3)
            if name.isdigit():
                index = int(name)
            elif name.isidentifier():
                if name not in pattern.groupindex:
                    raise IndexError(f"unknown group name {name!r}")
                index = pattern.groupindex[name]
            else:
                raise error(f"bad character in group name {name!r}", template, i + 3)
            group(index, i + 3)
            i = close + 1
        elif c == "0":
            j = i + 2
            digits = ""
            while j < n and len(digits) < 2 and template[j] in "01234567":
                digits += template[j]
                j += 1
            literal.append(chr(int(digits or "0", 8)))
            i = j
        elif c.isdigit() and c in "0123456789":
            j = i + 2
            digits = c
            if j < n and template[j] in "0123456789":
                digits += template[j]
                j += 1
                if (j < n and template[j] in "01234567" and digits[0] in "01234567"
                        and digits[1] in "01234567"):
                    digits += template[j]
                    j += 1
                    value = int(digits, 8)
                    if value > 0o377:
                        raise error(f"octal escape value \\{digits} outside of range 0-0o377",
                                    template, i)
                    literal.append(chr(value))
                    i = j
                    continue
            group(int(digits), i + 1)
            i = j
        elif c in _ESCAPES:
            literal.append(_ESCAPES[c])
            i += 2
        elif c in _ASCII_LETTERS:
            raise error(f"bad escape \\{c}", template, i)
        else:
            literal.append("\\" + c)
            i += 2
    if literal:
        parts.append("".join(literal))
    return parts


def _expand(parts, m):
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        else:
            out.append(m.group(p) or "")
    return "".join(out)


class Match:
    def __init__(self, pattern, string, spans, pos, endpos):
        self.re = pattern
        self.string = string
        self._spans = spans
        self.pos = pos
        self.endpos = endpos

    def _index(self, g):
        if isinstance(g, int) and not isinstance(g, bool) or type(g) is bool:
            if 0 <= g <= self.re.groups:
                return int(g)
        elif isinstance(g, str):
            if g in self.re.groupindex:
                return self.re.groupindex[g]
        raise IndexError("no such group")

    def _get(self, g, default=None):
        i = self._index(g)
        s, e = self._spans[2 * i], self._spans[2 * i + 1]
        return default if s < 0 else self.string[s:e]

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(groups[0])
        return tuple(self._get(g) for g in groups)

    def __getitem__(self, g):
        return self._get(g)

    def groups(self, default=None):
        return tuple(self._get(g, default) for g in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(i, default) for name, i in self.re.groupindex.items()}

    def span(self, group=0):
        i = self._index(group)
        return (self._spans[2 * i], self._spans[2 * i + 1])

    def start(self, group=0):
        return self.span(group)[0]

    def end(self, group=0):
        return self.span(group)[1]

    @property
    def regs(self):
        return tuple(self.span(g) for g in range(self.re.groups + 1))

    @property
    def lastindex(self):
        best = None
        for g in range(1, self.re.groups + 1):
            s, e = self._spans[2 * g], self._spans[2 * g + 1]
            if s < 0:
                continue
            if best is None or e > self._spans[2 * best + 1]:
                best = g
        return best

    @property
    def lastgroup(self):
        last = self.lastindex
        for name, i in self.re.groupindex.items():
            if i == last:
                return name
        return None

    def expand(self, template):
        return _expand(_parse_template(template, self.re), self)

    def __repr__(self):
        return f"<re.Match object; span={self.span()!r}, match={self.group()!r}>"

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = int(flags)
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, str):
        raise TypeError("first argument must be string or compiled pattern")
    key = (pattern, flags)
    p = _cache.get(key)
    if p is not None:
        return p
    try:
        rx = _re.compile(pattern, flags)
    except ValueError as e:
        raise error(str(e), pattern) from None
    p = Pattern(pattern, flags | 32 if not flags & 256 else flags, rx)
    if len(_cache) >= _MAXCACHE:
        _cache.clear()
    _cache[key] = p
    return p


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def purge():
    _cache.clear()


_special_chars_map = {c: "\\" + c for c in "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}


def escape(pattern):
    return "".join(_special_chars_map.get(c, c) for c in pattern)
