# Each thread takes its first lock, waits until the other has taken its own, then asks for the
# other's lock: a deadlock on every schedule. gilvm reports it instead of hanging.
import threading

a = threading.Lock()
b = threading.Lock()
has_a = threading.Event()
has_b = threading.Event()


def one():
    with a:
        has_a.set()
        has_b.wait()
        with b:
            pass


def two():
    with b:
        has_b.set()
        has_a.wait()
        with a:
            pass


print("starting")
t1 = threading.Thread(target=one, name="one")
t2 = threading.Thread(target=two, name="two")
t1.start(); t2.start()
t1.join(); t2.join()
print("unreachable")
