import re
import string
from collections import Counter

TEXT = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness."""

words = re.findall(r"[a-z']+", TEXT.lower())
print(len(words), len(set(words)))
freq = Counter(words)
for word, n in freq.most_common(5):
    print(f"{word:<10} {n:>3} {'*' * n}")
print(sorted(freq, key=lambda w: (-freq[w], w))[:8])
lines = TEXT.splitlines()
for i, line in enumerate(lines, 1):
    print(f"{i:02d}: {line[:30]!r:<35}{len(line):4d}")
print(TEXT.count("was"), TEXT.find("age"), TEXT.rfind("age"), TEXT.index("Light"))
table = str.maketrans("", "", string.punctuation)
print(lines[0].translate(table).title())
print(" ".join(w.capitalize() for w in lines[1].split()))
print(re.sub(r"\b(\w)(\w*)", lambda m: m.group(1).upper() + m.group(2), "hello big world"))
print(re.split(r"[,.]\s*", lines[2]))
m = re.search(r"season of (\w+)", TEXT)
print(m.group(0), m.group(1), m.span(), m.start(1))
print(re.findall(r"(\w+) of (\w+)", lines[3]))
print([m.groupdict() for m in re.finditer(r"(?P<adj>\w+) of (?P<noun>\w+)", lines[0])])
print("|".join(s.center(9, ".") for s in ["a", "bb", "ccc"]))
print("tab\tsep".expandtabs(8), "x".zfill(5), "-42".zfill(6), "abc".ljust(6, "-") + "|")
print("Hello World".swapcase(), "hello"[::-1], "a,b,,c".split(","), "  pad  ".strip())
print("CamelCaseString".replace("C", "_c"), "snake_case_here".split("_", 1))
vowels = sum(1 for c in TEXT.lower() if c in "aeiou")
print(f"vowels: {vowels}, ratio {vowels / len(TEXT):.3%}")
print("%s has %d chars, %5.1f%% vowels" % ("TEXT", len(TEXT), 100 * vowels / len(TEXT)))
print("{0} {1} {0}".format("a", "b"), "{name:^10}|".format(name="mid"), "{:x} {:o} {:b} {:e}".format(255, 8, 5, 12345.678))
print(string.ascii_lowercase[:5], string.digits, string.capwords("the quick  brown"))
acr = "".join(w[0] for w in "portable network graphics".split()).upper()
print(acr, "palindrome" if "racecar" == "racecar"[::-1] else "no")
print(re.compile(r"\d+").sub("#", "a1b22c333"), re.fullmatch(r"\w+", "abc!"), bool(re.match("a", "abc")))
print(repr("it's"), repr('say "hi"'), ascii("café"))
