# Nobody ever pushes: under a deterministic schedule this is a deadlock, reported, not a hang.
from ft_utils.concurrency import ConcurrentQueue

q = ConcurrentQueue()
print("popping")
q.pop()
print("never")
