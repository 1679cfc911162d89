//! The race, explore and timeline views' data: `GET /api/race` (server-sent events),
//! `POST /api/explore` and `POST /api/timeline` (the JSON API in the module docs of
//! `mod.rs`).
//!
//! # Race
//! N runs in this process, one after the other on one worker thread (with the interpreter's
//! stack), each under the deterministic scheduler with `Policy::Seeded` and the mean quantum
//! `gilvm --schedule-seed` uses (100 instructions under a GIL, 3 free-threaded), so run i with
//! seed S + i is the run `gilvm --schedule-seed S+i FILE` makes. Outcomes are grouped as
//! `gilvm race` groups them ([`race::Outcome`]: stdout, and on failure the exit status and the
//! last line of stderr); a run cut by `--max-steps` or `--timeout` is an outcome of its own
//! whatever it printed. Each group keeps the hand-offs its first run made
//! (`Deterministic::made`), which replay that run in the step view. A client that goes away
//! stops the runs: the run in progress is aborted at its next instruction, and no more start.
//!
//! # Explore
//! `explore::search` with partial-order reduction (every outcome, no preemption bound),
//! limited by the page's `max_schedules` (20,000 at most) and the server's `--timeout` (10 s
//! when none); each outcome's schedule is then shrunk with `explore::minimize` (the fewest
//! preemptions that give it), as `explore --first` prints it, while time is left.
//!
//! # Timeline
//! A real timed run in this process: OS threads, the real GIL (or none, free-threaded) with
//! the switch interval asked for, every hand-off recorded by the trace module's `Recorder`,
//! the lanes derived by `trace::stats::spans` as `--timeline` derives them. Output is
//! captured. `--timeout` is enforced by a timer thread that calls `Interpreter::stop`: every
//! thread ends at its next switch point, and sleeps and lock waits end early; daemon threads
//! still running when the program ends are stopped the same way. In-process rather than a
//! child process because the recorder's log is what the view needs (a child would have to
//! write a Chrome trace to a file to be parsed back), the program may be an edit that exists
//! only in memory, and the same interpreter already runs every step, race and explore run of
//! the server. Like every run of the server's, it is sandboxed (`Config::sandboxed`: no
//! environment, no working directory, stdin at its end, so `input()` cannot wait). What a
//! timer cannot stop is one native call that runs for long (a huge integer power): such a
//! run is answered with an error after `--timeout` plus four seconds, and its thread is left
//! to finish on its own, as it would be for any other view.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use indexmap::IndexMap;
use parking_lot::Mutex;
use serde::Deserialize;
use tokio_stream::StreamExt;

use super::engine::{self, Limits, Regime};
use super::{App, blocking, fail};
use crate::threads::deterministic::{EXIT_DEADLOCK, Policy, Schedule};
use crate::threads::scheduler::Scheduler;
use crate::threads::{DropReason, EventSink, ThreadId};
use crate::tools::explore::{self, End, Program};
use crate::tools::race;
use crate::tools::trace::stats::{self, State as SpanState};
use crate::tools::trace::{EventKind, Recorder, Trace};
use crate::vm::object::PyResult;
use crate::vm::object::exceptions as exc;
use crate::vm::observe::{Before, Observer};
use crate::vm::{Config, Interpreter, THREAD_STACK_SIZE, Vm};

/// Runs of one race when the page asks for none, and the most it may ask for.
pub const DEFAULT_RUNS: u64 = 200;
pub const MAX_RUNS: u64 = 10_000;
/// Seeds each group of the race lists.
const GROUP_SEEDS: usize = 10;
/// Schedules of one exploration when the page asks for none, and the most it may ask for.
pub const DEFAULT_SCHEDULES: u64 = 20_000;
/// The exploration's time when the server has no `--timeout`.
const EXPLORE_TIME: Duration = Duration::from_secs(10);
/// How long a timed run's threads get to end after the timeout before the answer goes out.
const GRACE: Duration = Duration::from_secs(2);

/// The mean quantum of a seeded run, as `gilvm --schedule-seed` draws it: under a GIL a
/// preemption only lands at a switch point, so longer quanta; free-threaded, threads
/// interleave single instructions.
pub fn seeded(regime: Regime, seed: u64) -> Policy {
    Policy::Seeded {
        seed,
        mean: if regime.gil() { 100 } else { 3 },
    }
}

/// `program` as the runs of `regime` need it (where switches fall, whether there is a GIL).
pub fn in_regime(program: &Program, regime: Regime) -> Program {
    Program {
        src: program.src.clone(),
        code: program.code.clone(),
        argv: program.argv.clone(),
        gil: regime.gil(),
        every_switch_point: regime != Regime::Gil,
        switch_interval_us: program.switch_interval_us,
        sandboxed: program.sandboxed,
        sys_path0: program.sys_path0.clone(),
    }
}

// ---- race ---------------------------------------------------------------------------------

