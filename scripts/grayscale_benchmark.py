"""Grayscale conversion of a generated RGB image, three ways, like the GIL-mitigation talk's
benchmark:

1. pure Python, one thread;
2. pure Python split over threads — no faster under the GIL (the threads take turns), faster
   with `-X gil=0`;
3. the native kernel nogil.grayscale, which releases the GIL and splits the pixels over OS
   threads itself (OpenMP's `prange`, Cython's `with nogil:`).

Every way computes 0.299*R + 0.587*G + 0.114*B per pixel, so all results are identical.

    gilvm scripts/grayscale_benchmark.py [--width W] [--height H] [--threads N]
    gilvm -X gil=0 scripts/grayscale_benchmark.py
"""

import argparse
import sys
import threading
import time

import nogil


def make_image(width, height):
    """A 4K-like test card: smooth gradients, no file needed. One (R, G, B) tuple per pixel."""
    pixels = []
    for y in range(height):
        g = y * 255 // max(height - 1, 1)
        for x in range(width):
            r = x * 255 // max(width - 1, 1)
            pixels.append((r, g, (x + y) % 256))
    return pixels


def gray_python(pixels):
    return [0.299 * r + 0.587 * g + 0.114 * b for r, g, b in pixels]


def gray_threads(pixels, threads):
    """Each thread converts a contiguous slice and writes its own part of `out`."""
    out = [0.0] * len(pixels)
    size = (len(pixels) + threads - 1) // threads

    def work(lo, hi):
        for i in range(lo, hi):
            r, g, b = pixels[i]
            out[i] = 0.299 * r + 0.587 * g + 0.114 * b

    workers = [
        threading.Thread(target=work, args=(k * size, min((k + 1) * size, len(pixels))))
        for k in range(threads)
    ]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return out


def timed(f, *args):
    start = time.perf_counter()
    result = f(*args)
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description="Grayscale: Python, threads, native kernel")
    parser.add_argument("--width", type=int, default=3840, help="image width (default 4K)")
    parser.add_argument("--height", type=int, default=2160, help="image height")
    parser.add_argument("--threads", type=int, default=4, help="threads for ways 2 and 3")
    args = parser.parse_args()

    gil = "enabled" if getattr(sys, "_is_gil_enabled", lambda: True)() else "disabled"
    print(f"image {args.width}x{args.height} ({args.width * args.height:,} pixels), "
          f"{args.threads} threads, GIL {gil}")
    pixels = make_image(args.width, args.height)

    base, t_py = timed(gray_python, pixels)
    print(f"{'pure Python':<28}{t_py:8.3f} s")
    rows = []
    thr, t_thr = timed(gray_threads, pixels, args.threads)
    rows.append((f"Python, {args.threads} threads", t_thr, thr))
    for n in sorted({1, args.threads}):
        nat, t_nat = timed(nogil.grayscale, pixels, n)
        rows.append((f"native, {n} thread{'s' if n > 1 else ''}", t_nat, nat))
    for name, t, result in rows:
        print(f"{name:<28}{t:8.3f} s   speed-up {t_py / max(t, 1e-9):6.1f}x")
    print("all results identical:", all(result == base for _, _, result in rows))


if __name__ == "__main__":
    main()
