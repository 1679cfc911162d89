//! `explore --jobs N`: the plain search and PCT's runs over N jobs, each an OS thread running
//! its own interpreters (one run at a time), kept on a CPU of its own when there are enough.
//! The report is the one a single job prints, whatever N (times aside).
//!
//! **The plain search** is a depth-first walk of a tree whose paths are runs: a run is known
//! by its *position*, the alternative it took at each branch point (`Branch::taken`), and one
//! job runs them in the order of their positions, compared as sequences. N jobs split the
//! tree: a job owns a *task*, a prefix of the tree (the choices fixed above it) and a range of
//! alternatives at its last level, and walks it depth-first as one job would. When a job is
//! idle, one that is busy gives away the range left at the shallowest level of its walk
//! (everything it would have run last) as a new task. A task's runs are therefore a block
//! of consecutive positions in one job's order, and blocks never overlap. Each task counts its
//! own runs; for each outcome it keeps the first position that reached it and the schedule
//! with the fewest preemptions, then hand-offs, then the earliest position. Merged, those give
//! what one job gives: the outcomes in the order of their first position, each row's count
//! (every run is run exactly once), and the schedule one job keeps (it replaces a row's
//! schedule only with a strictly better one, so among equals the first).
//!
//! A run that stops the search (`--first`, `--minimize`: the first outcome asked for) stops
//! it at the first such run *in position order*: a job that finds one records its position,
//! and no job starts a run past the earliest recorded. Tasks past it are dropped when the
//! jobs have ended; as blocks of consecutive positions, a task lies wholly before or wholly
//! after it, or ends with it. So the count of schedules up to it is one job's too.
//!
//! **PCT's runs** are independent, except that run i draws its change points among `k`, the
//! most decision points earlier runs had. Here `k` is updated between blocks of
//! [`PCT_BLOCK`] runs (a run uses the most of the blocks before its own; the first run, a
//! block of its own, measures it): the jobs share out a block's runs, and the block is then
//! counted in run order, as one job counts them.
//!
//! Not identical for any N: a search cut by `--max-schedules` (the plain search; PCT's are
//! exact), `--time-limit` or Ctrl-C reports the runs made by then, which depend on N; and
//! partial-order reduction is refused (its tree grows from the races of runs in the order
//! they are made, so N jobs would explore a different set of schedules).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use parking_lot::{Condvar, Mutex};

use super::{Found, Limits, Outcome, PctLimits, PctSummary, Program, Report};
use crate::threads::affinity;
use crate::threads::deterministic::{Policy, Schedule};
use crate::threads::dpor::DporRun;
use crate::threads::guide::{Branch, Guide};
use crate::threads::pct::{Pct, Racing, SiteKey};
use crate::tools::accesses::AccessRecorder;
use crate::vm::THREAD_STACK_SIZE;

/// PCT's runs between two updates of `k`.
pub const PCT_BLOCK: u64 = 64;

/// Where a run lies in the plain search's order: the alternative taken at each branch point.
type Position = Vec<u32>;

fn position(branches: &[Branch]) -> Position {
    branches.iter().map(|b| b.taken).collect()
}

/// One outcome's row in a task's count, with the positions that break ties.
struct Row {
    found: Found,
    /// The first run that reached it.
    first: Position,
    /// The run whose schedule `found` keeps.
    best: Position,
}

/// What one task counted.
#[derive(Default)]
struct Count {
    rows: Vec<Row>,
    index: HashMap<Outcome, usize>,
    schedules: u64,
    diverged: u64,
    /// The position of its first run.
    start: Option<Position>,
}

impl Count {
    fn note(&mut self, outcome: Outcome, preemptions: u32, schedule: Schedule, pos: &Position) {
        self.schedules += 1;
        if self.start.is_none() {
            self.start = Some(pos.clone());
        }
        match self.index.get(&outcome) {
            Some(&i) => {
                let r = &mut self.rows[i];
                r.found.count += 1;
                let key = (preemptions, schedule.handoffs.len());
                let had = (r.found.preemptions, r.found.schedule.handoffs.len());
                if key < had || (key == had && *pos < r.best) {
                    r.found.preemptions = preemptions;
                    r.found.schedule = schedule;
                    r.best = pos.clone();
                }
            }
            None => {
                self.index.insert(outcome.clone(), self.rows.len());
                self.rows.push(Row {
                    found: Found {
                        outcome,
                        count: 1,
                        preemptions,
                        schedule,
                    },
                    first: pos.clone(),
                    best: pos.clone(),
                });
            }
        }
    }
}

