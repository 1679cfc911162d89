# A counter kept in an AtomicReference and bumped with a compare_exchange loop: exact.
import threading
from ft_utils.concurrency import AtomicReference

THREADS = 8
N = 2000
ref = AtomicReference(0)


def work():
    for _ in range(N):
        while True:
            current = ref.get()
            if ref.compare_exchange(current, current + 1):
                break


threads = [threading.Thread(target=work) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter", ref.get(), "of", THREADS * N)
