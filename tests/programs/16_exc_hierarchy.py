# Every built-in exception class of CPython 3.11 (but the exception groups), its MRO, and
# the members OSError, AttributeError, NameError and ImportError add.

classes = [
    ("ArithmeticError", ArithmeticError), ("AssertionError", AssertionError),
    ("AttributeError", AttributeError), ("BaseException", BaseException),
    ("BlockingIOError", BlockingIOError), ("BrokenPipeError", BrokenPipeError),
    ("BufferError", BufferError), ("BytesWarning", BytesWarning),
    ("ChildProcessError", ChildProcessError),
    ("ConnectionAbortedError", ConnectionAbortedError), ("ConnectionError", ConnectionError),
    ("ConnectionRefusedError", ConnectionRefusedError),
    ("ConnectionResetError", ConnectionResetError), ("DeprecationWarning", DeprecationWarning),
    ("EOFError", EOFError), ("EncodingWarning", EncodingWarning),
    ("EnvironmentError", EnvironmentError), ("Exception", Exception),
    ("FileExistsError", FileExistsError), ("FileNotFoundError", FileNotFoundError),
    ("FloatingPointError", FloatingPointError), ("FutureWarning", FutureWarning),
    ("GeneratorExit", GeneratorExit), ("IOError", IOError), ("ImportError", ImportError),
    ("ImportWarning", ImportWarning), ("IndentationError", IndentationError),
    ("IndexError", IndexError), ("InterruptedError", InterruptedError),
    ("IsADirectoryError", IsADirectoryError), ("KeyError", KeyError),
    ("KeyboardInterrupt", KeyboardInterrupt), ("LookupError", LookupError),
    ("MemoryError", MemoryError), ("ModuleNotFoundError", ModuleNotFoundError),
    ("NameError", NameError), ("NotADirectoryError", NotADirectoryError),
    ("NotImplementedError", NotImplementedError), ("OSError", OSError),
    ("OverflowError", OverflowError), ("PendingDeprecationWarning", PendingDeprecationWarning),
    ("PermissionError", PermissionError), ("ProcessLookupError", ProcessLookupError),
    ("RecursionError", RecursionError), ("ReferenceError", ReferenceError),
    ("ResourceWarning", ResourceWarning), ("RuntimeError", RuntimeError),
    ("RuntimeWarning", RuntimeWarning), ("StopAsyncIteration", StopAsyncIteration),
    ("StopIteration", StopIteration), ("SyntaxError", SyntaxError),
    ("SyntaxWarning", SyntaxWarning), ("SystemError", SystemError), ("SystemExit", SystemExit),
    ("TabError", TabError), ("TimeoutError", TimeoutError), ("TypeError", TypeError),
    ("UnboundLocalError", UnboundLocalError), ("UnicodeDecodeError", UnicodeDecodeError),
    ("UnicodeEncodeError", UnicodeEncodeError), ("UnicodeError", UnicodeError),
    ("UnicodeTranslateError", UnicodeTranslateError), ("UnicodeWarning", UnicodeWarning),
    ("UserWarning", UserWarning), ("ValueError", ValueError), ("Warning", Warning),
    ("ZeroDivisionError", ZeroDivisionError),
]
for n, cls in classes:
    print(n, [c.__name__ for c in cls.__mro__])

print([c.__name__ for c in FileNotFoundError.__mro__])
print(EnvironmentError is OSError, IOError is OSError)
print(issubclass(FileNotFoundError, OSError), issubclass(BrokenPipeError, ConnectionError))
print(issubclass(ConnectionResetError, OSError), issubclass(TimeoutError, OSError))
print(issubclass(UnicodeDecodeError, ValueError), issubclass(TabError, SyntaxError))
print(issubclass(ModuleNotFoundError, ImportError), issubclass(RecursionError, RuntimeError))
print(issubclass(KeyboardInterrupt, Exception), issubclass(GeneratorExit, Exception))
print(issubclass(StopAsyncIteration, Exception), issubclass(DeprecationWarning, Warning))
print(issubclass(PermissionError, FileNotFoundError), issubclass(UserWarning, Exception))

# OSError(errno, strerror) picks the subclass its errno maps to.
for errno in [1, 2, 3, 4, 10, 11, 13, 17, 20, 21, 32, 103, 104, 110, 111, 999]:
    e = OSError(errno, "message")
    print(errno, type(e).__name__, e.errno, e.strerror, e.filename, str(e))
e = OSError(2, "No such file or directory", "data.txt")
print(repr(e), e.args, str(e))
e = OSError(2, "No such file or directory", "a.txt", None, "b.txt")
print(str(e), e.filename2)
print(str(OSError("plain")), OSError("plain").errno, OSError().args)
print(str(OSError(None, None)), type(IOError(2, "x")).__name__)
print(type(FileNotFoundError(13, "x")).__name__)


class AppError(OSError):
    pass


print(type(AppError(2, "x")).__name__, AppError(2, "x"))

try:
    raise PermissionError(13, "Permission denied", "/root/x")
except OSError as err:
    print(type(err).__name__, err.errno, err.strerror, err.filename, err)

# The members.
a = AttributeError("boom", name="attr", obj=[1])
print(a.name, a.obj, a.args, str(a))
print(AttributeError("x").name, NameError("y", name="n").name, ImportError("z", name="m", path="p").path)
for make in [lambda: AttributeError("x", foo=1), lambda: NameError("x", obj=1),
             lambda: ValueError("x", obj=1), lambda: OSError("x", obj=1)]:
    try:
        make()
    except TypeError as t:
        print(t)
try:
    [].appendd
except AttributeError as err:
    print(err.name, err.obj, err)
try:
    undefined_name
except NameError as err:
    print(err.name, repr(err))

# KeyError, args, add_note.
print(str(KeyError("k")), str(KeyError()), str(KeyError(1, 2)), KeyError("k").args)
e = ValueError("bad")
e.add_note("first")
e.add_note("second")
print(e.__notes__, e.__dict__)
for bad in [3, None]:
    try:
        e.add_note(bad)
    except TypeError as t:
        print(t)
e.__notes__ = ()
try:
    e.add_note("x")
except TypeError as t:
    print(t)
print(e.with_traceback(None) is e)
