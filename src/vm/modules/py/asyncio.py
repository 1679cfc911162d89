"""asyncio for gilvm: cooperative tasks on one thread's event loop (a subset of CPython's API:
run, sleep, gather, create_task, Lock, Event, Queue, to_thread, wait_for).

A task runs until it awaits something not ready; the loop then runs the next ready task. Sleeps
of concurrent tasks overlap (the loop sleeps once, until the earliest timer); CPU-bound
coroutines do not overlap. Each time the loop hands the thread to a task it is recorded as a
task switch (`--trace-gil`, `--trace-out`, `--timeline`), next to the GIL's hand-offs.
"""
import _time
import threading as _threading
import _gilvm_trace

__all__ = [
    "run", "sleep", "gather", "create_task", "ensure_future", "wait_for", "to_thread",
    "get_running_loop", "get_event_loop", "current_task", "iscoroutine", "Future", "Task",
    "Lock", "Event", "Queue", "QueueEmpty", "QueueFull", "CancelledError", "TimeoutError",
    "InvalidStateError",
]


class CancelledError(BaseException):
    pass


TimeoutError = TimeoutError


class InvalidStateError(Exception):
    pass


class QueueEmpty(Exception):
    pass


class QueueFull(Exception):
    pass


_running_loop = None


def get_running_loop():
    if _running_loop is None:
        raise RuntimeError("no running event loop")
    return _running_loop


def get_event_loop():
    return get_running_loop()


def current_task():
    return get_running_loop()._current


def iscoroutine(obj):
    return type(obj).__name__ == "coroutine"


class Future:
    def __init__(self, *, loop=None):
        self._loop = loop if loop is not None else get_running_loop()
        self._done = False
        self._result = None
        self._exception = None
        self._callbacks = []

    def done(self):
        return self._done

    def cancelled(self):
        return self._done and isinstance(self._exception, CancelledError)

    def result(self):
        if not self._done:
            raise InvalidStateError("Result is not set.")
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if not self._done:
            raise InvalidStateError("Exception is not set.")
        return self._exception

    def set_result(self, result):
        if self._done:
            raise InvalidStateError("invalid state")
        self._result = result
        self._finish()

    def set_exception(self, exception):
        if self._done:
            raise InvalidStateError("invalid state")
        if isinstance(exception, type):
            exception = exception()
        self._exception = exception
        self._finish()

    def cancel(self, msg=None):
        if self._done:
            return False
        self.set_exception(CancelledError() if msg is None else CancelledError(msg))
        return True

    def _finish(self):
        self._done = True
        callbacks = self._callbacks
        self._callbacks = []
        for fn in callbacks:
            self._loop.call_soon(fn, self)

    def add_done_callback(self, fn):
        if self._done:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def __await__(self):
        if not self._done:
            yield self
        return self.result()

    __iter__ = __await__


class Task(Future):
    _count = 0

    def __init__(self, coro, *, loop=None, name=None):
        if not iscoroutine(coro):
            raise TypeError(f"a coroutine was expected, got {coro!r}")
        super().__init__(loop=loop)
        Task._count += 1
        self._coro = coro
        self._name = name if name is not None else f"Task-{Task._count}"
        self._loop.call_soon(self._step)

    def get_name(self):
        return self._name

    def set_name(self, name):
        self._name = str(name)

    def get_coro(self):
        return self._coro

    def __repr__(self):
        state = "finished" if self._done else "pending"
        return f"<Task {state} name='{self._name}' coro={self._coro!r}>"

    def _step(self, _fut=None):
        if self._done:
            return
        loop = self._loop
        loop._current = self
        _gilvm_trace.task_switch(self._name)
        try:
            awaited = self._coro.send(None)
        except StopIteration as stop:
            loop._current = None
            self.set_result(stop.value)
            return
        except BaseException as e:
            loop._current = None
            self.set_exception(e)
            if not isinstance(e, Exception):
                raise
            return
        loop._current = None
        if awaited is None:
            # A bare `yield` (sleep(0)): let the others run first.
            loop.call_soon(self._step)
        else:
            awaited.add_done_callback(self._step)


class _Loop:
    def __init__(self):
        self._ready = []
        self._timers = []
        self._seq = 0
        self._current = None
        self._cond = _threading.Condition()
        self._from_threads = []
        self._threads = 0

    def time(self):
        return _time.monotonic()

    def call_soon(self, fn, *args):
        self._ready.append((fn, args))

    def call_later(self, delay, fn, *args):
        return self.call_at(self.time() + delay, fn, *args)

    def call_at(self, when, fn, *args):
        self._seq += 1
        entry = (when, self._seq, fn, args)
        i = len(self._timers)
        while i > 0 and self._timers[i - 1][0] > when:
            i -= 1
        self._timers.insert(i, entry)

    def call_soon_threadsafe(self, fn, *args):
        with self._cond:
            self._from_threads.append((fn, args))
            self._cond.notify()

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None):
        return Task(coro, loop=self, name=name)

    def run_until_complete(self, future):
        while not future.done():
            self._run_once()
        return future.result()

    def _run_once(self):
        with self._cond:
            if self._from_threads:
                self._ready.extend(self._from_threads)
                self._from_threads = []
        now = self.time()
        while self._timers and self._timers[0][0] <= now:
            when, seq, fn, args = self._timers.pop(0)
            self._ready.append((fn, args))
        if not self._ready:
            timeout = None
            if self._timers:
                timeout = max(0.0, self._timers[0][0] - now)
            if self._threads:
                # Work handed to threads (to_thread) reports back through the condition.
                with self._cond:
                    if not self._from_threads:
                        self._cond.wait(timeout)
            elif timeout is not None:
                _gilvm_trace.task_switch(None)
                _time.sleep(timeout)
            else:
                raise RuntimeError("Event loop stopped before Future completed.")
            return
        ready = self._ready
        self._ready = []
        for fn, args in ready:
            fn(*args)