/// The tasks' counts merged: the rows in the order of their first position.
fn merge(counts: Vec<Count>) -> (Vec<Found>, u64, u64) {
    let mut rows: Vec<Row> = Vec::new();
    let mut index: HashMap<Outcome, usize> = HashMap::new();
    let (mut schedules, mut diverged) = (0, 0);
    for c in counts {
        schedules += c.schedules;
        diverged += c.diverged;
        for r in c.rows {
            match index.get(&r.found.outcome) {
                Some(&i) => {
                    let m = &mut rows[i];
                    m.found.count += r.found.count;
                    m.first = m.first.clone().min(r.first);
                    let key = (
                        r.found.preemptions,
                        r.found.schedule.handoffs.len(),
                        &r.best,
                    );
                    let had = (
                        m.found.preemptions,
                        m.found.schedule.handoffs.len(),
                        &m.best,
                    );
                    if key < had {
                        m.found.preemptions = r.found.preemptions;
                        m.found.schedule = r.found.schedule;
                        m.best = r.best;
                    }
                }
                None => {
                    index.insert(r.found.outcome.clone(), rows.len());
                    rows.push(r);
                }
            }
        }
    }
    rows.sort_by(|a, b| a.first.cmp(&b.first));
    (
        rows.into_iter().map(|r| r.found).collect(),
        schedules,
        diverged,
    )
}

/// A part of the plain search's tree: the branch points fixed above it (`stack`, whose
/// last entry takes the first alternative of the range) and the end of the range there.
struct Task {
    stack: Vec<Branch>,
    /// The index of the range's level (0 with an empty stack: the whole tree).
    floor: usize,
    end: usize,
}

impl Task {
    fn position(&self) -> Position {
        position(&self.stack)
    }
}

#[derive(Default)]
struct Queue {
    tasks: Vec<Task>,
    /// Jobs waiting for a task.
    idle: usize,
    /// No task is left and every job is idle, or the search was cut.
    finished: bool,
}

/// What the jobs of one plain search share.
struct Shared<'a> {
    prog: &'a Program,
    limits: &'a Limits,
    stop_at: &'a (dyn Fn(&Outcome) -> bool + Sync),
    progress: &'a (dyn Fn(u64, usize) + Sync),
    jobs: usize,
    started: Instant,
    queue: Mutex<Queue>,
    wake: Condvar,
    /// Whether a job waits for work (read after each run, so kept apart from the queue).
    hungry: AtomicBool,
    /// Runs started: `--max-schedules` and the progress line.
    runs: AtomicU64,
    /// Outcomes seen, for the progress line.
    seen: Mutex<std::collections::HashSet<Outcome>>,
    cut: Mutex<Option<&'static str>>,
    /// The earliest position whose run `stop_at` accepted.
    hit: Mutex<Option<Position>>,
    counts: Mutex<Vec<Count>>,
}

