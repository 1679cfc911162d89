# One thread empties a list another thread divides by the length of: an uncaught
# ZeroDivisionError in a thread is an outcome of its own.
import threading

items = [1]


def reader():
    share = 10 // len(items)
    print("share", share)


def emptier():
    items.pop()


t1 = threading.Thread(target=reader)
t2 = threading.Thread(target=emptier)
t1.start(); t2.start()
t1.join(); t2.join()
print("end")
