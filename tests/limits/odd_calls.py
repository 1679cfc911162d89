# Calls every method of built-in and native types, bound and unbound, with odd arguments
# (none, wrong types, huge and negative ints, reversed slices): each must return or raise a
# Python exception, never crash the VM. (Blocking methods are skipped.)
import collections, threading, _thread, itertools, functools, random
from ft_utils.concurrency import AtomicInt64, AtomicReference, ConcurrentDict, ConcurrentDeque, ConcurrentQueue
from ft_utils.synchronization import IntervalLock, RWLock
import _ft_utils

def gen():
    yield 1

SKIP = {"acquire", "acquire_lock", "__enter__", "lock", "wait", "join", "lock_read", "lock_write",
        "cede", "poll", "pop", "get", "put", "shutdown", "run", "start", "__del__", "__init__", "__new__", "wait_for"}
ARGS = [(), (0,), (-1,), (2**70,), ("",), (None,), ([],), (1.5,), (0, 0), (-1, -1), ("", ""),
        (0, 0, 0), (2**63, 2**63), ("a", 0, -5), (slice(None, None, -1),), (slice(0, 2**70, 2**70),)]
objs = [gen(), collections.deque([1, 2]), collections.OrderedDict(a=1), collections.Counter("ab"),
        collections.defaultdict(list), AtomicInt64(3), AtomicReference(1), ConcurrentDict(),
        ConcurrentDeque([1]), _ft_utils.ConcurrentQueueCore(), IntervalLock(), RWLock(), _thread.allocate_lock(),
        _thread.RLock(), {1: 2}.keys(), {1: 2}.values(), {1: 2}.items(), iter([1]), iter((1,)), iter("ab"),
        iter(range(3)), iter(collections.deque([1])), iter(ConcurrentDeque([1])), enumerate([1]), zip([1], [2]), map(abs, [1]), filter(None, [1]), reversed([1, 2]),
        range(5), slice(1, 2), "abc", [1, 2, 3], (1, 2), {1, 2}, frozenset([1]), 1.5, 2**80, -3, True,
        object(), len, abs, gen, lambda: 0, property(lambda s: 0), threading.Event(), threading.Condition(),
        threading.Semaphore(), itertools.count(), functools.partial(abs), random.Random(1)]
n = 0
for o in objs:
    t = type(o)
    for a in dir(t):
        if a in SKIP:
            continue
        try:
            f = getattr(t, a)
        except Exception:
            continue
        if not callable(f):
            continue
        for args in ARGS:
            for call in (lambda: f(*args), lambda: f(o, *args)):
                n += 1
                try:
                    call()
                except Exception:
                    pass
print("calls", n)
