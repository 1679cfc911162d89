# Two threads with names a schedule cannot write as they are (a space; the same name
# twice), and one it can: the first two are written by number, the third by name.
import threading

counter = 0


def work():
    global counter
    counter = counter + 1


threads = [
    threading.Thread(target=work, name="my worker"),
    threading.Thread(target=work, name="twin"),
    threading.Thread(target=work, name="twin"),
    threading.Thread(target=work, name="solo"),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
