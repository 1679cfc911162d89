//! Stopping the world, free-threaded: CPython 3.13's `_PyEval_StopTheWorld` /
//! `_PyEval_StartTheWorld` (`Python/pystate.c`). The cycle collector reads reference counts
//! and container contents, which must not change under it; with the GIL only the holder runs
//! Python code, free-threaded every thread does, so the collecting thread stops them all.
//!
//! A thread is in one of CPython's three states:
//! - **ATTACHED**: it may run bytecode (counted in `attached`), from `attach` (thread start,
//!   the end of a blocking call) to `detach` (a blocking call, thread exit);
//! - **DETACHED**: it is in a native wait (lock, join, sleep, queue, I/O) or not started or
//!   ended: it touches no Python object, so it counts as stopped already, but it may not
//!   attach again while the world is stopped — `attach` waits for the restart;
//! - **SUSPENDED**: it was attached and parked at a safe point (`park`, called at a switch
//!   point when the eval breaker's [`STOP_WORLD`] bit is set) until the restart.
//!
//! `stop` makes the caller the one thread that runs: it raises `STOP_WORLD` (only when
//! another thread is attached: a single thread pays one uncontended lock) and waits until
//! every other thread is detached or parked; `start` lets them all go. Two threads asking at
//! once serialize: the second parks (it counts as stopped) until the first restarts the
//! world, then stops it itself. The stopping thread holds no lock while it waits (the state's
//! mutex is released by the wait), and a thread reaches its safe point without taking any
//! lock the stopper holds, so a stop ends as soon as every attached thread reaches a switch
//! point or a blocking call. (A thread inside one long native call delays it, as in CPython.)
//! A restart lets every parked thread go even if another stop follows at once: the next
//! stopper waits for it to reach its next switch point, so stopping again and again (a loop
//! of `gc.collect()`) cannot starve the others.
//!
//! The state is one mutex-guarded pair of counts: attaching and detaching happen around
//! blocking calls and at thread start and exit, never on the hot path, which only polls the
//! eval breaker (`src/README.md`, decision 4). The protocol is model-checked with loom
//! (`loom_model.rs`).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::threads::ThreadId;
use crate::threads::breaker::{EvalBreaker, STOP_WORLD};
use crate::threads::sync::{Condvar, Mutex};

struct State {
    /// Threads that may run bytecode now (ATTACHED), the stopper excepted while it stops.
    attached: usize,
    /// The thread that stopped the world (or is stopping it).
    stopper: Option<ThreadId>,
    /// The stopper's wait is over: every other thread is parked or detached.
    complete: bool,
    /// How many times the world was restarted.
    restarts: u64,
}

impl State {
    /// Whether a thread that began to wait at restart `since` must go on waiting. After a
    /// restart it may go while the next stop is still waiting for the others (it then runs
    /// to its next switch point and parks again), so a thread that stops the world again
    /// and again cannot starve the others.
    fn must_wait(&self, since: u64) -> bool {
        self.stopper.is_some() && (self.complete || self.restarts == since)
    }
}

/// One interpreter's stop-the-world state.
pub struct World {
    state: Mutex<State>,
    /// The stopper waits here for the attached threads to park or detach.
    stopped: Condvar,
    /// Parked and attaching threads wait here for the restart.
    restarted: Condvar,
    breaker: Arc<EvalBreaker>,
}

impl World {
    pub fn new(breaker: Arc<EvalBreaker>) -> World {
        World {
            state: Mutex::new(State {
                attached: 0,
                stopper: None,
                complete: false,
                restarts: 0,
            }),
            stopped: Condvar::new(),
            restarted: Condvar::new(),
            breaker,
        }
    }

    /// DETACHED → ATTACHED: the calling thread wants to run bytecode; it waits while another
    /// thread has the world stopped.
    pub fn attach(&self, t: ThreadId) {
        let mut s = self.state.lock();
        if s.stopper != Some(t) {
            let since = s.restarts;
            while s.must_wait(since) {
                self.restarted.wait(&mut s);
            }
        }
        s.attached += 1;
    }

    /// ATTACHED → DETACHED: the calling thread stops running bytecode (a blocking call, or
    /// for good); a stopper waiting for it may go on.
    pub fn detach(&self, _t: ThreadId) {
        let mut s = self.state.lock();
        s.attached = s.attached.saturating_sub(1);
        if s.stopper.is_some() && s.attached == 0 {
            self.stopped.notify_all();
        }
    }

