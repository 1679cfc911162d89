//! Blocking calls: waiting without the GIL, through the scheduler under a deterministic schedule,
//! registered with the deadlock detector otherwise.

use super::*;

/// Time since the interpreter started: real, or virtual under a deterministic schedule (so
/// `IntervalLock.poll` agrees with `time.monotonic` and is replayable).
pub(super) fn now(vm: &Vm) -> Duration {
    match vm.interp.sched.deterministic() {
        Some(d) => Duration::from_nanos(d.clock_ns(vm.tid, vm.obs.steps)),
        None => vm.interp.start.elapsed(),
    }
}

/// A blocking object's state with what its waiters need: the mutex, the condition variable
/// they sleep on, and a count of the state's changes for deadlock detection.
///
/// The rule that makes the detection sound: every change to a field an `attempt` of
/// [`wait_on`] reads bumps `changes` before the mutex is released — through [`Blocker::change`],
/// or in `wait_on` itself (a successful attempt, `enter`, `leave`) — and a failed attempt
/// changes nothing.
pub(super) struct Blocker<S> {
    pub(super) st: Mutex<S>,
    pub(super) cond: Condvar,
    pub(super) changes: Arc<AtomicU64>,
}

impl<S: Default> Default for Blocker<S> {
    fn default() -> Self {
        Blocker::new(S::default())
    }
}

impl<S> Blocker<S> {
    pub(super) fn new(s: S) -> Self {
        Blocker {
            st: Mutex::new(s),
            cond: Condvar::new(),
            changes: Arc::default(),
        }
    }

    /// The state, to read (or to change a field no attempt reads).
    pub(super) fn lock(&self) -> MutexGuard<'_, S> {
        self.st.lock()
    }

    /// The state, to change: the change is counted when the guard drops (still under the
    /// mutex). Call [`released`] after it, once the guard is gone.
    pub(super) fn change(&self) -> Changing<'_, S> {
        Changing(self.st.lock(), &self.changes)
    }

    /// Counts a change made through a guard from [`Blocker::lock`] (the caller still holds it).
    pub(super) fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
    }
}

/// A guard that counts a change of the state when it drops.
pub(super) struct Changing<'a, S>(MutexGuard<'a, S>, &'a AtomicU64);

impl<S> Drop for Changing<'_, S> {
    fn drop(&mut self) {
        // Runs before the field `0` drops: the count moves while the mutex is still held.
        self.1.fetch_add(1, Ordering::SeqCst);
    }
}

impl<S> std::ops::Deref for Changing<'_, S> {
    type Target = S;
    fn deref(&self) -> &S {
        &self.0
    }
}

impl<S> std::ops::DerefMut for Changing<'_, S> {
    fn deref_mut(&mut self) -> &mut S {
        &mut self.0
    }
}

/// How a wait appears in a deadlock report: what it waits for ("waits for an IntervalLock")
/// and, when the object knows one, the thread holding it.
pub(super) struct Described<S> {
    pub(super) text: &'static str,
    pub(super) holder: fn(&S) -> Option<ThreadId>,
}

/// One thread's wait without a timeout on a [`Blocker`], as the deadlock registry sees it:
/// blocked while the state has not changed since the thread's last failed attempt.
pub(super) struct FtWait {
    pub(super) changes: Arc<AtomicU64>,
    /// `changes` when the last attempt failed (read under the mutex, with the attempt).
    pub(super) seen: AtomicU64,
    /// The holder the state named then, plus one (0: none).
    pub(super) holder: AtomicU64,
    pub(super) text: &'static str,
}

impl Waitable for FtWait {
    fn is_locked(&self) -> bool {
        self.changes.load(Ordering::SeqCst) == self.seen.load(Ordering::SeqCst)
    }
    fn holder(&self) -> Option<ThreadId> {
        self.holder
            .load(Ordering::SeqCst)
            .checked_sub(1)
            .map(ThreadId)
    }
    fn describe(&self) -> Option<&'static str> {
        Some(self.text)
    }
}

