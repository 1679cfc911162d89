# A discrete-event simulation of a coffee shop queue, the way a modelling course writes
# it: each random stream is its own random.Random, arrivals are exponential, service times
# gamma-distributed, the clock is shown with time.gmtime/strftime, and a checkpoint of the
# generators' states lets a scenario be re-run exactly.
import math
import random
import time

OPEN = 7 * 3600          # 07:00 on the simulated day
DAY = 1717200000         # 2024-06-01 00:00:00 UTC


def clock(t):
    return time.strftime("%H:%M:%S", time.gmtime(DAY + t))


def simulate(arrivals, service, minutes, baristas=2, verbose=False):
    t = OPEN
    free_at = [OPEN] * baristas
    waits = []
    end = OPEN + minutes * 60
    while True:
        t += arrivals.expovariate(1 / 45)          # a customer every 45 s on average
        if t >= end:
            break
        k = min(range(baristas), key=lambda i: free_at[i])
        start = max(t, free_at[k])
        duration = service.gammavariate(4.0, 15.0)  # mean 60 s
        free_at[k] = start + duration
        waits.append(start - t)
        if verbose and len(waits) <= 8:
            print(f"  {clock(t)} customer {len(waits):2} -> barista {k}, waits "
                  f"{start - t:6.1f}s, served until {clock(free_at[k])}")
    return waits


def summary(waits):
    n = len(waits)
    mean = sum(waits) / n
    sd = math.sqrt(sum((w - mean) ** 2 for w in waits) / (n - 1))
    return n, mean, sd, max(waits)


arrivals = random.Random(101)
service = random.Random(202)
checkpoint = (arrivals.getstate(), service.getstate())

print("Day", time.strftime("%A %d %B %Y", time.gmtime(DAY)), "- first customers:")
waits = simulate(arrivals, service, 120, verbose=True)
n, mean, sd, worst = summary(waits)
print(f"2 baristas: {n} customers, mean wait {mean:.2f}s (sd {sd:.2f}), worst {worst:.2f}s")
print(repr(mean), repr(sd))

# Same random streams, one more barista: common random numbers make the comparison fair.
arrivals.setstate(checkpoint[0])
service.setstate(checkpoint[1])
waits3 = simulate(arrivals, service, 120, baristas=3)
print("3 baristas:", summary(waits3)[:2], "same customers:", len(waits3) == n)

arrivals.setstate(checkpoint[0])
service.setstate(checkpoint[1])
print("replay identical:", simulate(arrivals, service, 120) == waits)

# Other distributions a course meets
rng = random.Random("coffee")
print("loyalty (beta):   ", [round(rng.betavariate(2, 5), 6) for _ in range(4)])
print("tips (lognormal): ", [round(rng.lognormvariate(0, 0.4), 6) for _ in range(4)])
print("orders (pareto):  ", [round(rng.paretovariate(2.5), 6) for _ in range(4)])
print("breakdowns (weib):", [round(rng.weibullvariate(100, 1.5), 6) for _ in range(4)])
print("door angle (vm):  ", [round(rng.vonmisesvariate(0, 4), 6) for _ in range(4)])
print("gamma small alpha:", [round(rng.gammavariate(0.4, 2), 6) for _ in range(4)])
print("normal / gauss:   ", round(rng.normalvariate(5, 1), 9), round(rng.gauss(5, 1), 9))
st = rng.getstate()
print("state:", st[0], len(st[1]), st[1][-1], st[2] is not None)

# Moving state between generators
other = random.Random()
other.setstate(st)
print("copied stream agrees:", [other.random() for _ in range(3)] == [rng.random() for _ in range(3)])

# A struct_time for the report header
stamp = time.gmtime(DAY + OPEN + 7200)
print("report closed at", time.asctime(stamp), "| week", time.strftime("%V, day %j", stamp))
print(stamp.tm_hour, stamp.tm_min, stamp[:3])