/// One seeded run of the race.
#[derive(Debug, Clone)]
pub struct RaceRun {
    /// As `gilvm race` keys it.
    pub outcome: race::Outcome,
    /// `ok`, `error`, `deadlock` or `cut`.
    pub kind: &'static str,
    /// The hand-offs the run made: replayed, they make the same run.
    pub schedule: Schedule,
}

impl RaceRun {
    /// The group key: the outcome as text (a cut run: why it was cut).
    pub fn key(&self) -> String {
        key_text(&self.outcome)
    }
}

fn key_text(o: &race::Outcome) -> String {
    match o.cut {
        Some("--max-steps") => "cut: step limit\n".to_string(),
        Some(_) => "cut: timeout\n".to_string(),
        None => o.text(),
    }
}

/// Watches a race run: keeps the run's scheduler (for the hand-offs it made) and ends the
/// run when it is past its deadline or nobody waits for it any more.
struct Watch {
    sched: Mutex<Option<Arc<dyn Scheduler>>>,
    deadline: Instant,
    max_steps: u64,
    count: AtomicU64,
    /// Cut by the step budget.
    too_long: AtomicBool,
    /// Cut by the deadline, or nobody waits for the run any more.
    timed_out: AtomicBool,
    cancelled: Arc<dyn Fn() -> bool + Send + Sync>,
}

impl Observer for Watch {
    fn before_instruction(&self, vm: &mut Vm, _at: Before<'_>) -> PyResult<()> {
        let n = self.count.fetch_add(1, Ordering::Relaxed);
        if n == 0 {
            *self.sched.lock() = Some(vm.interp.sched.clone());
        }
        let too_long = n >= self.max_steps;
        if too_long
            || n.is_multiple_of(1024) && (Instant::now() > self.deadline || (self.cancelled)())
        {
            let flag = if too_long {
                &self.too_long
            } else {
                &self.timed_out
            };
            flag.store(true, Ordering::Relaxed);
            if let Some(d) = vm.interp.sched.deterministic() {
                d.abort_run();
            }
            return Err(exc::run_aborted());
        }
        Ok(())
    }
}

/// Takes no notice of hand-offs.
struct NoEvents;

impl EventSink for NoEvents {
    fn set_name(&self, _: ThreadId, _: &str) {}
    fn want(&self, _: ThreadId, _: &crate::threads::At) {}
    fn request(&self, _: ThreadId, _: Option<ThreadId>) {}
    fn take(&self, _: ThreadId, _: &crate::threads::At) {}
    fn drop_(&self, _: ThreadId, _: DropReason, _: &crate::threads::At) {}
    fn task(&self, _: ThreadId, _: Option<&str>, _: &crate::threads::At) {}
}

/// One run of the race with `seed`, on this thread (which must have [`THREAD_STACK_SIZE`]
/// of stack). `cancelled` is asked now and then: true aborts the run (it is then reported
/// as cut by the timeout).
pub fn race_run(
    program: &Program,
    regime: Regime,
    seed: u64,
    limits: Limits,
    cancelled: Arc<dyn Fn() -> bool + Send + Sync>,
) -> RaceRun {
    let watch = Arc::new(Watch {
        sched: Mutex::new(None),
        deadline: Instant::now() + limits.timeout,
        max_steps: limits.max_steps,
        count: AtomicU64::new(0),
        too_long: AtomicBool::new(false),
        timed_out: AtomicBool::new(false),
        cancelled,
    });
    let out = engine::run_program(
        program,
        regime,
        seeded(regime, seed),
        watch.clone(),
        Arc::new(NoEvents),
        limits,
    );
    let schedule = watch
        .sched
        .lock()
        .take()
        .and_then(|s| s.deterministic().map(|d| d.made()))
        .unwrap_or_default();
    let cut = if watch.timed_out.load(Ordering::Relaxed) {
        Some("--timeout")
    } else if out.end == End::StepLimit || watch.too_long.load(Ordering::Relaxed) {
        Some("--max-steps")
    } else {
        None
    };
    let last_line = |text: &str| {
        text.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim_end().to_string())
    };
    let (outcome, kind) = match (&out.end, cut) {
        (_, Some(flag)) => (
            race::Outcome {
                stdout: String::new(),
                exit_status: 124,
                stderr_last: None,
                cut: Some(flag),
            },
            "cut",
        ),
        (End::Deadlock(m), None) => (
            race::Outcome {
                stdout: out.stdout.clone(),
                exit_status: EXIT_DEADLOCK,
                stderr_last: last_line(m),
                cut: None,
            },
            "deadlock",
        ),
        (End::Exit(s), None) => (
            race::Outcome {
                stdout: out.stdout.clone(),
                exit_status: i32::from(*s),
                stderr_last: if *s == 0 {
                    None
                } else {
                    last_line(&out.stderr)
                },
                cut: None,
            },
            if *s == 0 { "ok" } else { "error" },
        ),
        (End::Mismatch(m), None) => (
            race::Outcome {
                stdout: out.stdout.clone(),
                exit_status: 1,
                stderr_last: last_line(m),
                cut: None,
            },
            "error",
        ),
        (End::StepLimit | End::Redundant, None) => unreachable!("cut above"),
    };
    RaceRun {
        outcome,
        kind,
        schedule,
    }
}

