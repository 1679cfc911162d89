"""A shared counter incremented with `counter += 1` by several threads, without a lock.

`counter += 1` is LOAD_GLOBAL, LOAD_CONST, INPLACE_ADD, STORE_GLOBAL. Under CPython 3.10+'s GIL
a thread switch only falls at a frame's entry or a backward jump (here: the loop's, after the
store), so no update is lost. Before 3.10 the GIL could be dropped between any two
instructions, and free-threaded the threads really overlap: both lose updates.

    gilvm race --modes all scripts/plain_increment.py
"""
import sys
import threading

THREADS = 4
ITERATIONS = 100_000
counter = 0


def work():
    global counter
    for _ in range(ITERATIONS):
        counter += 1


threads = [threading.Thread(target=work) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = THREADS * ITERATIONS
gil = getattr(sys, "_is_gil_enabled", lambda: True)()  # 3.13+; CPython 3.11 always has a GIL
print(f"GIL enabled: {gil}")
print(f"counter = {counter:,} (expected {expected:,}): lost {expected - counter:,} updates")
