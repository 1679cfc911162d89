# Named threads that sleep briefly, count a little, and are joined: every thread takes and
# releases the GIL around its sleep.
import threading
import time


def work(n):
    time.sleep(0.001)
    while n > 0:
        n -= 1


threads = [threading.Thread(target=work, args=(200,), name="worker-" + str(i)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("joined", len(threads))
