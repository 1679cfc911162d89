# Issue 17's second figure: two threads each do `counter = counter + 1` three times.
import threading

counter = 0


def work():
    global counter
    for _ in range(3):
        counter = counter + 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