/// Waits until `attempt` (run under `b`'s mutex) gives an answer, or `timeout` passes
/// (`None`: forever). `enter` and `leave` run under the mutex around the wait (a waiter
/// count). Returns `None` on timeout. A failed attempt must change nothing.
///
/// Uncontended, this never drops the GIL. Otherwise the wait is a blocking call: without
/// the right to run bytecode on the condition variable, or, under a deterministic schedule,
/// through [`Deterministic::block`](crate::threads::deterministic::Deterministic::block), retrying after
/// every wake-up — the releasing side calls [`released`].
///
/// A wait without a timeout is registered for deadlock detection (`waits.rs`) after each
/// attempt that failed after a wake-up, with the count of changes it failed against (an
/// attempt that failed before `enter` ran does not count: `enter` is itself a change, and
/// `IntervalLock`'s changes what its attempt answers). Every change bumps the count, so a
/// waiter whose attempt could now succeed reads as not blocked, and no deadlock is reported
/// while one could go on. A registered waiter re-registers whenever it fails against a newer
/// count, which re-runs the check: the last thread to block in a real deadlock is found.
#[allow(clippy::too_many_arguments)]
pub(super) fn wait_on<S, T>(
    vm: &mut Vm,
    b: &Blocker<S>,
    timeout: Option<Duration>,
    described: Described<S>,
    enter: impl Fn(&mut S),
    leave: impl Fn(&mut S),
    mut attempt: impl FnMut(&mut S) -> Option<T>,
) -> PyResult<Option<T>> {
    {
        let mut s = b.lock();
        if let Some(r) = attempt(&mut s) {
            b.changed();
            return Ok(Some(r));
        }
        if timeout == Some(Duration::ZERO) {
            return Ok(None);
        }
    }
    // `enter`/`leave` and a successful attempt change the state: counted under the mutex.
    let enter = |s: &mut S| {
        enter(s);
        b.changed();
    };
    let leave = |s: &mut S| {
        leave(s);
        b.changed();
    };
    let sched = vm.interp.sched.clone();
    if let Some(d) = sched.deterministic() {
        // Virtual time: the deadline is on the scheduler's clock, not the OS's.
        let deadline = timeout.map(|t| now(vm) + t);
        enter(&mut b.lock());
        loop {
            let left = deadline.map(|d| d.saturating_sub(now(vm)));
            let at = vm.at();
            let woke = match d.block(vm.tid, Blocking::Lock, left, &at) {
                Ok(w) => w,
                Err(e) => {
                    leave(&mut b.lock());
                    return Err(PyErr::from(e));
                }
            };
            vm.refill_quantum();
            let mut s = b.lock();
            if let Some(r) = attempt(&mut s) {
                b.changed();
                leave(&mut s);
                return Ok(Some(r));
            }
            if !woke {
                leave(&mut s);
                return Ok(None);
            }
        }
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    let interp = vm.interp.clone();
    // Looks up every `POLL` for a deadlock, a stopped run (--timeout) and, in the main
    // thread, Ctrl-C.
    let cx = WaitContext {
        tid: vm.tid,
        what: Blocking::Lock,
        waits: &interp.waits,
        live: &interp.live_threads,
        breaker: &interp.eval_breaker,
        main: vm.tid == ThreadId::MAIN,
    };
    let watch = timeout.is_none().then(|| {
        Arc::new(FtWait {
            changes: b.changes.clone(),
            seen: AtomicU64::new(0),
            holder: AtomicU64::new(0),
            text: described.text,
        })
    });
    vm.allow_threads(Blocking::Lock, || {
        let mut s = b.lock();
        if let Some(r) = attempt(&mut s) {
            b.changed();
            return Ok(Some(r));
        }
        enter(&mut s);
        let mut registered = false;
        let r = loop {
            let now = Instant::now();
            let wake = deadline.map_or(now + POLL, |d| d.min(now + POLL));
            let timed_out = b.cond.wait_until(&mut s, wake).timed_out()
                && deadline.is_some_and(|d| Instant::now() >= d);
            if let Some(r) = attempt(&mut s) {
                b.changed();
                break Ok(Some(r));
            }
            if timed_out {
                break Ok(None);
            }
            if let Some(why) = cx.interrupted() {
                break Err(PyErr::from(why));
            }
            if let Some(w) = &watch {
                // Failed against the state as counted now (the mutex is held).
                let count = b.changes.load(Ordering::SeqCst);
                if !registered || w.seen.load(Ordering::SeqCst) != count {
                    w.seen.store(count, Ordering::SeqCst);
                    let holder = (described.holder)(&s).map_or(0, |h| h.get() + 1);
                    w.holder.store(holder, Ordering::SeqCst);
                    let on: Arc<dyn Waitable> = w.clone();
                    cx.waits.register(cx.tid, on, cx.what, cx.live);
                    registered = true;
                }
            }
        };
        if registered {
            cx.waits.deregister(cx.tid);
        }
        leave(&mut s);
        r
    })
}

/// After a change that may let a waiter go on: wake the OS waiters and, under a
/// deterministic schedule, let blocked threads retry.
pub(super) fn released(vm: &Vm, cond: &Condvar) {
    cond.notify_all();
    crate::vm::modules::thread::released(vm);
}

/// A timeout argument: `None` waits forever; negative is treated as zero (no wait).
pub(super) fn timeout_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<Duration>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let t = arg_f64(vm, v)?;
            if t.is_nan() {
                return Err(exc::value_error("Invalid value NaN (not a number)"));
            }
            Ok(Some(Duration::from_secs_f64(t.clamp(0.0, 9.2e9))))
        }
    }
}
