# concurrent.futures with threads: every line printed is the same under every schedule.
import threading
import time
import concurrent.futures
from concurrent.futures import (ThreadPoolExecutor, Future, as_completed, wait,
                                FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED,
                                CancelledError)

print(concurrent.futures.ThreadPoolExecutor is ThreadPoolExecutor)
print(concurrent.futures.TimeoutError is TimeoutError)
print(issubclass(CancelledError, Exception), issubclass(concurrent.futures.BrokenExecutor, RuntimeError))
print(FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED)


def square(x):
    return x * x


def fail(x):
    raise ValueError("bad %d" % x)


# submit / result
with ThreadPoolExecutor(max_workers=4) as ex:
    fs = [ex.submit(square, i) for i in range(10)]
    print([f.result() for f in fs])
    print(all(f.done() for f in fs), any(f.running() for f in fs), any(f.cancelled() for f in fs))
    f = ex.submit(pow, 2, 10)
    print(f.result(timeout=5))
    f = ex.submit(lambda a, b=0, **kw: (a, b, sorted(kw.items())), 1, b=2, c=3)
    print(f.result())

# map keeps the order of its inputs, whatever order the calls finish in
def slow_inc(x):
    time.sleep(0.01 * (5 - x))
    return x + 1

with ThreadPoolExecutor(max_workers=5) as ex:
    it = ex.map(slow_inc, range(5))
    print(type(it).__name__)
    print(list(it))
    print(list(ex.map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6, 7])))

# exceptions come back through result() and exception()
with ThreadPoolExecutor(max_workers=2) as ex:
    f = ex.submit(fail, 7)
    try:
        f.result()
    except ValueError as e:
        print("result raised", type(e).__name__, e)
    e = f.exception()
    print("exception()", type(e).__name__, e)
    ok = ex.submit(square, 3)
    print("exception() of success", ok.exception())
    try:
        for r in ex.map(lambda x: 10 // x, [5, 2, 0, 1]):
            print("map item", r)
    except ZeroDivisionError as e:
        print("map raised", e)

# as_completed yields every future exactly once
with ThreadPoolExecutor(max_workers=3) as ex:
    fs = {ex.submit(square, i): i for i in range(8)}
    got = []
    for f in as_completed(fs):
        got.append((fs[f], f.result()))
    print(sorted(got))

# as_completed timeout
gate = threading.Event()
with ThreadPoolExecutor(max_workers=1) as ex:
    blocked = ex.submit(gate.wait)
    try:
        for f in as_completed([blocked], timeout=0.05):
            print("unexpected", f)
    except TimeoutError as e:
        print("as_completed timeout:", e)
    try:
        blocked.result(timeout=0.01)
    except TimeoutError as e:
        print("result timeout:", type(e).__name__, repr(e))
    gate.set()
    print(blocked.result())

# wait: ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, timeout
with ThreadPoolExecutor(max_workers=4) as ex:
    fs = [ex.submit(square, i) for i in range(6)]
    done, not_done = wait(fs)
    print("all", len(done), len(not_done), sorted(f.result() for f in done))

    gate = threading.Event()
    quick = ex.submit(square, 9)
    blocked = ex.submit(gate.wait)
    res = wait([quick, blocked], return_when=FIRST_COMPLETED)
    print("first_completed", quick in res.done, blocked in res.not_done)

    boom = ex.submit(fail, 1)
    res = wait([boom, blocked], return_when=FIRST_EXCEPTION)
    print("first_exception", boom in res.done, blocked in res.not_done)

    res = wait([blocked], timeout=0.02)
    print("timeout", len(res.done), len(res.not_done))
    gate.set()
    blocked.result()
    res = wait([quick, blocked, boom], return_when=FIRST_EXCEPTION)
    print("after set", len(res.done), len(res.not_done))

# done callbacks, run in the worker or at once when already done
log = []
lock = threading.Lock()

def cb(f):
    with lock:
        log.append(("cb", f.result()))

with ThreadPoolExecutor(max_workers=2) as ex:
    f = ex.submit(square, 4)
    f.add_done_callback(cb)
    f.result()
print(log)
f.add_done_callback(lambda g: print("late callback", g.result()))

# cancel: a queued call can be cancelled, a finished one cannot
gate = threading.Event()
with ThreadPoolExecutor(max_workers=1) as ex:
    started = threading.Event()

    def hold():
        started.set()
        gate.wait()
        return "held"

    first = ex.submit(hold)
    started.wait()
    queued = ex.submit(square, 5)
    print("cancel queued", queued.cancel(), queued.cancelled(), queued.done())
    print("cancel running", first.cancel(), first.running())
    try:
        queued.result()
    except CancelledError as e:
        print("CancelledError", repr(e))
    gate.set()
print(first.result(), first.cancel())

# shutdown(cancel_futures=True) cancels queued work; submit after shutdown fails
gate = threading.Event()
ex = ThreadPoolExecutor(max_workers=1)
started = threading.Event()
def hold2():
    started.set()
    gate.wait()
    return 1
running = ex.submit(hold2)
started.wait()
pending = [ex.submit(square, i) for i in range(3)]
ex.shutdown(wait=False, cancel_futures=True)
gate.set()
ex.shutdown(wait=True)
print("shutdown", running.result(), [p.cancelled() for p in pending])
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print("RuntimeError:", e)

# the with-block waits for the calls
results = []
def append_later(x):
    time.sleep(0.01)
    with lock:
        results.append(x)
with ThreadPoolExecutor(max_workers=3) as ex:
    for i in range(6):
        ex.submit(append_later, i)
print("with waited", sorted(results))

# worker thread names
names = set()
def record():
    names.add(threading.current_thread().name)
    return threading.current_thread().name

with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pool") as ex:
    print([ex.submit(record).result() for _ in range(3)])
with ThreadPoolExecutor(max_workers=1) as ex:
    name = ex.submit(record).result()
    print(name.startswith("ThreadPoolExecutor-"), name.endswith("_0"))
n_before = name.split("-")[1].split("_")[0]
with ThreadPoolExecutor(max_workers=1) as ex:
    name2 = ex.submit(record).result()
print(int(name2.split("-")[1].split("_")[0]) - int(n_before))
barrier = threading.Barrier(3)
def meet():
    barrier.wait()
    return threading.current_thread().name
with ThreadPoolExecutor(max_workers=3, thread_name_prefix="w") as ex:
    print(sorted(ex.map(lambda _: meet(), range(3))))
print(threading.current_thread().name)

# argument errors
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)
try:
    ThreadPoolExecutor(initializer=5)
