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
        while s.stopper.is_some_and(|s| s != t) {
            self.restarted.wait(&mut s);
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

    /// Parks the calling (attached) thread until no thread stops the world.
    fn suspend(&self, s: &mut crate::threads::sync::MutexGuard<'_, State>) {
        s.attached = s.attached.saturating_sub(1);
        if s.attached == 0 {
            self.stopped.notify_all();
        }
        while s.stopper.is_some() {
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
    }

    /// Restarts the world stopped by the calling thread.
    pub fn start(&self, t: ThreadId) {
        let mut s = self.state.lock();
        if s.stopper != Some(t) {
            return;
        }
        s.stopper = None;
        s.attached += 1;
        self.breaker.fetch_and(!STOP_WORLD, Ordering::AcqRel);
        self.restarted.notify_all();
    }

    /// Whether a stop is requested or in force (for tests and the model).
    pub fn is_stopped(&self) -> bool {
        self.state.lock().stopper.is_some()
    }
}
