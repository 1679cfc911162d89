# Two threads each add 1 to a global: `counter = counter + 1` is a load, an add and a
# store, and a thread preempted between its load and its store loses the other's update.
import threading

counter = 0


def work():
    global counter
    counter = counter + 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
