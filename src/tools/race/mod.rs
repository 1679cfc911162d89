//! `gilvm race FILE [ARGS...]`: run a script many times and show how often each output occurs.
//!
//! A race does not lose on every run; one run that prints the right answer proves nothing.
//! This command runs the script N times, each in a fresh interpreter process (the current
//! executable, so no state leaks between runs), J at a time, and groups the runs by their
//! *outcome*: the script's stdout, plus, when it exits non-zero, a line `[exit status N]` and
//! the last line of its stderr (so an uncaught exception is an outcome of its own). The
//! result is a histogram, most frequent outcome first.
//!
//! With `--seeded`, run i gets `--schedule-seed S` with S = seed_base + i, so every outcome
//! can be reproduced exactly: the table names the lowest seed that produced it and the
//! command to run again. Without it the schedule comes from real time and the histogram is
//! a sample of what this machine happens to do.
//!
//! With `--expect TEXT` (repeatable, as `explore` takes it), a run whose output does not hold
//! some TEXT (as whole lines, in order: `\n` in TEXT separates lines) or that fails is *wrong*: each wrong outcome is marked, the
//! count of wrong runs closes the table, and the command exits 1 when there is any.
//!
//! When the outcomes are many and differ only in numbers (a racy counter), the table gives way
//! to a numeric summary of the number that varies: min, max, mean, the most frequent value,
//! and with `--expect`, how many runs were exact and how many fell short (lost updates).
//!
//! Nothing but the result goes to stdout; a progress bar goes to stderr when it is a terminal.

use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use indexmap::IndexMap;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use std::sync::Arc;

use crate::threads::{EvalBreaker, signals};
use crate::tools::cli::{ModeArgs, ScriptArgs, plural, shell_quote};

mod numeric;
pub use numeric::{NumericSummary, expected_number, numeric_summary, render_numeric};

/// Width, in columns, of the bar of the most frequent outcome.
const BAR_WIDTH: usize = 40;
/// How many seeds each outcome lists in `--json`.
const MAX_SEEDS: usize = 10;

#[derive(clap::Args, Debug, Clone)]
pub struct RaceArgs {
    /// How many times to run the script.
    #[arg(long, value_name = "N", default_value_t = 100,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,

    /// How many runs at once (default: the number of CPUs).
    #[arg(long, value_name = "J", value_parser = clap::value_parser!(u64).range(1..))]
    pub jobs: Option<u64>,

    /// Give run i `--schedule-seed SEED_BASE+i`, so each outcome can be reproduced.
    #[arg(long)]
    pub seeded: bool,

    /// The seed of the first run with `--seeded`.
    #[arg(long, value_name = "B", default_value_t = 0)]
    pub seed_base: u64,

    /// `-X`, `--free-threaded` (forwarded to each run) and `--json`.
    #[command(flatten)]
    pub mode: ModeArgs,

    /// Forwarded to each run: the GIL's switch interval (`5ms`, `200us`, …).
    #[arg(long, value_name = "DURATION")]
    pub switch_interval: Option<String>,

    /// Forwarded to each run: where the seeded scheduler may switch threads.
    #[arg(long, value_name = "P")]
    pub switch_points: Option<String>,

    /// Forwarded to each run: how often the seeded scheduler switches threads.
    #[arg(long, value_name = "K")]
    pub switch_every: Option<String>,

    /// Forwarded to each run: stop a run after this long (`2s`, `500ms`). A run cut so is an
    /// outcome of its own, "timed out", whatever it had printed.
    #[arg(long, value_name = "DURATION", value_parser = timeout_text)]
    pub timeout: Option<String>,

    /// Forwarded to each run: stop a run after about N bytecode instructions. A run cut so
    /// is an outcome of its own, whatever it had printed.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_steps: Option<u64>,

    /// Run the script under several regimes, one histogram each, then a comparison: `gil`
    /// (CPython 3.10+: a switch only at frame entry and backward jumps), `old-gil` (before
    /// 3.10: a switch before any instruction, `--switch-points every`), `free` (free-threaded,
    /// `-X gil=0`), or `all` for the three. Comma-separated; `--runs` runs each.
    #[arg(long, value_name = "MODES", value_delimiter = ',',
          conflicts_with_all = ["switch_points", "xoptions", "free_threaded"])]
    pub modes: Vec<Regime>,

    /// An acceptable output, as `explore --expect` takes it: the run ends normally and its
    /// stdout has TEXT's lines as consecutive lines (`\n` between lines; a one-line TEXT is
    /// a line of it). Repeatable. Runs no TEXT accepts are counted as wrong, and race exits 1
    /// if any is.
    #[arg(long, value_name = "TEXT")]
    pub expect: Vec<String>,

    #[command(flatten)]
    pub script: ScriptArgs,
}

/// `--timeout`'s text as given (forwarded to each run as it is), once it reads as a timeout.
fn timeout_text(text: &str) -> Result<String, String> {
    crate::tools::cli::parse_timeout(text).map(|_| text.to_string())
}

