# How except* behaves: matching, splitting, re-raising the rest, raising inside a
# handler, naked exceptions, else/finally, and the handled exception inside clauses.
import sys


def show(label, e):
    if isinstance(e, BaseExceptionGroup):
        inner = ", ".join(show_leaf(x) for x in e.exceptions)
        print(f"{label}: {type(e).__name__}({e.message!r}, [{inner}])")
    else:
        print(f"{label}: {show_leaf(e)}")


def show_leaf(e):
    if isinstance(e, BaseExceptionGroup):
        return f"{type(e).__name__}({e.message!r}, [{', '.join(show_leaf(x) for x in e.exceptions)}])"
    return repr(e)


def attempt(label, make, *handlers_raise):
    print(f"== {label}")
    try:
        try:
            raise make()
        except* ValueError as eg:
            show("  ValueError clause", eg)
            show("  exc_info", sys.exc_info()[1])
            if "v" in handlers_raise:
                raise KeyError("from ValueError clause")
            if "reraise" in handlers_raise:
                raise
        except* TypeError as eg:
            show("  TypeError clause", eg)
            if "t" in handlers_raise:
                raise RuntimeError("from TypeError clause")
        except* OSError:
            print("  OSError clause")
        else:
            print("  else")
        finally:
            print("  finally")
    except BaseException as e:
        show("  escaped", e)
        if e.__context__ is not None:
            show("  context", e.__context__)
        if isinstance(e, BaseExceptionGroup):
            for sub in e.exceptions:
                if sub.__context__ is not None:
                    show(f"  context of {type(sub).__name__}", sub.__context__)
    else:
        print("  nothing escaped")


def eg(*excs):
    return ExceptionGroup("batch", list(excs))


attempt("all handled", lambda: eg(ValueError(1), TypeError(2), FileNotFoundError(3)))
attempt("rest escapes", lambda: eg(ValueError(1), KeyError(2), IndexError(3)))
attempt("nested groups keep their shape", lambda: eg(ValueError(1), eg(TypeError(2), KeyError(3)), eg(ValueError(4))))
attempt("raise in a clause", lambda: eg(ValueError(1), TypeError(2)), "v")
attempt("raise in two clauses", lambda: eg(ValueError(1), TypeError(2), KeyError(3)), "v", "t")
attempt("bare raise re-raises the part", lambda: eg(ValueError(1), TypeError(2)), "reraise")
attempt("naked exception is wrapped", lambda: ValueError("naked"))
attempt("naked exception not matched", lambda: ZeroDivisionError("naked"))
attempt("naked exception, clause raises", lambda: TypeError("naked"), "t")
attempt("raise None is a TypeError", lambda: None)


def gen():
    for i in range(3):
        try:
            yield i
            if i == 1:
                raise ExceptionGroup("in gen", [ValueError(i), TypeError(i)])
        except* ValueError as e:
            yield f"gen handled {e.exceptions}"
        except* TypeError as e:
            yield f"gen handled {e.exceptions}"


print(list(gen()))

# In a loop, with the name cleared after each clause.
for n in range(3):
    try:
        if n:
            raise ExceptionGroup("loop", [ValueError(n)] * n)
    except* ValueError as e:
        print(n, len(e.exceptions))
try:
    e
except NameError as err:
    print("NameError:", err)

# A BaseExceptionGroup with a BaseException inside.
try:
    raise BaseExceptionGroup("stop", [KeyboardInterrupt(), ValueError("v")])
except* KeyboardInterrupt as g:
    print(type(g).__name__, repr(g))
except* ValueError as g:
    print(type(g).__name__, repr(g))

# A tuple of types, and an empty tuple that matches nothing.
try:
    try:
        raise ExceptionGroup("t", [KeyError("k"), IndexError("i")])
    except* ():
        print("never")
    except* (KeyError, IndexError) as g:
        print("tuple matched", g.exceptions)
except Exception as e:
    print("unexpected", e)

# except* ExceptionGroup is refused at run time.
for typ in (ExceptionGroup, (ValueError, BaseExceptionGroup), int):
    try:
        try:
            raise ValueError(1)
        except* typ:
            pass
    except TypeError as e:
        print("TypeError:", e)
