//! The hand-off protocol, model-checked: every interleaving of take, drop request, forced
//! switch, blocking calls and thread exit among 2 and 3 threads (`RUSTFLAGS="--cfg gilvm_loom"
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

use crate::threads::scheduler::{Scheduler, TimedGil};
use crate::threads::{At, Blocking, DropReason, ThreadId, breaker};
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

// ----- stopping the world (free-threaded) ---------------------------------------------------
//
// The threads drive [`FreeThreaded`] as `Vm` does: `acquire` at start and after a blocking
// call (attach), `release` before one and at exit (detach), `switch_point` when the breaker's
// `STOP_WORLD` bit is set (park), and the collector's `stop_the_world`/`start_the_world`
// around its analysis. Checked: while a thread has the world stopped no other thread runs
// bytecode; two threads stopping at once take turns; nobody is left parked or waiting (loom
// fails a run in which a thread never wakes); the bit does not outlive the stop.

use crate::threads::scheduler::FreeThreaded;

/// What each free-threaded thread does between its start and its exit.
#[derive(Clone, Copy)]
struct FtPlan {
    /// Switch points passed before and after its own collection.
    steps: usize,
    /// Stops the world once (a collection), between its switch points.
    collects: bool,
    /// Then one blocking call (detached around it), then one more switch point.
    blocking: bool,
}

#[derive(Default)]
struct Seen {
    /// Threads between the start and the end of a stretch of bytecode.
    running: usize,
    /// The thread whose collection is under way.
    collector: Option<ThreadId>,
}

struct FtWorld {
    sched: FreeThreaded,
    breaker: Arc<crate::threads::EvalBreaker>,
    seen: loom::sync::Mutex<Seen>,
}

/// Running bytecode up to a switch point, then the eval loop's check.
fn ft_bytecode(w: &FtWorld, me: ThreadId) {
    {
        let mut s = w.seen.lock().unwrap();
        assert!(
            s.collector.is_none_or(|c| c == me),
            "{me} ran bytecode while {:?} had the world stopped",
            s.collector
        );
        s.running += 1;
    }
    w.seen.lock().unwrap().running -= 1;
    if w.breaker.load(Ordering::Relaxed) & breaker::STOP_WORLD != 0 {
        w.sched.switch_point(me, &At::default());
    }
}

/// A collection: the analysis runs in a stopped world.
fn ft_collect(w: &FtWorld, me: ThreadId) {
    w.sched.stop_the_world(me);
    {
        let mut s = w.seen.lock().unwrap();
        assert_eq!(s.running, 0, "bytecode runs in the world {me} stopped");
        assert!(s.collector.is_none(), "two collections at once");
        s.collector = Some(me);
    }
    w.seen.lock().unwrap().collector = None;
    w.sched.start_the_world(me);
}

fn ft_life(w: &FtWorld, me: ThreadId, plan: FtPlan) {
    let at = At::default();
    w.sched.acquire(me, &at);
    for _ in 0..plan.steps {
        ft_bytecode(w, me);
    }
    if plan.collects {
        ft_collect(w, me);
        ft_bytecode(w, me);
    }
    if plan.blocking {
        w.sched
            .release(me, DropReason::Blocking(Blocking::Lock), &at);
        w.sched.acquire(me, &at);
        ft_bytecode(w, me);
    }
    w.sched.release(me, DropReason::Exit, &at);
}

/// Checks every interleaving of threads following `plans` (the first is the main thread).
fn ft_model(plans: &[FtPlan], preemptions: Option<usize>) -> usize {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = preemptions;
    b.max_branches = 100_000;
    let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = runs.clone();
    let plans = plans.to_vec();
    let n = plans.len();
    b.check(move || {
        counted.fetch_add(1, Ordering::Relaxed);
        let breaker = Arc::new(crate::threads::EvalBreaker::new());
        let w = Arc::new(FtWorld {
            sched: FreeThreaded::new(breaker.clone(), None),
            breaker,
            seen: loom::sync::Mutex::new(Seen::default()),
        });
        let handles: Vec<_> = plans[1..]
            .iter()
            .enumerate()
            .map(|(i, &plan)| {
                let w = w.clone();
                loom::thread::spawn(move || ft_life(&w, ThreadId(i as u64 + 2), plan))
            })
            .collect();
        ft_life(&w, ThreadId::MAIN, plans[0]);
        for h in handles {
            h.join().expect("thread");
        }
        let left = w.breaker.load(Ordering::Relaxed) & breaker::STOP_WORLD;
        assert_eq!(left, 0, "a stop request outlived its collection");
    });
    let runs = runs.load(Ordering::Relaxed);
    eprintln!(
        "loom: stop the world, {n} threads, preemption bound {preemptions:?}: {runs} \
         interleavings explored"
    );
    assert!(runs > 1, "the model checker explored a single interleaving");
    runs
}

const COLLECTS: FtPlan = FtPlan {
    steps: 1,
    collects: true,
    blocking: false,
};
const RUNS: FtPlan = FtPlan {
    steps: 2,
    collects: false,
    blocking: false,
};
const BLOCKS: FtPlan = FtPlan {
    steps: 1,
    collects: false,
    blocking: true,
};

/// One thread collects while another runs bytecode: it parks at its switch point.
#[test]
fn loom_stop_the_world_parks_a_running_thread() {
    ft_model(&[COLLECTS, RUNS], None);
}

/// A thread in a blocking call counts as stopped and attaches again only after the restart.
#[test]
fn loom_stop_the_world_with_a_blocking_call() {
    ft_model(&[COLLECTS, BLOCKS], None);
}

/// Two threads stop the world at once: one collects, the other parks, then collects.
#[test]
fn loom_two_collectors_take_turns() {
    ft_model(&[COLLECTS, COLLECTS], None);
    ft_model(
        &[
            COLLECTS,
            FtPlan {
                blocking: true,
                ..COLLECTS
            },
            RUNS,
        ],
        Some(2),
    );
}
