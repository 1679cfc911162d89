//! Deterministic scheduling: one thread runs at a time and the baton passes at instruction
//! counts chosen by a policy, never by a clock — so the same program and policy give the same
//! interleaving, output and trace on every run and machine.
//!
//! - `--switch-every K`: every K instructions the running thread is preempted (at its next
//!   switch point, under `--switch-points cpython`) in favour of the next runnable thread in
//!   id order — Python 2's "check interval".
//! - `--schedule-seed S`: preemption after a pseudo-random number of instructions, and the
//!   next thread picked at random among the runnable ones, from a generator seeded with S.
//! - `--replay-schedule`: the hand-offs of an earlier run ([`Schedule`]), forced in order; a
//!   schedule that no longer fits the program is an error.
//!
//! Blocking calls cannot be left to the OS here, or the wake-up order would depend on timing.
//! So a thread that would block on a lock ([`Deterministic::block`]) gives the baton away and
//! is marked blocked; every lock release and thread exit marks blocked threads runnable again
//! (they retry). `time.sleep` runs on virtual time ([`Deterministic::sleep`]): the clock is
//! the number of instructions executed ([`STEP_NS`] each) plus the jumps made when nobody can
//! run. When nobody can run and nobody sleeps, the program is deadlocked: that is reported,
//! with who waits for what and where, and the process exits with status 3.
//!
//! Other blocking calls (writes, native code, process waits) keep the baton: they cannot wait
//! for another thread of this interpreter.
//!
//! Who runs is one field, `running`, under one mutex; every other thread sleeps on the condvar
//! until it is named. The thread that holds the baton is the only one that changes the state,
//! and it records its own events before it hands over, so the event order is deterministic too.

use std::collections::{BTreeMap, HashMap};

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use parking_lot::Mutex;

use crate::bytecode::SwitchPoints;
use crate::threads::guide::{Guide, Stop};
use crate::threads::schedule::{NAMED, short_name};
pub use crate::threads::schedule::{Schedule, ScheduleMode};
use crate::threads::scheduler::Scheduler;
use crate::threads::{At, Blocking, DropReason, EventSink, Handoff, Site, ThreadId};

/// Virtual nanoseconds per executed instruction (for `time.sleep` under a deterministic
/// schedule).
pub const STEP_NS: u64 = 100;

/// Spin iterations before a waiting thread sleeps.
const SPINS: u32 = 2000;

/// Exit status when every thread is blocked.
pub const EXIT_DEADLOCK: i32 = 3;
/// Exit status when a replayed schedule does not fit the program.
pub const EXIT_SCHEDULE: i32 = 4;

/// How the next thread is chosen.
#[derive(Debug, Clone)]
pub enum Policy {
    /// Preempt every K instructions; next runnable thread in id order.
    Every(u64),
    /// Preempt after 1..=2*mean instructions, next thread at random; seeded.
    Seeded { seed: u64, mean: u64 },
    /// Force these hand-offs.
    Replay(Schedule),
    /// A person chooses (the stepper's `t N`); a thread that blocks or ends passes the baton
    /// to the next runnable one in id order.
    Manual,
    /// A systematic search chooses (`gilvm explore`): see [`Guide`]. The run is aborted, not
    /// the process, when it deadlocks, exceeds its step budget or the main thread ends.
    Explore(Arc<Mutex<Guide>>),
}

/// The run was aborted (`explore`): every thread unwinds and ends.
#[derive(Debug, Clone, Copy)]
pub struct Aborted;

#[derive(Debug, Clone)]
enum TState {
    Runnable,
    Blocked {
        what: Blocking,
        /// Virtual time at which the wait times out.
        deadline: Option<u64>,
        timed_out: bool,
        site: Option<Site>,
    },
    Sleeping {
        wake: u64,
    },
    Done,
}

struct DState {
    running: Option<ThreadId>,
    threads: BTreeMap<ThreadId, TState>,
    /// Latest instruction count of each thread.
    steps: BTreeMap<ThreadId, u64>,
    /// Virtual nanoseconds added when nobody could run until a sleeper woke.
    jumped: u64,
    rng: u64,
    replay_pos: usize,
    handoffs: u64,
    /// Every hand-off so far, as a schedule replays it (`gilvm web` shows it, and opens a
    /// seeded run at it); kept only when asked for (`log`): a long run would grow it forever.
    made: Vec<Handoff>,
    log: bool,
    /// Each thread's step count at its last logged hand-off.
    last_logged: BTreeMap<ThreadId, u64>,
    /// Seeded policy: the global step before which a preempted thread is not picked again
    /// (it was "descheduled by the OS" for a while).
    stalled_until: BTreeMap<ThreadId, u64>,
    /// Threads that have run at least once.
    started: std::collections::BTreeSet<ThreadId>,
    /// How to wake each thread that waits for the baton.
    parked: BTreeMap<ThreadId, std::thread::Thread>,
    /// The run was aborted (`explore`): nobody waits for the baton any more.
    aborted: bool,
    /// Hand-offs at switch points.
    preemptions: u64,
    /// Each thread's name when it started (`threading`'s), for the schedules written out.
    names: BTreeMap<ThreadId, String>,
    /// A name → the first thread that started with it (and `Thread-N` for `Thread-N
    /// (target)`): how a replayed schedule's names become threads.
    named: HashMap<String, ThreadId>,
}

impl DState {
    fn now(&self) -> u64 {
        self.jumped + self.global_steps() * STEP_NS
    }

