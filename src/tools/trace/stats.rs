//! The `--stats` table: per thread, how often it got the GIL, how long it held it, how long it
//! waited, and how many drop requests it made (as a waiter) and honoured (as the holder); then the switch count and how much
//! of the run some thread spent waiting.
//!
//! Also home of [`spans`], which turns the event log into each thread's intervals (holding,
//! waiting, blocked). The timeline and the Perfetto export draw the same intervals, so every
//! view agrees on what a thread was doing when.

use std::collections::{BTreeMap, BTreeSet};

use super::{DropReason, EventKind, Site, ThreadId, Trace};

/// What a thread is doing during a [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Runs bytecode: holds the GIL, or runs free when there is none.
    Run,
    /// Wants the GIL and does not have it yet.
    Wait,
    /// In a blocking call (the reason says which); it does not want the GIL.
    Blocked(DropReason),
}

/// One interval of one thread's life, `[start, end)` on the trace's clock.
#[derive(Debug, Clone)]
pub struct Span {
    pub thread: ThreadId,
    pub state: State,
    pub start: u64,
    pub end: u64,
    /// For `Run`: why it ended (`None` when the thread was still running at `trace.end`).
    pub reason: Option<DropReason>,
    /// For `Run`: the instruction the thread stopped at, when known.
    pub site: Option<Site>,
    /// For `Run`: instructions executed during the span, when they were counted.
    pub instructions: Option<u64>,
}

/// Every thread's intervals, in thread order and then clock order. A thread's open interval at
/// the end of the log (still running, waiting or blocked) extends to `trace.end`; before its
/// first event and after its exit a thread has no span.
///
/// A thread that stops for a switch (not a blocking call, not exit) wants the GIL again at
/// once, so its wait starts at the drop even if its `Want` event comes a moment later.
pub fn spans(trace: &Trace) -> Vec<Span> {
    struct Open {
        state: State,
        start: u64,
        steps: u64,
    }
    let mut open: BTreeMap<ThreadId, Open> = BTreeMap::new();
    let mut out: BTreeMap<ThreadId, Vec<Span>> = BTreeMap::new();
    // Zero-length waits (an uncontended take, free-threaded) and blocks are left out; a
    // zero-length run is still an acquisition and is kept.
    let keep = |s: &Span| s.state == State::Run || s.end > s.start;
    let span = |t, state, start, end| Span {
        thread: t,
        state,
        start,
        end,
        reason: None,
        site: None,
        instructions: None,
    };
    for e in &trace.events {
        let t = e.thread;
        let c = e.clock;
        let lane = out.entry(t).or_default();
        match &e.kind {
            EventKind::Request { .. } | EventKind::Task { .. } => {}
            EventKind::Want => match open.get(&t) {
                Some(o) if o.state == State::Wait => {}
                prev => {
                    if let Some(o) = prev {
                        lane.push(span(t, o.state, o.start, c));
                    }
                    open.insert(
                        t,
                        Open {
                            state: State::Wait,
                            start: c,
                            steps: e.steps,
                        },
                    );
                }
            },
            EventKind::Take { waited } => {
                match open.get(&t) {
                    Some(o) if o.state == State::Run => continue,
                    Some(o) => lane.push(span(t, o.state, o.start, c)),
                    // No `Want` seen: the take says how long it waited.
                    None if *waited > 0 => {
                        lane.push(span(t, State::Wait, c.saturating_sub(*waited), c))
                    }
                    None => {}
                }
                open.insert(
                    t,
                    Open {
                        state: State::Run,
                        start: c,
                        steps: e.steps,
                    },
                );
            }
            EventKind::Drop { reason } => {
                if let Some(o) = open.remove(&t) {
                    let mut s = span(t, o.state, o.start, c);
                    if o.state == State::Run {
                        s.reason = Some(*reason);
                        s.site = e.site.clone();
                        s.instructions = (e.steps > 0).then(|| e.steps.saturating_sub(o.steps));
                    }
                    lane.push(s);
                }
                let next = match reason {
                    DropReason::Exit => None,
                    r if r.is_blocking() => Some(State::Blocked(*r)),
                    _ => Some(State::Wait),
                };
                if let Some(state) = next {
                    open.insert(
                        t,
                        Open {
                            state,
                            start: c,
                            steps: e.steps,
                        },
                    );
                }
            }
        }
    }
    for (t, o) in open {
        let end = trace.end.max(o.start);
        out.entry(t)
            .or_default()
            .push(span(t, o.state, o.start, end));
    }
    out.into_values().flatten().filter(keep).collect()
}

