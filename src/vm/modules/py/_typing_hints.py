"""`typing.get_type_hints`, as CPython 3.11's `typing.py` writes it: a class's hints
gathered along its MRO, each base's string annotations evaluated in its module's globals
and its own namespace; a function's in its `__globals__` (unwrapped through
`__wrapped__`), a module's in its dict. gilvm's `typing` is native; this is its one
function written in Python, for `eval`."""

import sys


def _eval(value, globalns, localns):
    if value is None:
        return type(None)
    if isinstance(value, str):
        # gilvm has no compile(): a SyntaxError here is the string's (a NameError or any
        # other error comes from evaluating it, as CPython's ForwardRef._evaluate's).
        try:
            return eval(value, globalns, localns)
        except SyntaxError as e:
            if e.filename != "<string>":
                raise
            raise SyntaxError(
                f"Forward reference must be an expression -- got {value!r}") from None
    return value


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    if getattr(obj, "__no_type_check__", None):
        return {}
    if isinstance(obj, type):
        hints = {}
        for base in reversed(obj.__mro__):
            if globalns is None:
                base_globals = getattr(sys.modules.get(base.__module__, None), "__dict__", {})
            else:
                base_globals = globalns
            ann = base.__dict__.get("__annotations__", {})
            if not isinstance(ann, dict):
                ann = {}
            base_locals = dict(vars(base)) if localns is None else localns
            if localns is None and globalns is None:
                # As CPython: the module's globals are searched before the class's names.
                base_globals, base_locals = base_locals, base_globals
            for name, value in ann.items():
                hints[name] = _eval(value, base_globals, base_locals)
        return hints
    if globalns is None:
        if type(obj) is type(sys):
            globalns = obj.__dict__
        else:
            nsobj = obj
            while hasattr(nsobj, "__wrapped__"):
                nsobj = nsobj.__wrapped__
            globalns = getattr(nsobj, "__globals__", {})
        if localns is None:
            localns = globalns
    elif localns is None:
        localns = globalns
    hints = getattr(obj, "__annotations__", None)
    if hints is None:
        if callable(obj) or type(obj) is type(sys):
            return {}
        raise TypeError("{!r} is not a module, class, method, "
                        "or function.".format(obj))
    hints = dict(hints)
    for name, value in hints.items():
        hints[name] = _eval(value, globalns, localns)
    return hints
