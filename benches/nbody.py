"""N-body gravity in floats: a small star cluster (made up here, with a fixed pseudo-random
generator), advanced with a symplectic Euler step (softened); the energy before and after is the checksum.
Stresses float arithmetic on locals, list indexing and tuple unpacking in a tight loop: the
bodies are lists of floats, as numeric Python code often keeps them."""
import sys

DT = 0.001
# Softening: close encounters do not fling bodies out of the cluster.
EPS2 = 0.01
BODIES = 7


def make_cluster(count):
    """`count` bodies as [x, y, z, vx, vy, vz, mass], the total momentum zero."""
    seed = 12345
    bodies = []
    for i in range(count):
        vals = []
        for _ in range(7):
            seed = (seed * 1103515245 + 12345) % 2147483648
            vals.append(seed / 2147483648.0 - 0.5)
        x, y, z, vx, vy, vz, m = vals
        bodies.append([x * 10, y * 10, z * 10, vx, vy, vz, 1.0 + m if i else 40.0])
    px = py = pz = 0.0
    for b in bodies:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
    total = sum(b[6] for b in bodies)
    for b in bodies:
        b[3] -= px / total
        b[4] -= py / total
        b[5] -= pz / total
    return bodies


def pairs_of(bodies):
    return [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]


def energy(bodies):
    e = 0.0
    for b in bodies:
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
    for a, b in pairs_of(bodies):
        dx = a[0] - b[0]
        dy = a[1] - b[1]
        dz = a[2] - b[2]
        e -= a[6] * b[6] / (dx * dx + dy * dy + dz * dz + EPS2) ** 0.5
    return e


def advance(bodies, pairs, steps):
    for _ in range(steps):
        for a, b in pairs:
            dx = a[0] - b[0]
            dy = a[1] - b[1]
            dz = a[2] - b[2]
            d2 = dx * dx + dy * dy + dz * dz + EPS2
            mag = DT / (d2 * d2 ** 0.5)
            bm = b[6] * mag
            a[3] -= dx * bm
            a[4] -= dy * bm
            a[5] -= dz * bm
            am = a[6] * mag
            b[3] += dx * am
            b[4] += dy * am
            b[5] += dz * am
        for b in bodies:
            b[0] += DT * b[3]
            b[1] += DT * b[4]
            b[2] += DT * b[5]


def main(steps):
    bodies = make_cluster(BODIES)
    print(f"energy before {energy(bodies):.9f}")
    advance(bodies, pairs_of(bodies), steps)
    print(f"energy after  {energy(bodies):.9f}")
    print("position", " ".join(f"{c:.6f}" for c in bodies[1][:3]))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
