# Text statistics: string methods, sorting with keys, Counter, str.format and % formatting.
import string
from collections import Counter

TEXT = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness."""

table = str.maketrans("", "", string.punctuation)
words = TEXT.lower().translate(table).split()
freq = Counter(words)
print(len(words), len(freq), freq.most_common(4))
for word, n in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]:
    print("%-10s %3d %s" % (word, n, "#" * n))
longest = max(words, key=len)
print(f"longest: {longest!r} ({len(longest)} letters)", sorted(sorted(set(words)), key=len)[-3:])
lines = TEXT.splitlines()
print([len(l) for l in lines], [l.count("it was") for l in lines])
print("|".join(w.capitalize() for w in words[:5]), words[3].center(12, "."), words[1].zfill(6))
print(TEXT.find("age"), TEXT.rfind("age"), TEXT.index("Light"), TEXT.startswith("It"), "Darkness." in TEXT)
title = " ".join(w.title() for w in "a tale of two cities".split())
print(title, title.swapcase(), title.replace(" ", "_").lower(), title.partition("Of"))
letters = Counter(ch for ch in TEXT.lower() if ch.isalpha())
vowels = sum(letters[v] for v in "aeiou")
print(f"vowels {vowels}, consonants {sum(letters.values()) - vowels}, ratio {vowels / sum(letters.values()):.2%}")
print("{:>8}|{:^8}|{:<8}|".format("right", "mid", "left"), "{0}{1}{0}".format("ab", "cd"))
print("{name} has {n:,} chars; first word {w[0]!r}".format(name="text", n=len(TEXT), w=words))
acr = "".join(w[0] for w in title.split()).upper()
print(acr, acr.isupper(), "abc123".isalnum(), "  pad  ".strip(), "a,b,,c".split(","), "x".join("abc"))
print(sorted(["banana", "Apple", "cherry", "apple"]), sorted(["banana", "Apple", "cherry"], key=str.lower))
print(words[-1][::-1], "".join(reversed(words[0])), ord("A"), chr(97), ascii("café"), repr("tab\there"))
print(string.ascii_lowercase[:5], string.digits, string.capwords("hello  world"))
print("%5.1f%%" % 12.345, "%x %o %e" % (255, 8, 12345.678), "%r %s" % ("q", None), "%c" % 65)
