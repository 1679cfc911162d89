class AppError(Exception):
    """Raised when the app fails."""
class Quiet(ValueError):
    pass
for cls in [ValueError, KeyError, Exception, BaseException, StopIteration, ZeroDivisionError,
            FileNotFoundError, SystemError, ExceptionGroup, AppError, Quiet, OSError, IOError]:
    print(f"{cls.__name__:20} {cls.__doc__!r}")
print(ValueError("x").__doc__)
print(Quiet("y").__doc__, AppError().__doc__)
help_text = {c.__name__: c.__doc__.split(".")[0] for c in (TypeError, IndexError, NameError)}
print(help_text)
