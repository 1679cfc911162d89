"""Bisection algorithms, CPython's Lib/bisect.py (3.11) without its C accelerator.

CPython writes the search out four times (left and right, with and without a key); here one
body, `_bisect`, serves all four, making the same comparisons."""

def insort_right(a, x, lo=0, hi=None, *, key=None):
    """Insert item x in list a, and keep it sorted assuming a is sorted.

    If x is already in a, insert it to the right of the rightmost x.

    Optional args lo (default 0) and hi (default len(a)) bound the
    slice of a to be searched.
    """
    a.insert(_bisect(a, x if key is None else key(x), lo, hi, key, True), x)


def bisect_right(a, x, lo=0, hi=None, *, key=None):
    """Return the index where to insert item x in list a, assuming a is sorted.

    The return value i is such that all e in a[:i] have e <= x, and all e in
    a[i:] have e > x.  So if x already appears in the list, a.insert(i, x) will
    insert just after the rightmost x already there.

    Optional args lo (default 0) and hi (default len(a)) bound the
    slice of a to be searched.
    """
    return _bisect(a, x, lo, hi, key, True)


def insort_left(a, x, lo=0, hi=None, *, key=None):
    """Insert item x in list a, and keep it sorted assuming a is sorted.

    If x is already in a, insert it to the left of the leftmost x.

    Optional args lo (default 0) and hi (default len(a)) bound the
    slice of a to be searched.
    """
    a.insert(_bisect(a, x if key is None else key(x), lo, hi, key, False), x)

def bisect_left(a, x, lo=0, hi=None, *, key=None):
    """Return the index where to insert item x in list a, assuming a is sorted.

    The return value i is such that all e in a[:i] have e < x, and all e in
    a[i:] have e >= x.  So if x already appears in the list, a.insert(i, x) will
    insert just before the leftmost x already there.

    Optional args lo (default 0) and hi (default len(a)) bound the
    slice of a to be searched.
    """
    return _bisect(a, x, lo, hi, key, False)


def _bisect(a, x, lo, hi, key, right):
    """bisect_right's search (x < item: go left) or, not `right`, bisect_left's (item < x: go
    right), over a[lo:hi] or, with `key`, over its items' keys."""
    if lo < 0:
        raise ValueError('lo must be non-negative')
    if hi is None:
        hi = len(a)
    # Note, the comparison uses "<" to match the
    # __lt__() logic in list.sort() and in heapq.
    while lo < hi:
        mid = (lo + hi) // 2
        item = a[mid] if key is None else key(a[mid])
        if (x < item) if right else not (item < x):
            hi = mid
        else:
            lo = mid + 1
    return lo


# Create aliases
bisect = bisect_right
insort = insort_right
