#!/usr/bin/env python3
"""Writes str_tables.rs: the non-ASCII code points for which CPython says isalpha(),
isdecimal(), isdigit() and isnumeric(), as sorted inclusive ranges.

    python3.11 src/vm/types/str_tables.py > src/vm/types/str_tables.rs

Run it with CPython 3.11 (Unicode 14), the version gilvm matches; rustfmt leaves the tables
as written (`#[rustfmt::skip]`).
"""
import sys

assert sys.version_info[:2] == (3, 11), "generate the tables with CPython 3.11"


def ranges(pred):
    out, start, prev = [], None, None
    for cp in range(0x80, sys.maxunicode + 1):
        if pred(chr(cp)):
            if start is None:
                start = cp
            elif cp != prev + 1:
                out.append((start, prev))
                start = cp
            prev = cp
    if start is not None:
        out.append((start, prev))
    return out


def table(doc, name, pred):
    lines = [f"/// {doc}", "#[rustfmt::skip]", f"pub(super) const {name}: &[(u32, u32)] = &["]
    cells = [f"({a:#x}, {b:#x})," for a, b in ranges(pred)]
    line = "   "
    for c in cells:
        if len(line) + 1 + len(c) > 100:
            lines.append(line)
            line = "   "
        line += " " + c
    if line.strip():
        lines.append(line)
    lines.append("];")
    return "\n".join(lines)


HEADER = """\
//! Unicode tables for `str`'s character predicates (`isalpha`, `isdecimal`, …), generated
//! from CPython 3.11 by `str_tables.py` beside this file: do not edit by hand.

// ----- Unicode tables ----------------------------------------------------------------------------
//
// Rust's `char` predicates follow a newer Unicode and different definitions (`is_alphabetic`
// includes combining marks; nothing matches `isdecimal`), so the classes CPython 3.11 tests are
// tabulated here: sorted, inclusive code-point ranges generated from CPython 3.11 itself.
"""

print(HEADER)
print(table("Non-ASCII code points for which CPython 3.11 (Unicode 14) says `isalpha()`.",
            "ALPHA", str.isalpha))
print()
print(table("Non-ASCII code points for which CPython 3.11 says `isdecimal()`.",
            "DECIMAL", str.isdecimal))
print()
print(table("Non-ASCII code points for which CPython 3.11 says `isdigit()`.", "DIGIT", str.isdigit))
print()
print(table("Non-ASCII code points for which CPython 3.11 says `isnumeric()`.",
            "NUMERIC", str.isnumeric))