    /// Instructions executed by all threads.
    fn global_steps(&self) -> u64 {
        self.steps.values().sum()
    }

    /// The threads of `among` whose stall (seeded policy) is over.
    fn awake(&self, among: &[ThreadId]) -> Vec<ThreadId> {
        let now = self.global_steps();
        among
            .iter()
            .copied()
            .filter(|u| self.stalled_until.get(u).is_none_or(|&s| s <= now))
            .collect()
    }

    /// When each thread's stall ends (0: not stalled).
    fn stall_end(&self, u: ThreadId) -> u64 {
        self.stalled_until.get(&u).copied().unwrap_or(0)
    }

    /// Every blocked thread becomes runnable (it retries its wait); returns them.
    fn unblock_all(&mut self) -> Vec<ThreadId> {
        let mut woken = Vec::new();
        for (u, s) in self.threads.iter_mut() {
            if matches!(s, TState::Blocked { .. }) {
                *s = TState::Runnable;
                woken.push(*u);
            }
        }
        woken
    }

    /// Wakes sleepers whose time has come and times out blocked waits past their deadline.
    /// Returns the threads made runnable.
    fn wake_due(&mut self) -> Vec<ThreadId> {
        // Asked at every decision point; usually nobody sleeps or waits with a deadline,
        // and the clock (a sum over the threads) need not be read.
        let timed = self.threads.values().any(|s| {
            matches!(
                s,
                TState::Sleeping { .. }
                    | TState::Blocked {
                        deadline: Some(_),
                        ..
                    }
            )
        });
        if !timed {
            return Vec::new();
        }
        let now = self.now();
        let mut woken = Vec::new();
        for (t, s) in self.threads.iter_mut() {
            match s {
                TState::Sleeping { wake } if *wake <= now => {
                    *s = TState::Runnable;
                    woken.push(*t);
                }
                TState::Blocked {
                    deadline: Some(d),
                    timed_out,
                    ..
                } if *d <= now => {
                    *timed_out = true;
                    woken.push(*t);
                }
                _ => {}
            }
        }
        woken
    }

    /// Nobody can run: jumps virtual time to the earliest wake-up or deadline, if any.
    fn jump_time(&mut self) -> Vec<ThreadId> {
        let next = self
            .threads
            .values()
            .filter_map(|s| match s {
                TState::Sleeping { wake } => Some(*wake),
                TState::Blocked {
                    deadline: Some(d),
                    timed_out: false,
                    ..
                } => Some(*d),
                _ => None,
            })
            .min();
        match next {
            Some(t) => {
                let now = self.now();
                if t > now {
                    self.jumped += t - now;
                }
                self.wake_due()
            }
            None => Vec::new(),
        }
    }

    fn next_rand(&mut self) -> u64 {
        crate::threads::splitmix64(&mut self.rng)
    }

    /// A thread that is "timed out" while blocked becomes runnable when it is chosen.
    fn is_candidate(&self, t: ThreadId) -> bool {
        matches!(
            self.threads.get(&t),
            Some(TState::Runnable)
                | Some(TState::Blocked {
                    timed_out: true,
                    ..
                })
        )
    }

    /// The threads other than `t` that could run instead of it, in thread order.
    fn others_than(&self, t: ThreadId) -> Vec<ThreadId> {
        self.threads
            .keys()
            .copied()
            .filter(|u| *u != t && self.is_candidate(*u))
            .collect()
    }
}

/// A failure that ends the run: a deadlock, or a replayed schedule that does not fit.
pub type FailHook = Box<dyn Fn(i32, &str) + Send + Sync>;

pub struct Deterministic {
    st: Mutex<DState>,
    /// Who runs, readable without the mutex (waiters spin on it briefly).
    turn: AtomicU64,
    /// Threads spinning for the baton right now, and the CPUs there are to spin on.
    waiting: AtomicU32,
    cores: u32,
    policy: Policy,
    gil: bool,
    recorder: Option<Arc<dyn EventSink>>,
    fail: OnceLock<FailHook>,
    /// Failures end the run, not the process ([`Deterministic::contained`]).
    contained: bool,
    stopped: Mutex<Option<Stop>>,
    /// `DState::aborted`, readable without the mutex.
    aborted: AtomicBool,
    /// Where the threads' switch points are (`explore` looks at the code up to the next).
    switch_points: SwitchPoints,
    /// Thread names for messages.
    namer: OnceLock<Box<dyn Fn(ThreadId) -> String + Send + Sync>>,
    /// The baton may not move (the stepper evaluates `p EXPR`): a wait or a sleep fails
    /// with [`Aborted`] instead of handing it on.
    frozen: AtomicBool,
}

impl Deterministic {
    pub fn new(policy: Policy, gil: bool, recorder: Option<Arc<dyn EventSink>>) -> Deterministic {
        let contained = matches!(policy, Policy::Explore(_));
        let rng = match &policy {
            Policy::Seeded { seed, .. } => *seed,
            _ => 0,
        };
        Deterministic {
            st: Mutex::new(DState {
                running: None,
                threads: BTreeMap::new(),
                steps: BTreeMap::new(),
                jumped: 0,
                rng,
                replay_pos: 0,
                handoffs: 0,
                made: Vec::new(),
                log: false,
                last_logged: BTreeMap::new(),
                stalled_until: BTreeMap::new(),
                started: Default::default(),
                parked: BTreeMap::new(),
                aborted: false,
                preemptions: 0,
                names: BTreeMap::from([(ThreadId::MAIN, "MainThread".to_string())]),
                named: HashMap::from([("MainThread".to_string(), ThreadId::MAIN)]),
            }),
            turn: AtomicU64::new(0),
            waiting: AtomicU32::new(0),
            cores: cores(),
            policy,
            gil,
            recorder,
            fail: OnceLock::new(),
            contained,
            stopped: Mutex::new(None),
            aborted: AtomicBool::new(false),
            switch_points: SwitchPoints::Cpython,
            namer: OnceLock::new(),
            frozen: AtomicBool::new(false),
        }
    }

