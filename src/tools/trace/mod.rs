//! Recording GIL hand-offs: every time a thread asks for the right to run bytecode, asks the
//! holder to drop it, drops it (and why, and where it stopped) or takes it, the scheduler
//! reports an [`Event`] to the interpreter's [`Recorder`] — when one was asked for. With no
//! recorder the schedulers skip the calls entirely (`Option<Arc<Recorder>>`), so recording
//! costs nothing when off.
//!
//! One event log feeds every view: the live log (`--trace-gil`, printed as events arrive),
//! the per-thread table (`--stats`, [`stats`]), the terminal timeline (`--timeline`,
//! [`timeline`]), the Chrome trace-event file (`--trace-out`, [`perfetto`]) and the schedule
//! (`--record-schedule`, [`crate::threads::deterministic::Schedule`]).
//!
//! Clock: under a timed GIL or free-threaded, nanoseconds since the interpreter started. Under
//! a deterministic schedule, wall time would make traces differ from run to run, so the clock
//! is the *global step count* (instructions executed by all threads so far), which is the same
//! on every run and machine.

pub mod perfetto;
pub mod stats;
pub mod timeline;

use std::collections::BTreeMap;
use std::io::Write;

use std::time::Instant;

use parking_lot::Mutex;

use crate::threads::deterministic::Schedule;
use crate::threads::{At, Blocking, DropReason, EventSink, Handoff, Site, ThreadId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// The thread asks to run bytecode (it starts waiting for the GIL).
    Want,
    /// The waiting thread asked the holder to drop the GIL (CPython's `gil_drop_request`),
    /// after waiting one switch interval. `holder` is who was asked.
    Request { holder: Option<ThreadId> },
    /// The thread runs bytecode from now on (holds the GIL, or runs free without one).
    /// `waited` is the clock time since its `Want`.
    Take { waited: u64 },
    /// The thread stopped running bytecode.
    Drop { reason: DropReason },
    /// The thread's asyncio event loop hands it to task `name` (a cooperative switch at an
    /// `await`); `None` when the loop goes idle (it sleeps until a timer or ends).
    Task { name: Option<String> },
}

#[derive(Debug, Clone)]
pub struct Event {
    /// Nanoseconds since start, or the global step count under a deterministic schedule.
    pub clock: u64,
    pub thread: ThreadId,
    /// The thread's own instruction count at the event.
    pub steps: u64,
    pub kind: EventKind,
    /// For `Drop`: the instruction the thread stopped at.
    pub site: Option<Site>,
}

/// Something a tool found at one moment of the run (`--explain`'s lost updates and stale
/// checks), drawn as an instant event on the thread's track in `--trace-out`.
#[derive(Debug, Clone)]
pub struct Note {
    pub clock: u64,
    pub thread: ThreadId,
    /// Short: `lost update`, `stale check`.
    pub name: String,
    /// The whole report.
    pub detail: String,
}

/// What to record and show.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Print a line per hand-off on stderr while the program runs.
    pub live: bool,
    /// The clock counts steps (deterministic schedule), not nanoseconds.
    pub step_clock: bool,
    /// The program runs with a GIL (else free-threaded: threads "run free").
    pub gil: bool,
    /// Count the instructions each thread executes (`--stats`, `--record-schedule`): this
    /// runs the observed loop, which costs more than recording hand-offs alone.
    pub instructions: bool,
}

/// The finished log: what every view is rendered from.
#[derive(Debug, Clone)]
pub struct Trace {
    pub events: Vec<Event>,
    /// Thread names (`MainThread`, `Thread-1 (count)`), by id.
    pub names: BTreeMap<ThreadId, String>,
    /// Instructions each thread executed (present when instructions were counted).
    pub instructions: BTreeMap<ThreadId, u64>,
    /// Clock value at the end of the run.
    pub end: u64,
    pub step_clock: bool,
    pub gil: bool,
    /// What tools found during the run, in order.
    pub notes: Vec<Note>,
}