impl<'a> Shared<'a> {
    /// What cuts the search before its next run, if anything (as one job's `cut_by`).
    fn cut_by(&self) -> Option<&'static str> {
        if let Some(why) = *self.cut.lock() {
            return Some(why);
        }
        let why = if self
            .limits
            .time_limit
            .is_some_and(|t| self.started.elapsed() >= t)
        {
            Some("--time-limit")
        } else if self
            .limits
            .interrupt
            .as_ref()
            .is_some_and(|b| crate::threads::signals::pending(b))
        {
            Some("Ctrl-C")
        } else {
            None
        };
        if let Some(why) = why {
            self.stop(why);
        }
        why
    }

    /// Cuts the search: every job ends after its run.
    fn stop(&self, why: &'static str) {
        self.cut.lock().get_or_insert(why);
        self.queue.lock().finished = true;
        self.wake.notify_all();
    }

    /// Whether a run at or after `pos` comes after the earliest hit.
    fn past_hit(&self, pos: &Position) -> bool {
        self.hit.lock().as_ref().is_some_and(|h| pos > h)
    }

    /// The next task for a job, the earliest in position order; `None` when the search is
    /// over.
    fn next_task(&self) -> Option<Task> {
        let mut q = self.queue.lock();
        q.idle += 1;
        loop {
            if q.finished {
                return None;
            }
            if !q.tasks.is_empty() {
                let i = (0..q.tasks.len())
                    .min_by_key(|&i| q.tasks[i].position())
                    .unwrap_or(0);
                let t = q.tasks.swap_remove(i);
                q.idle -= 1;
                self.hungry
                    .store(q.idle > 0 && q.tasks.is_empty(), Ordering::Relaxed);
                if self.past_hit(&t.position()) {
                    q.idle += 1;
                    continue;
                }
                return Some(t);
            }
            if q.idle == self.jobs {
                q.finished = true;
                self.wake.notify_all();
                return None;
            }
            self.hungry.store(true, Ordering::Relaxed);
            // A give-away, the end of the search or a cut notifies.
            self.wake.wait(&mut q);
        }
    }

    fn give(&self, t: Task) {
        let mut q = self.queue.lock();
        q.tasks.push(t);
        self.hungry.store(q.idle > q.tasks.len(), Ordering::Relaxed);
        drop(q);
        self.wake.notify_one();
    }

    /// Walks `task` depth-first, giving its shallowest range away when a job is idle.
    fn walk(&self, task: Task) {
        let mut count = Count::default();
        let floor = task.floor;
        let mut stack = task.stack;
        // The end of the range each level of `stack` may still take.
        let mut ends: Vec<usize> = stack
            .iter()
            .enumerate()
            .map(|(i, b)| {
                if i == floor {
                    task.end
                } else {
                    b.taken as usize + 1
                }
            })
            .collect();
        loop {
            let prefix: Vec<usize> = stack.iter().map(|b| b.taken as usize).collect();
            if self.cut_by().is_some() || self.past_hit(&position(&stack)) {
                break;
            }
            let ticket = self.runs.fetch_add(1, Ordering::Relaxed);
            if self.limits.max_schedules.is_some_and(|m| ticket >= m) {
                self.stop("--max-schedules");
                break;
            }
            let guide = Arc::new(Mutex::new(Guide::new(
                prefix,
                self.limits.preemptions,
                self.limits.max_steps,
            )));
            let (outcome, _, names) = self.prog.run(Policy::Explore(guide.clone()));
            let run = std::mem::take(&mut *guide.lock());
            let followed = run.branches.len() >= stack.len()
                && run.branches.iter().zip(&stack).all(|(a, b)| a == b);
            if run.diverged || !followed {
                count.diverged += 1;
            }
            let pos = position(&run.branches);
            if self.past_hit(&pos) {
                // Only a program that does not repeat itself gets here.
                break;
            }
            let schedule = self.prog.schedule(&run.handoffs[..run.needed], &names);
            let hit = (self.stop_at)(&outcome);
            let k = {
                let mut seen = self.seen.lock();
                if !seen.contains(&outcome) {
                    seen.insert(outcome.clone());
                }
                seen.len()
            };
            count.note(outcome, run.preemptions, schedule, &pos);
            (self.progress)(self.runs.load(Ordering::Relaxed), k);
            if hit {
                let mut h = self.hit.lock();
                if h.as_ref().is_none_or(|h| pos < *h) {
                    *h = Some(pos);
                }
                break;
            }
            // Backtrack, as one job does, but never above the task's range.
            let keep = ends.len().min(run.branches.len());
            ends.truncate(keep);
            stack = run.branches;
            ends.extend(stack[keep..].iter().map(|b| b.width()));
            let more = loop {
                match stack.len().checked_sub(1) {
                    Some(i) if i >= floor => {
                        if (stack[i].taken as usize) + 1 < ends[i] {
                            stack[i].taken += 1;
                            break true;
                        }
                        stack.pop();
                        ends.pop();
                    }
                    _ => break false,
                }
            };
            if !more {
                break;
            }
            // A job waits: give it what this walk would run last.
            if self.hungry.load(Ordering::Relaxed)
                && let Some(i) =
                    (floor..stack.len()).find(|&i| (stack[i].taken as usize) + 1 < ends[i])
            {
                let mut given = stack[..=i].to_vec();
                given[i].taken += 1;
                let end = ends[i];
                ends[i] = stack[i].taken as usize + 1;
                self.give(Task {
                    stack: given,
                    floor: i,
                    end,
                });
            }
        }
        if count.schedules > 0 {
            self.counts.lock().push(count);
        }
    }

    fn job(&self) {
        while let Some(task) = self.next_task() {
            self.walk(task);
        }
    }
}

