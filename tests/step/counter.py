# Two threads add one to a shared counter, once each: the smallest lost update.
import threading

counter = 0


def add():
    global counter
    counter += 1


a = threading.Thread(target=add)
b = threading.Thread(target=add)
a.start()
b.start()
a.join()
b.join()
print("counter =", counter)
