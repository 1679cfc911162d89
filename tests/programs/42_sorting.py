def bubble(xs):
    xs = xs[:]
    n = len(xs)
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
                swapped = True
        if not swapped:
            break
    return xs

def insertion(xs):
    xs = list(xs)
    for i in range(1, len(xs)):
        key = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > key:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = key
    return xs

def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    left, right = merge_sort(xs[:mid]), merge_sort(xs[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i]); i += 1
        else:
            out.append(right[j]); j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out

def quicksort(xs):
    if len(xs) <= 1:
        return xs
    pivot, *rest = xs
    return quicksort([x for x in rest if x < pivot]) + [pivot] + quicksort([x for x in rest if x >= pivot])

def selection(xs):
    xs = xs[:]
    for i in range(len(xs)):
        m = min(range(i, len(xs)), key=lambda k: xs[k])
        xs[i], xs[m] = xs[m], xs[i]
    return xs

data = [38, 27, 43, 3, 9, 82, 10, 3, -5, 0]
for f in [bubble, insertion, merge_sort, quicksort, selection]:
    print(f(data))
print(data)
seq = [(i * 7919) % 1000 for i in range(300)]
results = [f(seq) for f in [bubble, insertion, merge_sort, quicksort, selection]]
print(all(r == sorted(seq) for r in results), results[0][:8], results[0][-3:])
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 20)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted(people, key=lambda p: p[0], reverse=True))
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=lambda w: (w.lower(), w)))
xs = [5, 2, 9]
xs.sort(key=lambda v: v % 3)
print(xs)
print(sorted([3.5, -1, 2, 0.0, True]))
