//! The locks the GIL is built from, swappable for loom's so that its hand-off protocol can be
//! model-checked (`RUSTFLAGS="--cfg gilvm_loom" cargo test --release --lib loom`; see `gil.rs`).
//!
//! Normally these are parking_lot's `Mutex`/`Condvar` and std's atomics. Under `cfg(gilvm_loom)`
//! they are thin wrappers over loom's, with parking_lot's calling convention. loom has no
//! clock, so a timed wait is modelled as "let the other threads run, then time out": the
//! model checker then explores every order of drop requests, hand-offs and wake-ups, which is
//! what the GIL's correctness depends on (never how long an interval lasts).

#[cfg(not(gilvm_loom))]
pub use parking_lot::{Condvar, Mutex, MutexGuard};
#[cfg(not(gilvm_loom))]
pub use std::sync::atomic::AtomicBool;

#[cfg(gilvm_loom)]
pub use self::model::{AtomicBool, Condvar, Mutex, MutexGuard, timers};

#[cfg(gilvm_loom)]
mod model {
    use std::ops::{Deref, DerefMut};
    use std::time::Duration;

    pub use loom::sync::atomic::AtomicBool;

    pub struct Mutex<T>(loom::sync::Mutex<T>);

    /// Holds loom's guard in an `Option` so that a wait can take it and put it back, as
    /// parking_lot's `wait(&mut guard)` does.
    pub struct MutexGuard<'a, T> {
        mutex: &'a loom::sync::Mutex<T>,
        guard: Option<loom::sync::MutexGuard<'a, T>>,
    }

    impl<T> Mutex<T> {
        pub fn new(v: T) -> Mutex<T> {
            Mutex(loom::sync::Mutex::new(v))
        }
        pub fn lock(&self) -> MutexGuard<'_, T> {
            MutexGuard {
                mutex: &self.0,
                guard: Some(self.0.lock().unwrap_or_else(|e| e.into_inner())),
            }
        }
    }

    impl<T> Deref for MutexGuard<'_, T> {
        type Target = T;
        fn deref(&self) -> &T {
            self.guard.as_deref().expect("guard present outside a wait")
        }
    }

    impl<T> DerefMut for MutexGuard<'_, T> {
        fn deref_mut(&mut self) -> &mut T {
            self.guard
                .as_deref_mut()
                .expect("guard present outside a wait")
        }
    }

    pub struct WaitTimeoutResult(bool);

    impl WaitTimeoutResult {
        pub fn timed_out(&self) -> bool {
            self.0
        }
    }

    std::thread_local! {
        /// Whether timed waits time out (see [`timers`]). loom runs every modelled thread
        /// on the OS thread that called `check`, so this is one model's setting.
        static TIMERS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
    }

    /// Whether a timed wait may time out in the models checked from this thread: `true` (the
    /// default) lets it time out after the others have run; `false` makes it wait for a
    /// notification, as if every timer were slower than any thread — then a thread that only
    /// its timer would have woken never wakes, and loom reports the run as a deadlock.
    pub fn timers(fire: bool) {
        TIMERS.with(|t| t.set(fire));
    }

    pub struct Condvar(loom::sync::Condvar);

    impl Condvar {
        pub fn new() -> Condvar {
            Condvar(loom::sync::Condvar::new())
        }
        pub fn notify_one(&self) {
            self.0.notify_one();
        }
        pub fn notify_all(&self) {
            self.0.notify_all();
        }
        /// An untimed wait for a notification, as parking_lot's `wait(&mut guard)`.
        pub fn wait<T>(&self, guard: &mut MutexGuard<'_, T>) {
            if let Some(g) = guard.guard.take() {
                guard.guard = Some(self.0.wait(g).unwrap_or_else(|e| e.into_inner()));
            }
        }
        /// A timed wait: unlock, let the others run, lock again, and report a timeout (with
        /// timers off, [`timers`]: wait for a notification).
        pub fn wait_for<T>(
            &self,
            guard: &mut MutexGuard<'_, T>,
            _d: Duration,
        ) -> WaitTimeoutResult {
            if !TIMERS.with(|t| t.get()) {
                if let Some(g) = guard.guard.take() {
                    guard.guard = Some(self.0.wait(g).unwrap_or_else(|e| e.into_inner()));
                }
                return WaitTimeoutResult(false);
            }
            drop(guard.guard.take());
            loom::thread::yield_now();
            guard.guard = Some(guard.mutex.lock().unwrap_or_else(|e| e.into_inner()));
            WaitTimeoutResult(true)
        }
    }
}