    /// Where threads may be switched (`--switch-points`; every instruction when
    /// free-threaded).
    pub fn with_switch_points(mut self, sp: SwitchPoints) -> Deterministic {
        self.switch_points = sp;
        self
    }

    /// Ends the run (`explore`): every thread waiting for the baton wakes up and unwinds.
    fn abort(&self, st: &mut DState) {
        st.aborted = true;
        self.aborted.store(true, Ordering::Release);
        st.running = None;
        self.turn.store(0, Ordering::Release);
        for h in st.parked.values() {
            h.unpark();
        }
    }

    /// Failures end the run (every thread unwinds), not the process: `explore` and
    /// `--minimize` run many programs in one process. See [`Deterministic::stopped`].
    pub fn contained(mut self) -> Deterministic {
        self.contained = true;
        self
    }

    /// Keeps the hand-offs the run makes, for [`Deterministic::made`].
    pub fn logging_handoffs(mut self) -> Deterministic {
        self.st.get_mut().log = true;
        self
    }

    /// Why a contained run ended early, if it did.
    pub fn stopped(&self) -> Option<Stop> {
        self.stopped.lock().clone()
    }

    /// Preemptions so far: hand-offs at switch points (not at blocking calls or exits).
    pub fn preemptions(&self) -> u64 {
        self.st.lock().preemptions
    }

    /// A contained run ends with `stop` (true); otherwise false (the caller fails).
    fn stop_run(&self, st: &mut DState, stop: Stop) -> bool {
        if !self.contained {
            return false;
        }
        self.stopped.lock().get_or_insert(stop);
        self.abort(st);
        true
    }

    /// The stepper's `t N`: the running thread `t` hands the baton to `n` and waits for it
    /// to come back. An error says why `n` cannot run now.
    pub fn switch_to(&self, t: ThreadId, n: ThreadId, at: &At) -> Result<(), String> {
        self.can_take(n)?;
        if let Some(r) = &self.recorder {
            r.drop_(t, DropReason::Manual, at);
            r.want(t, at);
        }
        let mut st = self.st.lock();
        Self::note_steps(&mut st, t, at);
        // The observed loop has counted the instruction it stopped before; a replayed hand-off
        // is made after the instruction before it (at the next poll), which is the same place.
        let logged = at.steps.saturating_sub(1);
        self.hand_over_logged(st, t, n, logged);
        if let Some(r) = &self.recorder {
            r.take(t, at);
        }
        Ok(())
    }

    /// Hand-offs of a replayed schedule not yet made (0 for other policies): the stepper
    /// takes over when a `--replay-schedule` is used up.
    pub fn replay_left(&self) -> usize {
        match &self.policy {
            Policy::Replay(s) => s.handoffs.len().saturating_sub(self.st.lock().replay_pos),
            _ => 0,
        }
    }

    /// While `on`, the running thread keeps the baton: a wait or a sleep fails (the stepper's
    /// `p EXPR` must not run other threads, nor change the schedule).
    pub fn freeze(&self, on: bool) {
        self.frozen.store(on, Ordering::Release);
    }

    /// Ends the run now (the stepper's `replay` starts the program again): every thread
    /// waiting for the baton wakes up and unwinds, and so does the caller once it returns
    /// the run-aborted error.
    pub fn abort_run(&self) {
        let mut st = self.st.lock();
        self.abort(&mut st);
    }

    /// Whether thread `n` could be handed the baton now; if not, why.
    pub fn can_take(&self, n: ThreadId) -> Result<(), String> {
        {
            let st = self.st.lock();
            match st.threads.get(&n) {
                None => return Err(format!("there is no thread {n}")),
                Some(TState::Done) => return Err(format!("thread {n} has finished")),
                Some(TState::Runnable) => {}
                Some(TState::Blocked { what, .. }) => {
                    return Err(format!("thread {n} is blocked ({})", what.describe()));
                }
                Some(TState::Sleeping { .. }) => return Err(format!("thread {n} is sleeping")),
            }
        }
        Ok(())
    }

    /// Every thread's state, in id order, for the stepper: `running`, `waiting for the GIL`
    /// (`ready` without one), `blocked (join)`, `sleeping`, `finished`.
    pub fn thread_states(&self) -> Vec<(ThreadId, String)> {
        let st = self.st.lock();
        st.threads
            .iter()
            .map(|(t, s)| {
                let what = match s {
                    _ if st.running == Some(*t) => "running".to_string(),
                    TState::Runnable if self.gil => "waiting for the GIL".to_string(),
                    TState::Runnable => "ready".to_string(),
                    TState::Blocked { what, .. } => format!("blocked ({})", what.describe()),
                    TState::Sleeping { .. } => "sleeping".to_string(),
                    TState::Done => "finished".to_string(),
                };
                (*t, what)
            })
            .collect()
    }

