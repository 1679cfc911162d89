//! `gilvm explore FILE`: every result a threaded program can produce, and the shortest
//! schedule that produces each.
//!
//! A stateless model checker in the manner of CHESS (Musuvathi et al., OSDI 2008): the
//! program runs again and again from the start, in this process, under the deterministic
//! scheduler, which asks a [`Guide`] who runs at each branch point. The search is
//! depth-first over those choices: after each run it takes the deepest branch point with an
//! alternative left, and the next run follows the same choices up to there and the
//! alternative after. By default that is the plain search, its preemptions bounded (2, or
//! `--preemptions K`). With `--reduction dpor` the choices come from dynamic partial-order
//! reduction instead (`threads/dpor.rs`, with `tools/accesses.rs` recording what each step
//! touches): no bound, one schedule per order of conflicting steps.
//!
//! What the plain search prunes, and why it is sound (no outcome reachable within the bound
//! is missed):
//! - A preemption is offered only at a switch point after which the running thread may
//!   touch shared state before its next switch point ([`Points::block_may_share`]:
//!   globals, attributes, subscripts, cells, any call, any operator or iteration that might
//!   read a container, a return into unknown code). If it touches nothing shared until
//!   then, its steps up to the next switch point commute with every other thread's steps:
//!   preempting here or at that next point orders all shared accesses the same way, so only
//!   the later point is explored. This is the "independent steps explored once" reduction.
//! - gilvm's own modules written in Python (`threading`, `queue`) are not preempted inside:
//!   their operations are treated as the native calls they are in CPython's C core; their
//!   blocking waits (lock, join, condition) still hand the baton on, and every choice of
//!   who runs then is explored (forced choices cost no preemption and are not bounded).
//!
//! Outcomes: the program's stdout, its stderr (tracebacks, thread exceptions) and how it
//! ended (exit status, a deadlock, the per-run step budget).
//!
//! `--jobs N` shares the plain search and PCT's runs out over N jobs (`explore/jobs.rs`),
//! with the report one job prints.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parking_lot::Mutex;

use crate::bytecode::SwitchPoints as Points;
use crate::source::SourceFile;
use crate::threads::EvalBreaker;
use crate::threads::ThreadId;
use crate::threads::deterministic::{Policy, Schedule, ScheduleMode};
use crate::threads::dpor::Tree;
use crate::threads::guide::{Branch, Guide, Stop};
use crate::tools::accesses::AccessRecorder;
use crate::tools::cli::{ModeArgs, ScriptArgs, plural, shell_quote, switch_points_named};
use crate::vm::{Config, Interpreter, THREAD_STACK_SIZE, Vm};

mod jobs;

/// The plain search's preemption bound when none is given.
const DEFAULT_BOUND: u32 = 2;

#[derive(clap::Args, Debug)]
pub struct ExploreArgs {
    /// At most K preemptions per schedule (a switch away from a thread that could go on,
    /// as in CHESS), with the plain search. Choices forced by a thread blocking or ending
    /// are free. Default: 2, or no bound with `--reduction dpor`.
    #[arg(long, value_name = "K")]
    pub preemptions: Option<u32>,

    /// `none` (the default): the plain search within the preemption bound. `dpor`:
    /// partial-order reduction, one schedule per order of conflicting steps, no preemption
    /// bound (with `--preemptions`, the plain bounded search is used): every outcome, each
    /// schedule slower than the plain search's (every instruction is observed).
    #[arg(long, value_name = "R", default_value = "none", value_parser = ["dpor", "none"])]
    pub reduction: String,

    /// `search` (the default): the systematic search above. `pct`: probabilistic
    /// concurrency testing, for programs too big to enumerate: `--runs` runs, each with random
    /// thread priorities and `--depth` − 1 random points where the running thread drops below
    /// the others; the summary prints PCT's guarantee. Every run is seeded and replayable.
    #[arg(long, value_name = "S", default_value = "search", value_parser = ["search", "pct"])]
    pub strategy: String,

    /// PCT: the depth of the bugs aimed at (how many orderings between threads they need).
    #[arg(long, value_name = "D", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub depth: u32,

    /// PCT: how many runs.
    #[arg(long, value_name = "N", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,

    /// PCT: the first run's seed; run i uses SEED + i (and draws its change points among the
    /// most decision points the runs of the blocks of 64 before its own had), so the same
    /// command gives the same runs; each outcome's schedule replays it alone.
    #[arg(long, value_name = "SEED", default_value_t = 0)]
    pub seed: u64,

    /// Where a thread may be preempted: `cpython` (frame entry, backward jumps; CPython
    /// 3.10+) or `every` (before any instruction). Free-threaded runs use `every`. Default
    /// `cpython`, or the mode of the schedule `--minimize` is given.
    #[arg(long, value_name = "P", value_parser = ["cpython", "every"])]
    pub switch_points: Option<String>,

    /// An acceptable outcome: the program ends normally and prints exactly TEXT, or a line
    /// equal to TEXT. Repeatable. Any other reachable outcome is reported as forbidden and
    /// the exit status is 1.
    #[arg(long, value_name = "TEXT")]
    pub expect: Vec<String>,

    /// Stop at the first outcome `--expect` does not accept: print it with its schedule
    /// minimized, and exit 1. Without a forbidden outcome, the whole report, as without it.
    #[arg(long, requires = "expect")]
    pub first: bool,

    /// Search with N jobs, each on a CPU of its own when there are as many CPUs (`auto`: one
    /// per CPU). The report is the one a single job prints (times aside), for the plain
    /// search and `--strategy pct`; not with `--reduction dpor`. Default 1.
    #[arg(long, value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<usize>,

    /// Stop after N schedules (the summary says the search was cut).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_schedules: Option<u64>,

    /// Stop after this long: `30s`, `500ms`, or seconds.
    #[arg(long, value_name = "DURATION", value_parser = crate::tools::cli::parse_timeout)]
    pub time_limit: Option<u64>,

