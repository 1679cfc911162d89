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
    /// Then a collection, which stops the world once (free-threaded), then one more switch
    /// point.
    collects: bool,
    /// Then one blocking call (the GIL dropped, or the thread detached, around it), then
    /// one more switch point.
    blocking: bool,
}

/// The world the threads of a model run in: the scheduler they drive as `Vm` does, and
/// what the model checks while they run bytecode.
trait Model: Send + Sync + 'static {
    /// What a thread's blocking call waits for.
    const BLOCKING: Blocking;
    fn sched(&self) -> &dyn Scheduler;
    /// Running bytecode up to a switch point, then the eval loop's check.
    fn bytecode(&self, me: ThreadId);
    /// A collection: the analysis runs in a stopped world.
    fn collect(&self, me: ThreadId) {
        self.sched().stop_the_world(me);
        self.sched().start_the_world(me);
    }
}

/// A thread's life, from `sched_acquire` to `sched_exit` (which it reaches holding the GIL,
/// or attached).
fn life<W: Model>(w: &W, me: ThreadId, plan: Plan) {
    let at = At::default();
    w.sched().acquire(me, &at);
    for _ in 0..plan.steps {
        w.bytecode(me);
    }
    if plan.collects {
        w.collect(me);
        w.bytecode(me);
    }
    if plan.blocking {
        w.sched()
            .release(me, DropReason::Blocking(W::BLOCKING), &at);
        // The blocking call runs here, without the GIL.
        w.sched().acquire(me, &at);
        w.bytecode(me);
    }
    w.sched().release(me, DropReason::Exit, &at);
}

struct World {
    sched: TimedGil,
    breaker: Arc<crate::threads::EvalBreaker>,
    /// Threads running bytecode right now: never more than one.
    inside: AtomicUsize,
}

impl Model for World {
    const BLOCKING: Blocking = Blocking::Sleep;

    fn sched(&self) -> &dyn Scheduler {
        &self.sched
    }

    /// Nobody else holds the GIL meanwhile.
    fn bytecode(&self, me: ThreadId) {
        assert_eq!(self.sched.holder(), Some(me), "running without the GIL");
        assert_eq!(
            self.inside.fetch_add(1, Ordering::SeqCst),
            0,
            "two holders at once"
        );
        self.inside.fetch_sub(1, Ordering::SeqCst);
        if self.breaker.load(Ordering::Relaxed) & breaker::GIL_DROP_REQUEST != 0 {
            self.sched.switch_point(me, &At::default());
        }
    }
}

/// Runs `run` on every interleaving loom explores within `preemptions`, says how many that
/// was (`what` names the model) and checks that it was more than one; returns the number.
fn explore(
    what: &str,
    preemptions: Option<usize>,
    run: impl Fn() + Sync + Send + 'static,
) -> usize {
    // Bounded as CHESS bounds it (bugs of this kind need few preemptions); timed waits
    // spin through yields, so allow more branches than the default.
    let mut b = loom::model::Builder::new();
    b.preemption_bound = preemptions;
    b.max_branches = 100_000;
    let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = runs.clone();
    b.check(move || {
        counted.fetch_add(1, Ordering::Relaxed);
        run();
    });
    let runs = runs.load(Ordering::Relaxed);
    eprintln!("loom: {what}, preemption bound {preemptions:?}: {runs} interleavings explored");
    assert!(runs > 1, "the model checker explored a single interleaving");
    runs
}

/// Runs [`life`] on the main thread with `plans[0]` and on a thread of its own with each
/// other plan (ids 2, 3, …), then joins them: every thread completes (loom fails a run in
/// which some thread never wakes).
fn run_threads<W: Model>(w: &Arc<W>, plans: &[Plan]) {
    let handles: Vec<_> = plans[1..]
        .iter()
        .enumerate()
        .map(|(i, &plan)| {
            let w = w.clone();
            loom::thread::spawn(move || life(&*w, ThreadId(i as u64 + 2), plan))
        })
        .collect();
    life(&**w, ThreadId::MAIN, plans[0]);
    for h in handles {
        h.join().expect("thread");
    }
}

