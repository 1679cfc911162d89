# heapq and bisect (pure Python, as CPython's Lib/ versions without the C accelerators)
import heapq
import bisect
import random

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), heapq.heappop(h), h)
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data, heapq.heapreplace(data, 5), heapq.heappushpop(data, 0), data)
print(heapq.nlargest(3, [3, 1, 4, 1, 5, 9, 2, 6]), heapq.nsmallest(2, [3, 1, 4, 1, 5]))
print(heapq.nlargest(2, ['bb', 'a', 'cccc'], key=len), heapq.nsmallest(1, []))
print(list(heapq.merge([1, 3, 5], [2, 4, 6], [0])), list(heapq.merge(['dog', 'horse'], ['cat', 'fish'], key=len)))
tasks = []
heapq.heappush(tasks, (2, 'write'))
heapq.heappush(tasks, (1, 'plan'))
heapq.heappush(tasks, (3, 'test'))
print([heapq.heappop(tasks)[1] for _ in range(3)])
random.seed(3)
nums = [random.randint(0, 1000) for _ in range(200)]
heap = list(nums)
heapq.heapify(heap)
print([heapq.heappop(heap) for _ in range(len(heap))] == sorted(nums))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError:", e)

a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 5), bisect.bisect_left(a, 0))
bisect.insort(a, 3)
bisect.insort_left(a, 4)
print(a)
grades = [60, 70, 80, 90]
print([('FDCBA'[bisect.bisect(grades, s)]) for s in [33, 99, 77, 70, 89, 90, 100]])
recs = [(1, 'a'), (3, 'c'), (5, 'e')]
print(bisect.bisect_left(recs, 3, key=lambda r: r[0]), bisect.bisect_right(a, 4, lo=1, hi=4))
try:
    bisect.bisect_left(a, 1, lo=-1)
except ValueError as e:
    print("ValueError:", e)
