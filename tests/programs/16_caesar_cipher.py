# Caesar and substitution ciphers with str.maketrans / str.translate, the classic
# strings exercise, plus cleaning text and checking for ASCII.
import string

def caesar_table(shift):
    lower = string.ascii_lowercase
    upper = string.ascii_uppercase
    shifted = lower[shift:] + lower[:shift] + upper[shift:] + upper[:shift]
    return str.maketrans(lower + upper, shifted)

def encrypt(text, shift):
    return text.translate(caesar_table(shift % 26))

def decrypt(text, shift):
    return encrypt(text, -shift)

message = "Meet me at the Old Bridge at 7pm, bring the MAP!"
for shift in (1, 3, 13, 25, 26, -3):
    secret = encrypt(message, shift)
    print(f"{shift:3}  {secret}")
    assert decrypt(secret, shift) == message
print(encrypt(encrypt(message, 13), 13) == message)

# Brute force: try every shift and score by common letters
secret = encrypt("the quick brown fox jumps over the lazy dog", 11)
best = max(range(26), key=lambda s: sum(decrypt(secret, s).count(c) for c in "etaoin "))
print("cracked shift", best, "->", decrypt(secret, best))

# A keyed substitution cipher
key = "QWERTYUIOPASDFGHJKLZXCVBNM"
enc = str.maketrans(string.ascii_uppercase, key)
dec = str.maketrans(key, string.ascii_uppercase)
s = "ATTACK AT DAWN".translate(enc)
print(s, s.translate(dec))

# The three forms of maketrans
t1 = str.maketrans({"a": "4", "e": "3", "o": "0", ord("s"): "$", "l": None})
print(sorted(t1.items()))
print("hello leet speakers".translate(t1))
t2 = str.maketrans("abc", "xyz")
print(sorted(t2.items()), "aabbcc-abc".translate(t2))
t3 = str.maketrans("", "", string.punctuation)
print(len(t3), "Hello, World! (It's 5 o'clock.)".translate(t3))
t4 = str.maketrans("ab", "ba", "c")
print(sorted(t4.items()), "abcabc".translate(t4))
print("".maketrans("x", "y"), str.maketrans({}))

# translate with a plain dict of code points, values int, str or None
print("banana".translate({ord("a"): "o", ord("n"): None}))
print("rot".translate({114: 82, 111: "00", 116: None}))
vowels = {ord(v): None for v in "aeiouAEIOU"}
print("Programming in Python is fun".translate(vowels))

# Any object with __getitem__ can be the table; LookupError leaves a character alone
class Shouty:
    def __getitem__(self, code):
        ch = chr(code)
        if ch.islower():
            return ch.upper()
        raise LookupError(ch)
print("mixed Case text 123".translate(Shouty()))

# isascii
for word in ("plain", "café", "", "tab\there", "emoji 😀", "\x7f", "naïve"):
    print(repr(word), word.isascii())
clean = [w for w in "résumé naive café tea crème latte".split() if w.isascii()]
print(clean)

# Errors are CPython's
for args in [("ab", "c"), (1,), ({"ab": 1},), ({1.5: "x"},), ("a", "b", 1), ("a", 1)]:
    try:
        str.maketrans(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
for table in ({97: 5.5}, {97: 0x110000}, {97: -1}):
    try:
        "abc".translate(table)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