    /// Instructions one schedule may execute (all threads) before it is stopped and
    /// reported as an outcome of its own (a livelock, a spin that never ends).
    #[arg(long, value_name = "N", default_value_t = 50_000_000)]
    pub max_steps: u64,

    /// Tell each outcome's story: its schedule replayed under `--explain`, the lost
    /// updates, stale checks and stale reads it makes, and the `gilvm step` command that
    /// stops where the schedule ends.
    #[arg(long)]
    pub explain: bool,

    /// Shrink this schedule (a string or a file, from `explore`, `--record-schedule` or a
    /// seeded run) to the fewest preemptions that give the same outcome.
    #[arg(long, value_name = "SCHEDULE")]
    pub minimize: Option<String>,

    /// Schedules the minimization may run (the replay of the schedule counted), for
    /// `--first` and `--minimize`; past them it keeps the best schedule so far and says that
    /// fewer preemptions may exist. Default with `--first`: as many schedules as the search
    /// ran before it found the outcome; with `--minimize`: no limit.
    #[arg(long, value_name = "N")]
    pub minimize_budget: Option<u64>,

    /// `-X gil=0` explores free-threaded runs; also `--free-threaded`, `--json`.
    #[command(flatten)]
    pub mode: ModeArgs,

    #[command(flatten)]
    pub script: ScriptArgs,
}

impl ExploreArgs {
    /// Whether the search is partial-order reduction: asked for, and no bound given (with a
    /// bound, the plain bounded search runs).
    fn dpor(&self) -> bool {
        self.reduction == "dpor" && self.preemptions.is_none() && !self.pct()
    }

    /// Whether the runs are PCT's rather than a search's.
    fn pct(&self) -> bool {
        self.strategy == "pct"
    }
}

/// `--jobs`: a count (0 meaning 1) or `auto`, one job per CPU this process may use.
fn parse_jobs(s: &str) -> Result<usize, String> {
    if s == "auto" {
        let cpus = crate::threads::affinity::allowed_cpus().len();
        return Ok(cpus.max(1));
    }
    match s.parse::<usize>() {
        Ok(n) if n <= 1024 => Ok(n.max(1)),
        _ => Err(format!(
            "expected a number of jobs (at most 1024) or 'auto', not '{s}'"
        )),
    }
}

/// How one run ended.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum End {
    /// The program ended with this exit status.
    Exit(u8),
    /// Every live thread was blocked (the report).
    Deadlock(String),
    /// The run used up `--max-steps`.
    StepLimit,
    /// A replayed schedule did not fit (only when minimizing).
    Mismatch(String),
    /// Partial-order reduction cut the run: what follows was covered by other schedules
    /// (never reported as an outcome).
    Redundant,
}

/// What a run produced: one row of the result.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub end: End,
}

impl Outcome {
    /// Whether `--expect TEXT` accepts it: a normal end, and the output is TEXT or has a
    /// line equal to TEXT.
    pub fn accepted_by(&self, expect: &[String]) -> bool {
        matches!(self.end, End::Exit(0))
            && expect.iter().any(|e| {
                let e = e.trim_end();
                self.stdout.trim_end() == e || self.stdout.lines().any(|l| l.trim_end() == e)
            })
    }

    /// A one-word kind, for JSON.
    fn kind(&self) -> &'static str {
        match self.end {
            End::Exit(0) => "ok",
            End::Exit(_) => "error",
            End::Deadlock(_) => "deadlock",
            End::StepLimit => "step-limit",
            End::Mismatch(_) => "mismatch",
            End::Redundant => "redundant",
        }
    }
}

/// A compiled program and the settings every run of it shares.
pub struct Program {
    pub src: Arc<SourceFile>,
    pub code: Arc<crate::vm::object::code::Code>,
    pub argv: Vec<String>,
    pub gil: bool,
    pub every_switch_point: bool,
    pub switch_interval_us: u64,
    /// Every run in a sandboxed interpreter (`Config::sandboxed`: `gilvm web`'s runs, its
    /// searches included).
    pub sandboxed: bool,
    /// `sys.path[0]` (the script's directory, links resolved), read from the file system by
    /// the first run and shared by the others, as they share one compilation of the source
    /// (`Config::sys_path0`).
    pub sys_path0: std::sync::OnceLock<String>,
}

/// Each thread of a run and the name it started with (`MainThread`, `Thread-1 (worker)`).
pub type Names = std::collections::BTreeMap<ThreadId, String>;

impl Program {
    /// The regime every run has, as a schedule writes it.
    pub fn mode(&self) -> ScheduleMode {
        let points = if self.every_switch_point || !self.gil {
            Points::Every
        } else {
            Points::Cpython
        };
        ScheduleMode::of(self.gil, points)
    }

    /// Runs the program once, in this thread (which must have [`THREAD_STACK_SIZE`] of
    /// stack), under `policy`; returns what it produced, its preemption count and its threads'
    /// names.
    pub fn run(&self, policy: Policy) -> (Outcome, u64, Names) {
        self.run_observed(policy, None)
    }

    /// `handoffs` of a run whose threads had `names`, as the schedule written out.
    pub fn schedule(&self, handoffs: &[crate::threads::Handoff], names: &Names) -> Schedule {
        Schedule::new(handoffs.to_vec()).written(self.mode(), names)
    }

    /// [`Program::run`], with an observer of every instruction (partial-order reduction's
    /// [`AccessRecorder`]).
    pub fn run_observed(
        &self,
        policy: Policy,
        observer: Option<Arc<dyn crate::vm::observe::Observer>>,
    ) -> (Outcome, u64, Names) {
        self.run_with(policy, observer, |_| {})
    }

