"""Stochastic gradient descent on a synthetic linear regression, twice: in pure Python and in
the native kernel nogil.sgd (the same loop in Rust, run with the GIL released).

Both start from zero weights and visit the samples in the same order with the same operations,
so they reach the same weights; the native one gets there many times faster.

    gilvm scripts/sgd.py [--samples N] [--features D] [--epochs E] [--lr RATE]
"""

import argparse
import random
import time

import nogil


def make_data(samples, features, seed=42):
    """y = w·x + b + noise, with known w and b, so we can see how close the fit gets."""
    rng = random.Random(seed)
    true_w = [round(rng.uniform(-3, 3), 2) for _ in range(features)]
    true_b = 1.5
    xs = []
    ys = []
    for _ in range(samples):
        x = [rng.uniform(-1, 1) for _ in range(features)]
        y = true_b
        for wj, xj in zip(true_w, x):
            y += wj * xj
        xs.append(x)
        ys.append(y + rng.gauss(0, 0.01))
    return xs, ys, true_w, true_b


def sgd_python(xs, ys, lr, epochs):
    """One update per sample: the gradient of (w·x + b - y)**2 / 2."""
    d = len(xs[0])
    w = [0.0] * d
    b = 0.0
    for _ in range(epochs):
        for x, y in zip(xs, ys):
            pred = b
            for j in range(d):
                pred += w[j] * x[j]
            err = pred - y
            for j in range(d):
                w[j] -= lr * err * x[j]
            b -= lr * err
    return w, b


def show(ws):
    return "[" + ", ".join(f"{v:.3f}" for v in ws) + "]"


def main():
    parser = argparse.ArgumentParser(description="SGD: pure Python vs a native kernel")
    parser.add_argument("--samples", type=int, default=20_000, help="training samples")
    parser.add_argument("--features", type=int, default=4, help="features per sample")
    parser.add_argument("--epochs", type=int, default=5, help="passes over the data")
    parser.add_argument("--lr", type=float, default=0.05, help="learning rate")
    args = parser.parse_args()

    xs, ys, true_w, true_b = make_data(args.samples, args.features)
    print(f"{args.samples:,} samples, {args.features} features, {args.epochs} epochs, lr={args.lr}")
    print(f"true     w = {show(true_w)}  b = {true_b:.3f}")

    start = time.perf_counter()
    w_py, b_py = sgd_python(xs, ys, args.lr, args.epochs)
    t_py = time.perf_counter() - start
    print(f"python   w = {show(w_py)}  b = {b_py:.3f}  ({t_py:.3f} s)")

    start = time.perf_counter()
    w_nat, b_nat = nogil.sgd(xs, ys, args.lr, args.epochs)
    t_nat = time.perf_counter() - start
    print(f"native   w = {show(w_nat)}  b = {b_nat:.3f}  ({t_nat:.3f} s)")

    same = show(w_py) == show(w_nat) and f"{b_py:.3f}" == f"{b_nat:.3f}"
    print(f"same weights to 3 decimals: {same}")
    print(f"native speed-up: {t_py / max(t_nat, 1e-9):.1f}x")


if __name__ == "__main__":
    main()
