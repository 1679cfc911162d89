# Four threads add equal points (a class with __eq__ and __hash__) to one shared set and one
# shared dict, and remove some again, while each __eq__ call gives the other threads a chance to
# run. The user's __eq__ runs with the container's lock released and the container is re-checked
# after it (ops/keys.rs), so in every mode and schedule: no crash, no deadlock, and never two
# equal keys in one container.
import threading


class P:
    def __init__(self, x):
        self.x = x

    def __eq__(self, o):
        return isinstance(o, P) and self.x == o.x

    def __hash__(self):
        return self.x % 7  # many collisions: most lookups call __eq__


shared_set = set()
shared_dict = {}
N = 300


def work(seed):
    for i in range(N):
        k = (i * 7 + seed) % 40
        shared_set.add(P(k))
        shared_dict[P(k)] = seed
        if i % 5 == 0:
            shared_set.discard(P((k + 3) % 40))
            shared_dict.pop(P((k + 3) % 40), None)
        P(k) in shared_set
        shared_dict.get(P(k))


ts = [threading.Thread(target=work, args=(s,)) for s in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
xs = sorted(p.x for p in shared_set)
ks = sorted(p.x for p in shared_dict)
print(len(xs) == len(set(xs)), len(ks) == len(set(ks)), len(xs) <= 40, len(ks) <= 40)
