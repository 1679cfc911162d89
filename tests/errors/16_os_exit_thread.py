# os._exit ends the program at once, from any thread: no finally, no except, no atexit
# function runs, and the main thread does not go on.
import atexit
import os
import sys
import threading
import time

atexit.register(print, "atexit: never printed")
ready = threading.Event()


def worker():
    ready.wait()
    try:
        print("worker: leaving with status 3")
        sys.stdout.flush()
        os._exit(3)
    except BaseException:
        print("worker: except never runs")
    finally:
        print("worker: finally never runs")


t = threading.Thread(target=worker)
t.start()
try:
    print("main: waiting for the worker")
    sys.stdout.flush()
    ready.set()
    t.join()
    time.sleep(5)
finally:
    print("main: finally never runs")
print("main: never reached")
