# list.append from two threads: both items always arrive, in either order.
import threading

log = []


def work(name):
    log.append(name)


threads = [threading.Thread(target=work, args=(n,)) for n in "ab"]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(log)
