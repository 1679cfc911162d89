# traceback.print_exception/format_exception with the (type, value, tb) form: the given
# traceback, not the exception's own, heads the report (None: no "Traceback" lines).
import sys, traceback

def inner():
    raise ValueError("deep")

def outer():
    inner()

try:
    outer()
except ValueError as e:
    err = e
    tb = sys.exc_info()[2]

traceback.print_exception(type(err), err, None, file=sys.stdout)
print("--")
traceback.print_exception(type(err), err, tb.tb_next, file=sys.stdout)
print("--")
traceback.print_exception(err, file=sys.stdout)
print("--")
print("".join(traceback.format_exception(type(err), err, tb.tb_next.tb_next)))
try:
    traceback.print_exception(type(err), err)
except ValueError as e:
    print("ValueError:", e)
try:
    traceback.format_exception(42)
except TypeError as e:
    print("TypeError:", e)
print(traceback.format_exception(None))
try:
    try:
        outer()
    except ValueError:
        raise KeyError("k")
except KeyError as e:
    traceback.print_exception(type(e), e, None, file=sys.stdout)
