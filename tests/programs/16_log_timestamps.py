# A log timestamp formatter: turn epoch seconds from a server log into readable dates,
# using only gmtime and strftime so the output does not depend on the local time zone.
import time

LOG = [
    (1700000000, "INFO", "server started"),
    (1700000061, "INFO", "user alice logged in"),
    (1700003725, "WARN", "disk 91% full"),
    (1700086399, "ERROR", "backup failed"),
    (1709251199, "INFO", "leap day approaching"),
    (1709251200, "INFO", "it is Feb 29"),
    (0, "DEBUG", "the epoch"),
    (-86400, "DEBUG", "the day before the epoch"),
    (951782400.75, "INFO", "a float timestamp"),
]

print("%-25s %-6s %s" % ("when", "level", "message"))
for secs, level, msg in LOG:
    t = time.gmtime(secs)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", t)
    print("%-25s %-6s %s" % (stamp, level, msg))

print()
t = time.gmtime(1700003725)
print(t)
print(repr(t))
print(len(t), t[0], t[-1], t[1:4], t.tm_year, t.tm_mon, t.tm_mday)
print(t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday, t.tm_isdst)
print(t.tm_zone, t.tm_gmtoff)
print(tuple(t), list(t)[:3])
year, month, day, *rest = t
print(year, month, day, rest)
print(t == tuple(t), t == time.gmtime(1700003725), t != time.gmtime(0))
print(time.gmtime(0) < t, max(time.gmtime(5), time.gmtime(3)).tm_sec)
print(type(t).__name__, type(t))
print(t.n_fields, t.n_sequence_fields, t.n_unnamed_fields)

print()
formats = [
    "%a %A %b %B",
    "%d/%m/%y",
    "%j day of the year",
    "%I:%M %p",
    "%c",
    "%x | %X",
    "%Y week %U (Sunday) / %W (Monday)",
    "ISO %G-W%V-%u",
    "100%% done",
    "%Z %z",
    "%e %D %T %F %R",
]
for f in formats:
    print(repr(f), "->", repr(time.strftime(f, t)))

print()
# Fixed tuples: (year, month, day, hour, minute, second, weekday, yearday, dst)
deadline = (2024, 12, 31, 23, 59, 0, 1, 366, 0)
print(time.strftime("Deadline: %A %d %B %Y at %H:%M", deadline))
print(time.asctime(deadline))
print(time.asctime(time.gmtime(1234567890)))
print(time.strftime("%H:%M:%S", (2000, 1, 1, 0, 0, 0, 5, 1, 0)))
print(time.strftime("%y%m%d-%H%M%S", (2000, 0, 0, 0, 0, 0, 0, 0, 0)))

made = time.struct_time((2023, 5, 17, 8, 30, 0, 2, 137, 0))
print(made, made.tm_zone, made.tm_gmtoff)
print(time.strftime("%d %b %Y", made))

# Durations between log entries
first, last = LOG[0][0], LOG[3][0]
elapsed = last - first
days, rem = divmod(elapsed, 86400)
hours, rem = divmod(rem, 3600)
minutes, seconds = divmod(rem, 60)
print(f"{days}d {hours}h {minutes}m {seconds}s between first and fourth entry")

# Group entries by day
by_day = {}
for secs, level, msg in LOG:
    day = time.strftime("%Y-%m-%d", time.gmtime(secs))
    by_day.setdefault(day, []).append(level)
for day in sorted(by_day):
    print(day, by_day[day])

# Bad tuples are rejected as CPython rejects them
for bad in [(2024, 13, 1, 0, 0, 0, 0, 1, 0), (2024, 1, 1, 25, 0, 0, 0, 1, 0),
            (2024, 1, 1), [2024, 1, 1, 0, 0, 0, 0, 1, 0], "2024"]:
    try:
        time.strftime("%Y", bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    time.struct_time((1, 2, 3))
except TypeError as e:
    print("TypeError:", e)
try:
    t.tm_year = 1999
except AttributeError as e:
    print("AttributeError:", e)

# glibc's flags, widths and alternative forms, and years far from now
odd = (5, 1, 3, 0, 5, 9, 0, 3, 0)
for f in ("%C|%y|%Y|%G|%g", "%-H:%-M|%_H|%05d|%10A|%^B|%#p", "%Ey %Od %EC", "%V %U %W"):
    print(repr(f), "->", repr(time.strftime(f, odd)), repr(time.strftime(f, t)))
