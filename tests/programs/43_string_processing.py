def caesar(s, k):
    out = []
    for ch in s:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + k) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - ord("A") + k) % 26 + ord("A")))
        else:
            out.append(ch)
    return "".join(out)

msg = "Hello, World!"
enc = caesar(msg, 3)
print(enc, caesar(enc, -3))

def is_palindrome(s):
    cleaned = [c.lower() for c in s if c.isdigit() or "a" <= c.lower() <= "z"]
    return cleaned == cleaned[::-1]

for s in ["A man, a plan, a canal: Panama", "hello", "No 'x' in Nixon", ""]:
    print(repr(s), is_palindrome(s))

def rle(s):
    if not s:
        return ""
    out = []
    prev, n = s[0], 1
    for ch in s[1:]:
        if ch == prev:
            n += 1
        else:
            out.append(f"{n}{prev}")
            prev, n = ch, 1
    out.append(f"{n}{prev}")
    return "".join(out)

print(rle("aaabccddddde"), rle("x"), repr(rle("")))
csv = "name,age,city\nAnn,31,Oslo\nBo,27,Rome\nCy,45,Lima"
rows = [line.split(",") for line in csv.splitlines()]
header, body = rows[0], rows[1:]
records = [dict(zip(header, r)) for r in body]
print(records[1])
print(sum(int(r["age"]) for r in records) / len(records))
widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
for r in rows:
    print(" | ".join(c.ljust(w) for c, w in zip(r, widths)))
print("-".join(w.upper() for w in "snake_case_name".split("_")))
camel = "".join(w.title() if i else w for i, w in enumerate("make me camel".split()))
print(camel)
vowels = sum(1 for c in "Programming Language" if c.lower() in "aeiou")
print("vowels:", vowels)
s = "  Mixed   spacing\there  "
print(" ".join(s.split()), len(s.strip()))
print("abc".replace("", "-"), "a.b.c".split("."), "a,b".split(";"))
template = "Dear {name}, you owe {amount:.2f} by {due}."
print(template.format(name="Sam", amount=12.5, due="Friday"))
print("%-10s|%6.2f|%3d" % ("item", 3.14159, 7))
print("{:>10}|{:<6}|{:^7}|".format("r", "l", "c"))
print("x".join("123"), "ab" * 0 == "", "abc"[5:] == "")
words = "the rain in spain".split()
print(" ".join(w[::-1] for w in words), " ".join(reversed(words)))
acronym = "".join(w[0].upper() for w in "portable network graphics".split())
print(acronym)
print("hello world".count("o"), "aaaa".count("aa"), "banana".find("na", 3))
