items = []
items.appendd(1)