/// The race's histogram as it fills: one entry per outcome, in the order first seen.
#[derive(Default)]
pub struct Tally {
    groups: IndexMap<race::Outcome, Group>,
    pub runs: u64,
}

struct Group {
    kind: &'static str,
    count: u64,
    seeds: Vec<u64>,
    schedule: Schedule,
}

impl Tally {
    pub fn add(&mut self, seed: u64, run: RaceRun) {
        self.runs += 1;
        let g = self.groups.entry(run.outcome).or_insert_with(|| Group {
            kind: run.kind,
            count: 0,
            seeds: Vec::new(),
            schedule: run.schedule,
        });
        g.count += 1;
        if g.seeds.len() < GROUP_SEEDS {
            g.seeds.push(seed);
        }
    }

    /// The groups, most frequent first (ties: first seen first), as `done` sends them.
    pub fn groups_json(&self) -> Vec<serde_json::Value> {
        let mut v: Vec<(&race::Outcome, &Group)> = self.groups.iter().collect();
        v.sort_by_key(|(_, g)| std::cmp::Reverse(g.count));
        v.into_iter()
            .map(|(o, g)| {
                serde_json::json!({
                    "key": key_text(o),
                    "stdout": o.stdout,
                    "stderr": o.stderr_last,
                    "kind": g.kind,
                    "count": g.count,
                    "seeds": g.seeds,
                    "schedule": g.schedule.to_line(),
                })
            })
            .collect()
    }
}

#[derive(Deserialize)]
pub struct RaceQuery {
    regime: Option<String>,
    runs: Option<u64>,
    seed: Option<u64>,
}

fn sse(name: &str, data: &serde_json::Value) -> Event {
    Event::default().event(name).data(data.to_string())
}

/// `GET /api/race?regime=R&runs=N&seed=S`: the runs as server-sent events.
pub async fn race(State(app): State<Arc<App>>, Query(q): Query<RaceQuery>) -> Response {
    let regime = match q.regime.as_deref().map(Regime::parse) {
        None => app.regime,
        Some(Ok(r)) => r,
        Some(Err(e)) => return fail(StatusCode::BAD_REQUEST, e),
    };
    let runs = q.runs.unwrap_or(DEFAULT_RUNS).clamp(1, MAX_RUNS);
    let first = q.seed.unwrap_or(1);
    let program = Arc::new(in_regime(&app.program(), regime));
    let limits = app.limits;
    let (tx, rx) = tokio::sync::mpsc::channel::<Event>(64);
    tokio::spawn(async move {
        // One of the server's runs at once; the worker thread holds the permit.
        let Ok(_permit) = app.runs.acquire().await else {
            return;
        };
        let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
        let worker = std::thread::Builder::new()
            .name("gilvm-web-race".into())
            .stack_size(THREAD_STACK_SIZE)
            .spawn(move || {
                race_worker(&program, regime, runs, first, limits, &tx);
                let _ = done_tx.send(());
            });
        if worker.is_ok() {
            let _ = done_rx.await;
        }
    });
    let stream = tokio_stream::wrappers::ReceiverStream::new(rx).map(Ok::<_, Infallible>);
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// The race's runs, one after the other, each reported to `tx`; then the histogram. Stops
/// when `tx` is closed (the page went away).
fn race_worker(
    program: &Program,
    regime: Regime,
    runs: u64,
    first: u64,
    limits: Limits,
    tx: &tokio::sync::mpsc::Sender<Event>,
) {
    let watcher = tx.clone();
    let cancelled: Arc<dyn Fn() -> bool + Send + Sync> = Arc::new(move || watcher.is_closed());
    let done = race_all(program, regime, runs, first, limits, cancelled, |ev| {
        tx.blocking_send(sse("run", ev)).is_ok()
    });
    if let Some(done) = done {
        let _ = tx.blocking_send(sse("done", &done));
    }
}

/// `runs` race runs with seeds `first`, `first + 1`, …, on this thread (which must have
/// [`THREAD_STACK_SIZE`]): each run's event goes to `on_run` (false: stop), and the answer is
/// the histogram (`done`'s payload), or `None` when stopped.
pub fn race_all(
    program: &Program,
    regime: Regime,
    runs: u64,
    first: u64,
    limits: Limits,
    cancelled: Arc<dyn Fn() -> bool + Send + Sync>,
    mut on_run: impl FnMut(&serde_json::Value) -> bool,
) -> Option<serde_json::Value> {
    let started = Instant::now();
    let mut tally = Tally::default();
    for index in 0..runs {
        if cancelled() {
            return None;
        }
        let seed = first.wrapping_add(index);
        let run = race_run(program, regime, seed, limits, cancelled.clone());
        if cancelled() {
            return None;
        }
        let ev = serde_json::json!({
            "index": index,
            "seed": seed,
            "key": run.key(),
            "outcome": { "stdout": run.outcome.stdout, "kind": run.kind },
        });
        tally.add(seed, run);
        if !on_run(&ev) {
            return None;
        }
    }
    Some(serde_json::json!({
        "groups": tally.groups_json(),
        "runs": tally.runs,
        "seconds": started.elapsed().as_secs_f64(),
    }))
}

// ---- explore ------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct ExploreRequest {
    #[serde(default)]
    regime: Option<Regime>,
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default)]
    max_schedules: Option<u64>,
}

