# A value published before the thread ends is seen after join(); a read before the join
# may or may not see it.
import threading

value = 0


def work():
    global value
    value = 42


t = threading.Thread(target=work)
t.start()
early = value
t.join()
print(early, value)
