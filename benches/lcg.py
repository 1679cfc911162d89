"""The pseudo-random numbers of the benchmarks that want some (eventqueue, wordcount): a
linear congruential generator with glibc's constants, written out so that every interpreter
draws the same sequence. Not a benchmark: compare.py skips it."""


class Rng:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 8) % n