except TypeError as e:
    print("TypeError:", e)

# a Future used directly
f = Future()
print(f.done(), f.running(), f.cancelled())
print(repr(f).split(" at ")[0], repr(f).split("state=")[1])
f.set_result(42)
print(f.result(), repr(f).split("state=")[1])
try:
    f.set_result(1)
except concurrent.futures.InvalidStateError as e:
    print("InvalidStateError", str(e).split(":")[0])
f = Future()
f.set_exception(KeyError("k"))
print(repr(f.exception()), repr(f).split("state=")[1])
f = Future()
print(f.cancel(), f.set_running_or_notify_cancel(), f.cancelled())
f = Future()
print(f.set_running_or_notify_cancel(), f.running(), f.cancel())

# ProcessPoolExecutor: each call runs isolated, results and exceptions are copied back
from concurrent.futures import ProcessPoolExecutor

def cube(x):
    return x * x * x

def proc_fail(x):
    raise KeyError(x)

with ProcessPoolExecutor(max_workers=2) as pex:
    print(list(pex.map(cube, range(5))))
    pf = pex.submit(proc_fail, "key")
    try:
        pf.result()
    except KeyError as e:
        print("process raised", repr(e))
    print(sorted(f.result() for f in as_completed([pex.submit(cube, i) for i in range(3)])))
    print(pex.submit(sorted, [3, 1, 2], reverse=True).result())
try:
    pex.submit(cube, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    ProcessPoolExecutor(max_workers=-1)
except ValueError as e:
    print("ValueError:", e)

# an executor that is never shut down: its queued work still runs at exit
ex = ThreadPoolExecutor(max_workers=2)
at_exit = threading.Event()
ex.submit(lambda: (at_exit.wait(), print("ran at exit")))
print("end of main")
at_exit.set()
