def collect(items, *items):
    return items
