def read_lines():
    data = """# comment
10,apple,0.5
20,banana,0.25

30,cherry,2.0
# another
40,date,1.5"""
    for line in data.splitlines():
        yield line

def non_blank(lines):
    for line in lines:
        if line.strip() and not line.startswith("#"):
            yield line

def parse(lines):
    for line in lines:
        qty, name, price = line.split(",")
        yield {"qty": int(qty), "name": name, "price": float(price)}

def with_total(records):
    for r in records:
        r["total"] = r["qty"] * r["price"]
        yield r

pipeline = with_total(parse(non_blank(read_lines())))
grand = 0
for rec in pipeline:
    grand += rec["total"]
    print(f"{rec['name']:<8}{rec['qty']:>4} x {rec['price']:>5.2f} = {rec['total']:>7.2f}")
print(f"grand total {grand:.2f}")

def naturals():
    n = 1
    while True:
        yield n
        n += 1

def take_while(pred, it):
    for x in it:
        if not pred(x):
            return
        yield x

squares = (n * n for n in naturals())
odd_squares = (s for s in squares if s % 2)
print(list(take_while(lambda s: s < 200, odd_squares)))

def batched(it, size):
    batch = []
    for x in it:
        batch.append(x)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch

print(list(batched(range(10), 3)))

def running_sum(it):
    total = 0
    for x in it:
        total += x
        yield total

print(list(running_sum(range(1, 11))))
gen = (x * 2 for x in range(5))
print(sum(gen), sum(gen))
def tree(depth):
    if depth == 0:
        yield "leaf"
        return
    yield f"node{depth}"
    yield from tree(depth - 1)
    yield from tree(depth - 1)
print(list(tree(2)))