/// Every thread the trace knows of: named, counted or seen in an event.
pub fn threads(trace: &Trace) -> Vec<ThreadId> {
    let mut ts: BTreeSet<ThreadId> = trace.names.keys().copied().collect();
    ts.extend(trace.instructions.keys().copied());
    ts.extend(trace.events.iter().map(|e| e.thread));
    ts.into_iter().collect()
}

/// An interval during which a thread's asyncio event loop ran one task.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskSpan {
    pub thread: ThreadId,
    pub name: String,
    pub start: u64,
    pub end: u64,
}

/// The asyncio task intervals of every thread, in event order: each task switch ends the
/// running task's interval and starts the next one's.
pub fn task_spans(trace: &Trace) -> Vec<TaskSpan> {
    let mut open: BTreeMap<ThreadId, (String, u64)> = BTreeMap::new();
    let mut out = Vec::new();
    for e in &trace.events {
        if let EventKind::Task { name } = &e.kind {
            if let Some((n, start)) = open.remove(&e.thread) {
                out.push(TaskSpan {
                    thread: e.thread,
                    name: n,
                    start,
                    end: e.clock,
                });
            }
            if let Some(n) = name {
                open.insert(e.thread, (n.clone(), e.clock));
            }
        }
    }
    for (t, (name, start)) in open {
        out.push(TaskSpan {
            thread: t,
            name,
            start,
            end: trace.end,
        });
    }
    out
}

/// One row of the `--stats` table.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadStats {
    pub thread: ThreadId,
    pub name: String,
    /// Instructions executed, when they were counted.
    pub instructions: Option<u64>,
    /// How many times it took the GIL (or started running free).
    pub acquisitions: u64,
    /// Time holding the GIL (running, free-threaded), summed over its spans.
    pub hold_total: u64,
    pub hold_mean: u64,
    pub hold_max: u64,
    /// Time between wanting the GIL and taking it.
    pub wait_total: u64,
    /// Time in blocking calls.
    pub blocked_total: u64,
    /// Drop requests this thread made to a holder.
    pub requests: u64,
    /// Drop requests this thread honoured (drops for `DropReason::Requested`).
    pub honoured: u64,
    /// asyncio task switches on this thread (its event loop handing it to another task).
    pub task_switches: u64,
}

/// The whole-run numbers under the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// Takes by a different thread than the previous take.
    pub switches: u64,
    /// Under a nanosecond clock.
    pub switches_per_second: Option<f64>,
    /// Under a step clock.
    pub switches_per_1000_steps: Option<f64>,
    /// Clock time during which at least one thread was waiting for the GIL.
    pub waiting: u64,
    /// `waiting / trace.end` (0 for an empty trace).
    pub waiting_share: f64,
}

