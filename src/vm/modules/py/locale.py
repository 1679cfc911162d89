# gilvm's `locale`: CPython 3.11's API over the C library's "C" locales only ("C", "POSIX",
# "C.UTF-8"), which is what gilvm formats numbers and times in (`time.strftime` writes the C
# locale's names itself). The state is the interpreter's own, not the process's: runs of
# one process (`race`, `explore`, `gilvm web`) cannot change each other's. A locale the C
# library of a default Debian system lacks too (`de_DE.UTF-8`) raises `locale.Error`, as
# CPython does there. Names and messages are CPython's (Lib/locale.py, Modules/_localemodule.c).
"""Locale support module.

The module provides low-level access to the C lib's locale APIs and adds high level
number formatting APIs as well as a locale aliasing engine to complement these.
"""

import sys

__all__ = ["getlocale", "getdefaultlocale", "getpreferredencoding", "Error",
           "setlocale", "resetlocale", "localeconv", "strcoll", "strxfrm",
           "str", "atof", "atoi", "format_string", "currency",
           "normalize", "LC_CTYPE", "LC_COLLATE", "LC_TIME", "LC_MONETARY",
           "LC_NUMERIC", "LC_ALL", "CHAR_MAX", "getencoding"]

import builtins
_builtin_str = builtins.str

LC_CTYPE = 0
LC_NUMERIC = 1
LC_TIME = 2
LC_COLLATE = 3
LC_MONETARY = 4
LC_MESSAGES = 5
LC_ALL = 6
CHAR_MAX = 127

# glibc's categories, in the order its composite LC_ALL name lists them.
_CATEGORIES = ["LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY",
               "LC_MESSAGES", "LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE",
               "LC_MEASUREMENT", "LC_IDENTIFICATION"]
_NUMBERS = {0: "LC_CTYPE", 1: "LC_NUMERIC", 2: "LC_TIME", 3: "LC_COLLATE",
            4: "LC_MONETARY", 5: "LC_MESSAGES"}
_KNOWN = ("C", "POSIX", "C.UTF-8", "C.utf8")


class Error(Exception):
    pass


Error.__module__ = "locale"


def _from_environment(category):
    import os
    for var in ("LC_ALL", category, "LANG"):
        value = os.environ.get(var, "")
        if value:
            return value
    return "C"


def _start():
    # CPython sets LC_CTYPE from the environment at start-up; the rest stay "C". A name the
    # C library lacks leaves it where PEP 538 puts a "C" locale: C.UTF-8.
    state = {c: "C" for c in _CATEGORIES}
    name = _from_environment("LC_CTYPE")
    state["LC_CTYPE"] = name if name in _KNOWN and name != "C" and name != "POSIX" else "C.UTF-8"
    return state


_state = _start()


def _category(category):
    if not isinstance(category, int):
        raise TypeError("an integer is required (got type %s)" % type(category).__name__)
    if category == LC_ALL:
        return None
    try:
        return _NUMBERS[category]
    except KeyError:
        raise Error("unsupported locale setting") from None


def _query(category):
    name = _category(category)
    if name is not None:
        return _state[name]
    values = [_state[c] for c in _CATEGORIES]
    if all(v == values[0] for v in values):
        return values[0]
    return ";".join("%s=%s" % (c, _state[c]) for c in _CATEGORIES)


def setlocale(category, locale=None):
    """ Set the locale for the given category.  The locale can be
        a string, an iterable of two strings (language code and encoding),
        or None.

        Iterables are converted to strings using the locale aliasing
        engine.  Locale strings are passed directly to the C lib.

        category may be given as one of the LC_* values.

    """
    if locale and not isinstance(locale, _builtin_str):
        locale = normalize(_build_localename(locale))
    if locale is None:
        return _query(category)
    if not isinstance(locale, _builtin_str):
        raise TypeError("setlocale() argument 2 must be str or None, not %s"
                        % type(locale).__name__)
    name = _category(category)
    names = _CATEGORIES if name is None else [name]
    chosen = {}
    for c in names:
        value = locale or _from_environment(c)
        if value not in _KNOWN:
            raise Error("unsupported locale setting")
        chosen[c] = value
    _state.update(chosen)
    return _query(category)


def localeconv():
    """ Returns numeric and monetary locale-specific parameters."""
    return {'int_curr_symbol': '', 'currency_symbol': '', 'mon_decimal_point': '',
            'mon_thousands_sep': '', 'mon_grouping': [], 'positive_sign': '',
            'negative_sign': '', 'int_frac_digits': CHAR_MAX, 'frac_digits': CHAR_MAX,
            'p_cs_precedes': CHAR_MAX, 'p_sep_by_space': CHAR_MAX,
            'n_cs_precedes': CHAR_MAX, 'n_sep_by_space': CHAR_MAX,
            'p_sign_posn': CHAR_MAX, 'n_sign_posn': CHAR_MAX, 'decimal_point': '.',
            'thousands_sep': '', 'grouping': []}


