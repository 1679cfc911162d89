"""lost_update.py fixed with a Lock: the load, the add and the store happen while holding it,
so no other thread's update can fall between them. Always exact, with or without the GIL.

    gilvm scripts/locked_update.py
    gilvm -X gil=0 scripts/locked_update.py
"""
import sys
import threading

THREADS = 4
ITERATIONS = 200_000
counter = 0
lock = threading.Lock()


def one():
    return 1


def work():
    global counter
    for _ in range(ITERATIONS):
        with lock:
            counter = counter + one()


threads = [threading.Thread(target=work) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = THREADS * ITERATIONS
gil = getattr(sys, "_is_gil_enabled", lambda: True)()  # 3.13+; CPython 3.11 always has a GIL
print(f"GIL enabled: {gil}, switch interval: {sys.getswitchinterval()} s")
print(f"counter = {counter:,} (expected {expected:,}): lost {expected - counter:,} updates")