/// A one-word kind of an explored outcome.
fn kind(end: &End) -> &'static str {
    match end {
        End::Exit(0) => "ok",
        End::Exit(_) => "error",
        End::Deadlock(_) => "deadlock",
        End::StepLimit => "cut",
        End::Mismatch(_) => "mismatch",
        End::Redundant => "redundant",
    }
}

/// Every outcome of `program` in `regime` and the shortest schedule of each, as
/// `POST /api/explore` answers (on this thread, which must have [`THREAD_STACK_SIZE`]).
pub fn explore(
    program: &Program,
    regime: Regime,
    expect: &[String],
    max_schedules: u64,
    time: Duration,
    max_steps: u64,
) -> serde_json::Value {
    let prog = in_regime(program, regime);
    let started = Instant::now();
    let limits = explore::Limits {
        dpor: true,
        pct: None,
        preemptions: u32::MAX,
        max_schedules: Some(max_schedules),
        // A quarter of the time is kept for shrinking the schedules found.
        time_limit: Some(time.mul_f64(0.75)),
        max_steps,
        jobs: 1,
        interrupt: None,
    };
    let report = explore::search(&prog, &limits, &|_| false, &|_, _| {});
    let mut minimized = 0;
    let outcomes: Vec<serde_json::Value> = report
        .found
        .iter()
        .map(|f| {
            let left = time.saturating_sub(started.elapsed());
            let mut schedule = f.schedule.clone();
            if !left.is_zero() {
                let plain = explore::Limits {
                    dpor: false,
                    preemptions: 0,
                    time_limit: Some(left),
                    ..limits.clone()
                };
                if let Ok(m) = explore::minimize(&prog, &f.schedule, &plain, &|_, _| {})
                    && m.outcome == f.outcome
                {
                    schedule = m.schedule;
                    minimized += 1;
                }
            }
            let mut stdout = f.outcome.stdout.clone();
            if let End::Deadlock(m) = &f.outcome.end {
                stdout.push_str(m.trim_start_matches("gilvm: "));
            }
            serde_json::json!({
                "stdout": stdout,
                "stderr": f.outcome.stderr,
                "kind": kind(&f.outcome.end),
                "count": f.count,
                "expected": (!expect.is_empty()).then(|| f.outcome.accepted_by(expect)),
                "schedule": schedule.to_line(),
            })
        })
        .collect();
    let n = report.found.len();
    let forbidden = report
        .found
        .iter()
        .filter(|f| !expect.is_empty() && !f.outcome.accepted_by(expect))
        .count();
    let secs = started.elapsed().as_secs_f64();
    let how = match report.cut {
        None if report.complete => "complete: every outcome".to_string(),
        Some("--max-schedules") => "cut by the schedule limit: more schedules remain".to_string(),
        Some("--time-limit") => "cut by the time limit: more schedules remain".to_string(),
        Some(why) => format!("cut by {why}"),
        None => "stopped".to_string(),
    };
    let plural = crate::tools::cli::plural;
    let mut summary = format!(
        "{} schedule{} in {secs:.2} s (partial-order reduction, {}): {how}. {n} distinct \
         outcome{}",
        report.schedules,
        plural(report.schedules),
        if regime.gil() { "GIL" } else { "free-threaded" },
        plural(n as u64),
    );
    if !expect.is_empty() {
        summary.push_str(&format!(", {forbidden} forbidden"));
    }
    summary.push('.');
    if minimized < n {
        summary.push_str(&format!(
            " {} of {n} schedules shrunk to the fewest preemptions (the time ran out).",
            minimized
        ));
    }
    if report.diverged > 0 {
        summary.push_str(&format!(
            " Warning: {} run{} did not follow their schedule (does the program read the \
             clock or unseeded random numbers?); outcomes may be missing.",
            report.diverged,
            plural(report.diverged)
        ));
    }
    serde_json::json!({
        "outcomes": outcomes,
        "schedules": report.schedules,
        "complete": report.complete,
        "seconds": secs,
        "summary": summary,
    })
}

