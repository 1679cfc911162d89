"""CSV parsing and writing.

gilvm's stand-in for CPython 3.11's C module `_csv` (Modules/_csv.c), which CPython's own
`csv.py` imports: the same dialect checks and messages, the reader's state machine char by
char, and the writer's quoting rules. Its frames are left out of tracebacks, as a C module's.
"""

__version__ = "1.0"

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = range(4)

_dialects = {}
_field_limit = 128 * 1024


class Error(Exception):
    pass


def _type_name(obj):
    return type(obj).__name__


def _set_char(name, src, dflt):
    if src is _UNSET:
        return dflt
    if not isinstance(src, str):
        raise TypeError('"%s" must be string, not %s' % (name, _type_name(src)))
    if len(src) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return src


def _set_char_or_none(name, src, dflt):
    if src is _UNSET:
        return dflt
    if src is None:
        return None
    if not isinstance(src, str):
        raise TypeError('"%s" must be string or None, not %s' % (name, _type_name(src)))
    if len(src) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return src


def _set_str(name, src, dflt):
    if src is _UNSET:
        return dflt
    if src is None:
        return None
    if not isinstance(src, str):
        raise TypeError('"%s" must be a string' % name)
    return src


def _set_int(name, src, dflt):
    if src is _UNSET:
        return dflt
    if not isinstance(src, int):
        raise TypeError('"%s" must be an integer' % name)
    return src


def _set_bool(name, src, dflt):
    if src is _UNSET:
        return dflt
    return bool(src)


def _make_dialect(dialect, kwargs):
    # As `_csv.Dialect(*args, **kwargs)` with the reader's or writer's arguments.
    if dialect is None:
        return Dialect(**kwargs)
    return Dialect(dialect, **kwargs)


class _Unset:
    def __repr__(self):
        return "<unset>"


_UNSET = _Unset()

_ATTRS = ("delimiter", "doublequote", "escapechar", "lineterminator", "quotechar",
          "quoting", "skipinitialspace", "strict")


class Dialect:
    """CSV dialect

The Dialect type records CSV parsing and generation options.
"""

    __slots__ = ("_delimiter", "_doublequote", "_escapechar", "_lineterminator",
                 "_quotechar", "_quoting", "_skipinitialspace", "_strict")

    def __new__(cls, dialect=None, **kwargs):
        for k in kwargs:
            if k not in _ATTRS:
                raise TypeError("'%s' is an invalid keyword argument for this function" % k)
        if dialect is not None and isinstance(dialect, str):
            dialect = get_dialect(dialect)
        if (dialect is not None and not kwargs and type(dialect) is cls):
            return dialect
        given = {}
        for name in _ATTRS:
            if name in kwargs:
                given[name] = kwargs[name]
            elif dialect is not None and hasattr(dialect, name):
                given[name] = getattr(dialect, name)
            else:
                given[name] = _UNSET
        self = object.__new__(cls)
        g = given
        self._delimiter = _set_char("delimiter", g["delimiter"], ",")
        self._doublequote = _set_bool("doublequote", g["doublequote"], True)
        self._escapechar = _set_char_or_none("escapechar", g["escapechar"], None)
        self._lineterminator = _set_str("lineterminator", g["lineterminator"], "\r\n")
        self._quotechar = _set_char_or_none("quotechar", g["quotechar"], '"')
        self._quoting = _set_int("quoting", g["quoting"], QUOTE_MINIMAL)
        self._skipinitialspace = _set_bool("skipinitialspace", g["skipinitialspace"], False)
        self._strict = _set_bool("strict", g["strict"], False)
        if self._quoting not in (QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE):
            raise TypeError('bad "quoting" value')
        if self._delimiter is None:
            raise TypeError('"delimiter" must be a 1-character string')
        if g["quotechar"] is None and g["quoting"] is _UNSET:
            self._quoting = QUOTE_NONE
        if self._quoting != QUOTE_NONE and self._quotechar is None:
            raise TypeError("quotechar must be set if quoting enabled")
        if self._lineterminator is None:
            raise TypeError("lineterminator must be set")
        return self

    def _readonly(name):
        def get(self):
            return getattr(self, "_" + name)

        def set(self, value):
            raise AttributeError(
                "attribute '%s' of '_csv.Dialect' objects is not writable" % name)
        return property(get, set)

    delimiter = _readonly("delimiter")
    doublequote = _readonly("doublequote")
    escapechar = _readonly("escapechar")
    lineterminator = _readonly("lineterminator")
    quotechar = _readonly("quotechar")
    quoting = _readonly("quoting")
    skipinitialspace = _readonly("skipinitialspace")
    strict = _readonly("strict")
    del _readonly

    def __repr__(self):
        return "<_csv.Dialect object at %#x>" % id(self)


