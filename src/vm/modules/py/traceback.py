"""Print or format exceptions as the interpreter does (CPython's `traceback`, the parts a
program uses to report an error it caught). The text comes from the interpreter's own printer,
so `print_exc()` prints what an uncaught exception would."""

import sys
from _traceback import format as _format, format_only as _format_only, tb_entries as _tb_entries
from _traceback import line as _line, hidden as _hidden

__all__ = ['extract_tb', 'format_exc', 'format_exception', 'format_exception_only',
           'format_list', 'format_tb', 'print_exc', 'print_exception', 'print_last',
           'print_list', 'print_tb', 'walk_tb', 'FrameSummary', 'StackSummary',
           'extract_stack', 'format_stack', 'print_stack', 'walk_stack']

_sentinel = object()


def _exc_of(exc, value):
    # 3.10+: print_exception(exc); the old (type, value, tb) form still works.
    if value is not _sentinel:
        return value
    return exc


def _entries(text):
    # One entry per line of the report, the source and caret lines kept with their frame.
    entries = []
    for line in text.splitlines(keepends=True):
        if entries and line.startswith('    '):
            entries[-1] += line
        else:
            entries.append(line)
    return entries


def format_exception_only(exc, /, value=_sentinel):
    exc = _exc_of(exc, value)
    if exc is None:
        return ['NoneType: None\n']
    return [_format_only(exc)]


_cause_message = ('\nThe above exception was the direct cause '
                  'of the following exception:\n\n')

_context_message = ('\nDuring handling of the above exception, '
                    'another exception occurred:\n\n')


def _limit(limit):
    if limit is None:
        limit = getattr(sys, 'tracebacklimit', None)
        if limit is not None and limit < 0:
            limit = 0
    return limit


def _limited(items, limit):
    # Lib/traceback.py's islice / deque(maxlen=-limit) over the frames.
    if limit is None:
        return items
    if limit >= 0:
        return items[:limit]
    return items[limit:] if -limit < len(items) else items


def _parse_value_tb(exc, value, tb):
    # Lib/traceback.py's: print_exception(exc) or the old (type, value, tb) form.
    if (value is _sentinel) != (tb is _sentinel):
        raise ValueError("Both or neither of value and tb must be given")
    if value is tb is _sentinel:
        if exc is not None:
            if isinstance(exc, BaseException):
                return exc, exc.__traceback__
            raise TypeError(
                f'Exception expected for value, {type(exc).__name__} found')
        return None, None
    return value, tb


def _format_limited(exc, limit, chain, tb=_sentinel):
    # TracebackException(...).format(chain=chain) of Lib/traceback.py, each traceback cut
    # to `limit` frames; `tb`, when given, is the first exception's traceback.
    output = []
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        msg = nxt = None
        if chain:
            if exc.__cause__ is not None:
                msg, nxt = _cause_message, exc.__cause__
            elif exc.__context__ is not None and not exc.__suppress_context__:
                msg, nxt = _context_message, exc.__context__
        output.append((msg, exc))
        exc = nxt
    result = []
    first = output[0][1] if output else None
    for msg, exc in reversed(output):
        if msg is not None:
            result.append(msg)
        exc_tb = tb if exc is first and tb is not _sentinel else exc.__traceback__
        stack = extract_tb(exc_tb, limit=limit)
        if stack:
            result.append('Traceback (most recent call last):\n')
            result.extend(stack.format())
        result.extend(format_exception_only(exc))
    return result


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    exc, tb = _parse_value_tb(exc, value, tb)
    if exc is None:
        return ['NoneType: None\n']
    limit = _limit(limit)
    if isinstance(exc, BaseExceptionGroup):
        return _entries(_format(exc, chain))
    if limit is not None or tb is not exc.__traceback__:
        # The interpreter's printer reads the exception's own traceback, in full.
        return _format_limited(exc, limit, chain, tb)
    return _entries(_format(exc, chain))


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for entry in format_exception(exc, value, tb, limit=limit, chain=chain):
        print(entry, file=file, end='')


