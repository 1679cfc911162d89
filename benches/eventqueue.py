"""A discrete-event simulation of a print shop: jobs arrive at random, wait in a per-printer
FIFO (`collections.deque`), are printed, and sometimes come back for a second pass; the event
list is a `heapq` of (time, sequence, kind, payload) tuples. Stresses heappush/heappop with
tuple comparison, deque append/popleft, small tuples, and dispatch on event kinds."""
import heapq
import sys
from collections import deque

from lcg import Rng

ARRIVE, DONE, JAM_CLEARED = 0, 1, 2
PRINTERS = 5


class Printer:
    def __init__(self, ident, speed):
        self.ident = ident
        self.speed = speed
        self.waiting = deque()
        self.busy = False
        self.jammed = False
        self.printed = 0
        self.pages = 0


def simulate(jobs):
    rng = Rng(7)
    printers = [Printer(i, 1 + i % 3) for i in range(PRINTERS)]
    events = []
    seq = 0
    for j in range(jobs):
        seq += 1
        heapq.heappush(events, (rng.below(jobs * 9), seq, ARRIVE, (j, 1 + rng.below(40), 0)))
    wait_total = 0
    longest_queue = 0
    second_passes = 0
    jams = 0
    arrived = {}
    now = 0

    def start(printer, now):
        nonlocal seq
        job = printer.waiting.popleft()
        printer.busy = True
        seq += 1
        heapq.heappush(events, (now + job[1] * 3 // printer.speed + 1, seq, DONE, (printer.ident, job)))
        return now - arrived[job[0], job[2]]

    while events:
        now, _, kind, payload = heapq.heappop(events)
        if kind == ARRIVE:
            arrived[payload[0], payload[2]] = now
            # The shortest queue, the lowest number on a tie.
            printer = min(printers, key=lambda p: (len(p.waiting) + p.busy, p.ident))
            printer.waiting.append(payload)
            longest_queue = max(longest_queue, len(printer.waiting))
            if not printer.busy and not printer.jammed:
                wait_total += start(printer, now)
        elif kind == DONE:
            ident, job = payload
            printer = printers[ident]
            printer.busy = False
            printer.printed += 1
            printer.pages += job[1]
            if job[2] == 0 and rng.below(8) == 0:
                second_passes += 1
                seq += 1
                heapq.heappush(events, (now + rng.below(50), seq, ARRIVE, (job[0], job[1] // 2 + 1, 1)))
            if rng.below(200) == 0:
                printer.jammed = True
                jams += 1
                seq += 1
                heapq.heappush(events, (now + 100 + rng.below(100), seq, JAM_CLEARED, ident))
            elif printer.waiting:
                wait_total += start(printer, now)
        else:
            printer = printers[payload]
            printer.jammed = False
            if printer.waiting and not printer.busy:
                wait_total += start(printer, now)
    return now, wait_total, longest_queue, second_passes, jams, printers


def main(jobs):
    end, wait_total, longest, second, jams, printers = simulate(jobs)
    print(f"jobs {jobs} end {end} total wait {wait_total} longest queue {longest}")
    print(f"second passes {second} jams {jams}")
    for p in printers:
        print(f"printer {p.ident}: {p.printed} jobs, {p.pages} pages")


main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
