# Two threads take two locks in opposite order; the events make sure each holds its first lock
# before it asks for the second, so every schedule deadlocks.
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
            print("one got both")


def two():
    with b:
        has_b.set()
        has_a.wait()
        with a:
            print("two got both")


t1 = threading.Thread(target=one, name="one")
t2 = threading.Thread(target=two, name="two")
t1.start()
t2.start()
print("started")
t1.join()
t2.join()
print("never")