/// A regime of `--modes`: how threads may be switched.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regime {
    /// CPython 3.10+ with its GIL: switches at frame entry and backward jumps.
    Gil,
    /// CPython before 3.10: the GIL could be dropped before any instruction.
    OldGil,
    /// Free-threaded (`-X gil=0`): threads run bytecode in parallel.
    #[value(alias = "free-threaded")]
    Free,
    /// The three, in that order.
    All,
}

impl Regime {
    /// The column title in the comparison, and the section title.
    fn title(self) -> &'static str {
        match self {
            Regime::Gil => "GIL (3.10+)",
            Regime::OldGil => "GIL (pre-3.10)",
            Regime::Free => "free-threaded",
            Regime::All => "all",
        }
    }

    /// What the regime is, in one line, under the section title.
    fn description(self) -> &'static str {
        match self {
            Regime::Gil => "CPython 3.10+: a switch only at a frame's entry or a backward jump",
            Regime::OldGil => {
                "CPython before 3.10: a switch before any instruction (--switch-points every)"
            }
            Regime::Free => "no GIL: threads run bytecode at the same time (-X gil=0)",
            Regime::All => "",
        }
    }
}

impl RaceArgs {
    /// The interpreter flags every run gets, in the order `gilvm` takes them.
    fn forwarded_flags(&self) -> Vec<String> {
        let mut v = Vec::new();
        for x in &self.mode.gil.xoptions {
            v.push("-X".to_string());
            v.push(x.clone());
        }
        if self.mode.gil.free_threaded {
            v.push("--free-threaded".to_string());
        }
        let valued = [
            ("--switch-interval", &self.switch_interval),
            ("--switch-points", &self.switch_points),
            ("--switch-every", &self.switch_every),
        ];
        for (flag, value) in valued {
            if let Some(value) = value {
                v.push(flag.to_string());
                v.push(value.clone());
            }
        }
        if let Some(t) = &self.timeout {
            v.push("--timeout".to_string());
            v.push(t.clone());
        }
        if let Some(n) = self.max_steps {
            v.push("--max-steps".to_string());
            v.push(n.to_string());
        }
        v
    }

    /// The same race under one regime: its GIL and switch-point flags replace the command's.
    fn in_regime(&self, regime: Regime) -> RaceArgs {
        let mut a = self.clone();
        a.modes.clear();
        a.mode.gil.free_threaded = false;
        a.mode.gil.xoptions.retain(|x| !x.starts_with("gil="));
        let (gil, every) = match regime {
            Regime::Gil => ("gil=1", false),
            Regime::OldGil => ("gil=1", true),
            Regime::Free => ("gil=0", false),
            Regime::All => ("gil=1", false),
        };
        a.mode.gil.xoptions.push(gil.to_string());
        a.switch_points = every.then(|| "every".to_string());
        a
    }

    /// The regimes of `--modes`, in the order given, `all` spelled out, each once.
    fn regimes(&self) -> Vec<Regime> {
        let mut v = Vec::new();
        for &m in &self.modes {
            let each: &[Regime] = match m {
                Regime::All => &[Regime::Gil, Regime::OldGil, Regime::Free],
                _ => std::slice::from_ref(&m),
            };
            for &r in each {
                if !v.contains(&r) {
                    v.push(r);
                }
            }
        }
        v
    }

    /// The seed run `i` gets, if seeded.
    fn seed(&self, i: u64) -> Option<u64> {
        self.seeded.then(|| self.seed_base.wrapping_add(i))
    }

    /// The full argument list of run `i` (after the program name).
    fn run_argv(&self, i: u64) -> Vec<String> {
        let mut v = self.forwarded_flags();
        if let Some(seed) = self.seed(i) {
            v.push("--schedule-seed".to_string());
            v.push(seed.to_string());
        }
        v.extend(self.script.argv());
        v
    }

