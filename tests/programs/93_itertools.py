# itertools: count, islice, chain, product, repeat, accumulate, permutations, combinations,
# zip_longest, and a few more
import itertools
from itertools import (count, islice, chain, product, repeat, accumulate, permutations,
                       combinations, zip_longest, cycle, starmap, takewhile, dropwhile,
                       groupby, pairwise, combinations_with_replacement, compress, filterfalse)
import operator

c = count(5)
print(next(c), next(c), next(c), c)
print(list(islice(count(), 5)), list(islice(count(10, 5), 3)), list(islice(count(0.5, 0.25), 3)))
print(repr(count()), repr(count(3, 2)), repr(count(1.5)))
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)))
print(list(islice('ABCDEFG', 0, None, 2)), list(islice(range(100), 10, 20, 3)))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
try:
    islice('abc', -1)
except ValueError as e:
    print("ValueError:", e)
print(list(chain('AB', [1, 2], (3,))), list(chain()), list(chain.from_iterable(['ab', 'cd'])))
print(list(product('AB', [0, 1])))
print(list(product([0, 1], repeat=3)))
print(len(list(product(range(3), 'xy', repeat=2))), list(product()))
print(list(repeat('x', 3)), repr(repeat(7)), repr(repeat(7, 2)))
print(list(map(pow, range(5), repeat(2))))
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([1, 2, 3, 4], operator.mul)))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2], initial=100)))
print(list(accumulate([])))
print(list(permutations('ABC', 2)))
print(list(permutations(range(3))), len(list(permutations(range(5)))))
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)), list(combinations('AB', 3)))
print(list(combinations_with_replacement('ABC', 2)))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest([1, 2], [3])))
print(list(islice(cycle('AB'), 5)), list(starmap(pow, [(2, 5), (3, 2)])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([(k, len(list(g))) for k, g in groupby(sorted([3, 1, 2, 1, 3, 3]))])
print(list(pairwise('ABCD')), list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))))
total = 0
for i in count(1):
    if i > 100:
        break
    total += i
print(total)
a, b = itertools.tee(count(1))
print(next(a), next(a), next(a), next(b), list(islice(b, 3)), next(a))
x, y, z = itertools.tee('abc', 3)
print(list(x), list(y), ''.join(z), itertools.tee([1], 0))