    /// [`Program::run_observed`], with the interpreter's settings changed by `configure`
    /// first (`gilvm web`: a regime, an event sink, a sandbox, a step budget).
    pub fn run_with(
        &self,
        policy: Policy,
        observer: Option<Arc<dyn crate::vm::observe::Observer>>,
        configure: impl FnOnce(&mut Config),
    ) -> (Outcome, u64, Names) {
        let mut config = Config {
            observer,
            argv: self.argv.clone(),
            gil: self.gil,
            switch_interval_us: self.switch_interval_us,
            policy: Some(policy),
            every_switch_point: self.every_switch_point,
            capture_output: true,
            contained: true,
            sandboxed: self.sandboxed,
            sys_path0: Some(
                self.sys_path0
                    .get_or_init(|| crate::vm::modules::sys::path0(&self.argv))
                    .clone(),
            ),
            ..Config::default()
        };
        configure(&mut config);
        let interp = Interpreter::new(config);
        interp.add_source(self.src.clone());
        let mut vm = Vm::new(interp.clone(), THREAD_STACK_SIZE);
        vm.sched_acquire();
        let status = match vm.run_loaded_module(self.code.clone(), "__main__") {
            Ok(_) => 0,
            Err(e) if e.is_run_aborted() && interp.exited().is_none() => 0,
            Err(e) => crate::vm::exit_status(&mut vm, &e),
        };
        // A thread's `os._exit` ends the run where it is: the main thread's exit aborts the
        // others.
        let status = interp.exited().unwrap_or(status);
        if !interp.sched.aborted() && interp.exited().is_none() {
            vm.shutdown_threads();
        }
        vm.sched_exit();
        drop(vm);
        // The run's other threads have been told to end (the main thread's exit aborts
        // the run); wait until they have, so runs never overlap.
        interp.wait_os_threads();
        let (stop, preemptions, names) = interp.sched.deterministic().map_or_else(
            || (None, 0, interp.thread_names.lock().clone()),
            |d| (d.stopped(), d.preemptions(), d.names()),
        );
        let end = match stop {
            None => End::Exit(status),
            Some(Stop::Deadlock(m)) => End::Deadlock(m),
            Some(Stop::StepLimit(_)) => End::StepLimit,
            Some(Stop::Mismatch(m)) => End::Mismatch(m),
            Some(Stop::Redundant) => End::Redundant,
        };
        let outcome = Outcome {
            stdout: interp.take_output(),
            stderr: interp.take_stderr(),
            end,
        };
        (outcome, preemptions, names)
    }
}

impl Program {
    /// `--explain`'s story of one schedule: its findings, in the order they happened, then
    /// the closing count (`explain: 1 lost update (1 on counter)` without the `explain: `).
    pub fn explain(&self, schedule: &Schedule) -> Vec<String> {
        let found = Arc::new(Mutex::new(Vec::new()));
        let sink = found.clone();
        let explain =
            crate::tools::explain::Explain::collecting(Box::new(move |_, _, _, text: &str| {
                sink.lock().push(text.to_string())
            }));
        self.run_observed(Policy::Replay(schedule.clone()), Some(explain.clone()));
        let mut lines = std::mem::take(&mut *found.lock());
        let summary = explain.summary();
        lines.push(
            summary
                .strip_prefix("explain: ")
                .unwrap_or(&summary)
                .to_string(),
        );
        lines
    }
}

/// The limits of one search.
#[derive(Clone)]
pub struct Limits {
    /// Partial-order reduction (`threads/dpor.rs`) with no preemption bound; else the plain
    /// search within `preemptions`.
    pub dpor: bool,
    /// PCT's runs (`threads/pct.rs`) in place of a search.
    pub pct: Option<PctLimits>,
    pub preemptions: u32,
    pub max_schedules: Option<u64>,
    pub time_limit: Option<Duration>,
    pub max_steps: u64,
    /// Jobs the search runs on (`--jobs`; 1: this thread alone). Partial-order reduction
    /// runs on one.
    pub jobs: usize,
    /// Ctrl-C lands here (`threads::signals`): the search stops between two runs and reports
    /// what it found, "cut by Ctrl-C".
    pub interrupt: Option<Arc<EvalBreaker>>,
}

impl Limits {
    /// `--time-limit` passed since `started`, or Ctrl-C came: what cuts the runs, if either.
    pub(crate) fn time_or_interrupt(&self, started: &Instant) -> Option<&'static str> {
        if self.time_limit.is_some_and(|t| started.elapsed() >= t) {
            return Some("--time-limit");
        }
        if self
            .interrupt
            .as_ref()
            .is_some_and(|b| crate::threads::signals::pending(b))
        {
            return Some("Ctrl-C");
        }
        None
    }
}

/// `--strategy pct`'s settings.
#[derive(Debug, Clone, Copy)]
pub struct PctLimits {
    pub depth: u32,
    pub runs: u64,
    pub seed: u64,
}

/// What PCT's runs were: the settings, and the `n` and `k` its guarantee is stated in.
#[derive(Debug, Clone, Copy)]
pub struct PctSummary {
    pub limits: PctLimits,
    /// The most threads a run had.
    pub threads: usize,
    /// The most decision points a run had.
    pub k: u64,
}

impl PctSummary {
    /// `1 / (n * k^(d-1))`, for the report.
    pub fn guarantee(&self) -> f64 {
        crate::threads::pct::guarantee(self.threads, self.k, self.limits.depth)
    }
}

/// One distinct outcome and how it was reached.
#[derive(Debug, Clone)]
pub struct Found {
    pub outcome: Outcome,
    /// Schedules that reached it.
    pub count: u64,
    /// The fewest preemptions among them, and that schedule (fewest hand-offs on a tie).
    pub preemptions: u32,
    pub schedule: Schedule,
}

#[derive(Debug, Clone)]
pub struct Report {
    /// In the order they were first reached.
    pub found: Vec<Found>,
    pub schedules: u64,
    /// Every schedule within the bound was run (not cut by a limit).
    pub complete: bool,
    /// What cut the search, if something did.
    pub cut: Option<&'static str>,
    /// Runs that did not follow their prefix (the program is not deterministic).
    pub diverged: u64,
    pub elapsed: Duration,
    /// PCT's runs, when the report is theirs.
    pub pct: Option<PctSummary>,
}

