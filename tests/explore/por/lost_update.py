# Threads each add 1 to a global, again and again: `counter = counter + 1` is a load, an add
# and a store, and a thread preempted between its load and its store loses the other's update.
# `lost_update.py [THREADS [TIMES]]`: 2 threads, once each, unless told (issue 17's figures
# use 2 threads x 3 and 2 threads x 5).
import sys
import threading

threads_n = int(sys.argv[1]) if len(sys.argv) > 1 else 2
times = int(sys.argv[2]) if len(sys.argv) > 2 else 1
counter = 0


def work():
    global counter
    for _ in range(times):
        counter = counter + 1


threads = [threading.Thread(target=work) for _ in range(threads_n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
