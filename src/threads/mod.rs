//! Threads: who may run bytecode, and when. This room knows nothing of Python values; the
//! runtime core asks it at switch points and around blocking calls, and tools
//! hear about every hand-off through [`EventSink`].
//!
//! | file | owns |
//! |---|---|
//! | `events.rs` | the vocabulary: [`ThreadId`], [`DropReason`], [`Blocking`], [`At`], [`Site`], [`EventSink`] |
//! | `breaker.rs` | the eval breaker: the one word a running thread polls |
//! | `sync.rs` | the lock types the GIL uses (parking_lot, or loom's under `--cfg loom`) |
//! | `gil.rs` | CPython's GIL: timed wait, drop request, forced switching (alone and small) |
//! | `scheduler.rs` | the [`Scheduler`](scheduler::Scheduler) interface: the timed GIL, free-threaded |
//! | `deterministic.rs` | the deterministic scheduler (`--switch-every`, seeds, replay, the stepper, explore), schedules |
//! | `guide.rs` | explore's choice tree: which thread runs at each decision of a run |
//! | `dpor.rs` | explore's partial-order reduction: steps' accesses, races, source sets, sleep sets |
//! | `waits.rs` | deadlock detection when the OS schedules threads |
//! | `loom_model.rs` | the GIL's hand-off model-checked with loom (`--cfg loom`), driven as the VM drives it |
//! | `signals.rs` | Ctrl-C: delivered to the main thread through the eval breaker |

pub mod breaker;
pub mod deterministic;
pub mod dpor;
pub mod events;
pub mod gil;
pub mod guide;
#[cfg(all(test, loom))]
mod loom_model;
pub mod pct;
pub mod scheduler;
pub mod signals;
pub mod sync;
pub mod waits;

pub use breaker::EvalBreaker;
pub use events::{At, Blocking, DropReason, EventSink, Handoff, Site, ThreadId};
