# `result *= base` from two threads (LOAD_GLOBAL, LOAD_GLOBAL, INPLACE_MULTIPLY,
# STORE_GLOBAL).
import threading

base = 3
result = 1


def work():
    global result
    result *= base


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(result)
