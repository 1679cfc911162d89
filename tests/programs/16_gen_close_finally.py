# generator.close(): GeneratorExit is raised at the yield, finally blocks and with-exits run.


def numbers():
    try:
        yield 1
        yield 2
        yield 3
    finally:
        print("numbers: finally")


g = numbers()
print(next(g))
print("suspended:", g.gi_suspended, "running:", g.gi_running)
print(g.close())
print("suspended after close:", g.gi_suspended)
print(next(g, "exhausted"))
g.close()  # closing again does nothing


class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("open", self.name)
        return self

    def __exit__(self, *exc):
        print("close", self.name, exc[0].__name__ if exc[0] else None)
        return False


def reader():
    with Resource("file"):
        yield "line 1"
        yield "line 2"


r = reader()
print(next(r))
r.close()


def sees_generator_exit():
    try:
        yield "ready"
    except GeneratorExit:
        print("got GeneratorExit, cleaning up")
        raise


s = sees_generator_exit()
next(s)
s.close()
print(issubclass(GeneratorExit, BaseException), issubclass(GeneratorExit, Exception))


def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"


t = returns_on_exit()
next(t)
print(t.close())

# A generator never started has nothing to clean up.
u = numbers()
u.close()
print(next(u, "closed before start"))


def running_flag():
    print("inside, running:", me.gi_running)
    yield


me = running_flag()
next(me)


def closes_itself():
    try:
        me2.close()
    except ValueError as e:
        print("ValueError:", e)
    yield "after"


me2 = closes_itself()
print(next(me2))
