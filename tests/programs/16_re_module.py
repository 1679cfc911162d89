# re: findall, split, sub, finditer over tricky patterns (empty matches, $ before a final
# newline, literal braces, ] first in a class, back-references, look-around), Match and
# Pattern objects, templates, VERBOSE, flags and errors, as CPython 3.11.
import re
tests = [
    (r"\d+", "a1b22c333"), (r"x*", "abxd"), (r"\b", "a b"), (r"(a)|(b)", "ab"), (r"(\w+)@(\w+)\.com", "joe@x.com, ann@y.com"),
    (r"^\w+$", "hello\n"), (r"a$", "a\n"), (r"(?m)^\w", "ab\ncd"), (r"a{2}", "aaaaa"), (r"a{,2}", "aaaaa"), (r"{x}", "a{x}"),
    (r"[]a]+", "a]]b"), (r"[^]a]+", "a]]bc"), (r"(?P<y>\d{4})-(?P<m>\d\d)", "on 2024-03 and 1999-12"), (r"(\w)\1", "hello aab"),
    (r"(?P<c>\w)(?P=c)", "bookkeeper"), (r"(?<=\$)\d+", "cost $42 or $7"), (r"\w+(?=!)", "hi! yo"), (r"é+", "caféé é"),
    (r"[a-z]+", "Hello World"), (r"\s+", "a \t b\n c"), (r"", "abc"), (r"a|", "bab"), (r".", "a\nb"), (r"(?s).", "a\nb"),
    (r"(?i)hello", "HeLLo hello"), (r"\Aab", "abab"), (r"ab\Z", "abab\n"), (r"[\b]", "a\bb"), (r"(a)(b)?", "a ab"),
]
for pat, s in tests:
    print(repr(pat), re.findall(pat, s), re.split(pat, s), re.sub(pat, "<\\g<0>>", s), [m.span() for m in re.finditer(pat, s)])
m = re.search(r"(?P<first>\w+) (?P<last>\w+)", "  Ada Lovelace  ")
print(m, m.group(), m.group(1, 2), m.groups(), m.groupdict(), m.span("last"), m.start(), m.end(2), m["first"], m.lastindex, m.lastgroup, m.regs)
print(m.expand(r"\2, \1 (\g<first>)"), m.re, m.string, m.pos, m.endpos)
print(re.match(r"\d", "a1"), re.match(r"a", "ab"), re.fullmatch(r"a|ab", "ab"), re.fullmatch(r"\d+", "123x"))
p = re.compile(r"\d+", re.I | re.M)
print(p, p.pattern, p.flags, p.groups, p.groupindex, re.compile("a"), re.I, re.I | re.S, re.NOFLAG)
print(p.search("ab12cd34", 4), p.match("ab12", 2), p.findall("1 2 3 4", 2, 5), p.sub(lambda m: str(int(m.group()) * 2), "3 apples 10 pears"))
print(re.subn(r"o", "0", "foo boo", count=3), re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world foo bar"), re.sub("a", r"\n", "banana"))
print(re.split(r"(,)\s*", "a, b,c"), re.split(r"\W+", "Words, words, words.", maxsplit=1), re.split("x", "axbxc", 1))
print(re.escape("1+1=2? (yes) a.b*c"), re.findall(r"(\d)(\d)?", "1 23 4"))
words = re.compile(r"""
    (?P<word>[A-Za-z]+)   # a word
    \s*                   # spaces
    (?P<num>\d+)?         # maybe a number
""", re.VERBOSE)
print([m.groupdict() for m in words.finditer("abc 12 de fg 7")])
print(re.sub(r"\s+", " ", "  many   spaces\there  ").strip(), re.findall(r"[A-Z][a-z]+", "CamelCaseWords"))
print(re.sub(r"(?<!^)(?=[A-Z])", "_", "CamelCaseWords").lower(), re.match(r"(\d+)\.(\d+)", "3.14").groups())
print(bool(re.match(r"^[\w.+-]+@[\w-]+\.[\w.]+$", "a.b+c@ex-ample.co.uk")), re.findall(r"\b\w{5}\b", "short words and longer ones here"))
for bad in ["(", "[a", "a**", r"\1(a)"]:
    try:
        re.compile(bad)
        print("compiled", bad)
    except re.error as e:
        print("error", type(e).__name__)
try:
    re.search(r"a", 5)
except TypeError as e:
    print(e)
try:
    m.group(5)
except IndexError as e:
    print(e)
print(type(m).__name__, type(p).__name__, isinstance(p, re.Pattern), re.Match)
