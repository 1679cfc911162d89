import multiprocessing
import threading
import time


def cpu_heavy_task():
    x = 0
    for _ in range(40_000_000):
        x += 1


if __name__ == "__main__":
    # Threads: the GIL lets one run bytecode at a time.
    start = time.time()
    threads = [threading.Thread(target=cpu_heavy_task) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("Threads:", round(time.time() - start, 2))

    # Processes: each has its own interpreter and its own GIL.
    start = time.time()
    processes = [multiprocessing.Process(target=cpu_heavy_task) for _ in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    print("Processes:", round(time.time() - start, 2))
