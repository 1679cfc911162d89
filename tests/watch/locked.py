# racy.py with a Lock around the update: always exact, with or without the GIL.
import threading

THREADS = 3
ITERATIONS = 1000
x = 0
lock = threading.Lock()


def one():
    return 1


def work():
    global x
    for _ in range(ITERATIONS):
        with lock:
            x = x + one()


threads = [threading.Thread(target=work) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("x =", x, "of", THREADS * ITERATIONS)