/// The CPU job `j` of `jobs` is kept on: its own when there are as many CPUs as jobs (one
/// job: the CPU it is on), else none.
fn pin_job(j: usize, jobs: usize) {
    if jobs == 1 {
        affinity::pin_here();
        return;
    }
    let cpus = affinity::allowed_cpus();
    if jobs <= cpus.len()
        && let Some(&c) = cpus.get(j)
    {
        affinity::pin(c);
    }
}

/// Runs `job(j)` for each of `jobs` jobs, each on an OS thread with the stack every
/// interpreter thread gets, pinned by [`pin_job`].
fn run_jobs(jobs: usize, job: &(dyn Fn(usize) + Sync)) {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..jobs)
            .filter_map(|j| {
                std::thread::Builder::new()
                    .name(format!("gilvm-job-{j}"))
                    .stack_size(THREAD_STACK_SIZE)
                    .spawn_scoped(s, move || {
                        pin_job(j, jobs);
                        job(j)
                    })
                    .ok()
            })
            .collect();
        if handles.is_empty() {
            // No thread could be started: this one does the work.
            job(0);
        }
        for h in handles {
            let _ = h.join();
        }
    });
}

/// The plain search over `limits.jobs` jobs: the report one job gives (see the module doc).
pub fn search_plain(
    prog: &Program,
    limits: &Limits,
    stop_at: &(dyn Fn(&Outcome) -> bool + Sync),
    progress: &(dyn Fn(u64, usize) + Sync),
) -> Report {
    let jobs = limits.jobs.max(1);
    let shared = Shared {
        prog,
        limits,
        stop_at,
        progress,
        jobs,
        started: Instant::now(),
        queue: Mutex::new(Queue {
            tasks: vec![Task {
                stack: Vec::new(),
                floor: 0,
                end: 0,
            }],
            ..Queue::default()
        }),
        wake: Condvar::new(),
        hungry: AtomicBool::new(false),
        runs: AtomicU64::new(0),
        seen: Mutex::new(Default::default()),
        cut: Mutex::new(None),
        hit: Mutex::new(None),
        counts: Mutex::new(Vec::new()),
    };
    run_jobs(jobs, &|_| shared.job());
    let hit = shared.hit.lock().clone();
    let cut = *shared.cut.lock();
    let mut counts = std::mem::take(&mut *shared.counts.lock());
    if let Some(h) = &hit {
        counts.retain(|c| c.start.as_ref().is_some_and(|s| s <= h));
    }
    let (found, schedules, diverged) = merge(counts);
    Report {
        found,
        schedules,
        complete: cut.is_none() && hit.is_none(),
        cut,
        diverged,
        elapsed: shared.started.elapsed(),
        pct: None,
    }
}

