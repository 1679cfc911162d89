# Two threads that never end and one that sleeps: --timeout and --max-steps end the run.
import threading, time
def spin():
    while True:
        pass
def sleeper():
    time.sleep(100)
for f in (spin, spin, sleeper):
    threading.Thread(target=f).start()
print("started")
