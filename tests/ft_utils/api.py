# Single-threaded behaviour of the ft_utils API, each assert taken from the library's
# source (facebookincubator/ft_utils: native/src/concurrent_data_structures/atomic_int64.c,
# atomic_reference.c, native/src/synchronization.c, native/src/local.c,
# ft_utils/concurrency.py). Prints "ok" when every check holds.
import ft_utils
import ft_utils.concurrency
import ft_utils.synchronization as synchronization
from ft_utils.concurrency import (
    AtomicFlag,
    AtomicInt64,
    AtomicReference,
    ConcurrentDeque,
    ConcurrentDict,
    ConcurrentGatheringIterator,
    ConcurrentQueue,
    Empty,
    ShutDown,
    StdConcurrentQueue,
)
from ft_utils.local import LocalWrapper
from ft_utils.synchronization import IntervalLock, RWLock, RWReadContext, RWWriteContext
import queue

assert ft_utils.ENABLE_EXPERIMENTAL is False
assert ft_utils.concurrency.AtomicInt64 is AtomicInt64
assert ft_utils.synchronization is synchronization
import ft_utils.concurrent

assert ft_utils.concurrent is ft_utils.concurrency
assert Empty is queue.Empty

# AtomicInt64: incr/decr return the new value; operators give ints; in-place ones mutate.
a = AtomicInt64(10)
assert AtomicInt64().get() == 0
assert (a.get(), a.incr(), a.decr(), a.get()) == (10, 11, 10, 10)
b = a
a += 5
assert a is b and a.get() == 15
assert type(a + 1) is int and a + 1 == 16 and a - 3 == 12 and a * 2 == 30
assert a // 4 == 3 and AtomicInt64(-7) // 2 == -3  # C division: towards zero
assert (a | 1, a & 3, a ^ 1, -a, +a, ~a) == (15, 3, 14, -15, 15, -16)
assert abs(AtomicInt64(-3)) == 3 and int(a) == 15
assert bool(a) and not bool(AtomicInt64(0))
assert a == 15 and a != 16 and a < 16 and a <= 15 and a > 14 and a >= 15
assert a == AtomicInt64(15) and 15 == a
assert format(a, "05d") == "00015" and f"{a:x}" == "f" and f"{a}" == "15"
assert repr(a).startswith("<_concurrency.AtomicInt64 object at 0x")
assert str(a) == repr(a)
a *= 2
a -= 1
a //= 2
a |= 64
a &= 0xFF
a ^= 1
assert a is b and a.get() == 79
a.set(7)
a.set(AtomicInt64(8))
assert a.get() == 8
top = AtomicInt64(9223372036854775807)
top += 1
assert top.get() == -9223372036854775808  # wraps, as the C atomics do
try:
    AtomicInt64(2**63)
    assert False
except OverflowError:
    pass
for bad in (lambda: a + 1.5, lambda: a.set("x")):
    try:
        bad()
        assert False
    except TypeError:
        pass
try:
    a // 0
    assert False
except ZeroDivisionError as e:
    assert str(e) == "division by zero"

# AtomicFlag
f = AtomicFlag(True)
assert bool(f)
f.set(False)
assert not f

# AtomicReference: compare_exchange compares identity.
r = AtomicReference()
assert r.get() is None
r.set("x")
assert r.exchange("y") == "x" and r.get() == "y"
cur = r.get()
assert r.compare_exchange(cur, "z") is True and r.get() == "z"
assert r.compare_exchange(object(), "w") is False and r.get() == "z"
box = [1]
r2 = AtomicReference(box)
assert r2.compare_exchange([1], "no") is False  # equal but not the same object
assert r2.compare_exchange(box, "yes") is True and r2.get() == "yes"

# ConcurrentDict
d = ConcurrentDict()
d["k"] = 1
d[2] = "two"
assert d["k"] == 1 and "k" in d and "q" not in d and len(d) == 2
assert d.as_dict() == {"k": 1, 2: "two"}
del d["k"]
try:
    d["k"]
    assert False
except KeyError as e:
    assert e.args == ("k",)
assert len(ConcurrentDict(64)) == 0
d2 = ConcurrentDict(initial_capacity=8)
assert d2.get("a") is None and d2.get("a", 0) == 0
assert d2.setdefault("a", 1) == 1 and d2.setdefault("a", 2) == 1
d2.update({"b": 2}, c=3)
d2.update([("d", 4)])
assert sorted(d2.keys()) == ["a", "b", "c", "d"] and sorted(d2) == ["a", "b", "c", "d"]
assert sorted(d2.values()) == [1, 2, 3, 4] and ("d", 4) in d2.items()
assert type(d2.keys()) is list
d2.clear()
assert len(d2) == 0

# ConcurrentDeque
dq = ConcurrentDeque([1, 2, 3])
dq.append(4)
dq.appendleft(0)
assert list(dq) == [0, 1, 2, 3, 4] and len(dq) == 5 and dq[0] == 0 and dq[-1] == 4
assert repr(dq) == "ConcurrentDeque([0, 1, 2, 3, 4])" and 3 in dq and 9 not in dq
assert dq.pop() == 4 and dq.popleft() == 0
dq.extend([7, 8])
dq.extendleft([-1, -2])
assert list(dq) == [-2, -1, 1, 2, 3, 7, 8]
dq.rotate(2)
assert list(dq) == [7, 8, -2, -1, 1, 2, 3]
dq.rotate(-2)
dq.remove(2)
assert list(dq) == [-2, -1, 1, 3, 7, 8]
try:
    dq.remove(99)
    assert False
