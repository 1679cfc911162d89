# Two threads each do `x += 1` twice on a global AtomicInt64 and on a plain int: at every
# switch point, every interleaving keeps the atomic total; the plain one can lose.
import threading
from ft_utils.concurrency import AtomicInt64

atomic = AtomicInt64()
plain = 0


def work():
    global atomic, plain
    for _ in range(2):
        atomic += 1
        plain += 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("atomic", atomic.get(), "plain", plain)
