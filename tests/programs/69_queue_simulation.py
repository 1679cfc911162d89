import random

random.seed(99)

class Customer:
    def __init__(self, cid, arrival, service):
        self.cid = cid
        self.arrival = arrival
        self.service = service

    def __repr__(self):
        return f"C{self.cid}(t={self.arrival}, s={self.service})"

customers = []
t = 0
for cid in range(1, 11):
    t += random.randint(0, 4)
    customers.append(Customer(cid, t, random.randint(1, 5)))
print(customers)

clock = 0
waits = []
for c in customers:
    start = max(clock, c.arrival)
    wait = start - c.arrival
    waits.append(wait)
    clock = start + c.service
    print(f"C{c.cid:<3} arrives {c.arrival:>3} starts {start:>3} waits {wait:>2} leaves {clock:>3}")
print("avg wait", round(sum(waits) / len(waits), 2), "max wait", max(waits))
random.seed(5)
order = list(range(1, 8))
random.shuffle(order)
print(order, random.choice(order), random.random() < 1)
