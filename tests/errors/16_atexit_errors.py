# An exit handler that fails does not stop the others, nor change the exit status;
# an uncaught exception in the program is reported before the handlers run.
import atexit
import sys


class Handler:
    """A named exit handler (its repr is what a failure report names)."""

    def __init__(self, name, action):
        self.name = name
        self.action = action

    def __repr__(self):
        return f"<handler {self.name}>"

    def __call__(self, *args):
        print("handler", self.name, "runs with", args)
        return self.action(*args)


def lookup(d):
    return d["missing"]


def leave():
    sys.exit(5)


atexit.register(Handler("first", print), "registered first, runs last")
atexit.register(Handler("broken", lookup), {"present": 1})
atexit.register(Handler("exits", leave))
print("about to fail")
numbers = [1, 2, 3]
print(numbers[3])