impl Trace {
    /// The hand-offs of a recorded run: each `Drop` followed by the next `Take` (under a GIL
    /// these alternate). Drops that did not hand over (a write that kept running) are skipped.
    pub fn schedule(&self) -> Schedule {
        let mut out = Vec::new();
        let mut pending: Option<(ThreadId, u64, DropReason)> = None;
        for e in &self.events {
            match e.kind {
                EventKind::Drop { reason } => pending = Some((e.thread, e.steps, reason)),
                EventKind::Take { .. } => {
                    if let Some((from, steps, reason)) = pending.take() {
                        let quiet = matches!(
                            reason,
                            DropReason::Blocking(
                                Blocking::Io | Blocking::Native | Blocking::Process
                            )
                        ) && from == e.thread;
                        if !quiet {
                            out.push(Handoff {
                                from,
                                steps,
                                to: e.thread,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        Schedule::new(out)
    }

    pub fn name(&self, t: ThreadId) -> String {
        thread_name(&self.names, t)
    }

    /// Formats a clock value: `12.345 ms` or `step 1234`.
    pub fn fmt_clock(&self, c: u64) -> String {
        fmt_clock(self.step_clock, c)
    }

    /// Formats a duration on this trace's clock: `5.02 ms` or `120 steps`.
    pub fn fmt_span(&self, d: u64) -> String {
        fmt_span(self.step_clock, d)
    }
}

fn thread_name(names: &BTreeMap<ThreadId, String>, t: ThreadId) -> String {
    names.get(&t).cloned().unwrap_or_else(|| {
        if t == ThreadId::MAIN {
            "MainThread".to_string()
        } else {
            format!("thread {t}")
        }
    })
}

pub fn fmt_clock(step_clock: bool, c: u64) -> String {
    if step_clock {
        format!("step {c}")
    } else {
        format!("{:.3} ms", c as f64 / 1e6)
    }
}

pub fn fmt_span(step_clock: bool, d: u64) -> String {
    if step_clock {
        format!("{d} steps")
    } else if d >= 1_000_000 {
        format!("{:.2} ms", d as f64 / 1e6)
    } else {
        format!("{:.1} us", d as f64 / 1e3)
    }
}

struct State {
    events: Vec<Event>,
    names: BTreeMap<ThreadId, String>,
    /// Latest step count each thread reported (their sum is the step clock).
    steps: BTreeMap<ThreadId, u64>,
    /// When each waiting thread started waiting.
    want_since: BTreeMap<ThreadId, u64>,
    /// When each blocked thread blocked (free-threaded: how long it was away).
    blocked_since: BTreeMap<ThreadId, u64>,
    /// Threads that have run.
    started: std::collections::BTreeSet<ThreadId>,
    /// The last thread that stopped running, why and where (for the live hand-off line).
    last_drop: Option<(ThreadId, DropReason, Option<Site>)>,
    /// The asyncio task each thread's event loop runs (absent or `None`: no task).
    tasks: BTreeMap<ThreadId, Option<String>>,
    notes: Vec<Note>,
}

/// Collects events from every thread of one interpreter.
pub struct Recorder {
    start: Instant,
    opts: Options,
    state: Mutex<State>,
}

impl Recorder {
    pub fn new(opts: Options) -> Recorder {
        let mut names = BTreeMap::new();
        names.insert(ThreadId::MAIN, "MainThread".to_string());
        Recorder {
            start: Instant::now(),
            opts,
            state: Mutex::new(State {
                events: Vec::new(),
                names,
                steps: BTreeMap::new(),
                want_since: BTreeMap::new(),
                blocked_since: BTreeMap::new(),
                started: Default::default(),
                last_drop: None,
                tasks: BTreeMap::new(),
                notes: Vec::new(),
            }),
        }
    }

    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Whether one thread runs at a time (a GIL, or a deterministic schedule), so that a drop
    /// and the next take are one hand-off.
    fn baton(&self) -> bool {
        self.opts.gil || self.opts.step_clock
    }

    fn handoff_line(
        &self,
        st: &State,
        t: ThreadId,
        clock: u64,
        waited: u64,
        first: bool,
    ) -> String {
        let sc = self.opts.step_clock;
        let to = thread_name(&st.names, t);
        let mut line = format!("{:>12}  ", fmt_clock(sc, clock));
        if !self.baton() {
            if first {
                line.push_str(&format!("{to} starts"));
            } else {
                line.push_str(&format!("{to} runs again after {}", fmt_span(sc, waited)));
            }
            return line;
        }
        match &st.last_drop {
            // The same thread again (it blocked, and nobody took over meanwhile): no
            // hand-off, it takes the GIL back.
            Some((from, reason, _)) if *from == t => {
                line.push_str(&format!(
                    "{to} takes the GIL back after {}",
                    reason.describe()
                ));
                if self.opts.gil || reason.is_blocking() {
                    line.push_str(&format!("  waited {}", fmt_span(sc, waited)));
                }
            }
            Some((from, reason, site)) => {
                let from_name = thread_name(&st.names, *from);
                line.push_str(&format!("{from_name} → {to}  {}", reason.describe()));
                if self.opts.gil || reason.is_blocking() {
                    line.push_str(&format!("  waited {}", fmt_span(sc, waited)));
                }
                if let Some(s) = site {
                    line.push_str(&format!("  {from_name} stopped at {}", s.describe()));
                }
            }
            None if first => line.push_str(&format!("{to} starts")),
            None => line.push_str(&format!(
                "{to} takes the GIL  waited {}",
                fmt_span(sc, waited)
            )),
        }
        line
    }

    /// Updates `t`'s step count and returns the current clock.
    fn clock(&self, st: &mut State, t: ThreadId, steps: u64) -> u64 {
        if steps > 0 {
            st.steps.insert(t, steps);
        }
        self.now(st)
    }

    fn now(&self, st: &State) -> u64 {
        if self.opts.step_clock {
            st.steps.values().sum()
        } else {
            self.start.elapsed().as_nanos() as u64
        }
    }

    fn push(&self, st: &mut State, t: ThreadId, at: &At, kind: EventKind, site: Option<Site>) {
        let clock = self.now(st);
        st.events.push(Event {
            clock,
            thread: t,
            steps: at.steps,
            kind,
            site,
        });
    }

    /// The log so far (call at exit).
    pub fn finish(&self) -> Trace {
        let st = self.state.lock();
        Trace {
            events: st.events.clone(),
            names: st.names.clone(),
            instructions: st.steps.clone(),
            end: self.now(&st),
            step_clock: self.opts.step_clock,
            gil: self.opts.gil,
            notes: st.notes.clone(),
        }
    }

    /// Records what a tool found in thread `t` now (`name`: a few words; `detail`: the
    /// report).
    pub fn note(&self, t: ThreadId, at: &At, name: &str, detail: &str) {
        let mut st = self.state.lock();
        let clock = self.clock(&mut st, t, at.steps);
        st.notes.push(Note {
            clock,
            thread: t,
            name: name.to_string(),
            detail: detail.to_string(),
        });
    }
}

impl EventSink for Recorder {
    /// Names a thread (`threading.Thread` reports its name when it starts).
    fn set_name(&self, t: ThreadId, name: &str) {
        self.state.lock().names.insert(t, name.to_string());
    }

    fn want(&self, t: ThreadId, at: &At) {
        let mut st = self.state.lock();
        let clock = self.clock(&mut st, t, at.steps);
        st.want_since.insert(t, clock);
        self.push(&mut st, t, at, EventKind::Want, None);
    }

    fn request(&self, t: ThreadId, holder: Option<ThreadId>) {
        let mut st = self.state.lock();
        let steps = st.steps.get(&t).copied().unwrap_or(0);
        let at = At {
            steps,
            ..At::default()
        };
        self.push(&mut st, t, &at, EventKind::Request { holder }, None);
        if self.opts.live {
            let clock = self.now(&st);
            let who = holder.map_or_else(|| "nobody".to_string(), |h| thread_name(&st.names, h));
            let line = format!(
                "{:>12}  {} asks {} to drop the GIL",
                fmt_clock(self.opts.step_clock, clock),
                thread_name(&st.names, t),
                who
            );
            live_line(&line);
        }
    }

    fn take(&self, t: ThreadId, at: &At) {
        let mut st = self.state.lock();
        let clock = self.clock(&mut st, t, at.steps);
        // With one runner at a time, the wait is for the GIL; free-threaded, nobody waits
        // for anything but the blocking call itself.
        let want = st.want_since.remove(&t);
        let blocked = st.blocked_since.remove(&t);
        let since = if self.baton() { want } else { blocked.or(want) }.unwrap_or(clock);
        let waited = clock.saturating_sub(since);
        self.push(&mut st, t, at, EventKind::Take { waited }, None);
        let first = st.started.insert(t);
        if self.opts.live {
            let line = self.handoff_line(&st, t, clock, waited, first);
            live_line(&line);
        }
    }

    /// `t`'s event loop runs task `name` from now on (`None`: no task runs).
    fn task(&self, t: ThreadId, name: Option<&str>, at: &At) {
        let mut st = self.state.lock();
        let clock = self.clock(&mut st, t, at.steps);
        let last = st.tasks.get(&t).cloned().flatten();
        if last.as_deref() == name {
            return;
        }
        st.tasks.insert(t, name.map(str::to_string));
        let kind = EventKind::Task {
            name: name.map(str::to_string),
        };
        self.push(&mut st, t, at, kind, at.site.clone());
        if self.opts.live {
            let who = thread_name(&st.names, t);
            let what = match (last, name) {
                (Some(from), Some(to)) => format!("task {from} → {to}  (await)"),
                (None, Some(to)) => format!("task {to} runs"),
                (Some(from), None) => format!("task {from} awaits; the event loop is idle"),
                (None, None) => return,
            };
            let line = format!(
                "{:>12}  {who}: {what}",
                fmt_clock(self.opts.step_clock, clock)
            );
            live_line(&line);
        }
    }

    fn drop_(&self, t: ThreadId, reason: DropReason, at: &At) {
        let mut st = self.state.lock();
        let clock = self.clock(&mut st, t, at.steps);
        if reason.is_blocking() {
            st.blocked_since.insert(t, clock);
        }
        st.last_drop = Some((t, reason, at.site.clone()));
        self.push(&mut st, t, at, EventKind::Drop { reason }, at.site.clone());
        if self.opts.live
            && self.baton()
            && reason == DropReason::Exit
            && st.want_since.keys().all(|w| *w == t)
        {
            // Nobody waits to take over: there may be no next hand-off line to show this
            // exit on (the last thread to end), so say it now.
            st.last_drop = None;
            let line = format!(
                "{:>12}  {} exits",
                fmt_clock(self.opts.step_clock, clock),
                thread_name(&st.names, t)
            );
            live_line(&line);
        }
        if self.opts.live && !self.baton() {
            // With a GIL (or a deterministic baton) a drop shows on the next hand-off line;
            // free-threaded nobody takes over, so say it now.
            let clock = self.now(&st);
            let line = format!(
                "{:>12}  {} stops: {}{}",
                fmt_clock(self.opts.step_clock, clock),
                thread_name(&st.names, t),
                reason.describe(),
                at.site
                    .as_ref()
                    .map(|s| format!(", at {}", s.describe()))
                    .unwrap_or_default()
            );
            live_line(&line);
        }
    }
}

/// Writes one line of the live log to stderr, whole.
fn live_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "[gil] {line}");
}
