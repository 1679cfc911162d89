import random

random.seed(42)
print(random.random())
print([random.randint(1, 100) for _ in range(10)])
print(random.choice(["red", "green", "blue", "yellow"]))
xs = list(range(10))
random.shuffle(xs)
print(xs)
random.seed(12345)
a = [random.random() for _ in range(3)]
random.seed(12345)
b = [random.random() for _ in range(3)]
print(a == b, a)
random.seed(7)
rolls = [random.randint(1, 6) for _ in range(1000)]
print([rolls.count(i) for i in range(1, 7)], sum(rolls))
random.seed(0)
print(random.uniform(1, 2), random.randrange(10), random.randrange(0, 100, 5))
random.seed(2024)
deck = [r + s for s in "SH" for r in "A23"]
random.shuffle(deck)
print(deck, random.choice(deck))
random.seed(1)
inside = 0
n = 20000
for _ in range(n):
    x, y = random.random(), random.random()
    if x * x + y * y <= 1:
        inside += 1
print(f"pi ~ {4 * inside / n:.4f}")
