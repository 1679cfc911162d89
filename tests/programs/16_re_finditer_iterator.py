# Scanning a log with re.finditer: the iterator it returns and when a bad argument is reported.
import re

log = "ERROR 12:01 disk full; WARN 12:05 slow; ERROR 12:09 disk full again"
found = re.finditer(r"(ERROR|WARN) (\d\d):(\d\d)", log)
print(type(found).__name__, type(found) is type(iter(lambda: 0, 1)))
print(iter(found) is found, hasattr(found, "send"), hasattr(found, "close"))
first = next(found)
print(first.group(1), first.span())
for m in found:
    print(m.group(1), m.group(2), m.group(3), m.start())
print(next(found, "exhausted"))

pattern = re.compile(r"\b\w{5,}\b")
words = pattern.finditer("Regular expressions scan strings quickly", 8)
print(type(words).__name__, [m.group() for m in words])
print([m.span() for m in pattern.finditer("abcdefg hijklmn", 2, 10)])
print(list(re.finditer("x*", "axx")))

for bad in (42, None, ["a"]):
    try:
        re.finditer(r"\d", bad)
        print("no error at the call")
    except TypeError as e:
        print("TypeError at the call:", e)
