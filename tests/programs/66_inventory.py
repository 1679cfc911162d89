class Item:
    def __init__(self, name, price, qty=0):
        self.name = name
        self.price = price
        self.qty = qty

    @property
    def value(self):
        return self.price * self.qty

    def __repr__(self):
        return f"Item({self.name!r}, {self.price}, {self.qty})"

    def __eq__(self, other):
        return isinstance(other, Item) and self.name == other.name

    def __lt__(self, other):
        return self.value < other.value

class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, name, price, qty):
        if name in self.items:
            self.items[name].qty += qty
        else:
            self.items[name] = Item(name, price, qty)

    def remove(self, name, qty):
        item = self.items.get(name)
        if item is None:
            raise KeyError(name)
        if item.qty < qty:
            raise ValueError(f"only {item.qty} {name} left")
        item.qty -= qty
        if item.qty == 0:
            del self.items[name]

    def total(self):
        return sum(i.value for i in self.items.values())

    def report(self):
        print(f"{'name':<10}{'price':>8}{'qty':>5}{'value':>10}")
        for it in sorted(self.items.values(), reverse=True):
            print(f"{it.name:<10}{it.price:>8.2f}{it.qty:>5}{it.value:>10.2f}")
        print(f"{'TOTAL':<23}{self.total():>10.2f}")

inv = Inventory()
inv.add("widget", 2.5, 10)
inv.add("gadget", 12.75, 3)
inv.add("doohickey", 0.99, 100)
inv.add("widget", 2.5, 5)
inv.report()
for name, q in [("widget", 15), ("gadget", 5), ("sprocket", 1)]:
    try:
        inv.remove(name, q)
        print("removed", q, name)
    except ValueError as e:
        print("ValueError:", e)
    except KeyError as e:
        print("KeyError:", e)
inv.report()
print(list(inv.items.values()))
print(Item("a", 1) == Item("a", 2), Item("a", 1) == "a", Item("a", 1) != Item("b", 1))
print(max(inv.items.values()), min(inv.items.values()))
