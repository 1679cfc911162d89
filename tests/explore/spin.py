# The main thread spins until another thread sets a flag. If that thread is preempted
# before it sets it, and the spinner is never preempted back, the spin never ends: explore
# reports that run as a step-limit outcome instead of hanging.
import threading

flag = False


def setter():
    global flag
    flag = True


t = threading.Thread(target=setter)
t.start()
while not flag:
    pass
t.join()
print("done")
