# Issue 17's third figure: two threads of five increments can end with 2.
import threading

counter = 0


def work():
    global counter
    for _ in range(5):
        counter = counter + 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