/// Depth-first search over the schedules of `prog` within `limits`; stops early at the
/// first schedule that reaches `target`, when given. `progress` is told the number of
/// schedules run and of outcomes found after each run.
pub fn search(
    prog: &Program,
    limits: &Limits,
    stop_at: &(dyn Fn(&Outcome) -> bool + Sync),
    progress: &(dyn Fn(u64, usize) + Sync),
) -> Report {
    if let Some(pct) = limits.pct {
        return jobs::search_pct(prog, limits, pct, stop_at, progress);
    }
    if limits.dpor {
        return search_dpor(prog, limits, stop_at, progress);
    }
    if limits.jobs > 1 {
        return jobs::search_plain(prog, limits, stop_at, progress);
    }
    let mut tally = Tally::new();
    let mut stack: Vec<Branch> = Vec::new();
    let (complete, cut) = loop {
        if let Some(why) = tally.cut_by(limits) {
            break (false, Some(why));
        }
        let prefix: Vec<usize> = stack.iter().map(|b| b.taken as usize).collect();
        let guide = Arc::new(Mutex::new(Guide::new(
            prefix,
            limits.preemptions,
            limits.max_steps,
        )));
        let (outcome, _, names) = prog.run(Policy::Explore(guide.clone()));
        let run = std::mem::take(&mut *guide.lock());
        tally.schedules += 1;
        let followed = run.branches.len() >= stack.len()
            && run.branches.iter().zip(&stack).all(|(a, b)| a == b);
        if run.diverged || !followed {
            tally.diverged += 1;
        }
        let schedule = prog.schedule(&run.handoffs[..run.needed], &names);
        let hit = stop_at(&outcome);
        tally.note(outcome, run.preemptions, schedule);
        progress(tally.schedules, tally.found.len());
        if hit {
            break (false, None);
        }
        // Backtrack: the deepest branch point with an alternative left takes the next one.
        stack = run.branches;
        loop {
            match stack.last_mut() {
                None => break,
                Some(b) if (b.taken as usize) + 1 < b.width() => {
                    b.taken += 1;
                    break;
                }
                Some(_) => {
                    stack.pop();
                }
            }
        }
        if stack.is_empty() {
            break (true, None);
        }
    };
    tally.report(complete, cut)
}

/// What a search has counted so far; both searches keep one and end with its [`Report`].
struct Tally {
    started: Instant,
    /// The outcomes in the order they were first reached, and each one's row.
    found: Vec<Found>,
    index: HashMap<Outcome, usize>,
    schedules: u64,
    diverged: u64,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            started: Instant::now(),
            found: Vec::new(),
            index: HashMap::new(),
            schedules: 0,
            diverged: 0,
        }
    }

    /// Counts a run's outcome: a new row, or one more schedule for a row (keeping the
    /// schedule with the fewest preemptions, then the fewest hand-offs).
    fn note(&mut self, outcome: Outcome, preemptions: u32, schedule: Schedule) {
        match self.index.get(&outcome) {
            Some(&i) => {
                let f = &mut self.found[i];
                f.count += 1;
                if (preemptions, schedule.handoffs.len())
                    < (f.preemptions, f.schedule.handoffs.len())
                {
                    f.preemptions = preemptions;
                    f.schedule = schedule;
                }
            }
            None => {
                self.index.insert(outcome.clone(), self.found.len());
                self.found.push(Found {
                    outcome,
                    count: 1,
                    preemptions,
                    schedule,
                });
            }
        }
    }

    /// What cuts the search before its next run, if anything.
    fn cut_by(&self, limits: &Limits) -> Option<&'static str> {
        if limits.max_schedules.is_some_and(|m| self.schedules >= m) {
            return Some("--max-schedules");
        }
        limits.time_or_interrupt(&self.started)
    }

    fn report(self, complete: bool, cut: Option<&'static str>) -> Report {
        Report {
            found: self.found,
            schedules: self.schedules,
            complete,
            cut,
            diverged: self.diverged,
            elapsed: self.started.elapsed(),
            pct: None,
        }
    }
}

/// The search with partial-order reduction (`threads/dpor.rs`): each run follows the
/// current path of the tree to its last decision point and takes the thread chosen there,
/// then the first thread that does not sleep; its races add threads to try at earlier
/// decision points. No preemption bound: complete means every outcome.
fn search_dpor(
    prog: &Program,
    limits: &Limits,
    stop_at: &(dyn Fn(&Outcome) -> bool + Sync),
    progress: &(dyn Fn(u64, usize) + Sync),
) -> Report {
    let mut tally = Tally::new();
    let mut tree = Tree::default();
    let (complete, cut) = loop {
        if let Some(why) = tally.cut_by(limits) {
            break (false, Some(why));
        }
        let guide = Arc::new(Mutex::new(Guide::dpor(tree.next_run(), limits.max_steps)));
        let recorder = Arc::new(AccessRecorder {
            guide: guide.clone(),
        });
        let (outcome, _, names) = prog.run_observed(Policy::Explore(guide.clone()), Some(recorder));
        let mut g = std::mem::take(&mut *guide.lock());
        tally.schedules += 1;
        let Some(mut run) = g.dpor.take() else {
            break (false, None);
        };
        run.finish_step();
        if run.diverged {
            tally.diverged += 1;
        }
        tree.record(run);
        let mut hit = false;
        if outcome.end != End::Redundant {
            hit = stop_at(&outcome);
            let schedule = prog.schedule(&g.handoffs[..g.needed], &names);
            tally.note(outcome, g.preemptions, schedule);
        }
        progress(tally.schedules, tally.found.len());
        if hit {
            break (false, None);
        }
        if !tree.advance() {
            break (true, None);
        }
    };
    tally.report(complete, cut)
}