except ValueError as e:
    assert str(e) == "ConcurrentDeque.remove(x): x not in ConcurrentDeque"
try:
    dq[10]
    assert False
except IndexError as e:
    assert str(e) == "ConcurrentDeque index out of range"
assert ConcurrentDeque([1, 2]) == ConcurrentDeque([1, 2]) and ConcurrentDeque([1]) < ConcurrentDeque([1, 0])
assert (ConcurrentDeque([1]) == [1]) is False
dq.extend(dq)
assert len(dq) == 12
dq.clear()
try:
    dq.pop()
    assert False
except RuntimeError as e:
    assert str(e) == "pop from an empty ConcurrentDeque"

# ConcurrentQueue: FIFO; Empty when a timed pop expires; ShutDown after shutdown().
q = ConcurrentQueue()
for i in range(3):
    q.push(i)
assert q.size() == 3 and not q.empty()
assert q.pop() == 0 and q.pop(timeout=0.1) == 1
w = q.pop_local()
assert type(w) is LocalWrapper and w == 2 and q.empty()
for t in (0, 0.01):
    try:
        q.pop(timeout=t)
        assert False
    except Empty:
        pass
q.push(5)
q.shutdown()
try:
    q.push(6)
    assert False
except ShutDown:
    pass
assert q.pop() == 5  # drained first
try:
    q.pop()
    assert False
except ShutDown:
    pass
q2 = ConcurrentQueue(lock_free=True)
q2.push(1)
q2.shutdown(immediate=True)
try:
    q2.pop()
    assert False
except ShutDown:
    pass

# StdConcurrentQueue: queue.Queue's API.
sq = StdConcurrentQueue(maxsize=2)
sq.put(1)
sq.put_nowait(2)
assert sq.full() and sq.qsize() == 2
try:
    sq.put_nowait(3)
    assert False
except queue.Full:
    pass
try:
    sq.put(3, timeout=0.01)
    assert False
except queue.Full:
    pass
assert sq.get() == 1 and sq.get_nowait() == 2 and sq.empty()
try:
    sq.get_nowait()
    assert False
except queue.Empty:
    pass
sq.task_done()
sq.task_done()
sq.join()

# ConcurrentGatheringIterator: values come back in key order.
it = ConcurrentGatheringIterator()
for k in (2, 0, 1):
    it.insert(k, "v%d" % k)
assert list(it.iterator(2)) == ["v0", "v1", "v2"]

# IntervalLock
lock = IntervalLock()
with lock as held:
    assert held is lock and lock.locked()
    lock.poll()
    lock.cede()
    assert lock.locked()
    try:
        lock.lock()
        assert False
    except RuntimeError as e:
        assert str(e) == "Locking from owner would deadlock."
assert not lock.locked()
try:
    lock.unlock()
    assert False
except RuntimeError as e:
    assert str(e) == "Lock cannot be released from a thread which does not own it."
lock = IntervalLock(interval=0.5)
lock.lock()
lock.unlock()

# RWLock and its contexts
rw = RWLock()
rw.lock_read()
rw.lock_read()
assert rw.readers() == 2 and not rw.writer_locked() and rw.writers_waiting() == 0
rw.unlock_read()
rw.unlock_read()
with RWReadContext(rw) as v:
    assert v is None and rw.readers() == 1
with RWWriteContext(rw):
    assert rw.readers() == 0 and rw.writer_locked()
assert not rw.writer_locked()
try:
    RWReadContext(5)
    assert False
except TypeError:
    pass

# LocalWrapper forwards to the wrapped object.
w = LocalWrapper([1, 2, 3])
assert str(w) == "[1, 2, 3]" and repr(w) == "<LocalWrapper: [1, 2, 3]>"
assert len(w) == 3 and w[0] == 1 and list(w) == [1, 2, 3] and 2 in w
assert w + [4] == [1, 2, 3, 4] and w == [1, 2, 3] and w == LocalWrapper([1, 2, 3])
w.append(9)
w[0] = 0
del w[1]
assert w.wrapped == [0, 3, 9]
inner = w.wrapped
w += [10]
assert type(w) is LocalWrapper and w.wrapped is inner and inner == [0, 3, 9, 10]
assert LocalWrapper(len)("abc") == 3
n = LocalWrapper(5)
assert (n + 1, 1 + n, n * 2, n - 1, n // 2, n % 3, -n, int(n)) == (6, 6, 10, 4, 2, 2, -5, 5)
assert n < 6 and n >= 5 and hash(n) == hash(5) and bool(n)
n += 1
assert n == 6 and type(n) is LocalWrapper
lw_atomic = LocalWrapper(AtomicInt64(1))
lw_atomic += 1
assert lw_atomic.get() == 2


class Point:
    def __init__(self):
        self.x = 3

    def norm(self):
        return self.x * 2


lp = LocalWrapper(Point())
assert lp.x == 3 and lp.norm() == 6
with LocalWrapper(IntervalLock()) as l2:
    assert l2.locked()
print("ok")
