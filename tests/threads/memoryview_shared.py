# Views of one bytearray shared between threads: writers fill their own region through a
# slice of a view, a reader copies strided views, and a resizer grows and shrinks the
# bytearray whenever no view exports it. Nothing may tear, crash or read past the data.
import threading

REGION = 256
WRITERS = 4
ROUNDS = 300
buf = bytearray(REGION * WRITERS)
errors = []
resized = [0, 0]


def writer(i):
    for k in range(ROUNDS):
        with memoryview(buf) as m:
            part = m[i * REGION:(i + 1) * REGION]
            part[:] = bytes([k % 256]) * REGION
            if part.tobytes() != bytes([k % 256]) * REGION:
                errors.append((i, k))
            part.release()


def reader():
    for _ in range(ROUNDS):
        with memoryview(buf) as m:
            n = len(m)
            if len(bytes(m[::7])) != (n + 6) // 7 or len(m.cast("B")) != n:
                errors.append("reader")


def resizer():
    for _ in range(ROUNDS):
        try:
            buf.append(0)
        except BufferError:
            resized[1] += 1
            continue
        try:
            buf.pop()
        except BufferError:
            # A view appeared in between: shrink later, when none is left.
            while True:
                try:
                    buf.pop()
                    break
                except BufferError:
                    pass
        resized[0] += 1


threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
threads += [threading.Thread(target=reader), threading.Thread(target=resizer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("errors:", errors)
print("length:", len(buf))
print("regions whole:", all(len(set(buf[i * REGION:(i + 1) * REGION])) == 1 for i in range(WRITERS)))
print("last round:", buf[0], buf[-1])
print("resizer ran:", sum(resized) == ROUNDS)