/// Checks every interleaving of `threads` threads following `plan`; returns how many
/// were explored.
fn model(threads: u64, plan: Plan, preemptions: Option<usize>, timers: bool) -> usize {
    let blocking = if plan.blocking {
        ", a blocking call"
    } else {
        ""
    };
    let what = format!(
        "{threads} threads, {} switch points{blocking}, {}",
        plan.steps,
        if timers { "timers fire" } else { "no timers" }
    );
    crate::threads::sync::timers(timers);
    let runs = explore(&what, preemptions, move || {
        let breaker = Arc::new(crate::threads::EvalBreaker::new());
        let w = Arc::new(World {
            sched: TimedGil::new(breaker.clone(), Arc::new(AtomicU64::new(1000)), None),
            breaker,
            inside: AtomicUsize::new(0),
        });
        run_threads(&w, &vec![plan; threads as usize]);
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
    runs
}

/// Plans the GIL's model and the free-threaded one share.
const RUN: Plan = Plan {
    steps: 2,
    collects: false,
    blocking: false,
};
const BLOCK: Plan = Plan {
    steps: 1,
    collects: false,
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

impl Model for FtWorld {
    const BLOCKING: Blocking = Blocking::Lock;

    fn sched(&self) -> &dyn Scheduler {
        &self.sched
    }

    /// No thread runs bytecode while another has the world stopped.
    fn bytecode(&self, me: ThreadId) {
        {
            let mut s = self.seen.lock().unwrap();
            assert!(
                s.collector.is_none_or(|c| c == me),
                "{me} ran bytecode while {:?} had the world stopped",
                s.collector
            );
            s.running += 1;
        }
        self.seen.lock().unwrap().running -= 1;
        if self.breaker.load(Ordering::Relaxed) & breaker::STOP_WORLD != 0 {
            self.sched.switch_point(me, &At::default());
        }
    }

    /// Nobody runs bytecode in the stopped world, and one collection runs at a time.
    fn collect(&self, me: ThreadId) {
        self.sched.stop_the_world(me);
        {
            let mut s = self.seen.lock().unwrap();
            assert_eq!(s.running, 0, "bytecode runs in the world {me} stopped");
            assert!(s.collector.is_none(), "two collections at once");
            s.collector = Some(me);
        }
        self.seen.lock().unwrap().collector = None;
        self.sched.start_the_world(me);
    }
}

/// Checks every interleaving of threads following `plans` (the first is the main thread).
fn ft_model(plans: &[Plan], preemptions: Option<usize>) -> usize {
    let what = format!("stop the world, {} threads", plans.len());
    let plans = plans.to_vec();
    explore(&what, preemptions, move || {
        let breaker = Arc::new(crate::threads::EvalBreaker::new());
        let w = Arc::new(FtWorld {
            sched: FreeThreaded::new(breaker.clone(), None),
            breaker,
            seen: loom::sync::Mutex::new(Seen::default()),
        });
        run_threads(&w, &plans);
        let left = w.breaker.load(Ordering::Relaxed) & breaker::STOP_WORLD;
        assert_eq!(left, 0, "a stop request outlived its collection");
    })
}

const COLLECTS: Plan = Plan {
    steps: 1,
    collects: true,
    blocking: false,
};

/// One thread collects while another runs bytecode: it parks at its switch point.
#[test]
fn loom_stop_the_world_parks_a_running_thread() {
    ft_model(&[COLLECTS, RUN], None);
}

/// A thread in a blocking call counts as stopped and attaches again only after the restart.
#[test]
fn loom_stop_the_world_with_a_blocking_call() {
    ft_model(&[COLLECTS, BLOCK], None);
}

/// Two threads stop the world at once: one collects, the other parks, then collects.
#[test]
fn loom_two_collectors_take_turns() {
    ft_model(&[COLLECTS, COLLECTS], None);
    ft_model(
        &[
            COLLECTS,
            Plan {
                blocking: true,
                ..COLLECTS
            },
            RUN,
        ],
        Some(2),
    );
}