    /// The virtual clock (nanoseconds) as thread `t`, which has executed `steps`
    /// instructions, sees it: what `time.sleep` runs on, and what the clocks (`time.time`,
    /// `perf_counter`, `monotonic`) read under a deterministic schedule, so that a run —
    /// its output included — is the same on every machine.
    pub fn clock_ns(&self, t: ThreadId, steps: u64) -> u64 {
        let st = self.st.lock();
        let others: u64 = st
            .steps
            .iter()
            .filter(|(u, _)| **u != t)
            .map(|(_, s)| s)
            .sum();
        st.jumped + (others + steps) * STEP_NS
    }

    /// The hand-offs made so far, as a schedule that replays them (empty unless the run
    /// was made [`Deterministic::logging_handoffs`]), with the run's mode and thread names.
    pub fn made(&self) -> Schedule {
        let st = self.st.lock();
        Schedule::new(st.made.clone()).written(self.mode(), &st.names)
    }

    /// The regime of this run, as a schedule writes it.
    pub fn mode(&self) -> ScheduleMode {
        ScheduleMode::of(self.gil, self.switch_points)
    }

    /// Thread `t` starts with `name` (`threading` gave it): a replayed schedule may name it
    /// so (the first thread with a name owns it; `Thread-3 (worker)` is also `Thread-3`).
    pub fn name_thread(&self, t: ThreadId, name: &str) {
        let mut st = self.st.lock();
        st.names.entry(t).or_insert_with(|| name.to_string());
        st.named.entry(name.to_string()).or_insert(t);
        st.named.entry(short_name(name).to_string()).or_insert(t);
    }

    /// Each thread's name when it started.
    pub fn names(&self) -> BTreeMap<ThreadId, String> {
        self.st.lock().names.clone()
    }

    /// The thread a replayed schedule's `t` stands for: itself, or the thread that started
    /// with the name it stands for (`None`: no thread of that name has started yet).
    fn resolve(&self, st: &DState, t: ThreadId) -> Option<ThreadId> {
        if t.0 < NAMED {
            return Some(t);
        }
        let Policy::Replay(s) = &self.policy else {
            return Some(t);
        };
        st.named.get(s.names.get(&t)?).copied()
    }

    /// Hand-off `i` of the replayed schedule, its names resolved: `Err(name)` when it names a
    /// thread no thread has started as (yet). `None` when the schedule is used up.
    fn replayed(&self, st: &DState, i: usize) -> Option<Result<Handoff, String>> {
        let Policy::Replay(s) = &self.policy else {
            return None;
        };
        let h = *s.handoffs.get(i)?;
        let who = |t: ThreadId| self.resolve(st, t).ok_or_else(|| s.thread(t));
        Some((|| {
            Ok(Handoff {
                from: who(h.from)?,
                steps: h.steps,
                to: who(h.to)?,
            })
        })())
    }

    /// Hand-offs so far.
    pub fn handoff_count(&self) -> u64 {
        self.st.lock().handoffs
    }

    /// What to do when the run cannot go on (print the report, flush, exit), and how to
    /// name threads in the report.
    pub fn set_fail_hook(
        &self,
        hook: FailHook,
        namer: Box<dyn Fn(ThreadId) -> String + Send + Sync>,
    ) {
        let _ = self.fail.set(hook);
        let _ = self.namer.set(namer);
    }

    fn fail(&self, status: i32, msg: &str) -> ! {
        if let Some(h) = self.fail.get() {
            h(status, msg);
        }
        eprintln!("{msg}");
        std::process::exit(status)
    }

    /// Instructions the thread may run before its next preemption: `None` for no limit,
    /// `Some(0)` for "at the next switch point".
    pub fn quantum(&self, t: ThreadId) -> Option<u64> {
        match &self.policy {
            Policy::Every(k) => Some((*k).max(1)),
            Policy::Manual => None,
            // Asked at every switch point.
            Policy::Explore(_) => Some(0),
            Policy::Seeded { mean, .. } => {
                let span = (mean.max(&1) * 2).max(1);
                Some(1 + self.st.lock().next_rand() % span)
            }
            Policy::Replay(s) => {
                let st = self.st.lock();
                // Only who hands off matters here: the thread it hands to may not exist yet.
                let h = s.handoffs.get(st.replay_pos)?;
                if self.resolve(&st, h.from) != Some(t) {
                    return None;
                }
                let done = st.steps.get(&t).copied().unwrap_or(0);
                Some(h.steps.saturating_sub(done))
            }
        }
    }

    fn record_want(&self, woken: &[ThreadId], st_steps: &BTreeMap<ThreadId, u64>) {
        if let Some(r) = &self.recorder {
            for t in woken {
                let at = At {
                    steps: st_steps.get(t).copied().unwrap_or(0),
                    ..At::default()
                };
                r.want(*t, &at);
            }
        }
    }

