# Issue 17's first figure: three threads each do `result *= base` twice.
import threading

base = 3
result = 1


def work():
    global result
    for _ in range(2):
        result *= base


threads = [threading.Thread(target=work) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(result)
