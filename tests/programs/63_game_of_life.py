def step(cells, w, h):
    new = set()
    for y in range(h):
        for x in range(w):
            n = 0
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    if (dx or dy) and ((x + dx) % w, (y + dy) % h) in cells:
                        n += 1
            if n == 3 or (n == 2 and (x, y) in cells):
                new.add((x, y))
    return new

def show(cells, w, h):
    for y in range(h):
        print("".join("#" if (x, y) in cells else "." for x in range(w)))
    print()

W, H = 8, 6
glider = {(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)}
cells = glider
for gen in range(4):
    print("gen", gen, "alive", len(cells))
    show(cells, W, H)
    cells = step(cells, W, H)
for _ in range(20):
    cells = step(cells, W, H)
print("after 24 generations:", sorted(cells))
blinker = {(1, 0), (1, 1), (1, 2)}
print(sorted(step(blinker, 5, 5)), step(step(blinker, 5, 5), 5, 5) == blinker)