/// The result of `--minimize`.
#[derive(Debug, Clone)]
pub struct Minimized {
    pub outcome: Outcome,
    pub given: Schedule,
    pub given_preemptions: u64,
    pub schedule: Schedule,
    pub preemptions: u64,
    pub schedules: u64,
    /// What cut the minimization before it proved no schedule with fewer preemptions (or,
    /// `preemptions` being proved the fewest, fewer hand-offs) gives the outcome: `budget`
    /// (`--minimize-budget`, or `--first`'s default), or the search's own cut.
    pub cut: Option<&'static str>,
    /// Every schedule with fewer preemptions than this was tried.
    pub proved_below: u64,
}

impl Minimized {
    /// What a cut minimization may have missed, in the report's words: `None` when it ran
    /// to the end.
    pub fn cut_note(&self) -> Option<String> {
        self.cut.map(|why| {
            let by = if why == "budget" {
                String::new()
            } else {
                format!(" (cut by {why})")
            };
            // A cut in the search at the schedule's own bound: every smaller bound was
            // searched in full, so only the hand-offs may shrink.
            let fewer = if self.proved_below == self.preemptions {
                "fewer hand-offs"
            } else {
                "fewer preemptions"
            };
            format!(
                "minimized within {} schedule{}{by}; {fewer} may exist",
                self.schedules,
                plural(self.schedules)
            )
        })
    }
}

/// Shrinks `given` to the fewest preemptions that still give its outcome: searches with a
/// bound of 0, 1, 2, … up to the given schedule's own count and stops at the first
/// schedule with the same outcome. Never returns more preemptions than it was given, nor
/// more hand-offs for as many preemptions. `limits.max_schedules` (the replay of `given`
/// counted) and `limits.time_limit` bound it: then [`Minimized::cut`] says so, and the
/// best schedule found so far (`given`, if none) is kept.
pub fn minimize(
    prog: &Program,
    given: &Schedule,
    limits: &Limits,
    progress: &(dyn Fn(u64, usize) + Sync),
) -> Result<Minimized, String> {
    let (outcome, given_preemptions, names) = prog.run(Policy::Replay(given.clone()));
    // The given schedule as this run names its threads, in this run's mode.
    let given = &Schedule {
        mode: prog.mode(),
        ..given.resolved(&names)
    };
    if let End::Mismatch(m) = &outcome.end {
        return Err(m.trim_start_matches("gilvm: ").to_string());
    }
    let started = Instant::now();
    let mut schedules = 1;
    let mut best = (given.clone(), given_preemptions);
    let mut cut = None;
    let mut proved_below = 0;
    for bound in 0..given_preemptions.min(u32::MAX as u64) as u32 + 1 {
        if limits.max_schedules.is_some_and(|m| schedules >= m) {
            cut = Some("budget");
            break;
        }
        let left = limits
            .time_limit
            .map(|t| t.saturating_sub(started.elapsed()));
        let l = Limits {
            dpor: false,
            pct: None,
            preemptions: bound,
            max_schedules: limits.max_schedules.map(|m| m - schedules),
            time_limit: left,
            max_steps: limits.max_steps,
            jobs: limits.jobs,
            interrupt: limits.interrupt.clone(),
        };
        let r = search(prog, &l, &|o| *o == outcome, &|n, k| {
            progress(schedules + n, k)
        });
        schedules += r.schedules;
        if let Some(f) = r.found.iter().find(|f| f.outcome == outcome) {
            let p = f.preemptions as u64;
            if p < best.1 || (p == best.1 && f.schedule.handoffs.len() <= best.0.handoffs.len()) {
                best = (f.schedule.clone(), p);
            }
            break;
        }
        if let Some(why) = r.cut {
            cut = Some(if why == "--max-schedules" {
                "budget"
            } else {
                why
            });
            break;
        }
        proved_below = bound as u64 + 1;
    }
    Ok(Minimized {
        outcome,
        given: given.clone(),
        given_preemptions,
        schedule: best.0,
        preemptions: best.1,
        schedules,
        cut,
        proved_below,
    })
}

/// `--minimize`'s schedule (a string or a file), and the GIL and switch points of its search:
/// the command line's, else the schedule's mode; an error when they disagree.
fn minimize_schedule(
    given: &str,
    args: &ExploreArgs,
) -> Result<(Schedule, bool, Option<String>), String> {
    let text = if std::path::Path::new(given).exists() {
        std::fs::read_to_string(given).map_err(|e| format!("--minimize {given}: {e}"))?
    } else {
        given.to_string()
    };
    let schedule = Schedule::parse(&text).map_err(|e| format!("--minimize: {e}"))?;
    let refused = |e: String| format!("--minimize: {e}");
    let cli_points = args.switch_points.as_deref().map(switch_points_named);
    let (gil, points) = args
        .mode
        .gil
        .replay_mode(&schedule, cli_points)
        .map_err(refused)?;
    let points = Some(match points {
        Points::Every => "every".to_string(),
        Points::Cpython => "cpython".to_string(),
    });
    Ok((schedule, gil, points))
}

/// What a call of `explore` did.
enum Work {
    /// The search's report; with `--explain`, each outcome's story.
    Report(Report, Option<Vec<Vec<String>>>),
    /// `--minimize`'s result.
    Minimized(Minimized),
    /// `--first`: the forbidden outcome, minimized, and after how many schedules it came.
    First(Minimized, u64),
}