    /// At a safe point: if another thread stops the world, ATTACHED → SUSPENDED until it
    /// restarts it.
    pub fn park(&self, t: ThreadId) {
        let mut s = self.state.lock();
        if s.stopper.is_none_or(|s| s == t) {
            return;
        }
        self.suspend(&mut s);
    }

    /// Parks the calling (attached) thread until the world restarts.
    fn suspend(&self, s: &mut crate::threads::sync::MutexGuard<'_, State>) {
        s.attached = s.attached.saturating_sub(1);
        if s.attached == 0 {
            self.stopped.notify_all();
        }
        let since = s.restarts;
        while s.must_wait(since) {
            self.restarted.wait(s);
        }
        s.attached += 1;
    }

    /// Stops the world: returns once the calling (attached) thread is the only one that may
    /// run bytecode; every other is parked at a safe point or detached. [`World::start`]
    /// undoes it.
    pub fn stop(&self, t: ThreadId) {
        let mut s = self.state.lock();
        // Another thread is stopping the world: be stopped, then stop it in turn.
        while s.stopper.is_some_and(|s| s != t) {
            self.suspend(&mut s);
        }
        s.stopper = Some(t);
        s.attached = s.attached.saturating_sub(1);
        if s.attached > 0 {
            self.breaker.fetch_or(STOP_WORLD, Ordering::AcqRel);
            while s.attached > 0 {
                self.stopped.wait(&mut s);
            }
        }
        s.complete = true;
    }

    /// Restarts the world stopped by the calling thread.
    pub fn start(&self, t: ThreadId) {
        let mut s = self.state.lock();
        if s.stopper != Some(t) {
            return;
        }
        s.stopper = None;
        s.complete = false;
        s.restarts += 1;
        s.attached += 1;
        self.breaker.fetch_and(!STOP_WORLD, Ordering::AcqRel);
        self.restarted.notify_all();
    }
}

#[cfg(all(test, not(gilvm_loom)))]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicU64};

    /// Alone, a thread stops the world without raising the breaker bit.
    #[test]
    fn a_single_thread_stops_at_once() {
        let breaker = Arc::new(EvalBreaker::new());
        let w = World::new(breaker.clone());
        w.attach(ThreadId::MAIN);
        w.stop(ThreadId::MAIN);
        assert_eq!(breaker.load(Ordering::Relaxed), 0);
        w.start(ThreadId::MAIN);
        w.detach(ThreadId::MAIN);
    }

    /// A running thread parks at its next poll and does nothing while the world is stopped;
    /// a thread coming back from a blocking call waits for the restart.
    #[test]
    fn stopped_threads_do_not_run() {
        let breaker = Arc::new(EvalBreaker::new());
        let w = Arc::new(World::new(breaker.clone()));
        let steps = Arc::new(AtomicU64::new(0));
        let done = Arc::new(AtomicBool::new(false));
        w.attach(ThreadId::MAIN);
        let spinners: Vec<_> = (2..4)
            .map(|t| {
                let (w, breaker, steps, done) =
                    (w.clone(), breaker.clone(), steps.clone(), done.clone());
                std::thread::spawn(move || {
                    let me = ThreadId(t);
                    w.attach(me);
                    let mut i = 0u64;
                    while !done.load(Ordering::Relaxed) {
                        steps.fetch_add(1, Ordering::Relaxed);
                        if breaker.load(Ordering::Relaxed) & STOP_WORLD != 0 {
                            w.park(me);
                        }
                        i += 1;
                        if i.is_multiple_of(64) {
                            // A blocking call.
                            w.detach(me);
                            std::thread::yield_now();
                            w.attach(me);
                        }
                    }
                    w.detach(me);
                })
            })
            .collect();
        for _ in 0..200 {
            w.stop(ThreadId::MAIN);
            let before = steps.load(Ordering::Relaxed);
            for _ in 0..20 {
                std::thread::yield_now();
            }
            assert_eq!(steps.load(Ordering::Relaxed), before, "a thread ran");
            w.start(ThreadId::MAIN);
            std::thread::yield_now();
        }
        done.store(true, Ordering::Relaxed);
        w.detach(ThreadId::MAIN);
        for s in spinners {
            s.join().expect("spinner");
        }
        assert_eq!(breaker.load(Ordering::Relaxed) & STOP_WORLD, 0);
    }
}