def format_exc(limit=None, chain=True):
    return ''.join(format_exception(sys.exception(), limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exception(), limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    if not hasattr(sys, 'last_value'):
        raise ValueError('no last exception')
    print_exception(sys.last_value, limit=limit, file=file, chain=chain)


_RECURSIVE_CUTOFF = 3


class FrameSummary:
    """One frame of a traceback: filename, lineno, name and the source line (CPython's
    traceback.FrameSummary)."""

    __slots__ = ('filename', 'lineno', 'end_lineno', 'colno', 'end_colno', 'name', '_line',
                 'locals', '_text')

    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None,
                 end_lineno=None, colno=None, end_colno=None):
        self.filename = filename
        self.lineno = lineno
        self.end_lineno = end_lineno
        self.colno = colno
        self.end_colno = end_colno
        self.name = name
        self._line = line
        self.locals = locals
        self._text = None

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename == other.filename and self.lineno == other.lineno and
                    self.name == other.name and self.locals == other.locals)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name)

    def __len__(self):
        return 4

    @property
    def line(self):
        if self._line is None:
            return None
        return self._line.strip()


class StackSummary(list):
    """A list of FrameSummary objects, ready for formatting."""

    @classmethod
    def extract(klass, frame_gen, *, limit=None, lookup_lines=True, capture_locals=False):
        result = klass()
        result.extend(_extract_stack(frame_gen, limit))
        return result

    @classmethod
    def from_list(klass, a_list):
        result = StackSummary()
        for frame in a_list:
            if isinstance(frame, FrameSummary):
                result.append(frame)
            else:
                filename, lineno, name, line = frame
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format_frame_summary(self, frame_summary):
        # A frame from a traceback object is rendered by the interpreter's own printer, with
        # CPython 3.11's caret lines.
        text = getattr(frame_summary, '_text', None)
        if text is not None:
            return text
        row = ['  File "{}", line {}, in {}\n'.format(
            frame_summary.filename, frame_summary.lineno, frame_summary.name)]
        if frame_summary.line:
            row.append('    {}\n'.format(frame_summary.line))
        return ''.join(row)

    def format(self):
        result = []
        last_file = last_line = last_name = None
        count = 0
        for frame_summary in self:
            formatted_frame = self.format_frame_summary(frame_summary)
            if formatted_frame is None:
                continue
            if (last_file is None or last_file != frame_summary.filename or
                    last_line is None or last_line != frame_summary.lineno or
                    last_name is None or last_name != frame_summary.name):
                if count > _RECURSIVE_CUTOFF:
                    count -= _RECURSIVE_CUTOFF
                    result.append(f'  [Previous line repeated {count} more '
                                  f'time{"s" if count > 1 else ""}]\n')
                last_file = frame_summary.filename
                last_line = frame_summary.lineno
                last_name = frame_summary.name
                count = 0
            count += 1
            if count > _RECURSIVE_CUTOFF:
                continue
            result.append(formatted_frame)
        if count > _RECURSIVE_CUTOFF:
            count -= _RECURSIVE_CUTOFF
            result.append(f'  [Previous line repeated {count} more '
                          f'time{"s" if count > 1 else ""}]\n')
        return result


def walk_tb(tb):
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def extract_tb(tb, limit=None):
    result = StackSummary()
    for filename, lineno, name, line, text in _limited(_tb_entries(tb), _limit(limit)):
        frame = FrameSummary(filename, lineno, name, line=line)
        frame._text = text
        result.append(frame)
    return result


def walk_stack(f):
    if f is None:
        f = sys._getframe().f_back.f_back
    while f is not None:
        yield f, f.f_lineno
        f = f.f_back


def _extract_stack(frame_gen, limit):
    frames = [(f, lineno) for f, lineno in frame_gen if not _hidden(f.f_code.co_filename)]
    result = StackSummary()
    for f, lineno in _limited(frames, _limit(limit)):
        co = f.f_code
        result.append(FrameSummary(co.co_filename, lineno, co.co_name,
                                   line=_line(co.co_filename, lineno)))
    return result


def extract_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    stack = _extract_stack(walk_stack(f), limit)
    stack.reverse()
    return stack


def format_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    return format_list(extract_stack(f, limit=limit))


def print_stack(f=None, limit=None, file=None):
    if f is None:
        f = sys._getframe().f_back
    print_list(extract_stack(f, limit=limit), file=file)


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    if file is None:
        file = sys.stderr
    for item in StackSummary.from_list(extracted_list).format():
        print(item, file=file, end="")


def format_tb(tb, limit=None):
    return extract_tb(tb, limit=limit).format()


def print_tb(tb, limit=None, file=None):
    print_list(extract_tb(tb, limit=limit), file=file)