    /// Chooses who runs after `t` stops (`t` is not runnable, or is being preempted when
    /// `preempt`). `None` from a preemption means "`t` goes on".
    fn choose(&self, st: &mut DState, t: ThreadId, at: &At, preempt: bool) -> Option<ThreadId> {
        let woken = st.wake_due();
        self.record_want(&woken, &st.steps);
        if let Policy::Explore(g) = &self.policy {
            return self.choose_explored(st, g, t, at, preempt);
        }
        if let Policy::Replay(s) = &self.policy {
            let Some(h) = self.replayed(st, st.replay_pos) else {
                // The schedule is used up: run on as `--switch-every` would not; keep the
                // current thread, or take the lowest runnable one.
                return if preempt {
                    None
                } else {
                    self.first_runnable(st, t)
                };
            };
            let h = match h {
                Ok(h) => h,
                Err(name) => {
                    let msg = format!(
                        "gilvm: the schedule does not fit this program: its hand-off #{} names \
                         thread {name}, but no thread of that name has started",
                        st.replay_pos + 1,
                    );
                    if self.stop_run(st, Stop::Mismatch(msg.clone())) {
                        return None;
                    }
                    self.fail(EXIT_SCHEDULE, &msg);
                }
            };
            if h.from != t || h.steps != at.steps {
                let what = if preempt { "was preempted" } else { "stopped" };
                let written = s.handoffs[st.replay_pos];
                let msg = format!(
                    "gilvm: the schedule does not fit this program: its hand-off #{} is \
                     thread {} after {} steps, but thread {} {what} after {} steps",
                    st.replay_pos + 1,
                    s.thread(written.from),
                    h.steps,
                    st.names
                        .get(&t)
                        .map_or_else(|| t.to_string(), |n| short_name(n).to_string()),
                    at.steps
                );
                if self.stop_run(st, Stop::Mismatch(msg.clone())) {
                    return None;
                }
                self.fail(EXIT_SCHEDULE, &msg);
            }
            st.replay_pos += 1;
            // The chosen thread may still be sleeping (its sleep ends early) or timing out.
            match st.threads.get(&h.to) {
                Some(TState::Sleeping { .. }) => {
                    st.threads.insert(h.to, TState::Runnable);
                    self.record_want(&[h.to], &st.steps);
                }
                Some(TState::Blocked {
                    deadline: Some(_), ..
                }) => {
                    if let Some(TState::Blocked { timed_out, .. }) = st.threads.get_mut(&h.to) {
                        *timed_out = true;
                    }
                }
                _ => {}
            }
            let can_run = st.is_candidate(h.to) || (h.to == t && preempt);
            if !can_run {
                let msg = format!(
                    "gilvm: the schedule does not fit this program: its hand-off #{} runs \
                     thread {} next, but that thread cannot run then",
                    st.replay_pos,
                    s.thread(s.handoffs[st.replay_pos - 1].to)
                );
                if self.stop_run(st, Stop::Mismatch(msg.clone())) {
                    return None;
                }
                self.fail(EXIT_SCHEDULE, &msg);
            }
            return Some(h.to);
        }
        let others = st.others_than(t);
        if preempt {
            if others.is_empty() {
                return None;
            }
            return Some(match &self.policy {
                Policy::Seeded { mean, .. } => {
                    // A real OS sometimes deschedules a thread for a long while, and that
                    // is when races show: another thread runs a whole read-modify-write in
                    // the middle of this one's. So a thread preempted right before it
                    // touches shared state is, one time in two, kept off the CPU for up to
                    // 1000 quanta.
                    let now = st.global_steps();
                    let racy = at
                        .site
                        .as_ref()
                        .and_then(|s| s.code.instructions.get(s.index as usize))
                        .is_some_and(|i| i.touches_shared_state());
                    if racy && st.next_rand().is_multiple_of(2) {
                        let stall = st.next_rand() % (mean.max(&1) * 1000);
                        st.stalled_until.insert(t, now + stall);
                    }
                    let awake = st.awake(&others);
                    if awake.is_empty() {
                        // Everyone is stalled: whoever's stall ends first runs (the
                        // preempted thread goes on if that is itself).
                        let first = others
                            .iter()
                            .copied()
                            .min_by_key(|u| st.stall_end(*u))
                            .unwrap_or(others[0]);
                        if st.stall_end(t) <= st.stall_end(first) {
                            return None;
                        }
                        first
                    } else {
                        let i = (st.next_rand() % awake.len() as u64) as usize;
                        awake[i]
                    }
                }
                _ => next_after(&others, t).unwrap_or(others[0]),
            });
        }
        match &self.policy {
            Policy::Seeded { .. } if !others.is_empty() || st.is_candidate(t) => {
                let mut all = others;
                if st.is_candidate(t) {
                    all.push(t);
                    all.sort_unstable();
                }
                // Stalled threads stay off the CPU until their stall ends, unless nobody
                // else can run.
                let awake = st.awake(&all);
                if awake.is_empty() {
                    return all.iter().copied().min_by_key(|u| st.stall_end(*u));
                }
                let i = (st.next_rand() % awake.len() as u64) as usize;
                Some(awake[i])
            }
            _ => self.first_runnable(st, t),
        }
    }

    /// The next candidate after `t` in id order (wrapping), jumping virtual time forward when
    /// nobody can run; a deadlock when nobody ever will.
    fn first_runnable(&self, st: &mut DState, t: ThreadId) -> Option<ThreadId> {
        let cands = self.runnable(st);
        if let Some(u) = next_after(&cands, t) {
            return Some(u);
        }
        self.no_one_can_run(st);
        None
    }

    /// The threads that can run now, in id order, jumping virtual time forward when nobody
    /// can; empty when nobody ever will.
    fn runnable(&self, st: &mut DState) -> Vec<ThreadId> {
        loop {
            let cands: Vec<ThreadId> = st
                .threads
                .keys()
                .copied()
                .filter(|u| st.is_candidate(*u))
                .collect();
            if !cands.is_empty() {
                return cands;
            }
            let woken = st.jump_time();
            if woken.is_empty() {
                return cands;
            }
            self.record_want(&woken, &st.steps);
        }
    }

