//! The global interpreter lock, as CPython 3 implements it (`Python/ceval_gil.c`, the "new GIL").
//!
//! # Notes about the implementation
//!
//! - The GIL is a flag (`locked`) protected by a mutex, with a condition variable (`cond`) that
//!   waiters sleep on. A thread that wants the GIL waits on `cond` **with a timeout of one
//!   switch interval**. If the wait times out while the GIL is still held by the same holder
//!   (no hand-off happened in between: `switch_number` unchanged), the waiter sets
//!   `gil_drop_request`, which also raises a bit in the interpreter's *eval breaker*.
//! - The holder never looks at a clock. Its eval loop polls the eval breaker (one relaxed
//!   load) at switch points — backward jumps and frame entry — and, seeing the request, drops
//!   the GIL and queues to take it again.
//! - **Forced switching.** A thread that drops the GIL because it was asked to then waits on
//!   `switch_cond` until another thread has actually taken it. Without this, the dropping
//!   thread, already running on a CPU, would usually win the race to re-take the GIL and the
//!   waiter would starve.
//! - Blocking calls (`time.sleep`, waiting for a lock, `join`, writes) drop the GIL before they
//!   block and take it after; that drop is voluntary and does not force a switch.
//! - Lock order: nothing else is ever locked while `state` is held, and `state` is never held
//!   across running Python code, so the GIL cannot deadlock with object locks.
//!
//! One mutex guards both condition variables; CPython uses two, which only matters for
//! contention on the mutex itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::threads::sync::{AtomicBool, Condvar, Mutex};
use crate::threads::{EventSink, ThreadId, breaker};

#[derive(Debug)]
struct State {
    locked: bool,
    holder: Option<ThreadId>,
    /// Number of times the GIL has been taken.
    switch_number: u64,
}

pub struct Gil {
    state: Mutex<State>,
    /// Signalled when the GIL is released.
    cond: Condvar,
    /// Signalled when the GIL is taken (forced switching).
    switch_cond: Condvar,
    drop_request: AtomicBool,
    /// The interpreter's eval breaker: `GIL_DROP_REQUEST` is raised here.
    eval_breaker: Arc<crate::threads::EvalBreaker>,
    /// Shared with `sys.setswitchinterval`.
    interval_us: Arc<AtomicU64>,
    /// Told about each drop request a waiter makes, when recording.
    recorder: Option<Arc<dyn EventSink>>,
}

impl Gil {
    pub fn new(eval_breaker: Arc<crate::threads::EvalBreaker>, interval_us: Arc<AtomicU64>) -> Gil {
        Gil {
            state: Mutex::new(State {
                locked: false,
                holder: None,
                switch_number: 0,
            }),
            cond: Condvar::new(),
            switch_cond: Condvar::new(),
            drop_request: AtomicBool::new(false),
            eval_breaker,
            interval_us,
            recorder: None,
        }
    }

    /// Reports drop requests to `recorder`.
    pub fn with_recorder(mut self, recorder: Option<Arc<dyn EventSink>>) -> Gil {
        self.recorder = recorder;
        self
    }

    fn interval(&self) -> Duration {
        Duration::from_micros(self.interval_us.load(Ordering::Relaxed).max(1))
    }

    /// `take_gil`: blocks until this thread holds the GIL. Returns how many drop requests this
    /// call made while waiting.
    pub fn take(&self, me: ThreadId) -> u32 {
        let mut requests = 0;
        let mut st = self.state.lock();
        while st.locked {
            let seen = st.switch_number;
            let timed_out = self.cond.wait_for(&mut st, self.interval()).timed_out();
            if timed_out
                && st.locked
                && st.switch_number == seen
                && !self.drop_request.load(Ordering::Relaxed)
            {
                self.set_drop_request();
                requests += 1;
                if let Some(r) = &self.recorder {
                    // Recording may write to stderr: never with the GIL's mutex held.
                    let holder = st.holder;
                    drop(st);
                    r.request(me, holder);
                    st = self.state.lock();
                }
            }
        }
        st.locked = true;
        st.holder = Some(me);
        st.switch_number += 1;
        self.switch_cond.notify_all();
        if self.drop_request.load(Ordering::Relaxed) {
            self.reset_drop_request();
        }
        requests
    }

