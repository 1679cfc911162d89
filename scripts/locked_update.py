"""lost_update.py fixed with a Lock: the load, the add and the store happen while holding it,
so no other thread's update can fall between them. Always exact, with or without the GIL.

    gilvm scripts/locked_update.py
    gilvm -X gil=0 scripts/locked_update.py
    gilvm explore --expect "counter = 4 (expected 4): lost 0 updates" scripts/locked_update.py 2 2
"""
import sys
import threading

# Threads and iterations per thread: 4 and 200,000, or the first two arguments (a small run
# is what `gilvm explore` can check exhaustively: `locked_update.py 2 2`).
THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 4
ITERATIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
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