    /// `explore`'s choice at a switch point (`preempt`) or when `t` stopped.
    fn choose_explored(
        &self,
        st: &mut DState,
        guide: &Mutex<Guide>,
        t: ThreadId,
        at: &At,
        preempt: bool,
    ) -> Option<ThreadId> {
        let mut g = guide.lock();
        // Who may run next, and who runs next when nobody is preempted (no one, at a switch
        // point: any switch there is a preemption).
        let (cands, default) = if preempt {
            let steps = st.global_steps();
            if steps > g.max_steps {
                drop(g);
                self.stop_run(st, Stop::StepLimit(steps));
                return None;
            }
            // Only where the thread may touch shared state before its next switch point,
            // and never inside gilvm's own modules written in Python.
            let shared = !at.builtin
                && at.site.as_ref().is_some_and(|s| {
                    self.switch_points
                        .block_may_share(&s.code, s.index as usize)
                });
            if !shared || !g.may_preempt() {
                return None;
            }
            let others = st.others_than(t);
            // Partial-order reduction needs every step to end where the thread alone
            // decides, so it counts a decision point even with nobody else to run.
            if others.is_empty() && g.dpor.is_none() {
                return None;
            }
            (others, None)
        } else {
            let cands = self.runnable(st);
            if cands.is_empty() {
                drop(g);
                self.no_one_can_run(st);
                return None;
            }
            let default = next_after(&cands, t).unwrap_or(cands[0]);
            (cands, Some(default))
        };
        // PCT counts the decision points by where the thread stopped.
        let site = g
            .pct
            .as_ref()
            .and(at.site.as_ref())
            .map(|s| crate::threads::pct::site_key(&s.code, s.index));
        let Some(next) = g.decide_at(t, &cands, preempt, site) else {
            drop(g);
            self.stop_run(st, Stop::Redundant);
            return None;
        };
        if preempt && next == t {
            return None;
        }
        // A preemption is a switch at a switch point, or to another than the next in turn.
        g.handoff(
            Handoff {
                from: t,
                steps: at.steps,
                to: next,
            },
            default != Some(next),
        );
        Some(next)
    }

    /// Nobody can run now or ever: the end, or a deadlock if anyone is blocked (reported:
    /// the process exits, or `explore` records it and aborts the run).
    fn no_one_can_run(&self, st: &mut DState) {
        let blocked: Vec<(ThreadId, Blocking, Option<Site>)> = st
            .threads
            .iter()
            .filter_map(|(u, s)| match s {
                TState::Blocked { what, site, .. } => Some((*u, *what, site.clone())),
                _ => None,
            })
            .collect();
        if blocked.is_empty() {
            return; // everyone finished
        }
        let mut msg = String::from("gilvm: deadlock: every thread is blocked and none can wake");
        for (u, what, site) in blocked {
            let name = self
                .namer
                .get()
                .map_or_else(|| format!("thread {u}"), |n| n(u));
            msg.push_str(&format!("\n  {name} waits ({})", what.describe()));
            if let Some(s) = site {
                msg.push_str(&format!(" at {}", s.describe()));
            }
        }
        if !self.stop_run(st, Stop::Deadlock(msg.clone())) {
            self.fail(EXIT_DEADLOCK, &msg)
        }
    }