    /// `drop_gil`: releases the GIL. With `forced`, waits until another thread took it (if
    /// one was asking).
    pub fn release(&self, me: ThreadId, forced: bool) {
        let mut st = self.state.lock();
        debug_assert_eq!(
            st.holder,
            Some(me),
            "dropping a GIL this thread does not hold"
        );
        st.locked = false;
        self.cond.notify_one();
        if forced && self.drop_request.load(Ordering::Relaxed) {
            // Wait for the requester to take it; give up if nobody does within an interval
            // (the requester may have been interrupted), so a drop can never hang.
            let seen = st.switch_number;
            while st.switch_number == seen {
                if self
                    .switch_cond
                    .wait_for(&mut st, self.interval() * 4)
                    .timed_out()
                {
                    break;
                }
            }
        }
    }

    /// Called by the holder at a switch point when the eval breaker shows a drop request:
    /// drop (forced), then queue for the GIL again. Returns true if the GIL changed hands.
    pub fn yield_to_waiter(&self, me: ThreadId) -> bool {
        let before = self.state.lock().switch_number;
        self.release(me, true);
        self.take(me);
        self.state.lock().switch_number > before + 1
    }

    pub fn holder(&self) -> Option<ThreadId> {
        let st = self.state.lock();
        if st.locked { st.holder } else { None }
    }

    pub fn switch_number(&self) -> u64 {
        self.state.lock().switch_number
    }

    pub fn drop_requested(&self) -> bool {
        self.drop_request.load(Ordering::Relaxed)
    }

    fn set_drop_request(&self) {
        self.drop_request.store(true, Ordering::Relaxed);
        self.eval_breaker
            .fetch_or(breaker::GIL_DROP_REQUEST, Ordering::Relaxed);
    }

    fn reset_drop_request(&self) {
        self.drop_request.store(false, Ordering::Relaxed);
        self.eval_breaker
            .fetch_and(!breaker::GIL_DROP_REQUEST, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::time::Instant;

    fn gil(interval_us: u64) -> Arc<Gil> {
        Arc::new(Gil::new(
            Arc::new(crate::threads::EvalBreaker::new()),
            Arc::new(AtomicU64::new(interval_us)),
        ))
    }

    #[test]
    fn uncontended_take_and_drop() {
        let g = gil(5000);
        assert_eq!(g.take(ThreadId(1)), 0);
        assert_eq!(g.holder(), Some(ThreadId(1)));
        g.release(ThreadId(1), false);
        assert_eq!(g.holder(), None);
        assert_eq!(g.switch_number(), 1);
    }

    /// A waiter raises the drop request after about one interval; the holder, polling the
    /// breaker like the eval loop does, hands the GIL over and the waiter gets it (forced
    /// switching: the holder does not win it back first). The interval is long (50 ms) because
    /// a forced drop gives up after four of them: on a loaded machine a waiter woken by the
    /// drop may not get a CPU within four milliseconds (this test failed so, at load 10).
    #[test]
    fn waiter_requests_and_holder_hands_over() {
        let g = gil(50_000);
        g.take(ThreadId(1));
        let g2 = g.clone();
        let got = Arc::new(AtomicUsize::new(0));
        let got2 = got.clone();
        let waiter = std::thread::spawn(move || {
            let requests = g2.take(ThreadId(2));
            got2.store(1, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(2));
            g2.release(ThreadId(2), false);
            requests
        });
        // The holder "executes bytecode", polling the breaker.
        let start = Instant::now();
        while g.eval_breaker.load(Ordering::Relaxed) & breaker::GIL_DROP_REQUEST == 0 {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no drop request arrived"
            );
            std::hint::spin_loop();
        }
        let changed = g.yield_to_waiter(ThreadId(1));
        assert!(changed, "forced switching must let the waiter run first");
        assert_eq!(got.load(Ordering::SeqCst), 1);
        assert_eq!(g.holder(), Some(ThreadId(1)));
        let requests = waiter.join().expect("waiter thread");
        assert!(requests >= 1);
        assert!(!g.drop_requested());
        g.release(ThreadId(1), false);
    }

    /// Many threads taking turns: every take is matched, nobody is lost, the count is exact.
    #[test]
    fn mutual_exclusion_under_contention() {
        let g = gil(100);
        let inside = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let t = ThreadId(t);
                let (g, inside, total) = (g.clone(), inside.clone(), total.clone());
                std::thread::spawn(move || {
                    for _ in 0..200 {
                        g.take(t);
                        assert_eq!(
                            inside.fetch_add(1, Ordering::SeqCst),
                            0,
                            "two holders at once"
                        );
                        total.fetch_add(1, Ordering::SeqCst);
                        inside.fetch_sub(1, Ordering::SeqCst);
                        g.release(t, false);
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("thread");
        }
        assert_eq!(total.load(Ordering::SeqCst), 800);
        assert_eq!(g.switch_number(), 800);
    }
}
