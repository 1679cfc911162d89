class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

def run(n):
    p = Point(3, 4)
    total = 0
    for i in range(n):
        p.x = i
        total += p.norm2()
    return total

print(run(2_000_000))
