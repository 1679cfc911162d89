# Two threads count down a few hundred steps each; used for the golden GIL trace.
import threading


def count(n):
    while n > 0:
        n -= 1


t1 = threading.Thread(target=count, args=(100,))
t2 = threading.Thread(target=count, args=(100,))
t1.start()
t2.start()
t1.join()
t2.join()
print("done")
