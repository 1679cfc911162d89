text = """The quick brown fox jumps over the lazy dog.
The dog barks; the fox runs away!
A quick brown dog? No -- a quick red fox."""

def tokenize(s):
    words = []
    cur = ""
    for ch in s.lower():
        if "a" <= ch <= "z":
            cur += ch
        elif cur:
            words.append(cur)
            cur = ""
    if cur:
        words.append(cur)
    return words

words = tokenize(text)
print(len(words), words[:6])
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in top[:6]:
    print(f"{word:<8}{n:>3} {'#' * n}")
print(len(freq), "distinct")
by_len = {}
for w in freq:
    by_len.setdefault(len(w), []).append(w)
for k in sorted(by_len):
    print(k, sorted(by_len[k]))
lines = text.splitlines()
for i, line in enumerate(lines, 1):
    print(i, len(line.split()), line[:20])
longest = max(words, key=len)
print("longest:", longest, len(longest))
letters = {}
for ch in text:
    if ch.isdigit() or ch == " ":
        continue
    letters[ch] = letters.get(ch, 0) + 1
print(sorted(letters.items(), key=lambda kv: -kv[1])[:3])
