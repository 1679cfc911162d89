# The main thread acquires a plain (non-reentrant) Lock twice: no thread can ever release it.
import threading

lock = threading.Lock()
print("before")
lock.acquire()
print("once")
lock.acquire()
print("never")