# The reader's states (Modules/_csv.c's ParserState).
(START_RECORD, START_FIELD, ESCAPED_CHAR, IN_FIELD, IN_QUOTED_FIELD,
 ESCAPE_IN_QUOTED_FIELD, QUOTE_IN_QUOTED_FIELD, EAT_CRNL, AFTER_ESCAPED_CRNL) = range(9)

# The end of a line: no character compares equal to it.
_EOL = object()


class Reader:
    """CSV reader

Reader objects are responsible for reading and parsing tabular data
in CSV format.
"""

    def __init__(self, iterable, dialect, kwargs):
        self._input = iter(iterable)
        self.dialect = _make_dialect(dialect, kwargs)
        self.line_num = 0
        self._fields = None
        self._field = []
        self._state = START_RECORD
        self._numeric = False

    def __iter__(self):
        return self

    def __next__(self):
        self._fields = []
        self._field = []
        self._state = START_RECORD
        self._numeric = False
        while True:
            try:
                line = next(self._input)
            except StopIteration:
                if self._field or self._state == IN_QUOTED_FIELD:
                    if self.dialect.strict:
                        raise Error("unexpected end of data") from None
                    self._save_field()
                    break
                raise
            if not isinstance(line, str):
                raise Error("iterator should return strings, not %s "
                            "(the file should be opened in text mode)" % _type_name(line))
            self.line_num += 1
            for c in line:
                self._process_char(c)
            self._process_char(_EOL)
            if self._state == START_RECORD:
                break
        fields = self._fields
        self._fields = None
        return fields

    def _save_field(self):
        field = "".join(self._field)
        self._field = []
        if self._numeric:
            self._numeric = False
            field = float(field)
        self._fields.append(field)

    def _add_char(self, c):
        if len(self._field) >= _field_limit:
            raise Error("field larger than field limit (%d)" % _field_limit)
        self._field.append(c)

    def _process_char(self, c):
        d = self.dialect
        state = self._state
        if state == START_RECORD:
            if c is _EOL:
                return
            if c == "\n" or c == "\r":
                self._state = EAT_CRNL
                return
            state = self._state = START_FIELD
        if state == START_FIELD:
            if c is _EOL or c == "\n" or c == "\r":
                self._save_field()
                self._state = START_RECORD if c is _EOL else EAT_CRNL
            elif c == d.quotechar and d.quoting != QUOTE_NONE:
                self._state = IN_QUOTED_FIELD
            elif c == d.escapechar:
                self._state = ESCAPED_CHAR
            elif c == " " and d.skipinitialspace:
                pass
            elif c == d.delimiter:
                self._save_field()
            else:
                if d.quoting == QUOTE_NONNUMERIC:
                    self._numeric = True
                self._add_char(c)
                self._state = IN_FIELD
        elif state == ESCAPED_CHAR:
            if c == "\n" or c == "\r":
                self._add_char(c)
                self._state = AFTER_ESCAPED_CRNL
                return
            if c is _EOL:
                c = "\n"
            self._add_char(c)
            self._state = IN_FIELD
        elif state == IN_FIELD or state == AFTER_ESCAPED_CRNL:
            if state == AFTER_ESCAPED_CRNL and c is _EOL:
                return
            if c is _EOL or c == "\n" or c == "\r":
                self._save_field()
                self._state = START_RECORD if c is _EOL else EAT_CRNL
            elif c == d.escapechar:
                self._state = ESCAPED_CHAR
            elif c == d.delimiter:
                self._save_field()
                self._state = START_FIELD
            else:
                self._add_char(c)
                self._state = IN_FIELD
        elif state == IN_QUOTED_FIELD:
            if c is _EOL:
                pass
            elif c == d.escapechar:
                self._state = ESCAPE_IN_QUOTED_FIELD
            elif c == d.quotechar and d.quoting != QUOTE_NONE:
                self._state = QUOTE_IN_QUOTED_FIELD if d.doublequote else IN_FIELD
            else:
                self._add_char(c)
        elif state == ESCAPE_IN_QUOTED_FIELD:
            if c is _EOL:
                c = "\n"
            self._add_char(c)
            self._state = IN_QUOTED_FIELD
        elif state == QUOTE_IN_QUOTED_FIELD:
            if d.quoting != QUOTE_NONE and c == d.quotechar:
                self._add_char(c)
                self._state = IN_QUOTED_FIELD
            elif c == d.delimiter:
                self._save_field()
                self._state = START_FIELD
            elif c is _EOL or c == "\n" or c == "\r":
                self._save_field()
                self._state = START_RECORD if c is _EOL else EAT_CRNL
            elif not d.strict:
                self._add_char(c)
                self._state = IN_FIELD
            else:
                raise Error("'%s' expected after '%s'" % (d.delimiter, d.quotechar))
        elif state == EAT_CRNL:
            if c == "\n" or c == "\r":
                pass
            elif c is _EOL:
                self._state = START_RECORD
            else:
                raise Error("new-line character seen in unquoted field - "
                            "do you need to open the file in universal-newline mode?")


