"""A text pipeline: generate a document of made-up sentences (a fixed pseudo-random
generator), then split it into lines and words, normalise the words (`strip`, `lower`,
`isalpha`), drop stop words, and count words, bigrams and word lengths with
`collections.Counter` and plain dicts; finish with a title-cased summary built by
`str.join` and f-strings. Stresses str methods, dict and Counter updates, and set lookups."""
import sys
from collections import Counter

from lcg import Rng

SYLLABLES = ["ka", "lo", "mi", "ran", "te", "su", "vo", "ne", "bri", "sha", "to", "el", "dun", "ix", "pa", "gor"]
STOP = {"the", "a", "of", "and", "to", "in", "is", "it"}
PUNCTUATION = ",.;:!?\"'()"


def make_vocabulary(rng, size):
    words = list(STOP)
    words.sort()
    while len(words) < size:
        word = "".join(SYLLABLES[rng.below(len(SYLLABLES))] for _ in range(1 + rng.below(3)))
        if word not in words:
            words.append(word)
    return words


def make_document(rng, vocabulary, sentences):
    lines = []
    line = []
    for _ in range(sentences):
        # Zipf-like: low indices far more often.
        words = [vocabulary[rng.below(1 + rng.below(len(vocabulary)))] for _ in range(4 + rng.below(9))]
        words[0] = words[0].capitalize()
        if rng.below(4) == 0:
            words[rng.below(len(words))] += ","
        if rng.below(10) == 0:
            words[-1] = f'"{words[-1]}"'
        sentence = " ".join(words) + ".!?"[rng.below(3)]
        line.append(sentence)
        if len(line) == 3:
            lines.append("  " + " ".join(line) + "  ")
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines)


def analyse(text):
    words = Counter()
    bigrams = {}
    lengths = Counter()
    capitals = 0
    sentences = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        sentences += line.count(".") + line.count("!") + line.count("?")
        previous = None
        for raw in line.split():
            if raw[0].isupper():
                capitals += 1
            word = raw.strip(PUNCTUATION).lower()
            if not word.isalpha() or word in STOP:
                previous = None
                continue
            words[word] += 1
            lengths[len(word)] += 1
            if previous is not None:
                key = previous + " " + word
                bigrams[key] = bigrams.get(key, 0) + 1
            previous = None if raw.endswith((".", "!", "?")) else word
    return words, bigrams, lengths, capitals, sentences


def main(sentences):
    rng = Rng(2024)
    vocabulary = make_vocabulary(rng, 400)
    text = make_document(rng, vocabulary, sentences)
    words, bigrams, lengths, capitals, counted = analyse(text)
    print(f"characters {len(text)} sentences {counted} capitals {capitals}")
    print(f"distinct words {len(words)} total {sum(words.values())} bigrams {len(bigrams)}")
    top = words.most_common(8)
    print("top:", ", ".join(f"{w.title()}={n}" for w, n in top))
    best = sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print("bigrams:", "; ".join(f"{k.replace(' ', '+')}:{n}" for k, n in best))
    print("lengths:", " ".join(f"{k}:{lengths[k]}" for k in sorted(lengths)))
    rare = [w for w, n in words.items() if n == 1]
    print("rare", len(rare), "longest", max(words, key=lambda w: (len(w), w)).upper())


main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
