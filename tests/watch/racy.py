# Three threads add to a global without a lock: `x = x + one()` has a switch point (the call)
# between its load and its store, so some schedules lose updates.
import threading

THREADS = 3
ITERATIONS = 2000
x = 0


def one():
    return 1


def work():
    global x
    for _ in range(ITERATIONS):
        x = x + one()


threads = [threading.Thread(target=work) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("x =", x, "of", THREADS * ITERATIONS)