    /// Hands the baton to `next` and waits until it comes back to `t`.
    fn hand_over<'a>(
        &'a self,
        st: parking_lot::MutexGuard<'a, DState>,
        t: ThreadId,
        next: ThreadId,
    ) {
        let logged = st.steps.get(&t).copied().unwrap_or(0);
        self.hand_over_logged(st, t, next, logged);
    }

    /// [`Self::hand_over`], logging the hand-off at `logged` steps of `t`.
    fn hand_over_logged<'a>(
        &'a self,
        mut st: parking_lot::MutexGuard<'a, DState>,
        t: ThreadId,
        next: ThreadId,
        logged: u64,
    ) {
        Self::count_handoff(&mut st, t, Some(next), logged);
        let wake = self.give(&mut st, Some(next));
        self.wait_turn(st, t, wake);
    }

    /// Names the next runner; returns how to wake exactly that thread (no thundering herd:
    /// the others stay asleep). Wake it after unlocking the state, or it would wake only to
    /// wait for the lock (on one CPU: preempt the giver, then yield back to it).
    #[must_use]
    fn give(&self, st: &mut DState, next: Option<ThreadId>) -> Option<std::thread::Thread> {
        st.running = next;
        self.turn
            .store(next.map_or(0, ThreadId::get), Ordering::Release);
        next.and_then(|n| st.parked.get(&n).cloned())
    }

    /// Waits until the baton is `t`'s. Spins a little first when there is a spare core for
    /// it (the hand-off back often comes within microseconds, and a sleep and a wake-up cost
    /// more than that); with more waiters than spare cores, spinning would only slow the
    /// runner down, so they sleep at once.
    /// `wake` is the thread just given the baton, woken once the state is unlocked.
    fn wait_turn<'a>(
        &'a self,
        mut st: parking_lot::MutexGuard<'a, DState>,
        t: ThreadId,
        wake: Option<std::thread::Thread>,
    ) {
        st.parked.entry(t).or_insert_with(std::thread::current);
        drop(st);
        if let Some(h) = wake {
            h.unpark();
        }
        // `turn` and `aborted` are stored under the lock with the state they stand for.
        while self.turn.load(Ordering::Acquire) != t.get() && !self.aborted.load(Ordering::Acquire)
        {
            let waiters = self.waiting.fetch_add(1, Ordering::Relaxed) + 1;
            let budget = if waiters < self.cores { SPINS } else { 0 };
            let mut spins = 0;
            while self.turn.load(Ordering::Acquire) != t.get()
                && !self.aborted.load(Ordering::Acquire)
                && spins < budget
            {
                std::hint::spin_loop();
                spins += 1;
            }
            self.waiting.fetch_sub(1, Ordering::Relaxed);
            if self.turn.load(Ordering::Acquire) != t.get() && !self.aborted.load(Ordering::Acquire)
            {
                // A wake-up given before this park is kept (park tokens), so none is lost.
                std::thread::park();
            }
        }
    }

    /// Counts a hand-off from `t` to `next`, and logs it, at `steps` of `t`, when there is a
    /// next thread.
    ///
    /// A thread that passes the baton on without having run an instruction since it got it
    /// (the person chose another at once) is left out of the log: the hand-off to it goes
    /// to the next thread instead (or is dropped, when it comes back), which is the same run
    /// in a form a replay can make.
    fn count_handoff(st: &mut DState, t: ThreadId, next: Option<ThreadId>, steps: u64) {
        st.handoffs += 1;
        let Some(to) = next.filter(|_| st.log) else {
            return;
        };
        let idle = st.made.last().is_some_and(|last| last.to == t)
            && st.last_logged.get(&t) == Some(&steps);
        st.last_logged.insert(t, steps);
        if idle && let Some(last) = st.made.last_mut() {
            if last.from == to {
                st.made.pop();
            } else {
                last.to = to;
            }
            return;
        }
        st.made.push(Handoff { from: t, steps, to });
    }

    fn note_steps(st: &mut DState, t: ThreadId, at: &At) {
        st.steps.insert(t, at.steps);
    }

    /// The running thread would block on a lock (or a join, a condition): it gives the baton
    /// away until a release wakes it or `timeout` (virtual) passes. Returns false on timeout.
    pub fn block(
        &self,
        t: ThreadId,
        what: Blocking,
        timeout: Option<Duration>,
        at: &At,
    ) -> Result<bool, Aborted> {
        if self.frozen.load(Ordering::Acquire) {
            return Err(Aborted);
        }
        if let Some(r) = &self.recorder {
            r.drop_(t, DropReason::Blocking(what), at);
        }
        let mut st = self.st.lock();
        if st.aborted {
            return Err(Aborted);
        }
        Self::note_steps(&mut st, t, at);
        let deadline = timeout.map(|d| st.now() + d.as_nanos() as u64);
        st.threads.insert(
            t,
            TState::Blocked {
                what,
                deadline,
                timed_out: false,
                // `at` already names the program's own line, not threading.py's.
                site: at.site.clone(),
            },
        );
        let next = self.choose(&mut st, t, at, false);
        if st.aborted {
            return Err(Aborted);
        }
        let Some(next) = next else {
            // Cannot happen: `t` itself is blocked, so `choose` either found someone or
            // reported a deadlock.
            self.fail(EXIT_DEADLOCK, "gilvm: deadlock: no thread can run");
        };
        if next != t {
            self.hand_over(st, t, next);
            st = self.st.lock();
            if st.aborted {
                return Err(Aborted);
            }
        }
        let timed_out = matches!(
            st.threads.get(&t),
            Some(TState::Blocked {
                timed_out: true,
                ..
            })
        );
        st.threads.insert(t, TState::Runnable);
        // Back to itself: nobody to wake.
        let _ = self.give(&mut st, Some(t));
        drop(st);
        if let Some(r) = &self.recorder {
            r.take(t, at);
        }
        Ok(!timed_out)
    }

    /// `time.sleep(d)` on virtual time.
    pub fn sleep(&self, t: ThreadId, d: Duration, at: &At) -> Result<(), Aborted> {
        if self.frozen.load(Ordering::Acquire) {
            return Err(Aborted);
        }
        if let Some(r) = &self.recorder {
            r.drop_(t, DropReason::Blocking(Blocking::Sleep), at);
        }
        let mut st = self.st.lock();
        if st.aborted {
            return Err(Aborted);
        }
        Self::note_steps(&mut st, t, at);
        let wake = st.now() + d.as_nanos() as u64;
        st.threads.insert(t, TState::Sleeping { wake });
        let next = self.choose(&mut st, t, at, false);
        if st.aborted {
            return Err(Aborted);
        }
        let next =
            next.unwrap_or_else(|| self.fail(EXIT_DEADLOCK, "gilvm: deadlock: no thread can run"));
        if next != t {
            self.hand_over(st, t, next);
            st = self.st.lock();
            if st.aborted {
                return Err(Aborted);
            }
        }
        st.threads.insert(t, TState::Runnable);
        drop(st);
        if let Some(r) = &self.recorder {
            r.take(t, at);
        }
        Ok(())
    }

    /// A lock was released or a thread ended: every blocked thread may retry.
    pub fn wake_blocked(&self) {
        let mut st = self.st.lock();
        let woken = st.unblock_all();
        let steps = st.steps.clone();
        drop(st);
        self.record_want(&woken, &steps);
    }
}

/// CPUs this process may run on (asked once: the answer comes from reading files).
fn cores() -> u32 {
    static CORES: OnceLock<u32> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get() as u32))
}

