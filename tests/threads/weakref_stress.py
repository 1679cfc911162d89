# Four threads make objects (half of them in cycles), take weak references with callbacks
# and drop them, while two others upgrade the shared weak references and check what they
# get, and the collector runs: an upgrade gives an intact object or None, never one the
# collector cleared, and every callback runs at most once, in every mode and schedule.
import gc
import threading
import weakref

gc.set_threshold(50)


class Obj:
    def __init__(self, k):
        self.k = k
        self.me = None


shared = weakref.WeakValueDictionary()
refs = []
bad = []
calls = []
made = [0]


def make(t):
    kept = []
    for r in range(200):
        o = Obj((t, r))
        if r % 2:
            o.me = o  # a cycle: only the collector frees it
        refs.append(weakref.ref(o, lambda w: calls.append(w)))
        shared[(t, r)] = o
        made[0] += 1
        if r % 25 == 0:
            kept.append(o)
    for o in kept:
        if shared.get(o.k) is not o:
            bad.append(("kept", o.k))


def read(t):
    for n in range(400):
        for w in refs[-20:]:
            o = w()
            if o is not None and (len(o.k) != 2 or (o.me is not None and o.me is not o)):
                bad.append(("torn", t, n))
        for k, o in list(shared.items()):
            if o.k != k:
                bad.append(("key", k))
        if n % 100 == 0:
            gc.collect()


threads = [threading.Thread(target=make, args=(t,)) for t in range(4)]
threads += [threading.Thread(target=read, args=(t,)) for t in range(2)]
for th in threads:
    th.start()
for th in threads:
    th.join()
gc.collect()
ids = [id(w) for w in calls]
print(bad, len(ids) == len(set(ids)), len(calls) <= len(refs))
