import itertools
from collections import Counter, defaultdict
import functools
import operator

WORDS = "listen silent enlist google inlets banana tinsel stone notes onset tones apple".split()


def anagram_groups(words):
    groups = defaultdict(set)
    for w in words:
        groups["".join(sorted(w))].add(w)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def can_make(word, letters):
    need, have = Counter(word), Counter(letters)
    return all(have[c] >= n for c, n in need.items())


def score(word, values={c: i % 7 + 1 for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}):
    return sum(values[c] for c in word)


print(sorted(anagram_groups(WORDS)))
print([w for w in WORDS if can_make(w, "tonesil")])
ranked = sorted(set(WORDS), key=lambda w: (-score(w), w))
print([(w, score(w)) for w in ranked[:5]])
print(functools.reduce(operator.or_, (set(w) for w in WORDS)) - set("aeiou") == set("bcdfghjklmnpqrstvwxyz") & set("".join(WORDS)))
print(list(itertools.permutations("abc", 2)), len(list(itertools.product("01", repeat=4))))
print(["".join(p) for p in itertools.product("ab", "xy")], list(itertools.chain.from_iterable(["ab", "cd"])))
def caesar(s, k):
    out = []
    for ch in s:
        if ch.isalpha():
            base = ord("A") if ch.isupper() else ord("a")
            out.append(chr((ord(ch) - base + k) % 26 + base))
        else:
            out.append(ch)
    return "".join(out)
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3), caesar("xyz", 29))
def rle(s):
    return "".join(f"{len(list(g))}{k}" for k, g in itertools.groupby(s))
print(rle("aaabbbbcdd"), rle(""))
print(sorted(Counter("the rain in spain").items(), key=operator.itemgetter(1, 0), reverse=True)[:4])
print(operator.attrgetter("real")(3), operator.methodcaller("upper")("x"), list(map(operator.mul, [1, 2], [3, 4])))
table = [["name", "score"], ["ann", 9], ["bo", 10], ["cyrus", 7]]
widths = [max(len(str(row[i])) for row in table) for i in range(2)]
for row in table:
    print(" | ".join(str(v).ljust(w) for v, w in zip(row, widths)))
print(f"{'-' * 12:*^20}", "{:>{w}}".format("r", w=4), "%-6s|%06.2f|%x|%r" % ("ab", 3.14159, 255, "q"))
print(str.join(",", map(str, range(5))), "".join(reversed("stressed")), "a-b-c".rpartition("-"), "k=v".partition("="))
print(max(WORDS, key=lambda w: len(set(w))), min(map(len, WORDS)), sorted(WORDS, key=lambda w: w[::-1])[:3])
print(sum(map(score, WORDS)), Counter(map(len, WORDS)))
print(dict(sorted(Counter("".join(WORDS)).items())[:5]), "banana".count("an"), "banana".replace("a", "o", 2))
