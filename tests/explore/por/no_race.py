# Each thread works on its own data: one outcome.
import threading

results = {}


def work(n):
    total = n * 10
    results[n] = total + 1


threads = [threading.Thread(target=work, args=(n,)) for n in (1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
