import queue
import threading

q = queue.Queue()


def consumer():
    q.get()


t = threading.Thread(target=consumer, name="consumer")
t.start()
print("joining")
t.join()