def run(main, *, debug=None):
    global _running_loop
    if _running_loop is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    if not iscoroutine(main):
        raise ValueError(f"a coroutine was expected, got {main!r}")
    loop = _Loop()
    _running_loop = loop
    try:
        task = loop.create_task(main)
        return loop.run_until_complete(task)
    finally:
        _running_loop = None
        _gilvm_trace.task_switch(None)


def create_task(coro, *, name=None):
    return get_running_loop().create_task(coro, name=name)


async def _await_it(awaitable):
    return await awaitable


def ensure_future(obj, *, loop=None):
    if isinstance(obj, Future):
        return obj
    loop = loop if loop is not None else get_running_loop()
    if iscoroutine(obj):
        return loop.create_task(obj)
    if hasattr(obj, "__await__"):
        return loop.create_task(_await_it(obj))
    raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


class _Yield:
    def __await__(self):
        yield


def _resolve(fut, result):
    if not fut.done():
        fut.set_result(result)


async def sleep(delay, result=None):
    if delay <= 0:
        await _Yield()
        return result
    loop = get_running_loop()
    fut = loop.create_future()
    loop.call_later(delay, _resolve, fut, result)
    return await fut


def gather(*aws, return_exceptions=False):
    loop = get_running_loop()
    children = [ensure_future(a, loop=loop) for a in aws]
    outer = loop.create_future()
    if not children:
        outer.set_result([])
        return outer
    results = [None] * len(children)
    left = [len(children)]

    def on_done(i):
        def callback(fut):
            if outer.done():
                return
            if fut._exception is not None and not return_exceptions:
                outer.set_exception(fut._exception)
                return
            results[i] = fut._exception if fut._exception is not None else fut._result
            left[0] -= 1
            if left[0] == 0:
                outer.set_result(results)
        return callback

    for i, child in enumerate(children):
        child.add_done_callback(on_done(i))
    return outer


async def wait_for(aw, timeout):
    loop = get_running_loop()
    fut = ensure_future(aw, loop=loop)
    if timeout is None:
        return await fut
    waiter = loop.create_future()

    def on_timeout():
        if not waiter.done():
            waiter.set_exception(TimeoutError())

    def on_done(f):
        if not waiter.done():
            waiter.set_result(None)

    loop.call_later(timeout, on_timeout)
    fut.add_done_callback(on_done)
    await waiter
    return fut.result()


async def to_thread(func, *args, **kwargs):
    loop = get_running_loop()
    fut = loop.create_future()

    def finished(result, error):
        loop._threads -= 1
        if error is not None:
            fut.set_exception(error)
        else:
            fut.set_result(result)

    def work():
        try:
            result = func(*args, **kwargs)
        except BaseException as e:
            loop.call_soon_threadsafe(finished, None, e)
        else:
            loop.call_soon_threadsafe(finished, result, None)

    loop._threads += 1
    _threading.Thread(target=work, daemon=True).start()
    return await fut


class Lock:
    def __init__(self):
        self._locked = False
        self._waiters = []

    def __repr__(self):
        state = "locked" if self._locked else "unlocked"
        return f"<asyncio.locks.Lock object [{state}]>"

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and not self._waiters:
            self._locked = True
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        # release() hands the lock over: it stays locked for this waiter.
        await fut
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("Lock is not acquired.")
        while self._waiters:
            fut = self._waiters.pop(0)
            if not fut.done():
                fut.set_result(True)
                return
        self._locked = False

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Event:
    def __init__(self):
        self._value = False
        self._waiters = []

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            waiters = self._waiters
            self._waiters = []
            for fut in waiters:
                _resolve(fut, True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        await fut
        return True


class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._items = []
        self._getters = []
        self._putters = []
        self._unfinished = 0
        self._finished = Event()
        self._finished.set()

    @property
    def maxsize(self):
        return self._maxsize

    def qsize(self):
        return len(self._items)

    def empty(self):
        return not self._items

    def full(self):
        return self._maxsize > 0 and len(self._items) >= self._maxsize

    def _wake_one(self, waiters):
        while waiters:
            fut = waiters.pop(0)
            if not fut.done():
                fut.set_result(None)
                return

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._items.append(item)
        self._unfinished += 1
        self._finished.clear()
        self._wake_one(self._getters)

    async def put(self, item):
        while self.full():
            fut = get_running_loop().create_future()
            self._putters.append(fut)
            await fut
        self.put_nowait(item)

    def get_nowait(self):
        if not self._items:
            raise QueueEmpty
        item = self._items.pop(0)
        self._wake_one(self._putters)
        return item

    async def get(self):
        while not self._items:
            fut = get_running_loop().create_future()
            self._getters.append(fut)
            await fut
        return self.get_nowait()

    def task_done(self):
        if self._unfinished <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished -= 1
        if self._unfinished == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished > 0:
            await self._finished.wait()
