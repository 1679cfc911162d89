# The same update under a lock: never lost; which thread goes first still varies.
import threading

counter = 0
order = []
lock = threading.Lock()


def work(name):
    global counter
    with lock:
        counter = counter + 1
        order.append(name)


threads = [threading.Thread(target=work, args=(n,)) for n in "ab"]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter, order)