/// `POST /api/explore`.
pub async fn explore_view(
    State(app): State<Arc<App>>,
    Json(req): Json<ExploreRequest>,
) -> Response {
    let regime = req.regime.unwrap_or(app.regime);
    let max = req
        .max_schedules
        .unwrap_or(DEFAULT_SCHEDULES)
        .clamp(1, DEFAULT_SCHEDULES);
    let time = if app.limits.timeout.is_zero() {
        EXPLORE_TIME
    } else {
        app.limits.timeout
    };
    let program = app.program();
    let max_steps = app.limits.max_steps;
    let expect = req.expect;
    let work = move || {
        on_interpreter_thread(move || explore(&program, regime, &expect, max, time, max_steps))
    };
    match blocking(&app, work).await {
        Ok(Ok(v)) => Json(v).into_response(),
        Ok(Err(e)) => fail(StatusCode::INTERNAL_SERVER_ERROR, e),
        Err(r) => r,
    }
}

/// Runs `f` on a thread of its own with the interpreter's stack, and waits for it.
fn on_interpreter_thread<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    std::thread::Builder::new()
        .name("gilvm-web-run".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(f)
        .map_err(|e| format!("cannot start a run: {e}"))?
        .join()
        .map_err(|_| "internal error: the run failed".to_string())
}

// ---- timeline -----------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct TimelineRequest {
    #[serde(default)]
    regime: Option<Regime>,
    #[serde(default)]
    switch_interval_us: Option<u64>,
}

/// What a timed run left: its log, output and exit status.
pub struct Timed {
    pub trace: Trace,
    pub stdout: String,
    pub stderr: String,
    pub exit_status: u8,
    /// Why the run was stopped early (the timeout, the step budget), if it was.
    pub stopped: Option<String>,
}

/// Exit status of a run stopped by `--max-steps` or `--timeout` (as `gilvm` exits).
const EXIT_STOPPED: u8 = 124;

/// One real timed run of `program` in `regime` (a GIL switching every `interval_us`, or
/// free-threaded), recorded; on this thread, which must have [`THREAD_STACK_SIZE`].
pub fn timed_run(program: &Program, regime: Regime, interval_us: u64, limits: Limits) -> Timed {
    let recorder = Arc::new(Recorder::new(crate::tools::trace::Options {
        live: false,
        step_clock: false,
        gil: regime.gil(),
        instructions: false,
    }));
    let interp = Interpreter::new(Config {
        argv: program.argv.clone(),
        gil: regime.gil(),
        switch_interval_us: interval_us.max(1),
        every_switch_point: regime != Regime::Gil,
        events: Some(recorder.clone() as Arc<dyn EventSink>),
        capture_output: true,
        contained: true,
        sandboxed: program.sandboxed,
        max_steps: limits.max_steps,
        ..Config::default()
    });
    interp.add_source(program.src.clone());
    // The timeout: every thread is asked to stop at its next switch point.
    let (done, timer_rx) = std::sync::mpsc::channel::<()>();
    let weak = Arc::downgrade(&interp);
    let timeout = limits.timeout;
    let timer = std::thread::Builder::new()
        .name("gilvm-web-timeout".into())
        .spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = timer_rx.recv_timeout(timeout)
                && let Some(interp) = weak.upgrade()
            {
                interp.stop(format!(
                    "stopped after {:.3} s (--timeout)",
                    timeout.as_secs_f64()
                ));
            }
        })
        .ok();
    let mut vm = Vm::new(interp.clone(), THREAD_STACK_SIZE);
    vm.sched_acquire();
    let mut status = match vm.run_loaded_module(program.code.clone(), "__main__") {
        Ok(_) => 0,
        Err(e) if e.is_run_aborted() && interp.exited().is_some() => {
            crate::vm::exit_status(&mut vm, &e)
        }
        Err(e) if e.is_run_aborted() && interp.waits.deadlocked() => {
            interp.waits.unwound(vm.tid, &e.traceback_frames());
            0
        }
        Err(e) if e.is_run_aborted() && interp.stop_reason().is_some() => EXIT_STOPPED,
        Err(e) => crate::vm::exit_status(&mut vm, &e),
    };
    if !interp.waits.deadlocked() && interp.stop_reason().is_none() {
        vm.shutdown_threads();
        if interp.stop_reason().is_some() {
            status = EXIT_STOPPED;
        }
    }
    // `os._exit(n)` from another thread while the main thread ran or waited.
    if let Some(n) = interp.exited() {
        status = n;
    }
    let stopped = interp.stop_reason().filter(|_| interp.exited().is_none());
    if let Some(report) = vm.deadlock_report() {
        interp.write_stderr(&format!("{report}\n"));
        status = EXIT_DEADLOCK as u8;
    }
    interp.flush_stdout();
    vm.sched_exit();
    drop(vm);
    // Daemon threads die with the program: stop whatever still runs, and wait for it (a
    // thread stuck in a native call is left behind after the grace period).
    if stopped.is_none() {
        interp.stop("the program has ended".to_string());
    }
    interp.wait_exiting_threads(GRACE);
    let _ = done.send(());
    if let Some(t) = timer {
        let _ = t.join();
    }
    if let Some(why) = &stopped {
        interp.write_stderr(&format!("gilvm: {why}\n"));
    }
    Timed {
        trace: recorder.finish(),
        stdout: interp.take_output(),
        stderr: interp.take_stderr(),
        exit_status: status,
        stopped,
    }
}

