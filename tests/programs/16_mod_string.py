# string: constants for a password checker and a caesar cipher; capwords; Template letters.
import string

print(string.ascii_letters)
print(string.ascii_lowercase, string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits)
print(string.punctuation)
print(repr(string.whitespace), len(string.printable), repr(string.printable[-10:]))


def strength(pw):
    classes = [string.ascii_lowercase, string.ascii_uppercase, string.digits, string.punctuation]
    score = sum(any(c in cls for c in pw) for cls in classes)
    return ["empty", "weak", "fair", "good", "strong"][score]


for pw in ["", "abc", "abcDEF", "abc123X", "S3cure!pw"]:
    print(f"{pw!r:12} {strength(pw)}")


def caesar(text, shift):
    lower = string.ascii_lowercase
    upper = string.ascii_uppercase
    table = str.maketrans(lower + upper,
                          lower[shift:] + lower[:shift] + upper[shift:] + upper[:shift])
    return text.translate(table)


secret = caesar("Hello, World!", 3)
print(secret, caesar(secret, -3))

print(string.capwords("the quick  brown\tfox"), string.capwords("a-b-c", "-"))
words = "it was the best of times it was the worst of times".split()
clean = "".join(c for c in "Hello, world! (yes)" if c not in string.punctuation)
print(clean, len(set(words)))

t = string.Template("Dear $name, you owe ${amount} dollars. $$5 fee applies.")
print(t.substitute(name="Ada", amount=12.5))
print(t.substitute({"name": "Bob", "amount": 3}, amount=4))
print(t.safe_substitute(name="Cy"))
try:
    t.substitute(name="Dee")
except KeyError as e:
    print("KeyError:", e)
try:
    string.Template("cost: $5").substitute()
except ValueError as e:
    print("ValueError:", e)
print(string.Template("$who likes $what").get_identifiers())
print(string.Template("$ok ${fine}").is_valid(), string.Template("bad $").is_valid())
print(string.Template("$x$y").substitute(x=1, y=2), t.template[:10])
print(string.Formatter().format("{0}-{name}", 1, name="n"))
