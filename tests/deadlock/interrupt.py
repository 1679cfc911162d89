import threading
import time

t = threading.Thread(target=time.sleep, args=(30,), daemon=True)
t.start()
print("joining", flush=True)
try:
    t.join()
except KeyboardInterrupt:
    print("KeyboardInterrupt in join", flush=True)
lock = threading.Lock()
lock.acquire()
print("acquiring", flush=True)
lock.acquire()
