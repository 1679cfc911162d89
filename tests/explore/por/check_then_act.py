# Check-then-act: both threads may see `instance is None` and both create one.
import threading

instance = None
created = 0


def one():
    return 1


def get():
    global instance, created
    if instance is None:
        created = created + one()
        instance = object()
    return instance


threads = [threading.Thread(target=get) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("created", created)