pub fn compute(trace: &Trace) -> (Vec<ThreadStats>, Totals) {
    let all = spans(trace);
    let mut rows: Vec<ThreadStats> = threads(trace)
        .into_iter()
        .map(|t| ThreadStats {
            thread: t,
            name: trace.name(t),
            instructions: trace.instructions.get(&t).copied(),
            acquisitions: 0,
            hold_total: 0,
            hold_mean: 0,
            hold_max: 0,
            wait_total: 0,
            blocked_total: 0,
            requests: 0,
            honoured: 0,
            task_switches: 0,
        })
        .collect();
    let index: BTreeMap<ThreadId, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.thread, i))
        .collect();

    let mut holds = vec![0u64; rows.len()];
    for s in &all {
        let r = &mut rows[index[&s.thread]];
        let d = s.end.saturating_sub(s.start);
        match s.state {
            State::Run => {
                r.hold_total += d;
                r.hold_max = r.hold_max.max(d);
                holds[index[&s.thread]] += 1;
            }
            State::Wait => r.wait_total += d,
            State::Blocked(_) => r.blocked_total += d,
        }
    }
    for (r, n) in rows.iter_mut().zip(&holds) {
        if *n > 0 {
            r.hold_mean = r.hold_total / n;
        }
    }

    let mut switches = 0;
    let mut last_take = None;
    for e in &trace.events {
        let r = &mut rows[index[&e.thread]];
        match e.kind {
            EventKind::Take { .. } => {
                r.acquisitions += 1;
                if last_take.is_some_and(|t| t != e.thread) {
                    switches += 1;
                }
                last_take = Some(e.thread);
            }
            EventKind::Request { .. } => r.requests += 1,
            EventKind::Task { name: Some(_) } => r.task_switches += 1,
            EventKind::Drop {
                reason: DropReason::Requested,
            } => r.honoured += 1,
            _ => {}
        }
    }

    let mut waits: Vec<(u64, u64)> = all
        .iter()
        .filter(|s| s.state == State::Wait)
        .map(|s| (s.start, s.end))
        .collect();
    let waiting = union_length(&mut waits);
    let end = trace.end;
    let rate = |per: f64| (end > 0).then(|| switches as f64 * per / end as f64);
    let totals = Totals {
        switches,
        switches_per_second: if trace.step_clock { None } else { rate(1e9) },
        switches_per_1000_steps: if trace.step_clock { rate(1000.0) } else { None },
        waiting,
        waiting_share: if end > 0 {
            waiting as f64 / end as f64
        } else {
            0.0
        },
    };
    (rows, totals)
}

/// Total length covered by a set of intervals (overlaps counted once).
fn union_length(iv: &mut [(u64, u64)]) -> u64 {
    iv.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(u64, u64)> = None;
    for &(s, e) in iv.iter() {
        match cur {
            Some((cs, ce)) if s <= ce => cur = Some((cs, ce.max(e))),
            _ => {
                if let Some((cs, ce)) = cur {
                    total += ce - cs;
                }
                cur = Some((s, e));
            }
        }
    }
    if let Some((cs, ce)) = cur {
        total += ce - cs;
    }
    total
}