/// The first of `ids` (in id order) after `t`, wrapping around to the first.
fn next_after(ids: &[ThreadId], t: ThreadId) -> Option<ThreadId> {
    ids.iter()
        .copied()
        .find(|u| *u > t)
        .or_else(|| ids.first().copied())
}

impl dyn Scheduler {
    /// The deterministic scheduler, when this is one (blocking calls, the stepper and
    /// `explore` use its extra interface).
    pub fn deterministic(&self) -> Option<&Deterministic> {
        (self as &dyn std::any::Any).downcast_ref()
    }
}

impl Scheduler for Deterministic {
    fn gil_enabled(&self) -> bool {
        self.gil
    }

    fn acquire(&self, t: ThreadId, at: &At) {
        let mut st = self.st.lock();
        if st.aborted {
            return;
        }
        if st.running == Some(t) {
            // Back from a blocking call that kept the baton — or a new thread that was
            // handed the baton before its OS thread got here.
            if st.started.insert(t) {
                drop(st);
                if let Some(r) = &self.recorder {
                    r.want(t, at);
                    r.take(t, at);
                }
            }
            return;
        }
        st.started.insert(t);
        st.threads.entry(t).or_insert(TState::Runnable);
        if st.running.is_none() {
            // Given to itself: nobody to wake.
            let _ = self.give(&mut st, Some(t));
            drop(st);
            if let Some(r) = &self.recorder {
                r.want(t, at);
                r.take(t, at);
            }
            return;
        }
        self.wait_turn(st, t, None);
        if let Some(r) = &self.recorder {
            r.take(t, at);
        }
    }

    fn release(&self, t: ThreadId, why: DropReason, at: &At) {
        match why {
            DropReason::Exit => {
                if let Some(r) = &self.recorder {
                    r.drop_(t, why, at);
                }
                let mut st = self.st.lock();
                Self::note_steps(&mut st, t, at);
                st.threads.insert(t, TState::Done);
                if st.aborted {
                    return;
                }
                if t == ThreadId::MAIN && matches!(self.policy, Policy::Explore(_)) {
                    // The program has ended: daemon threads die with it.
                    self.abort(&mut st);
                    return;
                }
                // A finished thread may be what others wait for (join).
                let woken = st.unblock_all();
                self.record_want(&woken, &st.steps);
                let next = self.choose(&mut st, t, at, false);
                let logged = st.steps.get(&t).copied().unwrap_or(0);
                Self::count_handoff(&mut st, t, next, logged);
                st.parked.remove(&t);
                let wake = self.give(&mut st, next);
                drop(st);
                if let Some(h) = wake {
                    h.unpark();
                }
            }
            DropReason::Blocking(_) => {
                // Writes, native code and process waits keep the baton; only a replayed
                // schedule can ask for a hand-off here (it was recorded in a timed run).
                let Policy::Replay(s) = &self.policy else {
                    return;
                };
                let mut st = self.st.lock();
                Self::note_steps(&mut st, t, at);
                let Some(h) = s.handoffs.get(st.replay_pos) else {
                    return;
                };
                if self.resolve(&st, h.from) != Some(t) || h.steps != at.steps {
                    return;
                }
                let Some(Ok(h)) = self.replayed(&st, st.replay_pos) else {
                    return;
                };
                st.replay_pos += 1;
                if h.to != t && st.is_candidate(h.to) {
                    drop(st);
                    if let Some(r) = &self.recorder {
                        r.drop_(t, why, at);
                        r.want(t, at);
                    }
                    let st = self.st.lock();
                    self.hand_over(st, t, h.to);
                    if let Some(r) = &self.recorder {
                        r.take(t, at);
                    }
                }
            }
            _ => {}
        }
    }

    fn switch_point(&self, t: ThreadId, at: &At) {
        let mut st = self.st.lock();
        if st.aborted {
            return;
        }
        Self::note_steps(&mut st, t, at);
        let Some(next) = self.choose(&mut st, t, at, true) else {
            return;
        };
        if next == t {
            return;
        }
        st.preemptions += 1;
        drop(st);
        let reason = match self.policy {
            Policy::Replay(_) => DropReason::Replayed,
            _ => DropReason::Scheduled,
        };
        if let Some(r) = &self.recorder {
            r.drop_(t, reason, at);
            r.want(t, at);
        }
        let st = self.st.lock();
        self.hand_over(st, t, next);
        if let Some(r) = &self.recorder {
            r.take(t, at);
        }
    }

    fn holder(&self) -> Option<ThreadId> {
        self.st.lock().running
    }

    fn switches(&self) -> u64 {
        self.st.lock().handoffs
    }

    fn spawned(&self, t: ThreadId) {
        self.st.lock().threads.insert(t, TState::Runnable);
        if let Policy::Explore(g) = &self.policy
            && let Some(run) = &mut g.lock().dpor
        {
            run.spawned(t);
        }
    }

    fn aborted(&self) -> bool {
        self.aborted.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_quanta_repeat() {
        let a = Deterministic::new(Policy::Seeded { seed: 7, mean: 10 }, true, None);
        let b = Deterministic::new(Policy::Seeded { seed: 7, mean: 10 }, true, None);
        let qa: Vec<_> = (0..20).map(|_| a.quantum(ThreadId(1))).collect();
        let qb: Vec<_> = (0..20).map(|_| b.quantum(ThreadId(1))).collect();
        assert_eq!(qa, qb);
        assert!(qa.iter().all(|q| matches!(q, Some(1..=20))));
    }
}
