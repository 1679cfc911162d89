//! Threads: who may run bytecode, and when. This room knows nothing of Python values; the
//! runtime core asks it at switch points and around blocking calls, and tools
//! hear about every hand-off through [`EventSink`].
//!
//! | file | owns |
//! |---|---|
//! | `events.rs` | the vocabulary: [`ThreadId`], [`DropReason`], [`Blocking`], [`At`], [`Site`], [`EventSink`] |
//! | `breaker.rs` | the eval breaker: the one word a running thread polls |
//! | `sync.rs` | the lock types the GIL uses (parking_lot, or loom's under `--cfg gilvm_loom`) |
//! | `gil.rs` | CPython's GIL: timed wait, drop request, forced switching (alone and small) |
//! | `scheduler.rs` | the [`Scheduler`](scheduler::Scheduler) interface: the timed GIL, free-threaded |
//! | `deterministic.rs` | the deterministic scheduler (`--switch-every`, seeds, replay, the stepper, explore), schedules |
//! | `schedule.rs` | schedules as text: names, the mode prefix, parsing, [`ScheduleMode::reconcile`](schedule::ScheduleMode::reconcile) |
//! | `guide.rs` | explore's choice tree: which thread runs at each decision of a run |
//! | `dpor.rs` | explore's partial-order reduction: steps' accesses, races, source sets, sleep sets |
//! | `waits.rs` | deadlock detection when the OS schedules threads |
//! | `world.rs` | stopping the world, free-threaded: every other thread parked or detached while one collects |
//! | `loom_model.rs` | the GIL's hand-off and the stop-the-world model-checked with loom (`--cfg gilvm_loom`), driven as the VM drives them |
//! | `signals.rs` | Ctrl-C: delivered to the main thread through the eval breaker |
//! | `affinity.rs` | which CPU a thread runs on: `explore`'s jobs, each kept on one CPU with its run's threads |

pub mod affinity;
pub mod breaker;
pub mod deterministic;
pub mod dpor;
pub mod events;
pub mod gil;
pub mod guide;
#[cfg(all(test, gilvm_loom))]
mod loom_model;
pub mod pct;
pub mod schedule;
pub mod scheduler;
pub mod signals;
pub mod sync;
pub mod waits;
pub mod world;

pub use breaker::EvalBreaker;
pub use events::{At, Blocking, DropReason, EventSink, Handoff, Site, ThreadId};

/// SplitMix64, the seeded schedules' random numbers (`race --seeded`, `explore --strategy
/// pct`): tiny, portable, and the same sequence on every machine.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