/// The `--stats` table.
pub fn render(trace: &Trace) -> String {
    let (rows, totals) = compute(trace);
    let hold = if trace.gil { "hold" } else { "run" };
    let header: Vec<String> = vec![
        "thread".into(),
        "instructions".into(),
        "acquisitions".into(),
        format!("{hold} total"),
        format!("{hold} mean"),
        format!("{hold} max"),
        "wait total".into(),
        "drop requests made".into(),
        "drop requests honoured".into(),
    ];
    let mut table = vec![header];
    for r in &rows {
        table.push(vec![
            r.name.clone(),
            r.instructions.map_or_else(|| "-".into(), |n| n.to_string()),
            r.acquisitions.to_string(),
            trace.fmt_span(r.hold_total),
            trace.fmt_span(r.hold_mean),
            trace.fmt_span(r.hold_max),
            trace.fmt_span(r.wait_total),
            r.requests.to_string(),
            r.honoured.to_string(),
        ]);
    }
    let mut widths = vec![0; table[0].len()];
    for row in &table {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &table {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            let pad = w - cell.chars().count();
            if i == 0 {
                // Names left-aligned, numbers right-aligned.
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }

    let rate = match (totals.switches_per_second, totals.switches_per_1000_steps) {
        (Some(r), _) if r >= 100.0 => format!(" ({r:.0} per second)"),
        (Some(r), _) => format!(" ({r:.1} per second)"),
        (_, Some(r)) => format!(" ({r:.2} per 1000 steps)"),
        _ => String::new(),
    };
    out.push_str(&format!("switches: {}{rate}\n", totals.switches));
    for r in rows.iter().filter(|r| r.task_switches > 0) {
        out.push_str(&format!(
            "asyncio task switches in {}: {} (cooperative, at awaits)\n",
            r.name, r.task_switches
        ));
    }
    if trace.gil && rows.iter().any(|r| r.requests > 0 || r.honoured > 0) {
        out.push_str(
            "drop requests made: asked the holder to drop the GIL after waiting one interval; \
             honoured: dropped it when asked\n",
        );
    }
    let what = if trace.gil { "for the GIL" } else { "to run" };
    out.push_str(&format!(
        "some thread waiting {what}: {:.1}% of the run ({} of {})\n",
        totals.waiting_share * 100.0,
        trace.fmt_span(totals.waiting),
        trace.fmt_span(trace.end)
    ));
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::tools::trace::{Blocking, Event};

    fn ev(clock: u64, thread: ThreadId, kind: EventKind) -> Event {
        Event {
            clock,
            thread,
            steps: 0,
            kind,
            site: None,
        }
    }

    fn drop_(clock: u64, thread: ThreadId, reason: DropReason) -> Event {
        ev(clock, thread, EventKind::Drop { reason })
    }

    /// Main (1) and a worker (2) alternate on interval hand-offs; the worker then sleeps and
    /// exits; main keeps running until the end (no exit event).
    ///
    /// ```text
    /// clock  0   10  20  30  40  50  60  70  80  100
    /// main   RRRRRRRRRRWWWWWWWWRRRRRRRRRRRRRRRRRRRR..
    /// worker     WWWWWWRRRRRRRRR-----(sleep)-WWRRR x
    /// ```
    pub(crate) fn sample(step_clock: bool, gil: bool) -> Trace {
        use EventKind::*;
        // The worker (2) asks at `t` and gets the GIL on the interval's request, at `t + 10`.
        let handoff = |t: u64| {
            [
                ev(t, ThreadId(2), Want),
                ev(
                    t + 5,
                    ThreadId(2),
                    Request {
                        holder: Some(ThreadId(1)),
                    },
                ),
                drop_(t + 10, ThreadId(1), DropReason::Requested),
                ev(t + 10, ThreadId(1), Want),
                ev(t + 10, ThreadId(2), Take { waited: 10 }),
            ]
        };
        let mut events = vec![
            ev(0, ThreadId(1), Want),
            ev(0, ThreadId(1), Take { waited: 0 }),
        ];
        events.extend(handoff(10));
        events.extend([
            drop_(40, ThreadId(2), DropReason::Blocking(Blocking::Sleep)),
            ev(40, ThreadId(1), Take { waited: 20 }),
        ]);
        events.extend(handoff(60));
        events.extend([
            drop_(80, ThreadId(2), DropReason::Exit),
            ev(80, ThreadId(1), Take { waited: 10 }),
        ]);
        let mut names = BTreeMap::new();
        names.insert(ThreadId(1), "MainThread".to_string());
        names.insert(ThreadId(2), "Thread-1 (worker)".to_string());
        let mut instructions = BTreeMap::new();
        instructions.insert(ThreadId(1), 700);
        instructions.insert(ThreadId(2), 300);
        Trace {
            events,
            names,
            instructions,
            end: 100,
            step_clock,
            gil,
            notes: Vec::new(),
        }
    }

    #[test]
    fn spans_cover_each_thread_life() {
        let t = sample(false, true);
        let s = spans(&t);
        let main: Vec<_> = s
            .iter()
            .filter(|s| s.thread == ThreadId(1))
            .map(|s| (s.state, s.start, s.end))
            .collect();
        assert_eq!(
            main,
            vec![
                (State::Run, 0, 20),
                (State::Wait, 20, 40),
                (State::Run, 40, 70),
                (State::Wait, 70, 80),
                (State::Run, 80, 100),
            ]
        );
        let worker: Vec<_> = s
            .iter()
            .filter(|s| s.thread == ThreadId(2))
            .map(|s| (s.state, s.start, s.end))
            .collect();
        let sleep = State::Blocked(DropReason::Blocking(Blocking::Sleep));
        assert_eq!(
            worker,
            vec![
                (State::Wait, 10, 20),
                (State::Run, 20, 40),
                (sleep, 40, 60),
                (State::Wait, 60, 70),
                (State::Run, 70, 80),
            ]
        );
        let last = s.iter().rfind(|s| s.thread == ThreadId(1)).unwrap();
        assert_eq!(last.reason, None, "still running at the end");
    }

    #[test]
    fn numbers_per_thread_and_totals() {
        let t = sample(false, true);
        let (rows, totals) = compute(&t);
        assert_eq!(rows.len(), 2);
        let main = &rows[0];
        assert_eq!(main.name, "MainThread");
        assert_eq!(main.instructions, Some(700));
        assert_eq!(main.acquisitions, 3);
        assert_eq!(main.hold_total, 20 + 30 + 20);
        assert_eq!(main.hold_max, 30);
        assert_eq!(main.hold_mean, 70 / 3);
        assert_eq!(main.wait_total, 30);
        assert_eq!((main.requests, main.honoured), (0, 2));
        let worker = &rows[1];
        assert_eq!(worker.acquisitions, 2);
        assert_eq!(worker.hold_total, 30);
        assert_eq!(worker.wait_total, 20);
        assert_eq!(worker.blocked_total, 20);
        assert_eq!((worker.requests, worker.honoured), (2, 0));

        // main, worker, main, worker, main: four switches in 100 ns.
        assert_eq!(totals.switches, 4);
        assert_eq!(totals.switches_per_second, Some(4e7));
        assert_eq!(totals.switches_per_1000_steps, None);
        // Someone waits during [10,40) and [60,80).
        assert_eq!(totals.waiting, 50);
        assert!((totals.waiting_share - 0.5).abs() < 1e-9);
    }

    #[test]
    fn table_has_a_row_per_thread() {
        let t = sample(false, true);
        let out = render(&t);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("thread"));
        assert!(lines[0].contains("hold total"));
        assert!(lines[1].starts_with("MainThread"));
        assert!(lines[2].starts_with("Thread-1 (worker)"));
        assert!(out.contains("switches: 4 ("));
        assert!(out.contains("per second"));
        assert!(out.contains("50.0%"));
        // The request columns say what they count, which side of the request each is.
        assert!(lines[0].ends_with("  drop requests made  drop requests honoured"));
        assert!(out.contains(
            "drop requests made: asked the holder to drop the GIL after waiting one interval; \
             honoured: dropped it when asked"
        ));
        // Columns line up: every table line is as long as the header.
        let width = lines[0].chars().count();
        assert!(lines[1..3].iter().all(|l| l.chars().count() == width));
    }

    #[test]
    fn step_clock_and_free_threaded_wording() {
        let mut t = sample(true, false);
        t.instructions.clear();
        let out = render(&t);
        assert!(out.contains("run total"));
        assert!(!out.contains("hold"));
        assert!(out.contains("per 1000 steps"));
        assert!(!out.contains("per second"));
        assert!(out.contains("70 steps"));
        assert!(out.lines().nth(1).unwrap().contains(" - "));
    }

    #[test]
    fn empty_trace() {
        let t = Trace {
            events: Vec::new(),
            names: BTreeMap::new(),
            instructions: BTreeMap::new(),
            end: 0,
            step_clock: false,
            gil: true,
            notes: Vec::new(),
        };
        let (rows, totals) = compute(&t);
        assert!(rows.is_empty());
        assert_eq!(totals.switches, 0);
        assert_eq!(totals.waiting_share, 0.0);
        assert!(render(&t).contains("switches: 0"));
    }
}
