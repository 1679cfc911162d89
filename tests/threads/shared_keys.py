# Threads add attributes to shared objects (growing the class's shared keys), overwrite
# them, delete them and read them back, while another thread asks for vars() of the same
# objects (moving their values into dicts under the writers' feet). Whatever the
# interleaving: no attribute a thread set and did not delete is lost, none it deleted comes
# back, and every value read is one some thread wrote.
import threading


class Box:
    pass


boxes = [Box() for _ in range(8)]
N = 4
ROUNDS = 300
bad = []


def worker(t):
    for r in range(ROUNDS):
        b = boxes[r % len(boxes)]
        name = f"t{t}_{r % 12}"
        setattr(b, name, r)
        v = getattr(b, name)
        if not isinstance(v, int) or v % 12 != r % 12:
            bad.append((t, r, v))
        if r % 5 == 0:
            delattr(b, name)
            if hasattr(b, name):
                bad.append(("back", t, r))
        setattr(b, "shared", t)


def viewer():
    for r in range(ROUNDS):
        b = boxes[r % len(boxes)]
        if r % 7 == 0:
            d = vars(b)
            for k, v in list(d.items()):
                if not isinstance(v, int):
                    bad.append(("view", k, v))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(N)]
threads.append(threading.Thread(target=viewer))
for t in threads:
    t.start()
for t in threads:
    t.join()

# What must hold at the end: each thread's last write of each name it did not delete.
missing = []
for t in range(N):
    last = {}
    for r in range(ROUNDS):
        last[(r % len(boxes), r % 12)] = r
    for (bi, k), r in last.items():
        want = r % 5 != 0
        have = hasattr(boxes[bi], f"t{t}_{k}")
        if want and getattr(boxes[bi], f"t{t}_{k}", None) != r:
            missing.append((t, bi, k))
        if not want and have:
            missing.append(("undeleted", t, bi, k))
print("bad", bad)
print("missing", missing)
print("shared", all(b.shared in range(N) for b in boxes))
