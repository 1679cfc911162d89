import multiprocessing

COUNT = 3
shared = [1, 2]


class Box:
    def __init__(self, v):
        self.v = v


def work(n, box, tag="x"):
    shared.append(n)
    print("child", n, box.v, tag, shared, COUNT)


def square_sum(n):
    return sum(i * i for i in range(n))


class Worker(multiprocessing.Process):
    def run(self):
        print("subclass run in", self.name)


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, args=(5, Box(7)), kwargs={"tag": "t"})
    print(p.name, p.exitcode, p.is_alive())
    p.start()
    p.join()
    # The child changed its own copy of `shared`, not ours.
    print("parent", shared, p.exitcode)
    ps = [multiprocessing.Process(target=square_sum, args=(10_000,)) for _ in range(3)]
    for q in ps:
        q.start()
    for q in ps:
        q.join()
    print([q.exitcode for q in ps])
    w = Worker(name="custom")
    w.start()
    w.join()
    print(w.exitcode, multiprocessing.cpu_count() >= 1)
