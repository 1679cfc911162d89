"""Pancake flips over every permutation of 0..n-1: for each permutation (generated in place,
in the order of a counting "odometer"), reverse the prefix headed by the first element until a
0 comes first; the checksum alternates signs of the flip counts. Stresses list slicing and
slice assignment, indexing and integer loops, with no objects of its own."""
import sys


def fannkuch(n):
    perm = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    permutations = 0
    while True:
        first = perm[0]
        if first:
            p = perm[:]
            flips = 0
            while first:
                p[: first + 1] = p[first::-1]
                flips += 1
                first = p[0]
            if flips > max_flips:
                max_flips = flips
            checksum += sign * flips
        permutations += 1
        sign = -sign
        # Next permutation: rotate the prefix of length i + 1 left by one, for the lowest i
        # whose counter has not wrapped.
        i = 1
        while True:
            if i == n:
                return permutations, checksum, max_flips
            perm[: i + 1] = perm[1 : i + 1] + perm[:1]
            count[i] += 1
            if count[i] <= i:
                break
            count[i] = 0
            i += 1


def main(n):
    permutations, checksum, max_flips = fannkuch(n)
    print(f"n {n} permutations {permutations} checksum {checksum} max flips {max_flips}")


main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
