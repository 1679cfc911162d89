TEXT = ("Python is a high-level, general-purpose programming language. Its design "
        "philosophy emphasizes code readability with the use of significant indentation. "
        "Python is dynamically typed and garbage-collected.")

def wrap(text, width):
    lines = []
    line = ""
    for word in text.split():
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines

for width in (30, 45):
    print("=" * width)
    for ln in wrap(TEXT, width):
        print(ln)
print()
def justify(line, width):
    words = line.split()
    if len(words) == 1:
        return line.ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    out = ""
    for i, w in enumerate(words[:-1]):
        n = spaces // gaps + (1 if i < spaces % gaps else 0)
        out += w + " " * n
    return out + words[-1]

for ln in wrap(TEXT, 40)[:-1]:
    print("|" + justify(ln, 40) + "|")
print("|" + wrap(TEXT, 40)[-1].ljust(40) + "|")
for ln in wrap(TEXT, 36):
    print("[" + ln.center(36) + "]")