class Writer:
    """CSV writer

Writer objects are responsible for generating tabular data
in CSV format from sequence input.
"""

    def __init__(self, fileobj, dialect, kwargs):
        try:
            self._write = fileobj.write
        except AttributeError:
            raise TypeError('argument 1 must have a "write" method') from None
        self.dialect = _make_dialect(dialect, kwargs)

    def _join(self, parts, field, quoted):
        d = self.dialect
        out = []
        if field is not None:
            for c in field:
                if (c == d.delimiter or c == d.escapechar or c == d.quotechar
                        or c in d.lineterminator):
                    want_escape = False
                    if d.quoting == QUOTE_NONE:
                        want_escape = True
                    else:
                        if c == d.quotechar:
                            if d.doublequote:
                                out.append(d.quotechar)
                            else:
                                want_escape = True
                        elif c == d.escapechar:
                            want_escape = True
                        if not want_escape:
                            quoted = True
                    if want_escape:
                        if d.escapechar is None:
                            raise Error("need to escape, but no escapechar set")
                        out.append(d.escapechar)
                out.append(c)
        text = "".join(out)
        if quoted:
            text = d.quotechar + text + d.quotechar
        parts.append(text)

    def writerow(self, row):
        """writerow(iterable)

Construct and write a CSV record from an iterable of fields.  Non-string
elements will be converted to string."""
        d = self.dialect
        try:
            fields = iter(row)
        except TypeError:
            raise Error("iterable expected, not %s" % _type_name(row)) from None
        parts = []
        for field in fields:
            if d.quoting == QUOTE_NONNUMERIC:
                # PyNumber_Check: anything int() or float() accepts by a method.
                t = type(field)
                quoted = not (hasattr(t, "__index__") or hasattr(t, "__int__")
                              or hasattr(t, "__float__"))
            else:
                quoted = d.quoting == QUOTE_ALL
            if field is not None and not isinstance(field, str):
                field = str(field)
            self._join(parts, field, quoted)
        if len(parts) == 1 and parts[0] == "":
            if d.quoting == QUOTE_NONE:
                raise Error("single empty field record must be quoted")
            parts = []
            self._join(parts, None, True)
        line = d.delimiter.join(parts) + d.lineterminator
        return self._write(line)

    def writerows(self, rows):
        """writerows(iterable of iterables)

Construct and write a series of iterables to a csv file.  Non-string
elements will be converted to string."""
        for row in rows:
            self.writerow(row)


Reader.__name__ = Reader.__qualname__ = "reader"
Writer.__name__ = Writer.__qualname__ = "writer"


def _unpack(args):
    # PyArg_UnpackTuple(args, "", 1, 2, ...): no dialect given is not "excel" (a
    # `quotechar=None` alone then means QUOTE_NONE).
    if not args:
        raise TypeError(" expected at least 1 argument, got 0")
    if len(args) > 2:
        raise TypeError(" expected at most 2 arguments, got %d" % len(args))
    return args[0], (args[1] if len(args) == 2 else None)


def reader(*args, **fmtparams):
    csvfile, dialect = _unpack(args)
    return Reader(csvfile, dialect, fmtparams)


def writer(*args, **fmtparams):
    fileobj, dialect = _unpack(args)
    return Writer(fileobj, dialect, fmtparams)


def register_dialect(name, dialect=None, **fmtparams):
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    _dialects[name] = Dialect(dialect, **fmtparams)


def unregister_dialect(name):
    if name not in _dialects:
        raise Error("unknown dialect")
    del _dialects[name]


def get_dialect(name):
    try:
        return _dialects[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect") from None


def list_dialects():
    return list(_dialects)


def field_size_limit(*args, **kwargs):
    global _field_limit
    if kwargs:
        raise TypeError("field_size_limit() takes no keyword arguments")
    if len(args) > 1:
        raise TypeError("field_size_limit expected at most 1 argument, got %d" % len(args))
    old = _field_limit
    if args:
        if not isinstance(args[0], int):
            raise TypeError("limit must be an integer")
        _field_limit = args[0]
    return old