/// The timeline view's JSON of a recorded timed run.
pub fn timeline_json(t: &Timed) -> serde_json::Value {
    let trace = &t.trace;
    let threads: Vec<serde_json::Value> = stats::threads(trace)
        .into_iter()
        .map(|id| serde_json::json!({ "id": id, "name": trace.name(id) }))
        .collect();
    let spans: Vec<serde_json::Value> = stats::spans(trace)
        .into_iter()
        .map(|s| {
            let (state, why) = match s.state {
                SpanState::Run => (
                    if trace.gil { "holds" } else { "runs" },
                    match (s.reason, &s.site) {
                        (Some(r), Some(site)) => {
                            format!("until {}, at {}", r.describe(), site.describe())
                        }
                        (Some(r), None) => format!("until {}", r.describe()),
                        (None, _) => String::new(),
                    },
                ),
                SpanState::Wait => ("waits", String::new()),
                SpanState::Blocked(r) => ("blocked", r.describe().to_string()),
            };
            serde_json::json!({
                "thread": s.thread,
                "state": state,
                "start_ns": s.start,
                "end_ns": s.end,
                "why": why,
            })
        })
        .collect();
    serde_json::json!({
        "threads": threads,
        "spans": spans,
        "handoffs": handoffs(trace),
        "duration_ns": trace.end,
        "output": t.stdout,
        "stderr": t.stderr,
        "exit_status": t.exit_status,
        "stopped": t.stopped,
    })
}

