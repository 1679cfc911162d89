# Two threads share one dict: items keyed by an int, a string and an object, stores that
# insert, a deletion; and a lock each takes and releases inside one step. The outcomes
# depend on the order of the two insertions (the dict's order) and on the deletion against
# a read of the same key.
import threading

d = {1: "a", "s": "t"}
lock = threading.Lock()
seen = []


class Key:
    pass


key = Key()


def one():
    with lock:
        pass
    d[2] = "b"
    del d[1]


def two():
    with lock:
        pass
    d[key] = "c"
    seen.append(1 in d and d["s"])


a = threading.Thread(target=one)
b = threading.Thread(target=two)
a.start()
b.start()
a.join()
b.join()
print(list(d).index(key), seen)
