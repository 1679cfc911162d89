"""Two threads take two locks in opposite orders. Usually both finish; but if each takes its
first lock before the other has taken its second, each waits for the other forever.

With the GIL, a thread can only be switched out at a switch point (entering a function, the
end of a loop iteration), so the deadlock needs one between the two `with`s: here, the call
to note().

    gilvm scripts/deadlock.py              # usually: both threads finished
    gilvm explore scripts/deadlock.py      # finds the schedule that deadlocks, and replays it
"""
import threading

a = threading.Lock()
b = threading.Lock()
log = []


def note(message):
    log.append(message)


def one():
    with a:
        note("one has a")
        with b:
            note("one has a and b")


def two():
    with b:
        note("two has b")
        with a:
            note("two has b and a")


t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start(); t2.start()
t1.join(); t2.join()
print(f"both threads finished: {len(log)} notes")
