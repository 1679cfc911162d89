# The ExceptionGroup classes themselves: the hierarchy, the constructor's checks,
# message/exceptions/args, str and repr, and subclasses.

print(ExceptionGroup.__mro__)
print(BaseExceptionGroup.__mro__)
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))
print(ExceptionGroup.__name__, ExceptionGroup.__module__)

g = ExceptionGroup("two problems", [ValueError("bad value"), TypeError("bad type")])
print(g)
print(repr(g))
print(g.message, g.exceptions, g.args)
print(type(g.exceptions).__name__, len(g.exceptions))
print(str(ExceptionGroup("one", (KeyError("k"),))))

# BaseExceptionGroup picks ExceptionGroup when it can.
for excs in ([ValueError()], [KeyboardInterrupt()], [ValueError(), SystemExit(3)]):
    b = BaseExceptionGroup("mixed", excs)
    print(type(b).__name__, isinstance(b, Exception), repr(b))

# Any sequence will do; it is kept as given in args.
print(repr(ExceptionGroup("from tuple", (OSError(2, "nope"),))))
print(ExceptionGroup("from generator list", [ValueError(i) for i in range(3)]).exceptions)

bad_calls = [
    (),
    ("only message",),
    (42, [ValueError()]),
    ("msg", []),
    ("msg", ()),
    ("msg", [ValueError(), "not an exception"]),
    ("msg", {ValueError()}),
    ("msg", None),
    ("msg", [ValueError()], "extra"),
]
for args in bad_calls:
    for cls in (ExceptionGroup, BaseExceptionGroup):
        try:
            cls(*args)
        except (TypeError, ValueError) as e:
            print(f"{cls.__name__}{args!r:.40} -> {type(e).__name__}: {e}")

try:
    ExceptionGroup("no base exceptions", [ValueError(), KeyboardInterrupt()])
except TypeError as e:
    print("TypeError:", e)


class AppErrors(ExceptionGroup):
    def __str__(self):
        return f"[app] {self.message}: {len(self.exceptions)} error(s)"


a = AppErrors("startup", [RuntimeError("db down"), ConnectionError("no network")])
print(a, repr(a), isinstance(a, ExceptionGroup), isinstance(a, AppErrors))
try:
    AppErrors("startup", [SystemExit(1)])
except TypeError as e:
    print("TypeError:", e)


class BaseAppErrors(BaseExceptionGroup):
    pass


ba = BaseAppErrors("shutdown", [SystemExit(1)])
print(type(ba).__name__, repr(ba), ba.exceptions)
print(type(BaseAppErrors("all exceptions", [ValueError()])).__name__)


class Counted(ExceptionGroup):
    def __init__(self, message, excs):
        super().__init__(message, excs)
        self.count = len(excs)


c = Counted("counted", [ValueError(1), ValueError(2)])
print(c.count, c)
# derive makes a plain group unless overridden.
print(type(c.derive([ValueError(9)])).__name__, c.derive([ValueError(9)]))
part = c.subgroup(lambda e: e.args[0] == 2)
print(type(part).__name__, part, part.exceptions)

# Raising and catching the group as an ordinary exception.
def fail():
    raise ExceptionGroup("raised", [ZeroDivisionError("z")])

try:
    fail()
except Exception as e:
    print(type(e).__name__, e, e.exceptions[0].args)

# split and subgroup arguments.
g = ExceptionGroup("g", [ValueError(1), TypeError(2)])
for cond in (ValueError, (TypeError, KeyError), lambda e: True, Exception, KeyError):
    m, r = g.split(cond)
    print(m, "|", r, "|", g.subgroup(cond))
for cond in (1, "ValueError", int, (ValueError, 3)):
    try:
        g.split(cond)
    except TypeError as e:
        print("TypeError:", e)
print(g.derive([KeyError("k")]), repr(g.derive((IndexError(),))))


# A subclass with extra constructor arguments overrides __new__ and derive.
class CodedErrors(ExceptionGroup):
    def __new__(cls, message, excs, code):
        self = super().__new__(cls, message, excs)
        self.code = code
        return self

    def __init__(self, message, excs, code):
        super().__init__(message, excs)

    def derive(self, excs):
        return CodedErrors(self.message, excs, self.code)


ce = CodedErrors("coded", [ValueError(1), TypeError(2)], 42)
print(repr(ce), ce.code, ce.exceptions, ce.args)
m, r = ce.split(ValueError)
print(repr(m), m.code, repr(r), r.code)
try:
    raise ce
except* ValueError as part:
    print("ValueError part:", repr(part), part.code)
except* TypeError as part:
    print("TypeError part:", repr(part), part.code)
print(repr(ExceptionGroup.__new__(ExceptionGroup, "direct", [ValueError()])))
print(BaseExceptionGroup.__new__(BaseExceptionGroup, "direct", [ValueError()]).__class__)


# Generic in annotations, as typed code writes it.
def collect(errors: list[Exception]) -> ExceptionGroup[Exception]:
    return ExceptionGroup("collected", errors)


print(collect.__annotations__)
print(ExceptionGroup[ValueError], BaseExceptionGroup[KeyboardInterrupt], CodedErrors[KeyError])
