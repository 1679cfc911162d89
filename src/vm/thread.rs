//! Who runs bytecode, and when that changes hands: one [`Scheduler`] interface that the eval
//! loop calls at switch points and blocking calls call around their waits
//! (`../shared/ARCHITECTURE.md` §5). Each policy answers the same question — *at this switch
//! point, who runs next?* — so every hand-off goes through one place, where it can be recorded.
//!
//! - [`TimedGil`]: CPython's GIL (`gil.rs`): a waiter asks after one switch interval, the holder
//!   drops at its next switch point, forced switching hands it over.
//! - [`FreeThreaded`]: no lock at all (PEP 703, `-X gil=0`): threads run in parallel and every
//!   object guards itself.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crate::vm::gil::{DropReason, Gil, ThreadId};

pub trait Scheduler: Send + Sync {
    /// `sys._is_gil_enabled()`.
    fn gil_enabled(&self) -> bool;
    /// The calling thread wants to run bytecode (thread start, end of a blocking call).
    fn acquire(&self, t: ThreadId);
    /// The calling thread stops running bytecode for a while (blocking call) or for good.
    fn release(&self, t: ThreadId, why: DropReason);
    /// The running thread reached a switch point and found the drop-request bit set.
    fn switch_point(&self, t: ThreadId);
    /// The thread holding the GIL, if there is one.
    fn holder(&self) -> Option<ThreadId>;
    /// How many times the GIL has been taken.
    fn switches(&self) -> u64;
}

/// CPython's GIL.
pub struct TimedGil {
    gil: Gil,
}

impl TimedGil {
    pub fn new(eval_breaker: Arc<crate::vm::EvalBreaker>, interval_us: Arc<AtomicU64>) -> TimedGil {
        TimedGil {
            gil: Gil::new(eval_breaker, interval_us),
        }
    }
}

impl Scheduler for TimedGil {
    fn gil_enabled(&self) -> bool {
        true
    }
    fn acquire(&self, t: ThreadId) {
        self.gil.take(t);
    }
    fn release(&self, t: ThreadId, _why: DropReason) {
        self.gil.release(t, false);
    }
    fn switch_point(&self, t: ThreadId) {
        if self.gil.drop_requested() && self.gil.holder() == Some(t) {
            self.gil.yield_to_waiter(t);
        }
    }
    fn holder(&self) -> Option<ThreadId> {
        self.gil.holder()
    }
    fn switches(&self) -> u64 {
        self.gil.switch_number()
    }
}

/// No GIL: threads run bytecode in parallel.
pub struct FreeThreaded;

impl Scheduler for FreeThreaded {
    fn gil_enabled(&self) -> bool {
        false
    }
    fn acquire(&self, _t: ThreadId) {}
    fn release(&self, _t: ThreadId, _why: DropReason) {}
    fn switch_point(&self, _t: ThreadId) {}
    fn holder(&self) -> Option<ThreadId> {
        None
    }
    fn switches(&self) -> u64 {
        0
    }
}
