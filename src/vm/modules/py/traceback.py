"""Print or format exceptions as the interpreter does (CPython's `traceback`, the parts a
program uses to report an error it caught). The text comes from the interpreter's own printer,
so `print_exc()` prints what an uncaught exception would."""

import sys
from _traceback import format as _format, format_only as _format_only

__all__ = ['format_exc', 'format_exception', 'format_exception_only', 'print_exc',
           'print_exception', 'print_last']

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


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    exc = _exc_of(exc, value)
    if exc is None:
        return ['NoneType: None\n']
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
