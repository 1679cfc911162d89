# Type hints on queues: queue.Queue[int] is a generic alias, as in CPython 3.11.
import queue
from typing import Optional

jobs: "queue.Queue[int]" = queue.Queue()
alias = queue.Queue[int]
print(alias, alias.__origin__ is queue.Queue, alias.__args__)
print(queue.LifoQueue[str], queue.PriorityQueue[tuple[int, str]])
q = alias()
q.put(3)
print(type(q).__name__, q.get())


def drain(q: "queue.Queue[Optional[int]]") -> list:
    out = []
    while not q.empty():
        out.append(q.get())
    return out


q2 = queue.Queue[Optional[int]]()
for x in (1, None, 2):
    q2.put(x)
print(drain(q2))
