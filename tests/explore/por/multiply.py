# `result *= base` from several threads (LOAD_GLOBAL, LOAD_GLOBAL, INPLACE_MULTIPLY,
# STORE_GLOBAL). `multiply.py [THREADS [TIMES]]`: 2 threads, once each, unless told (issue
# 17's first figure uses 3 threads x 2).
import sys
import threading

threads_n = int(sys.argv[1]) if len(sys.argv) > 1 else 2
times = int(sys.argv[2]) if len(sys.argv) > 2 else 1
base = 3
result = 1


def work():
    global result
    for _ in range(times):
        result *= base


threads = [threading.Thread(target=work) for _ in range(threads_n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(result)
