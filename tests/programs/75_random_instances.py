import random
random.seed(3); a = [random.random(), random.randint(1, 100), random.gauss(0, 1), random.gauss(0,1)]
r = random.Random(3); b = [r.random(), r.randint(1, 100), r.gauss(0, 1), r.gauss(0,1)]
print(a == b, a)
r2 = random.Random("hello"); print(r2.random(), r2.choice([1,2,3]), r2.sample(range(100), 3), r2.uniform(1, 2))
r3 = random.Random(); print(type(r3).__name__, isinstance(r3, random.Random))
l = list(range(10)); r.shuffle(l); print(l)
r.seed(5); print(r.random(), r.choices("abc", k=4), r.randrange(10, 20, 3), r.triangular(0, 1), r.expovariate(2), r.normalvariate(0,1), r.getrandbits(20))