/// `gilvm explore`.
pub fn main(args: ExploreArgs, gil: bool) -> ExitCode {
    let src = match std::fs::read_to_string(&args.script.file) {
        Ok(text) => {
            let name =
                std::path::absolute(&args.script.file).unwrap_or_else(|_| args.script.file.clone());
            SourceFile::new(name.display().to_string(), text)
        }
        Err(e) => {
            eprintln!("gilvm: {}", crate::source::cant_open(&args.script.file, &e));
            return ExitCode::from(2);
        }
    };
    let code = match crate::compiler::compile_source(&src, crate::compiler::Mode::Exec) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", crate::parser::render_syntax_error(&e, &src));
            return ExitCode::from(1);
        }
    };
    // `--minimize`'s schedule: its mode is the search's, unless the command line sets it.
    let given = match args
        .minimize
        .as_deref()
        .map(|g| minimize_schedule(g, &args))
    {
        None => None,
        Some(Ok(g)) => Some(g),
        Some(Err(msg)) => {
            eprintln!("gilvm explore: {msg}");
            return ExitCode::from(2);
        }
    };
    let (gil, points) = match &given {
        Some((_, gil, points)) => (*gil, points.clone()),
        None => (gil, args.switch_points.clone()),
    };
    let every = points.as_deref() == Some("every") || !gil;
    let argv = args.script.argv();
    let prog = Program {
        src: Arc::new(src),
        code: crate::vm::object::code::Code::new(code),
        argv,
        gil,
        every_switch_point: every,
        switch_interval_us: 5000,
        sandboxed: false,
        sys_path0: Default::default(),
    };
    // Ctrl-C stops the search between two runs (a second one ends the process).
    let interrupt = Arc::new(EvalBreaker::new());
    crate::threads::signals::watch(interrupt.clone());
    let dpor = args.dpor();
    if args.pct() && (args.preemptions.is_some() || args.reduction == "dpor") {
        eprintln!(
            "gilvm explore: --strategy pct has no preemption bound and no reduction: \
             leave out --preemptions and --reduction"
        );
        return ExitCode::from(2);
    }
    let jobs = args.jobs.unwrap_or(1);
    if dpor && jobs > 1 {
        eprintln!(
            "gilvm explore: --jobs with --reduction dpor is not supported: the reduction's \
             tree grows from the races of earlier runs, so several jobs would run another set \
             of schedules (and report other counts) than one; leave out --jobs, or use the \
             plain search (--preemptions K) or --strategy pct"
        );
        return ExitCode::from(2);
    }
    let limits = Limits {
        dpor,
        pct: args.pct().then_some(PctLimits {
            depth: args.depth,
            runs: args.runs,
            seed: args.seed,
        }),
        preemptions: args
            .preemptions
            .unwrap_or(if dpor { u32::MAX } else { DEFAULT_BOUND }),
        max_schedules: args.max_schedules,
        time_limit: args.time_limit.map(Duration::from_micros),
        max_steps: args.max_steps,
        jobs,
        interrupt: Some(interrupt),
    };
    let replay = ReplayCommand {
        gil,
        every,
        file: args.script.file.display().to_string(),
        args: args.script.args.clone(),
    };
    keep_freed_memory();
    if jobs == 1 {
        // Several jobs are each kept on a CPU of their own (`explore/jobs.rs`).
        crate::threads::affinity::pin_here();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} schedules, {msg}  {elapsed_precise} elapsed")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    let progress = |n: u64, k: usize| {
        if n.is_multiple_of(64) || n < 64 {
            bar.set_position(n);
            let rate = n as f64 / bar.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{k} outcome{} ({rate:.0}/s)", plural(k as u64)));
        }
    };
    // Runs happen on a thread with the stack every interpreter thread gets.
    let work = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("gilvm-main".into())
            .stack_size(THREAD_STACK_SIZE)
            .spawn_scoped(s, || match &given {
                Some((schedule, _, _)) => {
                    let l = within_budget(&limits, args.minimize_budget);
                    minimize(&prog, schedule, &l, &progress).map(Work::Minimized)
                }
                None if args.first => {
                    let forbidden = |o: &Outcome| !o.accepted_by(&args.expect);
                    let report = search(&prog, &limits, &forbidden, &progress);
                    match report.found.iter().find(|f| forbidden(&f.outcome)) {
                        Some(f) => {
                            // No dearer than the search that found it (the schedule
                            // found is kept if nothing better comes within the budget).
                            let budget = args.minimize_budget.unwrap_or(report.schedules);
                            let l = within_budget(&limits, Some(budget));
                            let m = minimize(&prog, &f.schedule, &l, &progress)?;
                            Ok(Work::First(m, report.schedules))
                        }
                        None => Ok(Work::Report(report, None)),
                    }
                }
                None => {
                    let report = search(&prog, &limits, &|_| false, &progress);
                    let stories = args.explain.then(|| {
                        report
                            .found
                            .iter()
                            .map(|f| prog.explain(&f.schedule))
                            .collect()
                    });
                    Ok(Work::Report(report, stories))
                }
            })
            .map_err(|e| format!("cannot start the interpreter thread: {e}"))?
            .join()
            .map_err(|_| "internal error: the interpreter thread failed".to_string())?
    });
    bar.finish_and_clear();
    match work {
        Err(msg) => {
            eprintln!("gilvm explore: {msg}");
            ExitCode::from(2)
        }
        Ok(Work::Minimized(m)) => {
            if args.mode.json {
                println!("{}", minimized_json(&m, &replay));
            } else {
                print!("{}", render_minimized(&m, &replay, false));
            }
            ExitCode::SUCCESS
        }
        // `--first`: the forbidden outcome, after how many schedules, and its schedule.
        Ok(Work::First(m, schedules)) => {
            if args.mode.json {
                let mut v = minimized_json(&m, &replay);
                v["first_forbidden_after"] = schedules.into();
                println!("{v}");
            } else {
                println!(
                    "gilvm explore: {}: a forbidden outcome, after {schedules} schedule{}",
                    args.script.file.display(),
                    plural(schedules)
                );
                print!("{}", render_minimized(&m, &replay, true));
            }
            ExitCode::from(1)
        }
        Ok(Work::Report(report, stories)) => {
            let bound = if let Some(p) = limits.pct {
                format!(
                    "PCT, depth {}, {} run{} from seed {}",
                    p.depth,
                    p.runs,
                    plural(p.runs),
                    p.seed
                )
            } else if limits.dpor {
                "partial-order reduction, no preemption bound".to_string()
            } else {
                let k = limits.preemptions;
                format!("at most {k} preemption{} per schedule", plural(k as u64))
            };
            let header = format!(
                "gilvm explore: {}\n  {}, switch points {}, {bound}",
                args.script.file.display(),
                if gil { "GIL on" } else { "free-threaded" },
                if every { "every" } else { "cpython" },
            );
            if args.mode.json {
                let mut v = render_json(&report, &args, &replay);
                if let (Some(stories), Some(outcomes)) = (&stories, v["outcomes"].as_array_mut()) {
                    for ((o, story), f) in outcomes.iter_mut().zip(stories).zip(&report.found) {
                        o["explain"] = story.clone().into();
                        o["step"] = replay.step_line(&f.schedule).into();
                    }
                }
                println!("{v}");
            } else {
                let bounded = !limits.dpor;
                print!(
                    "{}",
                    render_report(
                        &header,
                        &report,
                        &args.expect,
                        &replay,
                        bounded,
                        stories.as_deref()
                    )
                );
            }
            let forbidden = !args.expect.is_empty()
                && report
                    .found
                    .iter()
                    .any(|f| !f.outcome.accepted_by(&args.expect));
            if forbidden {
                ExitCode::from(1)
            } else if report.cut == Some("Ctrl-C") {
                // What was found is printed; the status still says the search was stopped.
                ExitCode::from(130)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

/// `limits` for a minimization of at most `budget` schedules (and within `--max-schedules`).
fn within_budget(limits: &Limits, budget: Option<u64>) -> Limits {
    let max_schedules = match (limits.max_schedules, budget) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Limits {
        max_schedules,
        ..limits.clone()
    }
}

/// Each run allocates and frees the same memory again; by default glibc hands freed memory
/// at the top of a heap back to the kernel and faults it in again on the next run (a third
/// of the time of a small program's run went there). Keep it.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        const M_TRIM_THRESHOLD: std::ffi::c_int = -1;
        const M_ARENA_MAX: std::ffi::c_int = -8;
        // SAFETY: `mallopt` is glibc's, with this signature (malloc.h); it only sets
        // tuning parameters (under the allocator's own lock), before any run starts.
        unsafe {
            // One arena: runs use one thread at a time, and only the main arena follows
            // the trim threshold (the others shrink their heaps whenever they can).
            mallopt(M_ARENA_MAX, 1);
            mallopt(M_TRIM_THRESHOLD, 256 << 20);
        }
    }
}

/// How to replay a schedule from the command line.
struct ReplayCommand {
    /// The regime, for JSON (the schedules carry it).
    gil: bool,
    every: bool,
    file: String,
    args: Vec<String>,
}

impl ReplayCommand {
    /// The schedule carries the mode (`gil=0 points=every;`), so the command needs no flag
    /// for it.
    fn line(&self, s: &Schedule) -> String {
        self.command("gilvm", s)
    }

    /// The stepper's command that runs `s` and stops where it ends.
    fn step_line(&self, s: &Schedule) -> String {
        self.command("gilvm step", s)
    }

    /// `program` replaying `s` on the file, with its arguments.
    fn command(&self, program: &str, s: &Schedule) -> String {
        let mut words = vec![program.to_string()];
        words.push(format!("--replay-schedule {}", shell_quote(&s.to_line())));
        words.push(shell_quote(&self.file));
        words.extend(self.args.iter().map(|a| shell_quote(a)));
        words.join(" ")
    }
}

/// The outcome's text, one line per entry: stdout, then stderr, then how it ended.
fn outcome_lines(o: &Outcome) -> Vec<String> {
    let mut lines: Vec<String> = o.stdout.lines().map(|l| format!("| {l}")).collect();
    if o.stdout.is_empty() {
        lines.push("(no output)".into());
    }
    lines.extend(o.stderr.lines().map(|l| format!("! {l}")));
    match &o.end {
        End::Exit(0) => {}
        End::Exit(n) => lines.push(format!("exit status {n}")),
        End::Deadlock(m) => lines.extend(
            m.lines()
                .map(|l| l.trim_start_matches("gilvm: ").to_string()),
        ),
        End::StepLimit => {
            lines.push("step limit: the run went past --max-steps (a livelock or a spin?)".into())
        }
        End::Mismatch(m) => lines.push(m.clone()),
        End::Redundant => lines.push("(cut: covered by other schedules)".into()),
    }
    lines
}

fn schedule_text(s: &Schedule) -> String {
    if s.handoffs.is_empty() {
        "(none: each thread runs until it blocks or ends)".into()
    } else {
        s.to_line()
    }
}

fn render_report(
    header: &str,
    r: &Report,
    expect: &[String],
    replay: &ReplayCommand,
    bounded: bool,
    stories: Option<&[Vec<String>]>,
) -> String {
    let complete = if bounded {
        "complete for the preemption bound.\n"
    } else {
        "complete: every outcome.\n"
    };
    let mut out = format!("{header}\n\n");
    let unit = if r.pct.is_some() { "run" } else { "schedule" };
    for (i, f) in r.found.iter().enumerate() {
        let verdict = if expect.is_empty() {
            ""
        } else if f.outcome.accepted_by(expect) {
            "  expected"
        } else {
            "  FORBIDDEN"
        };
        out.push_str(&format!(
            "outcome {}: {} {unit}{}, fewest preemptions {}{verdict}\n",
            i + 1,
            f.count,
            plural(f.count),
            f.preemptions
        ));
        for line in outcome_lines(&f.outcome) {
            out.push_str(&format!("    {line}\n"));
        }
        out.push_str(&format!("  schedule: {}\n", schedule_text(&f.schedule)));
        if let Some(story) = stories.and_then(|s| s.get(i)) {
            for (k, line) in story.iter().enumerate() {
                let label = if k == 0 { "explain:" } else { "" };
                out.push_str(&format!("  {label:<9} {line}\n"));
            }
        }
        out.push_str(&format!("  replay:   {}\n", replay.line(&f.schedule)));
        if stories.is_some() {
            out.push_str(&format!("  step:     {}\n", replay.step_line(&f.schedule)));
        }
    }
    let secs = r.elapsed.as_secs_f64();
    let rate = r.schedules as f64 / secs.max(1e-9);
    out.push_str(&format!(
        "\n{} {unit}{} in {:.2} s ({:.0} per second)",
        r.schedules,
        plural(r.schedules),
        secs,
        rate
    ));
    if let Some(p) = &r.pct {
        // The seeds and PCT's guarantee.
        let first = p.limits.seed;
        let last = first.wrapping_add(r.schedules.saturating_sub(1));
        out.push_str(&format!(
            " (seeds {first}..={last}{}).\nPCT's guarantee: n = {} thread{}, k = {} decision point{}, \
             depth {}: each run finds a bug of depth {} or less with probability at least \
             {}.\n",
            r.cut.map(|why| format!(", cut by {why}")).unwrap_or_default(),
            p.threads,
            plural(p.threads as u64),
            p.k,
            plural(p.k),
            p.limits.depth,
            p.limits.depth,
            probability(p.guarantee()),
        ));
    } else {
        out.push_str(": ");
        match r.cut {
            None if r.complete => out.push_str(complete),
            Some(why) => out.push_str(&format!(
                "cut by {why}; more schedules remain within the bound.\n"
            )),
            None => out.push_str("stopped.\n"),
        }
    }
    let n = r.found.len() as u64;
    out.push_str(&format!("{n} distinct outcome{}", plural(n)));
    if !expect.is_empty() {
        let bad = r
            .found
            .iter()
            .filter(|f| !f.outcome.accepted_by(expect))
            .count();
        out.push_str(&format!(", {bad} forbidden"));
    }
    out.push_str(".\n");
    if r.diverged > 0 {
        out.push_str(&format!(
            "warning: {} run{} did not follow their schedule: the program does not behave \
             the same way twice (does it read the clock, or random numbers without a \
             seed?); the search may have missed outcomes.\n",
            r.diverged,
            plural(r.diverged)
        ));
    }
    out
}

/// A small probability as a person reads it: `1/8` or `1 in 2,450,000`.
fn probability(p: f64) -> String {
    if p <= 0.0 || !p.is_finite() {
        return "0".into();
    }
    let one_in = (1.0 / p).round();
    if one_in < 1e15 {
        format!("1/{}", group_thousands(one_in as u64))
    } else {
        format!("{p:.3e}")
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn outcome_json(o: &Outcome) -> serde_json::Value {
    serde_json::json!({
        "kind": o.kind(),
        "stdout": o.stdout,
        "stderr": o.stderr,
        "exit_status": match o.end { End::Exit(n) => Some(n), _ => None },
        "deadlock": match &o.end { End::Deadlock(m) => Some(m), _ => None },
    })
}

fn render_json(r: &Report, args: &ExploreArgs, replay: &ReplayCommand) -> serde_json::Value {
    let dpor = args.dpor();
    let outcomes: Vec<serde_json::Value> = r
        .found
        .iter()
        .map(|f| {
            let mut v = outcome_json(&f.outcome);
            v["count"] = f.count.into();
            v["preemptions"] = f.preemptions.into();
            v["schedule"] = f.schedule.to_line().into();
            v["replay"] = replay.line(&f.schedule).into();
            if !args.expect.is_empty() {
                v["expected"] = f.outcome.accepted_by(&args.expect).into();
            }
            v
        })
        .collect();
    serde_json::json!({
        "file": args.script.file.display().to_string(),
        "gil": replay.gil,
        "switch_points": if replay.every { "every" } else { "cpython" },
        "preemption_bound": (!dpor && !args.pct()).then(|| args.preemptions.unwrap_or(DEFAULT_BOUND)),
        "reduction": if dpor { "dpor" } else { "none" },
        "strategy": args.strategy,
        "pct": r.pct.map(|p| serde_json::json!({
            "depth": p.limits.depth,
            "runs": r.schedules,
            "seed": p.limits.seed,
            "threads": p.threads,
            "decision_points": p.k,
            "guarantee": p.guarantee(),
        })),
        "schedules": r.schedules,
        "complete": r.complete,
        "cut": r.cut,
        "diverged": r.diverged,
        "seconds": r.elapsed.as_secs_f64(),
        "outcomes": outcomes,
    })
}

/// `--minimize`'s result; for `--first` (`found`), the schedule the search found in place of
/// the one given.
fn render_minimized(m: &Minimized, replay: &ReplayCommand, found: bool) -> String {
    let mut out = String::from(if found {
        "the forbidden outcome:\n"
    } else {
        "outcome of the given schedule:\n"
    });
    for line in outcome_lines(&m.outcome) {
        out.push_str(&format!("    {line}\n"));
    }
    out.push_str(&format!(
        "{}     {} preemption{}, {} hand-off{}\n",
        if found { "found:" } else { "given:" },
        m.given_preemptions,
        plural(m.given_preemptions),
        m.given.handoffs.len(),
        plural(m.given.handoffs.len() as u64)
    ));
    out.push_str(&format!(
        "minimized: {} preemption{}, {} hand-off{} ({} schedule{} tried)\n",
        m.preemptions,
        plural(m.preemptions),
        m.schedule.handoffs.len(),
        plural(m.schedule.handoffs.len() as u64),
        m.schedules,
        plural(m.schedules)
    ));
    if let Some(note) = m.cut_note() {
        out.push_str(&format!("  {note}\n"));
    }
    out.push_str(&format!("  schedule: {}\n", schedule_text(&m.schedule)));
    out.push_str(&format!("  replay:   {}\n", replay.line(&m.schedule)));
    out
}

fn minimized_json(m: &Minimized, replay: &ReplayCommand) -> serde_json::Value {
    serde_json::json!({
        "outcome": outcome_json(&m.outcome),
        "given": { "schedule": m.given.to_line(), "preemptions": m.given_preemptions },
        "minimized": {
            "schedule": m.schedule.to_line(),
            "preemptions": m.preemptions,
            "replay": replay.line(&m.schedule),
        },
        "schedules": m.schedules,
        "cut": m.cut,
        "note": m.cut_note(),
    })
}
