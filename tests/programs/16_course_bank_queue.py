import random
from collections import deque, namedtuple

Customer = namedtuple("Customer", "id arrival service")

random.seed(42)


def simulate(n_customers, n_tellers):
    queue = deque()
    tellers = [0] * n_tellers
    waits = []
    t = 0
    customers = []
    for i in range(n_customers):
        t += random.expovariate(1.0)
        customers.append(Customer(i, round(t, 3), round(random.uniform(0.5, 3.0), 3)))
    for c in customers:
        k = min(range(n_tellers), key=lambda j: tellers[j])
        start = max(tellers[k], c.arrival)
        waits.append(start - c.arrival)
        tellers[k] = start + c.service
        queue.append(c)
        if len(queue) > 3:
            queue.popleft()
    return waits, queue, customers


for n in (1, 2, 3):
    waits, q, cs = simulate(20, n)
    print(f"tellers={n} avg wait={sum(waits) / len(waits):7.3f} max={max(waits):6.3f} last={list(q)[-1].id}")
print(cs[0], cs[0]._asdict(), cs[1]._replace(service=1.0))
print(random.randint(1, 6), random.choice("HT"), random.sample(range(100), 5), random.random())
deck = [f"{r}{s}" for s in "SHDC" for r in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:5], len(deck))
rolls = [random.randint(1, 6) + random.randint(1, 6) for _ in range(1000)]
hist = {k: rolls.count(k) for k in range(2, 13)}
for k, v in hist.items():
    print(f"{k:2d} {'#' * (v // 10)}")
print(random.choices("abc", weights=[5, 1, 1], k=10), round(random.gauss(0, 1), 6))
d = deque(range(5), maxlen=5)
d.rotate(2); d.append(9); d.appendleft(-1)
print(d, d[0], d.maxlen, d.count(9))
walk = [0]
for _ in range(20):
    walk.append(walk[-1] + random.choice((-1, 1)))
print(walk, min(walk), max(walk))
