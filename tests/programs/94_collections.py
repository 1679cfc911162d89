# collections: deque, Counter, defaultdict, OrderedDict, namedtuple; collections.abc still works
import collections
import collections.abc
from collections import deque, Counter, defaultdict, OrderedDict, namedtuple

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], 3 in d, 9 in d)
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.extendleft('ab')
print(d, list(d), list(reversed(d)))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d[1] = 'z'
print(d, d.count(7), d.index(7))
d.remove(7)
print(d, bool(d), bool(deque()))
d.clear()
print(d, len(d))
b = deque(range(10), maxlen=3)
print(b, b.maxlen, deque().maxlen)
b.append(10)
b.appendleft(-1)
print(b)
print(deque('abc') == deque('abc'), deque([1]) == deque([2]), repr(deque(maxlen=0)))
for x in deque([3, 4]):
    print("item", x)
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
try:
    deque().popleft()
except IndexError as e:
    print("IndexError:", e)
try:
    deque([1])[5]
except IndexError as e:
    print("IndexError:", e)
q = deque()
for i in range(5):
    q.append(i)
while q:
    print("got", q.popleft(), end="; ")
print()
print(type(deque()).__name__, isinstance(d, deque))

c = Counter("abracadabra")
print(c)
print(c['a'], c['z'], len(c), 'b' in c, 'z' in c)
print(c.most_common(), c.most_common(2))
c.update("aaz")
print(c, c.total())
c.update({'q': 3})
print(c)
c.subtract("aaaaa")
print(c)
print(Counter({'x': 2, 'y': 5}), Counter(cats=4, dogs=8), Counter(), Counter([]))
words = "the quick the lazy the end quick".split()
wc = Counter()
for w in words:
    wc[w] += 1
print(wc, wc.most_common(1))
print(Counter('aab') + Counter('bcc'), Counter('aaab') - Counter('ab'))
print(Counter('aab') | Counter('bbc'), Counter('aab') & Counter('abb'))
print(sorted(Counter('hello').elements()), dict(Counter('aab')), list(Counter('ba')))
print(sorted(c.items()), sorted(c.keys()), Counter('ab') == Counter('ba'))
del wc['the']
print(wc)

dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    dd[k].append(v)
print(dd)
print(dd['a'], dd['missing'], len(dd), dd.default_factory)
print(dict(dd), sorted(dd.items()))
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(counts)
nested = defaultdict(lambda: defaultdict(int))
nested['x']['y'] += 2
print(nested['x']['y'], 'x' in nested, dd.get('zz'), 'zz' in dd)
none_dd = defaultdict(None, {'k': 1})
print(none_dd)
try:
    none_dd['nope']
except KeyError as e:
    print("KeyError:", e)
print(defaultdict(set), defaultdict(dict, a={}))

od = OrderedDict()
od['z'] = 1
od['a'] = 2
od['m'] = 3
print(od, list(od.keys()))
od.move_to_end('z')
print(od)
od.move_to_end('m', last=False)
print(od, od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), OrderedDict([('a', 1)]) == OrderedDict([('a', 1)]))

Point = namedtuple('Point', ['x', 'y'])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p[1], len(p), list(p))
x, y = p
print(x + y, p == (1, 2), p == Point(1, 2), hash(p) == hash((1, 2)))
print(p._asdict(), p._replace(x=10), Point._make([5, 6]), Point._fields)
Emp = namedtuple('Emp', 'name age dept', defaults=['eng'])
print(Emp('ann', 30), Emp('bob', 25, 'ops'), Emp.__name__)
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)

print(collections.abc.Iterable, collections.abc.Mapping)

d = deque([1, 2, 3, 4])
del d[1]
d.insert(1, 'x')
d.insert(-1, 'y')
d.insert(100, 'end')
print(d)
d += [5, 6]
print(d)
e = deque([1], maxlen=1)
try:
    e.insert(0, 2)
except IndexError as ex:
    print("IndexError:", ex)
try:
    d + [1]
except TypeError as ex:
    print("TypeError:", ex)
print(deque([1, 2], maxlen=3) + deque([3, 4]))
try:
    hash(deque())
except TypeError as e:
    print("TypeError:", e)
try:
    {Counter(): 1}
except TypeError as e:
    print("TypeError:", e)

d = deque([1, 2, 3])
try:
    for x in d:
        d.append(x)
except RuntimeError as e:
    print("RuntimeError:", e)
print(d)
it = iter(d)
print(next(it), list(it), list(reversed(d)), list(d))
it = iter(d)
next(it)
d.popleft()
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    print(list(it))
except RuntimeError as e:
    print("RuntimeError again:", e)
d[0] = 'z'
it = iter(d)
d[1] = 'y'
print(list(it), type(iter(d)).__name__, type(reversed(d)).__name__)
print(sorted(deque([3, 1, 2])), sum(deque(range(10))), [x * 2 for x in deque([1, 2])], *deque('ab'))
a, b = deque([1, 2])
print(a, b, set(deque([1, 1])), tuple(deque([1])), dict.fromkeys(deque('ab')))
