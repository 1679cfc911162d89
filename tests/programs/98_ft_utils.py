# ft_utils, single-threaded. CPython 3.11 here has no ft_utils installed, so 98_ft_utils.out
# was written by hand from the library's source (facebookincubator/ft_utils:
# native/src/concurrent_data_structures/atomic_int64.c, atomic_reference.c,
# concurrent_dict.c, native/src/local.c, ft_utils/concurrency.py), not produced by python3.
from ft_utils.concurrency import AtomicInt64, AtomicReference, ConcurrentDict, ConcurrentQueue
from ft_utils.concurrency import Empty, ShutDown
from ft_utils.local import LocalWrapper

i = AtomicInt64(10)
print(i.get(), i.incr(), i.decr())
i += 5
print(i.get(), i + 1, i * 2, i // 4, AtomicInt64(-7) // 2, -i, ~i)
print(f"{i}", f"{i:>6}", f"{i:#x}", int(i), bool(AtomicInt64()), i == 15, i < 10)

r = AtomicReference("a")
print(r.exchange("b"), r.get(), r.compare_exchange("b", "c"), r.get())

d = ConcurrentDict()
d["x"] = 1
d["y"] = 2
print(d["x"], "y" in d, "z" in d, len(d), d.as_dict())
try:
    d["z"]
except KeyError as e:
    print("KeyError", e)

q = ConcurrentQueue()
for v in ("p", "q"):
    q.push(v)
print(q.size(), q.pop(), q.pop(timeout=0.5), q.empty())
try:
    q.pop(timeout=0.01)
except Empty:
    print("Empty")
q.shutdown()
try:
    q.pop()
except ShutDown:
    print("ShutDown")

w = LocalWrapper({"k": [1, 2]})
print(w, repr(w), w["k"], len(w), list(w))