    /// A shell command that repeats the run with this seed.
    fn reproduce(&self, seed: u64) -> String {
        let mut words = vec!["gilvm".to_string()];
        words.extend(self.forwarded_flags());
        words.push("--schedule-seed".to_string());
        words.push(seed.to_string());
        words.extend(self.script.argv());
        words
            .iter()
            .map(|w| shell_quote(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `N runs of FILE ARGS (flags…)`.
    fn header(&self) -> String {
        let target = self.script.argv();
        let target: Vec<String> = target.iter().map(|w| shell_quote(w)).collect();
        let mut notes = Vec::new();
        let flags = self.forwarded_flags();
        if !flags.is_empty() {
            notes.push(
                flags
                    .iter()
                    .map(|w| shell_quote(w))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        if self.seeded {
            let last = self.seed_base.wrapping_add(self.runs - 1);
            notes.push(format!("seeds {}..={last}", self.seed_base));
        } else {
            notes.push("unseeded".to_string());
        }
        format!(
            "{} run{} of {} ({})",
            self.runs,
            if self.runs == 1 { "" } else { "s" },
            target.join(" "),
            notes.join(", ")
        )
    }
}

/// What one run did, as far as the histogram cares.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Outcome {
    /// Everything the script wrote to stdout.
    pub stdout: String,
    /// The exit status; a run killed by signal N has -N (as Python's `subprocess`).
    pub exit_status: i32,
    /// The last non-empty line of stderr (for a usage error from clap, its `error:` line),
    /// kept only when the exit status is non-zero.
    pub stderr_last: Option<String>,
    /// The flag that cut the run short (`--timeout`, `--max-steps`): such a run is an
    /// outcome of its own, whatever it had printed by then.
    pub cut: Option<&'static str>,
}

impl Outcome {
    /// Builds an outcome from a finished process's status and output.
    pub fn new(exit_status: i32, stdout: &[u8], stderr: &[u8]) -> Outcome {
        let stderr_last = if exit_status == 0 {
            None
        } else {
            let text = String::from_utf8_lossy(stderr);
            let last = text.lines().rev().find(|l| !l.trim().is_empty());
            // A usage error from clap ends with a hint; its `error:` line says more.
            let last = match last {
                Some(l) if l.starts_with("For more information, try") => text
                    .lines()
                    .rev()
                    .find(|l| l.starts_with("error:"))
                    .or(last),
                _ => last,
            };
            last.map(|l| l.trim_end().to_string())
        };
        // gilvm says "stopped after … (--timeout)" or "(--max-steps)" and exits 124.
        let text = String::from_utf8_lossy(stderr);
        let stopped = |flag: &str| {
            text.lines()
                .any(|l| l.starts_with("gilvm: stopped after") && l.contains(flag))
        };
        let cut = if exit_status != 124 {
            None
        } else if stopped("(--timeout)") {
            Some("--timeout")
        } else if stopped("(--max-steps)") {
            Some("--max-steps")
        } else {
            None
        };
        if cut.is_some() {
            return Outcome {
                stdout: String::new(),
                exit_status,
                stderr_last: None,
                cut,
            };
        }
        Outcome {
            stdout: String::from_utf8_lossy(stdout).into_owned(),
            exit_status,
            stderr_last,
            cut: None,
        }
    }

    /// The outcome as text: stdout, then `[exit status N]` and stderr's last line on failure.
    pub fn text(&self) -> String {
        match self.cut {
            Some("--timeout") => return "[timed out: stopped by --timeout]\n".to_string(),
            Some(flag) => return format!("[stopped by {flag}]\n"),
            None => {}
        }
        let mut t = self.stdout.clone();
        if self.exit_status != 0 {
            if !t.is_empty() && !t.ends_with('\n') {
                t.push('\n');
            }
            if self.exit_status < 0 {
                t.push_str(&format!("[killed by signal {}]\n", -self.exit_status));
            } else {
                t.push_str(&format!("[exit status {}]\n", self.exit_status));
            }
            if let Some(line) = &self.stderr_last {
                t.push_str(line);
                t.push('\n');
            }
        }
        t
    }
}

/// All runs that had one outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub outcome: Outcome,
    pub count: u64,
    /// The first few (lowest) run labels — seeds when seeded, run indices otherwise.
    pub labels: Vec<u64>,
}

/// Groups outcomes, given in run order with a label each, most frequent first; ties keep the
/// order in which outcomes were first seen.
pub fn histogram(runs: impl IntoIterator<Item = (u64, Outcome)>) -> Vec<Group> {
    let mut groups: IndexMap<Outcome, (u64, Vec<u64>)> = IndexMap::new();
    for (label, outcome) in runs {
        let (count, labels) = groups.entry(outcome).or_default();
        *count += 1;
        if labels.len() < MAX_SEEDS {
            labels.push(label);
        }
    }
    let mut v: Vec<Group> = groups
        .into_iter()
        .map(|(outcome, (count, labels))| Group {
            outcome,
            count,
            labels,
        })
        .collect();
    // A stable sort keeps first-seen order among equal counts.
    v.sort_by_key(|g| std::cmp::Reverse(g.count));
    v
}

/// `count` out of `total` as a percentage with one decimal.
fn percent(count: u64, total: u64) -> String {
    format!("{:.1}%", 100.0 * count as f64 / total.max(1) as f64)
}

/// A bar of '#' whose longest (for `max`) is BAR_WIDTH columns; never empty for count > 0.
fn bar(count: u64, max: u64) -> String {
    let len = (count as f64 * BAR_WIDTH as f64 / max.max(1) as f64).round() as usize;
    "#".repeat(len.clamp(usize::from(count > 0), BAR_WIDTH))
}

/// Whether an outcome is what `--expect TEXT` asks for: the run succeeded and the lines of
/// TEXT (`\n`, written as such, separates them too) appear as consecutive lines of its
/// stdout.
pub fn as_expected(outcome: &Outcome, expect: &str) -> bool {
    if outcome.exit_status != 0 {
        return false;
    }
    let want: Vec<&str> = expect
        .split('\n')
        .flat_map(|l| l.split("\\n"))
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect();
    if want.is_empty() {
        return outcome.stdout.trim().is_empty();
    }
    let got: Vec<&str> = outcome.stdout.lines().map(str::trim_end).collect();
    got.windows(want.len()).any(|w| w == want.as_slice())
}

/// Whether some `--expect` TEXT accepts the outcome.
pub fn accepted(outcome: &Outcome, expect: &[String]) -> bool {
    expect.iter().any(|e| as_expected(outcome, e))
}

/// How many runs no `--expect` TEXT accepts.
pub fn wrong_runs(groups: &[Group], expect: &[String]) -> u64 {
    groups
        .iter()
        .filter(|g| !accepted(&g.outcome, expect))
        .map(|g| g.count)
        .sum()
}

/// The histogram as a table. `reproduce` gives, when seeded, the command that reruns a seed.
pub fn render_table(
    header: &str,
    runs: u64,
    groups: &[Group],
    reproduce: Option<&dyn Fn(u64) -> String>,
    expect: &[String],
) -> String {
    let mut out = format!("{header}\n\n");
    let max = groups.iter().map(|g| g.count).max().unwrap_or(0);
    let width = runs.to_string().len();
    for g in groups {
        let text = g.outcome.text();
        let lines: Vec<&str> = text.lines().collect();
        let row = format!(
            "{:>width$} {:>6}  {:<BAR_WIDTH$}",
            g.count,
            percent(g.count, runs),
            bar(g.count, max)
        );
        match lines.as_slice() {
            [] => out.push_str(&format!("{row}  (no output)\n")),
            [one] => out.push_str(&format!("{row}  {one}\n")),
            many => {
                out.push_str(row.trim_end());
                out.push('\n');
                for line in many {
                    out.push_str(&format!("    | {line}\n"));
                }
            }
        }
        if !expect.is_empty() && !accepted(&g.outcome, expect) {
            out.push_str("    ✗ not the expected output\n");
        }
        if let (Some(reproduce), Some(&first)) = (reproduce, g.labels.first()) {
            out.push_str(&format!(
                "    {}; replay the first: {}\n",
                seed_list(g),
                reproduce(first)
            ));
        }
    }
    let n = groups.len();
    out.push_str(&format!(
        "\n{n} distinct outcome{}\n",
        if n == 1 { "" } else { "s" }
    ));
    out
}

/// How many seeds of each outcome the table lists.
const SHOWN_SEEDS: usize = 5;

/// `seed 4` / `seeds 4, 9, 13 and 20 more`: the seeds that gave an outcome.
fn seed_list(g: &Group) -> String {
    let shown: Vec<String> = g
        .labels
        .iter()
        .take(SHOWN_SEEDS)
        .map(u64::to_string)
        .collect();
    let more = g.count.saturating_sub(shown.len() as u64);
    let mut t = format!(
        "seed{} {}",
        if g.count == 1 { "" } else { "s" },
        shown.join(", ")
    );
    if more > 0 {
        t.push_str(&format!(" and {more} more"));
    }
    t
}

/// The histogram as JSON (see the module documentation for the meaning of each field).
pub fn render_json(
    file: &str,
    runs: u64,
    groups: &[Group],
    reproduce: Option<&dyn Fn(u64) -> String>,
    expect: &[String],
) -> serde_json::Value {
    let outcomes: Vec<serde_json::Value> = groups
        .iter()
        .map(|g| {
            serde_json::json!({
                "output": g.outcome.text(),
                "stdout": g.outcome.stdout,
                "exit_status": g.outcome.exit_status,
                "count": g.count,
                "fraction": g.count as f64 / runs.max(1) as f64,
                "seeds": if reproduce.is_some() { g.labels.clone() } else { Vec::new() },
                "reproduce": reproduce.and_then(|r| g.labels.first().map(|&s| r(s))),
                "expected": (!expect.is_empty()).then(|| accepted(&g.outcome, expect)),
            })
        })
        .collect();
    serde_json::json!({
        "file": file,
        "runs": runs,
        "seeded": reproduce.is_some(),
        "outcomes": outcomes,
        "wrong": (!expect.is_empty()).then(|| wrong_runs(groups, expect)),
    })
}

/// Checks that the script can be read, printing CPython's message when it cannot.
fn check_file(path: &PathBuf) -> bool {
    match std::fs::read(path) {
        Ok(_) => true,
        Err(e) => {
            eprintln!("gilvm: {}", crate::source::cant_open(path, &e));
            false
        }
    }
}

/// The exit status of a finished process; -N if signal N killed it.
fn status_code(status: std::process::ExitStatus) -> i32 {
    if let Some(code) = status.code() {
        return code;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return -sig;
        }
    }
    -1
}

/// The runs of one race: each run's outcome, in run order, up to where Ctrl-C cut it.
struct Batch {
    outcomes: Vec<Outcome>,
    interrupted: bool,
}

/// Runs one run in a process group of its own (so that a Ctrl-C at the terminal reaches
/// race, not the runs); `None` when Ctrl-C came meanwhile (the run is killed, not counted).
fn run_one(
    exe: &PathBuf,
    argv: Vec<String>,
    interrupt: &EvalBreaker,
) -> std::io::Result<Option<Outcome>> {
    use std::io::Read;
    let mut cmd = Command::new(exe);
    cmd.args(argv)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd.spawn()?;
    let mut out = child.stdout.take();
    let mut err = child.stderr.take();
    let (stdout, stderr, status) = std::thread::scope(|s| {
        let read = |pipe: Option<&mut dyn Read>| {
            let mut buf = Vec::new();
            if let Some(p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        };
        let o = s.spawn(move || read(out.as_mut().map(|p| p as &mut dyn Read)));
        let e = s.spawn(move || read(err.as_mut().map(|p| p as &mut dyn Read)));
        let status = loop {
            if signals::pending(interrupt) {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            match child.try_wait() {
                Ok(Some(st)) => break Some(st),
                Ok(None) => std::thread::sleep(std::time::Duration::from_millis(2)),
                Err(_) => break child.wait().ok(),
            }
        };
        (
            o.join().unwrap_or_default(),
            e.join().unwrap_or_default(),
            status,
        )
    });
    Ok(status.map(|st| Outcome::new(status_code(st), &stdout, &stderr)))
}

/// Runs every run, `jobs` at a time; outcomes come back in run order. Ctrl-C (`interrupt`)
/// stops it: no run starts after it, the runs under way are killed, and the runs finished
/// before it are kept.
fn run_all(
    args: &RaceArgs,
    exe: &PathBuf,
    jobs: u64,
    progress: &ProgressBar,
    interrupt: &EvalBreaker,
) -> Result<Batch, String> {
    let runs = args.runs as usize;
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let error: Mutex<Option<String>> = Mutex::new(None);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; runs]);
    std::thread::scope(|s| {
        for _ in 0..jobs.min(args.runs) {
            s.spawn(|| {
                loop {
                    if failed.load(Ordering::Relaxed) || signals::pending(interrupt) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= runs {
                        break;
                    }
                    match run_one(exe, args.run_argv(i as u64), interrupt) {
                        Ok(Some(outcome)) => {
                            if let Ok(mut r) = results.lock() {
                                r[i] = Some(outcome);
                            }
                            progress.inc(1);
                        }
                        Ok(None) => break,
                        Err(e) => {
                            failed.store(true, Ordering::Relaxed);
                            if let Ok(mut slot) = error.lock() {
                                slot.get_or_insert_with(|| {
                                    format!("cannot run '{}': {e}", exe.display())
                                });
                            }
                            break;
                        }
                    }
                }
            });
        }
    });
    if let Some(e) = error.into_inner().ok().flatten() {
        return Err(e);
    }
    let results = results
        .into_inner()
        .map_err(|_| "a worker thread panicked".to_string())?;
    let interrupted = signals::pending(interrupt);
    if interrupted {
        // The runs finished before Ctrl-C, in run order (later ones may have finished too).
        let outcomes: Vec<Outcome> = results.into_iter().map_while(|r| r).collect();
        return Ok(Batch {
            outcomes,
            interrupted,
        });
    }
    let outcomes = results
        .into_iter()
        .map(|r| r.ok_or_else(|| "a run produced no result".to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Batch {
        outcomes,
        interrupted,
    })
}

/// One race's result, as printed: its histogram (or numeric summary) and its wrong runs.
struct Report {
    regime: Option<Regime>,
    args: RaceArgs,
    groups: Vec<Group>,
    runs: u64,
}

impl Report {
    fn wrong(&self) -> u64 {
        wrong_runs(&self.groups, &self.args.expect)
    }

    /// The histogram (or the numeric summary) and, with `--expect`, the wrong runs.
    fn render(&self, interrupted: bool) -> String {
        let args = &self.args;
        let reproduce = |seed: u64| args.reproduce(seed);
        let reproduce: Option<&dyn Fn(u64) -> String> = args.seeded.then_some(&reproduce as _);
        let expect = args.expect.as_slice();
        let mut header = args.header();
        if interrupted {
            header = format!(
                "{header}\ncut by Ctrl-C: {} of {} run{} done",
                self.runs,
                args.runs,
                plural(args.runs)
            );
        }
        let mut out = String::new();
        if let Some(summary) = numeric_summary(&self.groups) {
            let want = expect.iter().find_map(|e| expected_number(&summary, e));
            out.push_str(&render_numeric(&header, &summary, want, reproduce));
            let n = self.groups.len();
            out.push_str(&format!("\n{n} distinct outcomes (--json lists each)\n"));
        } else {
            out.push_str(&render_table(
                &header,
                self.runs,
                &self.groups,
                reproduce,
                expect,
            ));
        }
        if !expect.is_empty() {
            let quoted: Vec<String> = expect.iter().map(|e| shell_quote(e)).collect();
            out.push_str(&format!(
                "wrong: {} of {} run{} (expected {})\n",
                self.wrong(),
                self.runs,
                plural(self.runs),
                quoted.join(" or ")
            ));
        }
        out
    }

    fn json(&self, interrupted: bool) -> serde_json::Value {
        let args = &self.args;
        let reproduce = |seed: u64| args.reproduce(seed);
        let reproduce: Option<&dyn Fn(u64) -> String> = args.seeded.then_some(&reproduce as _);
        let file = args.script.file.display().to_string();
        let mut j = render_json(&file, self.runs, &self.groups, reproduce, &args.expect);
        if let Some(r) = self.regime {
            j["mode"] = serde_json::json!(r.title());
            j["flags"] = serde_json::json!(args.forwarded_flags());
        }
        if interrupted {
            j["interrupted"] = serde_json::json!(true);
            j["planned_runs"] = serde_json::json!(args.runs);
        }
        j
    }
}

/// The regimes side by side: per mode, the runs, the distinct outcomes, the most frequent
/// one's share and, with `--expect`, the wrong runs.
fn render_comparison(reports: &[Report]) -> String {
    let expect = reports.first().is_some_and(|r| !r.args.expect.is_empty());
    let mut rows: Vec<(String, Vec<String>)> = vec![
        (
            "".to_string(),
            reports
                .iter()
                .map(|r| r.regime.map_or("", Regime::title).to_string())
                .collect(),
        ),
        (
            "runs".to_string(),
            reports.iter().map(|r| r.runs.to_string()).collect(),
        ),
        (
            "distinct outcomes".to_string(),
            reports.iter().map(|r| r.groups.len().to_string()).collect(),
        ),
        (
            "most frequent outcome".to_string(),
            reports
                .iter()
                .map(|r| {
                    r.groups
                        .first()
                        .map_or("-".to_string(), |g| percent(g.count, r.runs))
                })
                .collect(),
        ),
    ];
    if expect {
        rows.push((
            "wrong (not --expect)".to_string(),
            reports
                .iter()
                .map(|r| format!("{} ({})", r.wrong(), percent(r.wrong(), r.runs)))
                .collect(),
        ));
    }
    let label = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let cols: Vec<usize> = (0..reports.len())
        .map(|c| {
            rows.iter()
                .map(|r| r.1[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (name, cells) in &rows {
        let mut line = format!("{name:<label$}");
        for (cell, w) in cells.iter().zip(&cols) {
            line.push_str(&format!("  {cell:>w$}"));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `gilvm race`: 0 when every run finished (whatever its outcome, unless `--expect` found a
/// wrong one), 2 on a usage error, 1 when a run could not be started or a run was wrong, 130
/// when Ctrl-C cut it (after printing what the finished runs gave).
pub fn main(args: RaceArgs) -> ExitCode {
    if !check_file(&args.script.file) {
        return ExitCode::from(2);
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("gilvm race: cannot find the gilvm executable: {e}");
            return ExitCode::from(1);
        }
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() as u64));
    // Ctrl-C stops the race between runs (a second one ends the process).
    let interrupt = Arc::new(EvalBreaker::new());
    signals::watch(interrupt.clone());

    let regimes = args.regimes();
    let plan: Vec<(Option<Regime>, RaceArgs)> = if regimes.is_empty() {
        vec![(None, args.clone())]
    } else {
        regimes
            .iter()
            .map(|&r| (Some(r), args.in_regime(r)))
            .collect()
    };
    let mut reports = Vec::new();
    let mut interrupted = false;
    for (regime, a) in plan {
        // ProgressDrawTarget::stderr() draws nothing when stderr is not a terminal.
        let progress = ProgressBar::with_draw_target(Some(a.runs), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {bar:40} {pos}/{len} runs  {elapsed_precise} elapsed, ETA {eta}",
        ) {
            progress.set_style(style);
        }
        progress.enable_steady_tick(std::time::Duration::from_millis(200));
        let batch = run_all(&a, &exe, jobs, &progress, &interrupt);
        progress.finish_and_clear();
        let batch = match batch {
            Ok(b) => b,
            Err(e) => {
                eprintln!("gilvm race: {e}");
                return ExitCode::from(1);
            }
        };
        let runs = batch.outcomes.len() as u64;
        let labelled = batch
            .outcomes
            .into_iter()
            .enumerate()
            .map(|(i, o)| (a.seed(i as u64).unwrap_or(i as u64), o));
        let report = Report {
            regime,
            groups: histogram(labelled),
            args: a,
            runs,
        };
        interrupted = batch.interrupted;
        if !args.mode.json {
            if let Some(r) = regime {
                if !reports.is_empty() {
                    println!();
                }
                println!("== {}: {}", r.title(), r.description());
            }
            print!("{}", report.render(interrupted));
        }
        reports.push(report);
        if interrupted {
            break;
        }
    }
    if args.mode.json {
        if regimes.is_empty() {
            if let Some(r) = reports.first() {
                println!("{}", r.json(interrupted));
            }
        } else {
            let modes: Vec<serde_json::Value> =
                reports.iter().map(|r| r.json(interrupted)).collect();
            println!("{}", serde_json::json!({ "modes": modes }));
        }
    } else if reports.len() > 1 {
        println!("\n== side by side\n{}", render_comparison(&reports));
    }
    if interrupted {
        return ExitCode::from(130);
    }
    if reports.iter().any(|r| r.wrong() > 0) && !args.expect.is_empty() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(stdout: &str) -> Outcome {
        Outcome::new(0, stdout.as_bytes(), b"")
    }

    fn args(extra: &[&str]) -> RaceArgs {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Wrap {
            #[command(flatten)]
            race: RaceArgs,
        }
        let mut argv = vec!["race"];
        argv.extend_from_slice(extra);
        Wrap::parse_from(argv).race
    }

    #[test]
    fn groups_by_outcome_most_frequent_first_ties_in_first_seen_order() {
        let runs = ["b\n", "a\n", "c\n", "a\n", "c\n", "a\n", "d\n"]
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u64 + 100, ok(s)));
        let g = histogram(runs);
        let order: Vec<(&str, u64)> = g
            .iter()
            .map(|g| (g.outcome.stdout.as_str(), g.count))
            .collect();
        assert_eq!(order, [("a\n", 3), ("c\n", 2), ("b\n", 1), ("d\n", 1)]);
        assert_eq!(g[0].labels, [101, 103, 105]);
        assert_eq!(g[1].labels, [102, 104]);
    }

    #[test]
    fn labels_keep_the_first_ten() {
        let g = histogram((0..25).map(|i| (i, ok("x\n"))));
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].count, 25);
        assert_eq!(g[0].labels, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn exit_status_and_last_stderr_line_make_an_outcome_of_their_own() {
        let tb = b"Traceback (most recent call last):\n  File \"x.py\", line 1\nZeroDivisionError: division by zero\n\n";
        let failed = Outcome::new(1, b"before", tb);
        assert_eq!(
            failed.text(),
            "before\n[exit status 1]\nZeroDivisionError: division by zero\n"
        );
        // Stderr does not matter on success.
        assert_eq!(Outcome::new(0, b"x\n", b"warning\n"), ok("x\n"));
        assert_eq!(Outcome::new(-9, b"", b"").text(), "[killed by signal 9]\n");
        let usage = b"error: unexpected argument '--schedule-seed' found\n\nUsage: gilvm [OPTIONS] [FILE]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            Outcome::new(2, b"", usage).stderr_last.as_deref(),
            Some("error: unexpected argument '--schedule-seed' found")
        );
        let g = histogram([(0, ok("before\n")), (1, failed.clone()), (2, failed)]);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].outcome.exit_status, 1);
        assert_eq!(g[0].count, 2);
    }

    #[test]
    fn a_run_cut_by_a_limit_is_its_own_outcome() {
        let t = Outcome::new(
            124,
            b"partial 1\n",
            b"gilvm: stopped after 0.200 s (--timeout); MainThread was at x.py, line 3\n",
        );
        let u = Outcome::new(
            124,
            b"partial 2\n",
            b"gilvm: stopped after 0.200 s (--timeout); the main thread did not reach a switch point\n",
        );
        assert_eq!(t, u, "what a cut run printed does not split it");
        assert_eq!(t.text(), "[timed out: stopped by --timeout]\n");
        let m = Outcome::new(
            124,
            b"",
            b"gilvm: stopped after 1000 steps (--max-steps); x\n",
        );
        assert_eq!(m.text(), "[stopped by --max-steps]\n");
        let seeds = histogram((0..7).map(|i| (i + 3, ok("a\n"))));
        assert_eq!(seed_list(&seeds[0]), "seeds 3, 4, 5, 6, 7 and 2 more");
    }

    #[test]
    fn regimes_replace_the_mode_flags() {
        let a = args(&["--modes", "all", "--runs", "2", "f.py"]);
        assert_eq!(a.regimes(), [Regime::Gil, Regime::OldGil, Regime::Free]);
        let flags: Vec<Vec<String>> = a
            .regimes()
            .into_iter()
            .map(|r| a.in_regime(r).forwarded_flags())
            .collect();
        assert_eq!(
            flags,
            [
                vec!["-X", "gil=1"],
                vec!["-X", "gil=1", "--switch-points", "every"],
                vec!["-X", "gil=0"]
            ]
        );
        let a = args(&["--modes", "free,gil,free", "--timeout", "2s", "f.py"]);
        assert_eq!(a.regimes(), [Regime::Free, Regime::Gil]);
        assert_eq!(a.run_argv(0), ["--timeout", "2s", "f.py"]);
    }

    #[test]
    fn percentages_and_bars() {
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(8, 8), "100.0%");
        assert_eq!(bar(10, 10).len(), 40);
        assert_eq!(bar(5, 10).len(), 20);
        assert_eq!(bar(1, 1000).len(), 1, "a rare outcome still shows");
    }

    #[test]
    fn table_layout() {
        let runs = [
            (0, ok("a\n")),
            (1, ok("x\ny\n")),
            (2, ok("a\n")),
            (3, ok("")),
        ];
        let g = histogram(runs);
        let table = render_table("4 runs of t.py (unseeded)", 4, &g, None, &[]);
        let expected = format!(
            "4 runs of t.py (unseeded)\n\n\
             2  50.0%  {}  a\n\
             1  25.0%  {}\n    | x\n    | y\n\
             1  25.0%  {}{}  (no output)\n\
             \n3 distinct outcomes\n",
            "#".repeat(40),
            "#".repeat(20),
            "#".repeat(20),
            " ".repeat(20),
        );
        assert_eq!(table, expected);
    }

    #[test]
    fn seeded_table_names_the_first_seed_and_the_command() {
        let a = args(&[
            "--seeded",
            "--runs",
            "3",
            "--seed-base",
            "10",
            "-X",
            "gil=0",
            "t.py",
            "arg 1",
        ]);
        let g = histogram([(10, ok("1\n")), (11, ok("2\n")), (12, ok("2\n"))]);
        let reproduce = |s: u64| a.reproduce(s);
        let table = render_table(&a.header(), 3, &g, Some(&reproduce), &[]);
        assert!(
            table.starts_with("3 runs of t.py 'arg 1' (-X gil=0, seeds 10..=12)\n"),
            "{table}"
        );
        assert!(
            table.contains(
                "    seeds 11, 12; replay the first: gilvm -X gil=0 --schedule-seed 11 t.py 'arg 1'\n"
            ),
            "{table}"
        );
        assert!(table.ends_with("\n2 distinct outcomes\n"), "{table}");
    }

    #[test]
    fn json_shape() {
        let a = args(&["--seeded", "t.py"]);
        let g = histogram([(0, ok("1\n")), (1, Outcome::new(3, b"", b"boom\n"))]);
        let reproduce = |s: u64| a.reproduce(s);
        let j = render_json("t.py", 2, &g, Some(&reproduce), &[]);
        assert_eq!(j["runs"], 2);
        assert_eq!(j["seeded"], true);
        assert_eq!(j["outcomes"][1]["output"], "[exit status 3]\nboom\n");
        assert_eq!(j["outcomes"][1]["exit_status"], 3);
        assert_eq!(j["outcomes"][1]["fraction"], 0.5);
        assert_eq!(j["outcomes"][1]["seeds"], serde_json::json!([1]));
        assert_eq!(
            j["outcomes"][1]["reproduce"],
            "gilvm --schedule-seed 1 t.py"
        );
        let j = render_json("t.py", 2, &g, None, &[]);
        assert_eq!(j["seeded"], false);
        assert!(j["outcomes"][0]["reproduce"].is_null());
    }

    #[test]
    fn forwarded_arguments() {
        let a = args(&[
            "--runs",
            "5",
            "--switch-interval",
            "10us",
            "--free-threaded",
            "--switch-every",
            "3",
            "--switch-points",
            "calls",
            "f.py",
            "-v",
            "x",
        ]);
        assert_eq!(a.runs, 5);
        assert_eq!(
            a.run_argv(2),
            [
                "--free-threaded",
                "--switch-interval",
                "10us",
                "--switch-points",
                "calls",
                "--switch-every",
                "3",
                "f.py",
                "-v",
                "x"
            ]
        );
        let a = args(&["--seeded", "--seed-base", "7", "f.py"]);
        assert_eq!(a.run_argv(2), ["--schedule-seed", "9", "f.py"]);
        assert_eq!(args(&["f.py"]).runs, 100);
    }

    #[test]
    fn shell_quoting() {}

    #[test]
    fn expected_output_is_whole_lines_in_order() {
        let o = ok("GIL enabled: True\ncounter = 5\ndone\n");
        assert!(as_expected(&o, "counter = 5"));
        assert!(as_expected(&o, "counter = 5\ndone"));
        assert!(
            as_expected(&o, "counter = 5\\ndone"),
            "a typed \\n separates lines"
        );
        assert!(!as_expected(&o, "counter = 50"));
        assert!(!as_expected(&o, "done\ncounter = 5"));
        assert!(!as_expected(
            &Outcome::new(1, b"counter = 5\n", b"boom\n"),
            "counter = 5"
        ));
        let g = histogram([(0, o.clone()), (1, ok("counter = 4\n")), (2, o)]);
        let expect = ["counter = 5".to_string()];
        assert_eq!(wrong_runs(&g, &expect), 1);
        let either = ["counter = 4".to_string(), "counter = 5".to_string()];
        assert_eq!(wrong_runs(&g, &either), 0);
        let table = render_table("t", 3, &g, None, &expect);
        assert_eq!(
            table.matches("✗ not the expected output").count(),
            1,
            "{table}"
        );
    }
}
