# An inventory where items are removed by name.
class Inventory:
    def __init__(self):
        self.items = {"apple": 3, "pear": 1}
        self.counts = [3, 1]

    def remove(self, name):
        del self.items[name]
        self.counts[0] -= 1


shop = Inventory()
shop.remove("apple")
print(sorted(shop.items))
shop.remove("plum")
