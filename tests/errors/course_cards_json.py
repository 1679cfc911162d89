from dataclasses import dataclass, field
from enum import Enum
import json


class Suit(Enum):
    CLUBS = "♣"
    DIAMONDS = "♦"
    HEARTS = "♥"
    SPADES = "♠"


RANKS = "2 3 4 5 6 7 8 9 10 J Q K A".split()


@dataclass(frozen=True, order=True)
class Card:
    rank_index: int = field(repr=False)
    suit: Suit = field(compare=False)

    @property
    def rank(self):
        return RANKS[self.rank_index]

    def __str__(self):
        return f"{self.rank}{self.suit.value}"


@dataclass
class Hand:
    owner: str
    cards: list = field(default_factory=list)

    def add(self, *cards):
        self.cards.extend(cards)

    def score(self):
        return sum(min(c.rank_index + 2, 10) if c.rank != "A" else 11 for c in self.cards)

    def __str__(self):
        return f"{self.owner}: " + " ".join(map(str, sorted(self.cards)))


deck = [Card(r, s) for s in Suit for r in range(len(RANKS))]
print(len(deck), deck[0], repr(deck[-1]), deck[12] > deck[11], deck[0] == Card(0, Suit.HEARTS))
import random
random.seed(7)
random.shuffle(deck)
hands = [Hand(n) for n in ("ann", "bob")]
for i in range(6):
    hands[i % 2].add(deck.pop())
for h in hands:
    print(h, h.score())
winner = max(hands, key=Hand.score)
print("winner:", winner.owner, winner)
print(Hand("x"), Hand("x") == Hand("x"), Hand("x", [deck[0]]) != Hand("x"))
data = {"hands": [{"owner": h.owner, "cards": [str(c) for c in h.cards], "score": h.score()} for h in hands], "left": len(deck), "ok": True, "none": None}
s = json.dumps(data, ensure_ascii=False)
print(s[:80])
print(json.dumps(data, indent=2, sort_keys=True)[:200])
back = json.loads(s)
print(back == data, type(back["left"]).__name__, json.dumps([1.5, "a\"b", {"k": [None, False]}]), json.dumps("é"))
try:
    json.loads("{bad json}")
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e)
try:
    json.dumps({"card": deck[0]})
except TypeError as e:
    print(e)
print(json.dumps({"card": deck[0]}, default=str), json.dumps({1: 2, "t": (1, 2)}), json.loads('[1e3, -0.5, "\\u00e9"]'))
c = deck[0]
c.suit = Suit.CLUBS
