# `counter = counter + one()`: the call's frame entry is a switch point between the load and
# the store, so the update can be lost even under the GIL with CPython's switch points.
import threading

counter = 0


def one():
    return 1


def work():
    global counter
    counter = counter + one()


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
