# 4 producers and 4 consumers on one ConcurrentQueue: every item is received exactly once.
# Consumers block in pop() while the queue is empty and stop at ShutDown once it is drained.
import threading
from ft_utils.concurrency import ConcurrentQueue, ShutDown, Empty

PRODUCERS = 4
CONSUMERS = 4
PER = 1000
q = ConcurrentQueue()
got = [[] for _ in range(CONSUMERS)]


def produce(p):
    for i in range(PER):
        q.push(p * PER + i)


def consume(c):
    mine = got[c]
    while True:
        try:
            mine.append(q.pop())
        except ShutDown:
            return


consumers = [threading.Thread(target=consume, args=(c,)) for c in range(CONSUMERS)]
producers = [threading.Thread(target=produce, args=(p,)) for p in range(PRODUCERS)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
q.shutdown()
for t in consumers:
    t.join()

everything = sorted(x for mine in got for x in mine)
print("received", len(everything), "of", PRODUCERS * PER)
print("each exactly once:", everything == list(range(PRODUCERS * PER)))
print("empty:", q.empty(), q.size())

# A timed pop on an empty queue expires with Empty.
q2 = ConcurrentQueue()
try:
    q2.pop(timeout=0.05)
    print("no Empty")
except Empty:
    print("pop(timeout=0.05) raised Empty")