def strcoll(a, b):
    """Compares two strings according to the locale."""
    for s in (a, b):
        if not isinstance(s, _builtin_str):
            raise TypeError("strcoll() argument must be str, not %s" % type(s).__name__)
    return (a > b) - (a < b)


def strxfrm(s):
    """Return a string that can be used as a key for locale-aware comparisons."""
    if not isinstance(s, _builtin_str):
        raise TypeError("strxfrm() argument must be str, not %s" % type(s).__name__)
    return s


def format_string(f, val, grouping=False, monetary=False):
    """Formats a string in the same way that the % formatting would use,
    but takes the current locale into account.

    Grouping is applied if the third parameter is true.
    Conversion uses monetary thousands separator and grouping strings if
    forth parameter monetary is true."""
    # The C locales group nothing and write '.' for the decimal point.
    return f % val


def currency(val, symbol=True, grouping=False, international=False):
    """Formats val according to the currency settings
    in the current locale."""
    raise ValueError("Currency formatting is not possible using "
                     "the 'C' locale.")


def str(val):
    """Convert float to string, taking the locale into account."""
    return format_string("%.12g", val)


def delocalize(string):
    "Parses a string as a normalized number according to the locale settings."
    return string


def localize(string, grouping=False, monetary=False):
    """Parses a string as locale number according to the locale settings."""
    return string


def atof(string, func=float):
    "Parses a string as a float according to the locale settings."
    return func(delocalize(string))


def atoi(string):
    "Converts a string to an integer according to the locale settings."
    return int(delocalize(string))


# CPython's alias table, for the names the C locales go by.
_ALIASES = {"c": "C", "posix": "C", "c.utf8": "en_US.UTF-8", "c.utf-8": "en_US.UTF-8",
            "c.ascii": "C", "c.en": "C", "c.iso88591": "en_US.ISO8859-1"}


def normalize(localename):
    """ Returns a normalized locale code for the given locale
        name.
    """
    code = localename.lower()
    if ":" in code:
        code = code.replace(":", ".")
    if code in _ALIASES:
        return _ALIASES[code]
    return localename


def _parse_localename(localename):
    code = normalize(localename)
    if "@" in code:
        code, modifier = code.split("@", 1)
        if modifier == "euro" and "." not in code:
            return code, "iso-8859-15"
    if "." in code:
        return tuple(code.split(".")[:2])
    elif code == "C":
        return None, None
    elif code == "UTF-8":
        return None, "UTF-8"
    raise ValueError("unknown locale: %s" % localename)


def _build_localename(localetuple):
    try:
        language, encoding = localetuple
        if language is None:
            language = "C"
        if encoding is None:
            return language
        else:
            return language + "." + encoding
    except (TypeError, ValueError):
        raise TypeError("Locale must be None, a string, or an iterable of "
                        "two strings -- language code, encoding.") from None


def getlocale(category=LC_CTYPE):
    """ Returns the current setting for the given locale category as
        tuple (language code, encoding).
    """
    localename = _query(category)
    if category == LC_ALL and ";" in localename:
        raise TypeError("category LC_ALL is not supported")
    return _parse_localename(localename)


def getdefaultlocale(envvars=("LC_ALL", "LC_CTYPE", "LANG", "LANGUAGE")):
    """ Tries to determine the default locale settings and returns
        them as tuple (language code, encoding).
    """
    import warnings
    warnings.warn(
        "Use setlocale(), getencoding() and getlocale() instead",
        DeprecationWarning, stacklevel=2
    )
    import os
    for variable in envvars:
        localename = os.environ.get(variable, None)
        if localename:
            if variable == "LANGUAGE":
                localename = localename.split(":")[0]
            break
    else:
        localename = "C"
    return _parse_localename(localename)


def resetlocale(category=LC_ALL):
    """ Sets the locale for category to the default setting."""
    import warnings
    warnings.warn(
        "Use locale.setlocale(locale.LC_ALL, '') instead",
        DeprecationWarning, stacklevel=2
    )
    setlocale(category, "")


def getencoding():
    """Get the current locale encoding (gilvm: always UTF-8, as Python's UTF-8 mode)."""
    return "UTF-8"


def getpreferredencoding(do_setlocale=True):
    """Return the charset that the user is likely using."""
    return "UTF-8"
