def update(xs, i, v):
    xs[0] = v
    xs[i] += v
    return xs[i] * 2


update([1, 2, 3], 1, 4)
update([1, 2, 3], 7, 4)
