# Printing where a program is, without an error: traceback.print_stack, format_stack and
# extract_stack, as a course shows them for tracing recursive calls.
import sys
import traceback


def log_stack(label):
    print(f"--- {label}")
    traceback.print_stack(file=sys.stdout)


def factorial(n):
    if n <= 1:
        log_stack("factorial bottom")
        return 1
    return n * factorial(n - 1)


print(factorial(3))


def summary():
    for fs in traceback.extract_stack():
        print(f"{fs.name}:{fs.lineno}: {fs.line}")
    print(len(traceback.extract_stack(limit=1)), traceback.extract_stack(limit=1)[0].name)


def outer():
    summary()


outer()


def limited():
    text = "".join(traceback.format_stack(limit=2))
    print(text, end="")
    print("".join(traceback.format_stack(limit=-1)), end="")
    traceback.print_stack(sys._getframe(1), limit=1, file=sys.stdout)


def middle():
    x = limited()
    return x


middle()
frames = [f.f_code.co_name for f, line in traceback.walk_stack(sys._getframe())]
print(frames)


class Tracer:
    def __init__(self):
        self.calls = []

    def note(self):
        stack = traceback.extract_stack()
        self.calls.append(" > ".join(fs.name for fs in stack[:-1]))


t = Tracer()


def a():
    t.note()
    b()


def b():
    t.note()


a()
b()
for line in t.calls:
    print(line)
