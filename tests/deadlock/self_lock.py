import threading

lock = threading.Lock()
lock.acquire()
print("acquiring twice")
lock.acquire()
