# A course's "clean up when the program ends" exercise: atexit, weakref.finalize, threads.
import atexit
import threading
import weakref

log = []


class Resource:
    def __init__(self, name):
        self.name = name
        print("open", name)


def close(name):
    print("close", name, "at exit")


def summary(prefix, *, sep=", "):
    print(prefix + sep.join(log))


atexit.register(summary, "log: ")
atexit.register(summary, "log again: ", sep="|")


@atexit.register
def goodbye():
    print("goodbye runs before the summaries (last in, first out)")


def worker(n):
    log.append(f"worker{n}")


threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads:
    t.start()

r1 = Resource("db")
r2 = Resource("cache")
f1 = weakref.finalize(r1, close, "db")
f2 = weakref.finalize(r2, close, "cache")
f3 = weakref.finalize(Resource("temp"), close, "temp")  # dies at once
print("f3 alive:", f3.alive)
f2.atexit = False
print("f1 atexit:", f1.atexit, "f2 atexit:", f2.atexit)

try:
    atexit.register(42)
except TypeError as e:
    print("TypeError:", e)


def not_registered():
    print("never printed")


atexit.register(not_registered)
atexit.unregister(not_registered)
atexit.unregister(print)  # never registered: no error

for t in threads:
    t.join()
log.sort()
print("main ends with", len(log), "entries")