/// The sites of a PCT run's steps that raced with another thread's (`step_sites`: the site
/// each step started from, by decision point).
fn racing_sites(run: &DporRun, step_sites: &[Option<SiteKey>]) -> Vec<SiteKey> {
    let mut out: Vec<SiteKey> = crate::threads::dpor::races(run)
        .into_iter()
        .flat_map(|(a, b)| [a, b])
        .filter_map(|s| run.steps[s].node)
        .filter_map(|n| step_sites.get(n).copied().flatten())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What one PCT run gave, kept until its block is counted in run order.
struct PctRun {
    outcome: Outcome,
    preemptions: u32,
    schedule: Schedule,
    threads: usize,
    /// The site of each of its decision points with more than one choice.
    points: Vec<Option<SiteKey>>,
    /// The sites of its steps that raced with another thread's.
    racing: Vec<SiteKey>,
}

/// PCT (`threads/pct.rs`): `pct.runs` runs, run i with seed `pct.seed + i`, over
/// `limits.jobs` jobs. Run 0 has no change point and measures `k`; each later block of
/// [`PCT_BLOCK`] runs draws its change points among the most decision points the runs of the
/// blocks before it had. Never complete: PCT samples, it does not enumerate.
pub fn search_pct(
    prog: &Program,
    limits: &Limits,
    pct: PctLimits,
    stop_at: &(dyn Fn(&Outcome) -> bool + Sync),
    progress: &(dyn Fn(u64, usize) + Sync),
) -> Report {
    let jobs = limits.jobs.max(1);
    let mut tally = super::Tally::new();
    let (mut threads, mut k) = (0, 0);
    // The sites whose steps raced in the runs so far, in run order (a block's runs count the
    // decision points at the sites of the runs before it).
    let mut racing_set: HashSet<SiteKey> = HashSet::new();
    // `--max-schedules` is exact here: runs past it are never started.
    let total = match limits.max_schedules {
        Some(m) if m < pct.runs => m,
        _ => pct.runs,
    };
    let mut cut = None;
    let mut next = 0u64;
    'blocks: while next < total {
        let len = if next == 0 {
            1
        } else {
            PCT_BLOCK.min(total - next)
        };
        let results: Vec<Mutex<Option<PctRun>>> = (0..len).map(|_| Mutex::new(None)).collect();
        let claimed = AtomicU64::new(0);
        let hit = AtomicU64::new(u64::MAX);
        let stopped: Mutex<Option<&'static str>> = Mutex::new(None);
        let done = AtomicU64::new(tally.schedules);
        let (kb, started, found) = (k, tally.started, tally.found.len());
        let racing: Racing = Arc::new(racing_set.clone());
        let job = |_j: usize| {
            loop {
                if let Some(why) = limits.time_or_interrupt(&started) {
                    stopped.lock().get_or_insert(why);
                    return;
                }
                if stopped.lock().is_some() {
                    return;
                }
                let i = claimed.fetch_add(1, Ordering::Relaxed);
                if i >= len || i > hit.load(Ordering::Relaxed) {
                    return;
                }
                let seed = pct.seed.wrapping_add(next + i);
                let chooser = Pct::new(seed, pct.depth, kb, racing.clone());
                let guide = Arc::new(Mutex::new(Guide::pct(chooser, limits.max_steps)));
                let recorder = Arc::new(AccessRecorder {
                    guide: guide.clone(),
                });
                let (outcome, _, names) =
                    prog.run_observed(Policy::Explore(guide.clone()), Some(recorder));
                let mut g = std::mem::take(&mut *guide.lock());
                if stop_at(&outcome) {
                    hit.fetch_min(i, Ordering::Relaxed);
                }
                let (t, points, racing) = match (g.pct.take(), g.dpor.take()) {
                    (Some(p), Some(mut run)) => {
                        run.finish_step();
                        let racing = racing_sites(&run, &p.step_sites);
                        (p.threads(), p.points, racing)
                    }
                    _ => Default::default(),
                };
                *results[i as usize].lock() = Some(PctRun {
                    outcome,
                    preemptions: g.preemptions,
                    schedule: prog.schedule(&g.handoffs[..g.needed], &names),
                    threads: t,
                    points,
                    racing,
                });
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(n, found);
            }
        };
        if jobs == 1 {
            job(0);
        } else {
            run_jobs(jobs, &job);
        }
        // Counted in run order, up to the first hole (a run not made: the search was cut)
        // or the first run `stop_at` accepts. The racing sites grow first, then `k` is
        // each run's count of the decision points at them.
        let results: Vec<Option<PctRun>> = results.into_iter().map(|r| r.into_inner()).collect();
        for r in results.iter().map_while(|r| r.as_ref()) {
            racing_set.extend(r.racing.iter().copied());
        }
        for r in results {
            let Some(r) = r else {
                cut = cut.or(*stopped.lock());
                break 'blocks;
            };
            tally.schedules += 1;
            threads = threads.max(r.threads);
            k = k.max(Pct::count(&r.points, &racing_set));
            let hit = stop_at(&r.outcome);
            tally.note(r.outcome, r.preemptions, r.schedule);
            if hit {
                break 'blocks;
            }
        }
        progress(tally.schedules, tally.found.len());
        next += len;
    }
    if cut.is_none() && tally.schedules < pct.runs && total < pct.runs {
        cut = Some("--max-schedules");
    }
    let mut report = tally.report(false, cut);
    report.pct = Some(PctSummary {
        limits: pct,
        threads,
        k,
    });
    report
}
