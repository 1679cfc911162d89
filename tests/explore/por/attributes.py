# An attribute and a list item, each updated from two threads.
import threading


class Box:
    def __init__(self):
        self.count = 0


box = Box()
items = [0]


def work():
    box.count = box.count + 1
    items[0] = items[0] + 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(box.count, items)
