//! The hand-off protocol, model-checked: every interleaving of take, drop request, forced
//! switch, blocking calls and thread exit among 2 and 3 threads (`RUSTFLAGS="--cfg loom"
//! cargo test --lib loom_`). Timed waits time out after letting the others run (see
//! `sync.rs`), so waiters raise drop requests and holders honour them at their "switch
//! points"; with timers off, only notifications wake a waiter, so a thread stranded after a
//! release shows as a deadlock.
//!
//! The threads drive the GIL through [`TimedGil`](crate::threads::scheduler::TimedGil), the
//! scheduler the interpreter calls, exactly as `Vm` does: `sched_acquire` at thread start
//! (`acquire`), the eval loop's breaker check (`switch_point` when `GIL_DROP_REQUEST` is
//! set, as `handle_breaker` in `eval.rs`), `allow_threads` around a blocking call
//! (`release(Blocking)`, the wait, `acquire`) and `sched_exit` when the thread ends while
//! holding the GIL (`release(Exit)`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::threads::gil::*;
use crate::threads::scheduler::{Scheduler, TimedGil};
use crate::threads::{At, Blocking, DropReason};
use loom::sync::atomic::AtomicUsize;

/// What each thread does between its start and its exit.
#[derive(Clone, Copy)]
struct Plan {
    /// Switch points passed while running bytecode.
    steps: usize,
    /// Then one blocking call (the GIL dropped around it), then one more switch point.
    blocking: bool,
}

struct World {
    sched: TimedGil,
    breaker: Arc<crate::threads::EvalBreaker>,
    /// Threads running bytecode right now: never more than one.
    inside: AtomicUsize,
}

/// Running bytecode up to a switch point: nobody else holds the GIL meanwhile; at the
/// switch point, the eval loop's check.
fn bytecode(w: &World, me: ThreadId) {
    assert_eq!(w.sched.holder(), Some(me), "running without the GIL");
    assert_eq!(
        w.inside.fetch_add(1, Ordering::SeqCst),
        0,
        "two holders at once"
    );
    w.inside.fetch_sub(1, Ordering::SeqCst);
    if w.breaker.load(Ordering::Relaxed) & breaker::GIL_DROP_REQUEST != 0 {
        w.sched.switch_point(me, &At::default());
    }
}

/// A thread's life, from `sched_acquire` to `sched_exit` (which it reaches holding the GIL).
fn life(w: &World, me: ThreadId, plan: Plan) {
    let at = At::default();
    w.sched.acquire(me, &at);
    for _ in 0..plan.steps {
        bytecode(w, me);
    }
    if plan.blocking {
        w.sched
            .release(me, DropReason::Blocking(Blocking::Sleep), &at);
        // The blocking call runs here, without the GIL.
        w.sched.acquire(me, &at);
        bytecode(w, me);
    }
    w.sched.release(me, DropReason::Exit, &at);
}

/// Checks every interleaving of `threads` threads following `plan`; returns how many
/// were explored.
fn model(threads: u64, plan: Plan, preemptions: Option<usize>, timers: bool) -> usize {
    // Bounded as CHESS bounds it (bugs of this kind need few preemptions); timed waits
    // spin through yields, so allow more branches than the default.
    let mut b = loom::model::Builder::new();
    b.preemption_bound = preemptions;
    b.max_branches = 100_000;
    crate::threads::sync::timers(timers);
    let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = runs.clone();
    b.check(move || {
        counted.fetch_add(1, Ordering::Relaxed);
        let breaker = Arc::new(crate::threads::EvalBreaker::new());
        let w = Arc::new(World {
            sched: TimedGil::new(breaker.clone(), Arc::new(AtomicU64::new(1000)), None),
            breaker,
            inside: AtomicUsize::new(0),
        });
        let handles: Vec<_> = (2..=threads)
            .map(|t| {
                let w = w.clone();
                loom::thread::spawn(move || life(&w, ThreadId(t), plan))
            })
            .collect();
        life(&w, ThreadId::MAIN, plan);
        // Every thread completes (loom fails a run in which some thread never wakes).
        for h in handles {
            h.join().expect("thread");
        }
        // Everyone has exited: the GIL is free and no request is left behind.
        assert_eq!(
            w.sched.holder(),
            None,
            "the GIL is held after every thread exited"
        );
        let requested = w.breaker.load(Ordering::Relaxed) & breaker::GIL_DROP_REQUEST;
        assert_eq!(requested, 0, "a drop request outlived its requester");
        let takes = threads * (1 + plan.blocking as u64);
        assert!(w.sched.switches() >= takes, "a take went uncounted");
    });
    crate::threads::sync::timers(true);
    let runs = runs.load(Ordering::Relaxed);
    let timers = if timers { "timers fire" } else { "no timers" };
    let blocking = if plan.blocking {
        ", a blocking call"
    } else {
        ""
    };
    eprintln!(
        "loom: {threads} threads, {} switch points{blocking}, {timers}, preemption bound \
         {preemptions:?}: {runs} interleavings explored",
        plan.steps
    );
    assert!(runs > 1, "the model checker explored a single interleaving");
    runs
}

const RUN: Plan = Plan {
    steps: 2,
    blocking: false,
};
const BLOCK: Plan = Plan {
    steps: 1,
    blocking: true,
};

#[test]
fn loom_two_threads_hand_off() {
    model(2, RUN, None, true);
}

#[test]
fn loom_three_threads_hand_off() {
    model(3, Plan { steps: 1, ..RUN }, Some(1), true);
}

/// Each thread drops the GIL around a blocking call and takes it back, then exits holding
/// it, while the other asks for it (drop requests, forced switches).
#[test]
fn loom_blocking_call_and_exit() {
    model(2, BLOCK, None, true);
    model(3, BLOCK, Some(1), true);
}

/// No timer ever fires, so a waiter gets the GIL only if a release (a blocking call, an
/// exit) notifies it: none is stranded.
#[test]
fn loom_waiters_are_woken_by_releases() {
    model(2, BLOCK, None, false);
    model(3, BLOCK, Some(3), false);
}
