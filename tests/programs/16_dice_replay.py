# A dice game simulation: seeded so every run is the same, with a "replay" feature that
# saves the generator's state before a round and restores it to play the round again.
import random


def roll(n, sides=6, rng=random):
    return [rng.randint(1, sides) for _ in range(n)]


def score(dice):
    counts = {}
    for d in dice:
        counts[d] = counts.get(d, 0) + 1
    best = max(counts.values())
    if best == 5:
        return 50, "five of a kind"
    if best == 4:
        return 40, "four of a kind"
    if sorted(counts.values()) == [2, 3]:
        return 25, "full house"
    if sorted(dice) in ([1, 2, 3, 4, 5], [2, 3, 4, 5, 6]):
        return 30, "straight"
    if best == 3:
        return sum(dice), "three of a kind"
    return 0, "nothing"


random.seed(2024)
players = ["Ana", "Ben", "Chloe"]
totals = dict.fromkeys(players, 0)
for rnd in range(1, 6):
    for p in players:
        dice = roll(5)
        pts, what = score(dice)
        totals[p] += pts
        print(f"round {rnd} {p:6} {dice} {what:16} +{pts}")
print("totals:", totals)
winner = max(totals, key=totals.get)
print("winner:", winner)

# Replay: save the state, play, restore, play again - the same dice come up.
saved = random.getstate()
first = roll(5)
random.setstate(saved)
again = roll(5)
print("replayed round identical:", first == again, first)

state = random.getstate()
print("state version:", state[0], "words:", len(state[1]), "index:", state[1][-1],
      "gauss_next:", state[2])
print("first words:", state[1][:3])

# gauss keeps a second value; getstate/setstate keep it too
random.gauss(0, 1)
saved = random.getstate()
print("gauss_next saved:", saved[2])
g1 = [round(random.gauss(100, 15), 6) for _ in range(3)]
random.setstate(saved)
g2 = [round(random.gauss(100, 15), 6) for _ in range(3)]
print(g1, g1 == g2)

# Separate generators do not disturb each other or the module's generator
table_a = random.Random(1)
table_b = random.Random(1)
print(roll(5, rng=table_a), roll(5, rng=table_b))
checkpoint = table_a.getstate()
print(roll(3, 20, table_a))
table_a.setstate(checkpoint)
print(roll(3, 20, table_a))
random.setstate(table_b.getstate())
print(random.random() == table_b.random())

# Shuffling and dealing a deck, seeded
deck = [r + s for s in "SHDC" for r in "A23456789TJQK"]
random.seed("poker night")
random.shuffle(deck)
hands = [deck[i:i + 5] for i in range(0, 20, 5)]
for i, h in enumerate(hands, 1):
    print("hand", i, " ".join(h))
print("sample:", random.sample(deck, 4))
print("choices:", random.choices("HT", weights=[3, 1], k=12))
print("bits:", random.getrandbits(40), random.randrange(0, 100, 5))

# Long-running averages of other distributions
random.seed(7)
print("expo mean  %.6f" % (sum(random.expovariate(0.5) for _ in range(2000)) / 2000))
print("tri        %.6f" % random.triangular(0, 10, 3))
print("uniform    %.6f" % random.uniform(-1, 1))
print("lognorm    %r" % random.lognormvariate(0, 0.5))
print("vonmises   %r" % random.vonmisesvariate(3.14, 2))
print("gamma      %r" % [random.gammavariate(a, 1) for a in (0.5, 1, 3)])
print("beta       %r" % random.betavariate(2, 3))
print("pareto     %r" % random.paretovariate(3))
print("weibull    %r" % random.weibullvariate(1, 1.5))
print("normal     %r" % random.normalvariate(10, 2))

# Errors as CPython reports them
for bad in [(4, (), None), (3, (1, 2, 3), None), (3, (0,) * 624 + (700,), None)]:
    try:
        random.setstate(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    random.gammavariate(-1, 1)
except ValueError as e:
    print("ValueError:", e)

# SystemRandom: the OS's entropy, so only its properties can be checked
sysrand = random.SystemRandom()
roll_ok = all(1 <= d <= 6 for d in roll(50, rng=sysrand))
print("SystemRandom:", type(sysrand).__name__, isinstance(sysrand, random.Random), roll_ok,
      sysrand.seed(42))
try:
    sysrand.getstate()
except NotImplementedError as e:
    print("NotImplementedError:", e)
