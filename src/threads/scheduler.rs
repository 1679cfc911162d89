//! Who runs bytecode, and when that changes hands: one [`Scheduler`] interface that the eval
//! loop calls at switch points and blocking calls call around their waits
//! (`src/README.md`, decision 5). Each policy answers the same question — *at this switch
//! point, who runs next?* — so every hand-off goes through one place, where it can be recorded.
//!
//! - [`TimedGil`]: CPython's GIL (`gil.rs`): a waiter asks after one switch interval, the holder
//!   drops at its next switch point, forced switching hands it over.
//! - [`FreeThreaded`]: no lock at all (PEP 703, `-X gil=0`): threads run in parallel and every
//!   object guards itself; the cycle collector stops the world (`world.rs`).
//! - `Deterministic` (`deterministic.rs`): one thread at a time, handed over at instruction counts
//!   chosen by a policy (`--switch-every`, `--schedule-seed`, `--replay-schedule`), so a run
//!   repeats exactly.
//!
//! Each policy reports every hand-off to the interpreter's [`EventSink`](crate::threads::EventSink), when there is one.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crate::threads::gil::Gil;
use crate::threads::world::World;
use crate::threads::{At, EventSink};
use crate::threads::{DropReason, ThreadId};

/// A scheduling policy. `Any` lets a caller that needs the deterministic scheduler's extra
/// interface find it (`deterministic.rs` adds `deterministic()` to `dyn Scheduler`).
pub trait Scheduler: std::any::Any + Send + Sync {
    /// `sys._is_gil_enabled()`.
    fn gil_enabled(&self) -> bool;
    /// The calling thread wants to run bytecode (thread start, end of a blocking call).
    fn acquire(&self, t: ThreadId, at: &At);
    /// The calling thread stops running bytecode for a while (blocking call) or for good.
    fn release(&self, t: ThreadId, why: DropReason, at: &At);
    /// The running thread reached a switch point and found a switch bit set in the breaker.
    fn switch_point(&self, t: ThreadId, at: &At);
    /// The thread holding the GIL, if there is one.
    fn holder(&self) -> Option<ThreadId>;
    /// How many times the GIL has been taken.
    fn switches(&self) -> u64;
    /// A thread was created (called by its parent, before the new OS thread runs).
    fn spawned(&self, _t: ThreadId) {}
    /// The run was aborted (`explore`): threads must unwind and end.
    fn aborted(&self) -> bool {
        false
    }
    /// Stops the world: returns once the calling thread, which runs bytecode, is the only
    /// one that does (`world.rs`). The GIL and the deterministic schedules run one thread
    /// at a time already: nothing to do.
    fn stop_the_world(&self, _t: ThreadId) {}
    /// Restarts the world the calling thread stopped.
    fn start_the_world(&self, _t: ThreadId) {}
}

/// CPython's GIL.
pub struct TimedGil {
    gil: Gil,
    recorder: Option<Arc<dyn EventSink>>,
}

impl TimedGil {
    pub fn new(
        eval_breaker: Arc<crate::threads::EvalBreaker>,
        interval_us: Arc<AtomicU64>,
        recorder: Option<Arc<dyn EventSink>>,
    ) -> TimedGil {
        TimedGil {
            gil: Gil::new(eval_breaker, interval_us).with_recorder(recorder.clone()),
            recorder,
        }
    }

    fn take(&self, t: ThreadId, at: &At) {
        if let Some(r) = &self.recorder {
            r.want(t, at);
        }
        self.gil.take(t);
        if let Some(r) = &self.recorder {
            r.take(t, at);
        }
    }
}

impl Scheduler for TimedGil {
    fn gil_enabled(&self) -> bool {
        true
    }
    fn acquire(&self, t: ThreadId, at: &At) {
        self.take(t, at);
    }
    fn release(&self, t: ThreadId, why: DropReason, at: &At) {
        if let Some(r) = &self.recorder {
            r.drop_(t, why, at);
        }
        self.gil.release(t, false);
    }
    fn switch_point(&self, t: ThreadId, at: &At) {
        if self.gil.drop_requested() && self.gil.holder() == Some(t) {
            if let Some(r) = &self.recorder {
                r.drop_(t, DropReason::Requested, at);
            }
            // Forced switching: wait until the requester has the GIL, then queue again.
            self.gil.release(t, true);
            self.take(t, at);
        }
    }
    fn holder(&self) -> Option<ThreadId> {
        self.gil.holder()
    }
    fn switches(&self) -> u64 {
        self.gil.switch_number()
    }
}

/// No GIL: threads run bytecode in parallel; they attach and detach only so that the
/// collector can stop the world (`world.rs`).
pub struct FreeThreaded {
    world: World,
    recorder: Option<Arc<dyn EventSink>>,
}

impl FreeThreaded {
    pub fn new(
        eval_breaker: Arc<crate::threads::EvalBreaker>,
        recorder: Option<Arc<dyn EventSink>>,
    ) -> FreeThreaded {
        FreeThreaded {
            world: World::new(eval_breaker),
            recorder,
        }
    }
}

impl Scheduler for FreeThreaded {
    fn gil_enabled(&self) -> bool {
        false
    }
    fn acquire(&self, t: ThreadId, at: &At) {
        if let Some(r) = &self.recorder {
            r.want(t, at);
        }
        self.world.attach(t);
        if let Some(r) = &self.recorder {
            r.take(t, at);
        }
    }
    fn release(&self, t: ThreadId, why: DropReason, at: &At) {
        if let Some(r) = &self.recorder {
            r.drop_(t, why, at);
        }
        self.world.detach(t);
    }
    /// Called when the breaker's `STOP_WORLD` bit is set: park until the restart.
    fn switch_point(&self, t: ThreadId, _at: &At) {
        self.world.park(t);
    }
    fn holder(&self) -> Option<ThreadId> {
        None
    }
    fn switches(&self) -> u64 {
        0
    }
    fn stop_the_world(&self, t: ThreadId) {
        self.world.stop(t);
    }
    fn start_the_world(&self, t: ThreadId) {
        self.world.start(t);
    }
}
