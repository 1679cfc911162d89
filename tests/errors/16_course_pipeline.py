# Log processing with generators, itertools and collections, as a data course does.
import itertools
import re
from collections import Counter, defaultdict, namedtuple, deque
from enum import Enum, auto
from functools import reduce, lru_cache, partial

LOG = """\
2024-03-01 09:15:02 INFO  user=ada action=login
2024-03-01 09:15:09 WARN  user=bob action=login attempts=3
2024-03-01 09:16:44 ERROR user=bob action=upload size=10485760
2024-03-01 09:17:01 INFO  user=ada action=upload size=2048
2024-03-01 10:01:13 INFO  user=cy action=login
2024-03-01 10:05:55 ERROR user=cy action=delete
2024-03-01 10:06:00 INFO  user=ada action=logout
"""

Entry = namedtuple("Entry", "time level fields")


class Level(Enum):
    INFO = auto()
    WARN = auto()
    ERROR = auto()

    def __str__(self):
        return self.name.lower()


def parse(lines):
    pattern = re.compile(r"(\S+ \S+) (\w+)\s+(.*)")
    for line in lines:
        m = pattern.match(line)
        if not m:
            continue
        fields = dict(kv.split("=") for kv in m.group(3).split())
        yield Entry(m.group(1), Level[m.group(2)], fields)


def window(iterable, n):
    d = deque(maxlen=n)
    for x in iterable:
        d.append(x)
        if len(d) == n:
            yield tuple(d)


entries = list(parse(LOG.splitlines()))
print(len(entries), entries[0])
by_level = Counter(e.level for e in entries)
print(by_level.most_common(), [str(l) for l in Level])
per_user = defaultdict(list)
for e in entries:
    per_user[e.fields["user"]].append(e.fields["action"])
print(dict(per_user))
for hour, group in itertools.groupby(entries, key=lambda e: e.time[11:13]):
    print(hour, [e.fields["action"] for e in group])
sizes = [int(e.fields.get("size", 0)) for e in entries]
print(sum(sizes), max(sizes), f"{max(sizes) / 2**20:.1f} MiB", list(itertools.accumulate(sizes))[-1])
print(list(window((e.level.name for e in entries), 3))[:2])
errors = filter(lambda e: e.level is Level.ERROR, entries)
print([f"{e.time[-8:]} {e.fields['user']}" for e in errors])
print(reduce(lambda acc, e: acc | {e.fields["user"]}, entries, set()) == set(per_user))
pairs = list(itertools.combinations(sorted(per_user), 2))
print(pairs, list(itertools.islice(itertools.cycle("ab"), 5)))
print(list(itertools.chain.from_iterable(per_user.values()))[:4], list(zip(*[(1, 'a'), (2, 'b')])))


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())
to_upper = partial(str.upper)
print(list(map(to_upper, ["x", "y"])), sorted(per_user, key=len, reverse=True))
print(Level.ERROR, repr(Level.WARN), Level(1), Level["INFO"].value, len(Level), Level.INFO < Level.ERROR)
