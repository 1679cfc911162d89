"""An operating-system kernel simulation in the spirit of Richards: six tasks (an idle task, a
worker, two handlers, two devices) pass packets through a priority scheduler. Every step is a
method call on a small object and most of the work is attribute loads and stores, linked-list
walks and polymorphic dispatch (`task.step(packet)` on four classes)."""
import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
DEVICE_PACKET, WORK_PACKET = 0, 1
DATA_LEN = 4


class Packet:
    def __init__(self, owner, kind):
        self.link = None
        self.owner = owner
        self.kind = kind
        self.count = 0
        self.data = [0] * DATA_LEN

    def enqueue_on(self, head):
        """Appends this packet to the queue starting at `head`; returns the queue's head."""
        self.link = None
        if head is None:
            return self
        last = head
        while last.link is not None:
            last = last.link
        last.link = self
        return head


class Task:
    def __init__(self, kernel, ident, priority):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.queue = None
        self.waiting = False
        self.held = False

    def runnable(self):
        return not self.held and (not self.waiting or self.queue is not None)

    def run(self):
        packet = None
        if self.waiting:
            packet = self.queue
            self.queue = packet.link
            self.waiting = False
        elif self.queue is not None and self.takes_queue:
            packet = self.queue
            self.queue = packet.link
        self.step(packet)


class IdleTask(Task):
    takes_queue = False

    def __init__(self, kernel, ident, priority, rounds):
        super().__init__(kernel, ident, priority)
        self.rounds = rounds
        self.seed = 1

    def step(self, packet):
        self.rounds -= 1
        if self.rounds == 0:
            self.kernel.hold()
            return
        # A 16-bit Galois LFSR decides which device gets the next time slice.
        if self.seed & 1:
            self.seed = (self.seed >> 1) ^ 0xB400
            self.kernel.release(DEVICE_B)
        else:
            self.seed >>= 1
            self.kernel.release(DEVICE_A)


class WorkerTask(Task):
    takes_queue = True

    def __init__(self, kernel, ident, priority):
        super().__init__(kernel, ident, priority)
        self.target = HANDLER_A
        self.letter = 0

    def step(self, packet):
        if packet is None:
            self.kernel.wait()
            return
        self.target = HANDLER_B if self.target == HANDLER_A else HANDLER_A
        packet.count = 0
        for i in range(DATA_LEN):
            self.letter = self.letter % 26 + 1
            packet.data[i] = self.letter
        self.kernel.send(packet, self.target)


class HandlerTask(Task):
    takes_queue = True

    def __init__(self, kernel, ident, priority, device):
        super().__init__(kernel, ident, priority)
        self.device = device
        self.work = None
        self.devices = None

    def step(self, packet):
        if packet is not None:
            if packet.kind == WORK_PACKET:
                self.work = packet.enqueue_on(self.work)
            else:
                self.devices = packet.enqueue_on(self.devices)
        work = self.work
        if work is None:
            self.kernel.wait()
        elif work.count >= DATA_LEN:
            self.work = work.link
            self.kernel.send(work, WORKER)
        elif self.devices is None:
            self.kernel.wait()
        else:
            dev = self.devices
            self.devices = dev.link
            dev.data[0] = work.data[work.count]
            work.count += 1
            self.kernel.send(dev, self.device)


class DeviceTask(Task):
    takes_queue = True

    def __init__(self, kernel, ident, priority):
        super().__init__(kernel, ident, priority)
        self.pending = None

    def step(self, packet):
        if packet is None:
            if self.pending is None:
                self.kernel.wait()
                return
            done = self.pending
            self.pending = None
            self.kernel.send(done, done.owner)
        else:
            self.pending = packet
            self.kernel.output(packet.data[0])
            self.kernel.hold()


class Kernel:
    def __init__(self):
        self.tasks = [None] * 6
        self.current = None
        self.sends = 0
        self.holds = 0
        self.steps = 0
        self.checksum = 0

    def add(self, task):
        self.tasks[task.ident] = task
        return task

    def send(self, packet, dest):
        self.sends += 1
        packet.owner = self.current.ident
        task = self.tasks[dest]
        task.queue = packet.enqueue_on(task.queue)

    def wait(self):
        self.current.waiting = True

    def hold(self):
        self.holds += 1
        self.current.held = True

    def release(self, ident):
        self.tasks[ident].held = False

    def output(self, char):
        self.checksum = (self.checksum * 31 + char) % 1_000_000_007

    def run(self):
        by_priority = sorted(self.tasks, key=lambda t: -t.priority)
        while True:
            for task in by_priority:
                if task.runnable():
                    break
            else:
                return
            self.steps += 1
            self.current = task
            task.run()


def simulate(rounds):
    k = Kernel()
    k.add(IdleTask(k, IDLE, 0, rounds))
    worker = k.add(WorkerTask(k, WORKER, 1000))
    for _ in range(2):
        worker.queue = Packet(WORKER, WORK_PACKET).enqueue_on(worker.queue)
    worker.waiting = True
    for ident, device, priority in ((HANDLER_A, DEVICE_A, 2000), (HANDLER_B, DEVICE_B, 3000)):
        handler = k.add(HandlerTask(k, ident, priority, device))
        for _ in range(3):
            handler.queue = Packet(device, DEVICE_PACKET).enqueue_on(handler.queue)
        handler.waiting = True
        k.add(DeviceTask(k, device, 4000 + ident)).waiting = True
    k.run()
    return k


def main(rounds):
    k = simulate(rounds)
    print("steps", k.steps, "sends", k.sends, "holds", k.holds, "checksum", k.checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
