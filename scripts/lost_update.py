"""A shared counter updated by several threads, without a lock.

`counter = counter + one()` is LOAD_GLOBAL, CALL_FUNCTION, BINARY_ADD, STORE_GLOBAL: the call's
entry is a switch point between the load and the store, so under the GIL a thread can be
preempted holding a stale value, and its store then erases the other threads' work. (A plain
`counter += 1` in a loop never loses under a faithful GIL: the switch comes at the backward
jump, after the store.) Without the GIL (-X gil=0) threads really overlap and lose far more.

    gilvm scripts/lost_update.py                 # GIL, default 5 ms interval
    gilvm --switch-interval 10us scripts/lost_update.py
    gilvm -X gil=0 scripts/lost_update.py
"""
import sys
import threading

THREADS = 4
ITERATIONS = 200_000
counter = 0


def one():
    return 1


def work():
    global counter
    for _ in range(ITERATIONS):
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