/// Under a GIL: each drop followed by another thread's take is a hand-off, at the take, for
/// the reason of the drop. Free-threaded nobody hands anything over.
fn handoffs(trace: &Trace) -> Vec<serde_json::Value> {
    if !trace.gil {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut pending: Option<(ThreadId, DropReason, Option<String>)> = None;
    let mut waiting: BTreeMap<ThreadId, u64> = BTreeMap::new();
    for e in &trace.events {
        match &e.kind {
            EventKind::Want => {
                waiting.insert(e.thread, e.clock);
            }
            EventKind::Drop { reason } => {
                pending = Some((e.thread, *reason, e.site.as_ref().map(|s| s.describe())));
            }
            EventKind::Take { waited } => {
                waiting.remove(&e.thread);
                if let Some((from, reason, site)) = pending.take()
                    && from != e.thread
                {
                    let mut why = reason.describe().to_string();
                    if let Some(site) = site {
                        why.push_str(&format!("; {} stopped at {site}", trace.name(from)));
                    }
                    why.push_str(&format!(
                        "; {} waited {}",
                        trace.name(e.thread),
                        trace.fmt_span(*waited)
                    ));
                    out.push(serde_json::json!({
                        "at_ns": e.clock,
                        "from": from,
                        "to": e.thread,
                        "reason": why,
                    }));
                }
            }
            EventKind::Request { .. } | EventKind::Task { .. } => {}
        }
    }
    out
}

/// `POST /api/timeline`.
pub async fn timeline(State(app): State<Arc<App>>, Json(req): Json<TimelineRequest>) -> Response {
    let regime = req.regime.unwrap_or(app.regime);
    let interval = req
        .switch_interval_us
        .unwrap_or(app.switch_interval_us)
        .clamp(1, 10_000_000);
    let program = app.program();
    let limits = app.limits;
    // The answer goes out after the timeout and the grace period at the latest, even if the
    // run's thread is stuck in a native call.
    let wait = limits.timeout + GRACE + GRACE;
    let work = move || {
        let (tx, rx) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new()
            .name("gilvm-web-timed".into())
            .stack_size(THREAD_STACK_SIZE)
            .spawn(move || {
                let t = timed_run(&program, regime, interval, limits);
                let _ = tx.send(timeline_json(&t));
            });
        match started {
            Err(e) => Err(format!("cannot start a run: {e}")),
            Ok(_) => rx.recv_timeout(wait).map_err(|_| {
                "the timed run did not end: a thread is stuck in one long call that cannot \
                 be interrupted"
                    .to_string()
            }),
        }
    };
    match blocking(&app, work).await {
        Ok(Ok(v)) => Json(v).into_response(),
        Ok(Err(e)) => fail(StatusCode::INTERNAL_SERVER_ERROR, e),
        Err(r) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MULTIPLY: &str = include_str!("../../../scripts/single_multiply.py");
    const BANK: &str = include_str!("../../../tests/step/bank.py");

    fn program(text: &str) -> Program {
        engine::compile("t.py", text, vec!["t.py".into()]).expect("compiles")
    }

    fn limits() -> Limits {
        Limits {
            max_steps: 200_000,
            timeout: Duration::from_secs(20),
        }
    }

    fn never() -> Arc<dyn Fn() -> bool + Send + Sync> {
        Arc::new(|| false)
    }

    fn on_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        on_interpreter_thread(f).expect("the run ends")
    }

    /// A race run's schedule, replayed in the step view to the end, prints what the run did.
    #[test]
    fn race_schedules_replay_to_the_same_output() {
        on_thread(|| {
            for (text, regime) in [
                (MULTIPLY, Regime::Free),
                (MULTIPLY, Regime::Gil),
                (BANK, Regime::GilEvery),
                (BANK, Regime::Free),
            ] {
                let p = in_regime(&program(text), regime);
                let mut outputs = std::collections::BTreeSet::new();
                for seed in 1..=12 {
                    let run = race_run(&p, regime, seed, limits(), never());
                    assert_eq!(run.kind, "ok", "{regime:?} seed {seed}: {:?}", run.outcome);
                    let pos = engine::Position {
                        regime,
                        replay: Some(run.schedule.to_line()),
                        actions: vec!["end".into()],
                    };
                    let (view, _) = engine::run(&p, &pos, limits(), false);
                    assert!(view.finished, "{regime:?} seed {seed}: {view:?}");
                    assert_eq!(view.output, run.outcome.stdout, "{regime:?} seed {seed}");
                    outputs.insert(run.outcome.stdout);
                }
                if regime == Regime::Free && text == MULTIPLY {
                    assert!(outputs.len() > 1, "free-threaded runs differ: {outputs:?}");
                }
            }
        });
    }

    /// The same seed makes the same run.
    #[test]
    fn a_seed_repeats_its_run() {
        on_thread(|| {
            let p = in_regime(&program(MULTIPLY), Regime::Free);
            let a = race_run(&p, Regime::Free, 7, limits(), never());
            let b = race_run(&p, Regime::Free, 7, limits(), never());
            assert_eq!(a.outcome, b.outcome);
            assert_eq!(a.schedule.to_line(), b.schedule.to_line());
        });
    }

    #[test]
    fn a_run_past_the_step_limit_is_cut() {
        on_thread(|| {
            let p = in_regime(&program("while True:\n    pass\n"), Regime::Gil);
            let l = Limits {
                max_steps: 5_000,
                timeout: Duration::from_secs(20),
            };
            let run = race_run(&p, Regime::Gil, 1, l, never());
            assert_eq!(run.kind, "cut");
            assert_eq!(run.key(), "cut: step limit\n");
            let l = Limits {
                max_steps: u64::MAX / 2,
                timeout: Duration::from_millis(50),
            };
            let run = race_run(&p, Regime::Gil, 1, l, never());
            assert_eq!(run.key(), "cut: timeout\n");
        });
    }

    #[test]
    fn a_cancelled_run_ends() {
        on_thread(|| {
            let p = in_regime(&program("while True:\n    pass\n"), Regime::Gil);
            let l = Limits {
                max_steps: u64::MAX / 2,
                timeout: Duration::from_secs(600),
            };
            let started = Instant::now();
            let run = race_run(&p, Regime::Gil, 1, l, Arc::new(|| true));
            assert_eq!(run.kind, "cut");
            assert!(started.elapsed() < Duration::from_secs(60));
        });
    }

    #[test]
    fn the_tally_groups_by_outcome_most_frequent_first() {
        on_thread(|| {
            let p = in_regime(&program(MULTIPLY), Regime::Free);
            let mut tally = Tally::default();
            for seed in 1..=40 {
                tally.add(seed, race_run(&p, Regime::Free, seed, limits(), never()));
            }
            let groups = tally.groups_json();
            let counts: Vec<u64> = groups
                .iter()
                .map(|g| g["count"].as_u64().unwrap())
                .collect();
            assert_eq!(counts.iter().sum::<u64>(), 40);
            assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
            for g in &groups {
                let seeds = g["seeds"].as_array().unwrap();
                assert!(!seeds.is_empty() && seeds.len() <= GROUP_SEEDS);
                assert!(g["schedule"].is_string());
            }
        });
    }

    #[test]
    fn explore_finds_the_lost_update_only_without_the_gil() {
        on_thread(|| {
            let p = program(MULTIPLY);
            let gil = explore(
                &p,
                Regime::Gil,
                &[],
                300,
                Duration::from_secs(20),
                1_000_000,
            );
            assert_eq!(gil["outcomes"].as_array().unwrap().len(), 1, "{gil}");
            assert!(gil["outcomes"][0]["expected"].is_null());
            let right = gil["outcomes"][0]["stdout"].as_str().unwrap();
            let expect = vec![right.lines().next().unwrap().to_string()];
            let free = explore(
                &p,
                Regime::Free,
                &expect,
                500,
                Duration::from_secs(20),
                1_000_000,
            );
            let outcomes = free["outcomes"].as_array().unwrap();
            assert!(outcomes.len() > 1, "{free}");
            assert!(outcomes.iter().any(|o| o["expected"] == false), "{free}");
            for o in outcomes {
                // The schedule replays to its outcome in the step view.
                let pos = engine::Position {
                    regime: Regime::Free,
                    replay: Some(o["schedule"].as_str().unwrap().to_string()),
                    actions: vec!["end".into()],
                };
                let (view, _) = engine::run(&in_regime(&p, Regime::Free), &pos, limits(), false);
                assert_eq!(view.output, o["stdout"].as_str().unwrap());
            }
        });
    }

    #[test]
    fn a_timed_run_has_lanes_in_both_regimes() {
        for regime in [Regime::Gil, Regime::Free] {
            let t = on_thread(move || timed_run(&program(MULTIPLY), regime, 5000, limits()));
            assert_eq!(t.exit_status, 0, "{}", t.stderr);
            assert!(t.stdout.contains("Ref Result = "));
            let v = timeline_json(&t);
            let names: Vec<&str> = v["threads"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["name"].as_str().unwrap())
                .collect();
            assert!(names.contains(&"MainThread"), "{names:?}");
            assert_eq!(names.len(), 11, "{names:?}");
            let spans = v["spans"].as_array().unwrap();
            assert!(!spans.is_empty());
            let run = if regime.gil() { "holds" } else { "runs" };
            assert!(spans.iter().any(|s| s["state"] == run));
            assert!(
                spans
                    .iter()
                    .all(|s| s["start_ns"].as_u64() <= s["end_ns"].as_u64())
            );
            if !regime.gil() {
                assert!(v["handoffs"].as_array().unwrap().is_empty());
                assert!(spans.iter().all(|s| s["state"] != "holds"));
            }
        }
    }

    #[test]
    fn a_timed_run_ends_with_the_status_of_os_exit() {
        let text = "import os, threading, time\n\
                    def leave():\n    time.sleep(0.05)\n    os._exit(4)\n\
                    threading.Thread(target=leave).start()\n\
                    try:\n    time.sleep(30)\nfinally:\n    print('never')\n";
        for regime in [Regime::Gil, Regime::Free] {
            let t = on_thread(move || timed_run(&program(text), regime, 5000, limits()));
            assert_eq!(t.exit_status, 4, "{}", t.stderr);
            assert_eq!(t.stdout, "");
            assert_eq!(t.stderr, "");
            assert!(t.stopped.is_none());
        }
    }

    #[test]
    fn a_timed_run_is_stopped_at_the_timeout() {
        let l = Limits {
            max_steps: 0,
            timeout: Duration::from_millis(200),
        };
        let text = "import threading, time\n\
                    def spin():\n    while True:\n        pass\n\
                    threading.Thread(target=spin, daemon=True).start()\n\
                    while True:\n    time.sleep(0.01)\n";
        let started = Instant::now();
        let t = on_thread(move || timed_run(&program(text), Regime::Gil, 5000, l));
        assert_eq!(t.exit_status, EXIT_STOPPED, "{}", t.stderr);
        assert!(t.stopped.is_some());
        assert!(started.elapsed() < Duration::from_secs(30));
    }

    /// Every view runs the program sandboxed: no environment, no working directory, no stdin.
    #[test]
    fn every_view_runs_sandboxed() {
        let text = "import os, sys\nprint(len(os.environ), os.getcwd(), repr(sys.stdin.read()))\n";
        let want = "0 / ''\n";
        let t = on_thread(move || timed_run(&program(text), Regime::Gil, 5000, limits()));
        assert_eq!(t.stdout, want, "{}", t.stderr);
        let v = on_thread(move || {
            explore(
                &program(text),
                Regime::Gil,
                &[],
                10,
                Duration::from_secs(20),
                100_000,
            )
        });
        assert_eq!(v["outcomes"][0]["stdout"], want, "{v}");
        let run = on_thread(move || race_run(&program(text), Regime::Free, 1, limits(), never()));
        assert_eq!(run.outcome.stdout, want);
    }

    #[test]
    fn daemon_threads_end_with_the_program() {
        let text = "import threading\n\
                    def spin():\n    while True:\n        pass\n\
                    threading.Thread(target=spin, daemon=True).start()\n\
                    print('done')\n";
        // The spinner runs in parallel with the main thread, which a loaded machine may
        // leave waiting for a while: no step limit, only the timeout.
        let no_step_limit = Limits {
            max_steps: u64::MAX,
            timeout: Duration::from_secs(60),
        };
        let t = on_thread(move || timed_run(&program(text), Regime::Free, 5000, no_step_limit));
        assert_eq!(t.exit_status, 0, "{}", t.stderr);
        assert_eq!(t.stdout, "done\n");
    }
}
