//! The `gilvm` command: run a script (`gilvm FILE`), a string (`gilvm -c CODE`), or print its
//! bytecode (`gilvm dis FILE`). Exit status as CPython's: 0 on success, 1 on an uncaught
//! exception or a syntax error, 2 on a usage error, `sys.exit(n)`'s n.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{CommandFactory, Parser, Subcommand};

use gilvm::compiler::{self, Mode};
use gilvm::source::SourceFile;
use gilvm::threads::EventSink;
use gilvm::threads::deterministic::{Policy, Schedule};
use gilvm::tools::explain::Explain;
use gilvm::tools::trace::Recorder;
use gilvm::vm::observe::Observer;
use gilvm::vm::{Config, Interpreter, THREAD_STACK_SIZE, Vm};

mod allocator;

#[global_allocator]
static ALLOCATOR: allocator::Mimalloc = allocator::Mimalloc;

/// The allocator's options, set by the executable's initialisers (ELF `.init_array`), which run
/// before Rust's runtime makes its first allocation.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static CONFIGURE_ALLOCATOR: extern "C" fn() = allocator::configure;

/// What to write from the event log when the program ends.
struct Reports {
    stats: bool,
    timeline: bool,
    trace_out: Option<PathBuf>,
    record_schedule: Option<PathBuf>,
    switch_interval_us: u64,
    /// The run's regime, written before the recorded schedule's entries.
    mode: gilvm::threads::deterministic::ScheduleMode,
}

impl Reports {
    /// `names`: each thread's name when it started (a recorded schedule names threads so).
    fn write(
        &self,
        trace: &gilvm::tools::trace::Trace,
        names: &std::collections::BTreeMap<gilvm::threads::ThreadId, String>,
    ) -> Result<(), String> {
        use gilvm::tools::trace::{perfetto, stats, timeline};
        if self.stats {
            eprint!("{}", stats::render(trace));
        }
        if self.timeline {
            let width = timeline::terminal_width();
            eprint!("{}", timeline::render(trace, width, timeline::use_color()));
        }
        if let Some(path) = &self.trace_out {
            perfetto::write(trace, path)
                .map_err(|e| format!("--trace-out {}: {e}", path.display()))?;
        }
        if let Some(path) = &self.record_schedule {
            let schedule = trace.schedule().written(self.mode, names);
            let text = format!(
                "# gilvm schedule: {} hand-offs (thread:steps>next thread)\n\
                 #! switch-interval-us={}\n{};\n{}\n",
                schedule.handoffs.len(),
                self.switch_interval_us,
                schedule.mode.words(),
                schedule.entries().replace(' ', "\n")
            );
            std::fs::write(path, text)
                .map_err(|e| format!("--record-schedule {}: {e}", path.display()))?;
        }
        Ok(())
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "gilvm",
    version,
    about = "A bytecode VM for a small Python-like language that shows how CPython's GIL behaves",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    mode: gilvm::tools::cli::GilArgs,

    /// The GIL's switch interval (`sys.setswitchinterval`): a number with a unit, `5ms`,
    /// `1ms`, `200us`, `0.01s` (a bare number is seconds). Default 5ms, as CPython.
    #[arg(long, value_name = "DURATION", value_parser = gilvm::tools::cli::parse_interval)]
    switch_interval: Option<u64>,

    /// Where a thread switch may fall: `cpython` (frame entry and backward jumps, as
    /// CPython 3.10+) or `every` (before any instruction, as before 3.10). Default `cpython`,
    /// or the mode a replayed schedule carries.
    #[arg(long, value_name = "POLICY", value_enum)]
    switch_points: Option<SwitchPoints>,

    /// Deterministic: hand the GIL to the next runnable thread every K instructions.
    #[arg(long, value_name = "K", conflicts_with_all = ["schedule_seed", "replay_schedule"])]
    switch_every: Option<u64>,

    /// Deterministic: preempt after pseudo-random instruction counts from a generator
    /// seeded with S, and pick the next thread the same way. Same seed, same run.
    #[arg(long, value_name = "S", conflicts_with = "replay_schedule")]
    schedule_seed: Option<u64>,

    /// Force the hand-offs of an earlier run: a file written by --record-schedule, or the
    /// schedule itself (`1:120>2 2:87>1`).
    #[arg(long, value_name = "FILE|SCHEDULE")]
    replay_schedule: Option<String>,

    /// Write this run's sequence of hand-offs to FILE (replay it with --replay-schedule).
    #[arg(long, value_name = "FILE")]
    record_schedule: Option<PathBuf>,

    /// Print a line on stderr for every GIL hand-off, as it happens.
    #[arg(long)]
    trace_gil: bool,

    /// At exit, print per-thread statistics of GIL use on stderr.
    #[arg(long)]
    stats: bool,

    /// At exit, draw a timeline of who held the GIL on stderr.
    #[arg(long)]
    timeline: bool,

    /// Detect lost updates as they happen and explain each in words on stderr: who loaded
    /// the shared value, who stored over it, whose update was erased; the count at exit.
    #[arg(long)]
    explain: bool,

    /// Write a Chrome trace-event file (open it in Perfetto or chrome://tracing).
    #[arg(long, value_name = "FILE.json")]
    trace_out: Option<PathBuf>,

    /// Stop the program after about N bytecode instructions (over all threads), with a
    /// message and exit status 124: a budget for runaway programs.
    #[arg(long, value_name = "N")]
    max_steps: Option<u64>,

    /// Stop the program after this long (`2s`, `500ms`; a bare number is seconds), with a
    /// message and exit status 124.
    #[arg(long, value_name = "DURATION", value_parser = gilvm::tools::cli::parse_timeout)]
    timeout: Option<u64>,

    /// Program passed in as a string (like `python -c`).
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,

    /// The script to run.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,

    /// Arguments passed to the script in `sys.argv[1:]`.
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum SwitchPoints {
    Cpython,
    Every,
}

impl SwitchPoints {
    fn policy(self) -> gilvm::bytecode::SwitchPoints {
        match self {
            SwitchPoints::Cpython => gilvm::bytecode::SwitchPoints::Cpython,
            SwitchPoints::Every => gilvm::bytecode::SwitchPoints::Every,
        }
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the bytecode of a script, in the layout of CPython's `dis`.
    Dis {
        /// Mark the switch points (`*`, in the column CPython uses for the current
        /// instruction) under this policy: `cpython` (frame entry, backward jumps) or
        /// `every` (any instruction). Without it, the listing is CPython's, unmarked.
        /// Calls are marked `c`: a switch may fall inside the call.
        #[arg(long, value_name = "POLICY", value_enum)]
        switch_points: Option<SwitchPoints>,
        /// List the read–modify–write windows after each code object: a load and a later
        /// store of the same name or attribute with a place between them where a switch
        /// may fall (under `--switch-points`' policy, `cpython` without it). On by default
        /// with `--switch-points`.
        #[arg(long, conflicts_with = "no_windows")]
        windows: bool,
        /// With `--switch-points`, leave the windows out.
        #[arg(long)]
        no_windows: bool,
        /// The script to disassemble.
        file: PathBuf,
    },
    /// Run a script many times and show how often each output occurs.
    Race(gilvm::tools::race::RaceArgs),
    /// Run a script under every schedule (within a preemption bound) and list every outcome.
    Explore(gilvm::tools::explore::ExploreArgs),
    /// Step through a script instruction by instruction, across threads, choosing who runs.
    Step(gilvm::tools::stepper::StepArgs),
    /// The classroom view: step a race, run it many times, list its outcomes and see the GIL
    /// change hands, in a browser (a local server), or --export one self-contained page.
    Web(gilvm::tools::web::WebArgs),
    /// An interactive session (also: gilvm with no file). It takes the options of a run,
    /// before or after `repl`: -X gil=0, --switch-interval, --switch-points, --trace-gil
    /// (live), --stats and --timeline (after each input during which another thread ran).
    Repl,
}

/// GIL on or off for the top-level command.
fn gil_enabled(cli: &Cli) -> Result<bool, String> {
    cli.mode.gil()
}

/// Parses the command line. Everything after the script's name belongs to the script, as with
/// `python3 script.py --help`: clap alone would take a `-h`, `--help` or `--version` right
/// after the script as its own flag, so the arguments after the script are split off first.
fn parse_cli() -> (Cli, bool) {
    let mut raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `gilvm repl` takes the same options as a run, before or after `repl`
    // (`gilvm -X gil=0 repl`, `gilvm repl -X gil=0`): they are parsed as the command's own.
    let repl = repl_position(&Cli::command(), &raw);
    if let Some(i) = repl {
        raw.remove(i);
    }
    let cli = match script_position(&Cli::command(), &raw) {
        Some(i) => {
            let mut cli = Cli::parse_from(&raw[..=i]);
            cli.args.extend(
                raw[i + 1..]
                    .iter()
                    .map(|a| a.to_string_lossy().into_owned()),
            );
            cli
        }
        None => Cli::parse_from(raw),
    };
    (cli, repl.is_some())
}

/// Where `repl` stands in `raw` as the subcommand (after the top-level options, if any).
fn repl_position(cmd: &clap::Command, raw: &[std::ffi::OsString]) -> Option<usize> {
    let mut i = 1;
    while i < raw.len() {
        let a = raw[i].to_str()?;
        if a == "repl" {
            return Some(i);
        }
        // After `-c CODE`, every word is the program's.
        if !is_option(a) || is_code(a) {
            return None;
        }
        i += option_words(cmd, a);
    }
    None
}

/// Whether a word of the command line is an option (`-` alone is a file name: stdin).
fn is_option(a: &str) -> bool {
    a.len() >= 2 && a.starts_with('-')
}

/// Whether a word is `-c` (`-c CODE`, or `-cCODE`).
fn is_code(a: &str) -> bool {
    a.starts_with("-c") && !a.starts_with("--")
}

/// How many words the top-level option `a` spans: 2 when it takes a value given as the next
/// word (`--trace-out F`, `-X gil=0`), else 1 (`--trace-out=F`, `-Xgil=0`, a flag).
fn option_words(cmd: &clap::Command, a: &str) -> usize {
    let takes_value = |x: &clap::Arg| x.get_action().takes_values();
    let takes = match a.strip_prefix("--") {
        Some(long) => {
            !long.contains('=')
                && cmd
                    .get_arguments()
                    .find(|x| x.get_long() == Some(long))
                    .is_some_and(takes_value)
        }
        None => {
            let short = a.chars().nth(1);
            a.len() == 2
                && cmd
                    .get_arguments()
                    .find(|x| x.get_short().is_some() && x.get_short() == short)
                    .is_some_and(takes_value)
        }
    };
    if takes { 2 } else { 1 }
}

/// The interactive session, or the usage error of a flag it cannot honour.
fn repl_main(options: Result<gilvm::tools::repl::Options, String>) -> ExitCode {
    match options {
        Ok(o) => gilvm::tools::repl::main(o),
        Err(msg) => {
            eprintln!("gilvm: {msg}");
            ExitCode::from(2)
        }
    }
}

/// The flags the interactive session honours, or what is wrong with one that cannot apply.
fn repl_options(cli: &Cli, settings: &Settings) -> Result<gilvm::tools::repl::Options, String> {
    let refused = [
        (cli.switch_every.is_some(), "--switch-every"),
        (cli.schedule_seed.is_some(), "--schedule-seed"),
        (cli.replay_schedule.is_some(), "--replay-schedule"),
        (cli.record_schedule.is_some(), "--record-schedule"),
        (cli.explain, "--explain"),
        (cli.trace_out.is_some(), "--trace-out"),
        (cli.max_steps.is_some(), "--max-steps"),
        (cli.timeout.is_some(), "--timeout"),
    ];
    if let Some((_, flag)) = refused.iter().find(|(set, _)| *set) {
        return Err(format!(
            "{flag} does not apply to the interactive session (it is about one run of a \
             program: give a FILE or -c CODE); the session takes -X gil=0, \
             --switch-interval, --switch-points, --trace-gil, --stats and --timeline"
        ));
    }
    Ok(gilvm::tools::repl::Options {
        gil: settings.gil,
        switch_interval_us: settings.switch_interval_us,
        every_switch_point: settings.every_switch_point,
        trace_gil: settings.trace_gil,
        stats: settings.stats,
        timeline: settings.timeline,
    })
}

/// The index in `raw` of the script to run: the first positional argument that is neither a
/// subcommand nor an option's value, or the CODE of `-c CODE`. `None` when there is none, or
/// after `--`, which clap handles as it is.
fn script_position(cmd: &clap::Command, raw: &[std::ffi::OsString]) -> Option<usize> {
    let mut i = 1;
    while i < raw.len() {
        let a = raw[i].to_str()?;
        if a == "--" {
            return None;
        }
        if is_code(a) {
            // `-c CODE` (or `-cCODE`): the arguments after the code are the program's.
            return if a.len() == 2 {
                Some(i + 1).filter(|&j| j < raw.len())
            } else {
                Some(i)
            };
        }
        if is_option(a) {
            i += option_words(cmd, a);
            continue;
        }
        // `help` is clap's own subcommand (`gilvm help race`), not among those listed.
        if a == "help" || cmd.get_subcommands().any(|s| s.get_name() == a) {
            return None;
        }
        return Some(i);
    }
    None
}

/// Asks the kernel to map this program's own pages only as they are used. By default a page
/// fault in a file mapping maps the pages around it too ("fault-around", 64 KiB), so running
/// a few scattered functions of a 10 MB binary (the web server, the REPL's line editor and
/// the explorer are linked in, rarely run) mapped most of it: an empty program peaked at
/// 9.0-9.3 MB, CPython's at 8.2. With `MADV_RANDOM` on the image (Linux skips fault-around
/// for such mappings) it peaks at 8.0-8.3 MB, and start-up takes no longer (paired runs).
fn map_code_on_demand() {
    unsafe extern "C" {
        /// The first byte of the loaded image (the ELF header); GNU ld and lld define it.
        static __ehdr_start: u8;
        /// The end of the image (after `.bss`).
        static end: u8;
    }
    let first = &raw const __ehdr_start as usize;
    let last = &raw const end as usize;
    let first = first & !4095;
    // SAFETY: `madvise(MADV_RANDOM)` changes only the kernel's read-ahead policy for these
    // pages, which are this process's own mapped image: it unmaps nothing and changes no
    // byte, so no Rust object can observe it. The range is page-aligned at its start, as the
    // call requires, and its failure (an old kernel) changes nothing.
    unsafe {
        libc::madvise(first as *mut libc::c_void, last - first, libc::MADV_RANDOM);
    }
}

fn main() -> ExitCode {
    map_code_on_demand();
    let (mut cli, repl) = parse_cli();
    if repl {
        if cli.file.is_some() || cli.code.is_some() {
            eprintln!("gilvm: repl takes no FILE nor -c CODE (run `gilvm FILE` instead)");
            return ExitCode::from(2);
        }
        cli.command = Some(Command::Repl);
    }
    let gil = match gil_enabled(&cli) {
        Ok(g) => g,
        Err(msg) => {
            eprintln!("gilvm: {msg}");
            return ExitCode::from(2);
        }
    };
    let settings = match Settings::from_cli(&cli, gil) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("gilvm: {msg}");
            return ExitCode::from(2);
        }
    };
    let repl_opts = repl_options(&cli, &settings);
    match cli.command {
        Some(Command::Dis {
            file,
            switch_points,
            windows,
            no_windows,
        }) => dis(
            &file,
            switch_points.map(SwitchPoints::policy),
            windows || (switch_points.is_some() && !no_windows),
        ),
        Some(Command::Race(a)) => gilvm::tools::race::main(a),
        Some(Command::Explore(a)) => match a.mode.gil.gil() {
            Ok(gil) => gilvm::tools::explore::main(a, gil),
            Err(msg) => {
                eprintln!("gilvm: {msg}");
                ExitCode::from(2)
            }
        },
        Some(Command::Repl) => repl_main(repl_opts),
        Some(Command::Step(a)) => gilvm::tools::stepper::main(a),
        Some(Command::Web(a)) => gilvm::tools::web::main(a),
        None => match (cli.code, cli.file) {
            (Some(code), file) => {
                // With -c, every positional argument goes to sys.argv[1:].
                let mut argv = vec!["-c".to_string()];
                argv.extend(file.map(|f| f.display().to_string()));
                argv.extend(cli.args);
                run(SourceFile::new("<string>", code), argv, &settings)
            }
            (None, Some(file)) => {
                let Some(src) = read_source(&file, true) else {
                    return ExitCode::from(2);
                };
                let mut argv = vec![file.display().to_string()];
                argv.extend(cli.args);
                run(src, argv, &settings)
            }
            (None, None) => repl_main(repl_opts),
        },
    }
}

/// Reads a script, printing CPython's message when it cannot be opened.
/// A script run as `__main__` is named by its absolute path in code objects and tracebacks
/// (CPython 3.9+); `dis` shows the path as given, like `python -m dis`.
/// `-` is the standard input, named `<stdin>`, as `python3 -` reads it.
fn read_source(path: &PathBuf, absolute: bool) -> Option<SourceFile> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        return match std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
            Ok(_) => Some(SourceFile::new("<stdin>".to_string(), text)),
            Err(e) => {
                eprintln!("gilvm: can't read the program from stdin: {e}");
                None
            }
        };
    }
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let name = if absolute {
                std::path::absolute(path).unwrap_or_else(|_| path.clone())
            } else {
                path.clone()
            };
            Some(SourceFile::new(name.display().to_string(), text))
        }
        Err(e) => {
            eprintln!("gilvm: {}", gilvm::source::cant_open(path, &e));
            None
        }
    }
}

fn dis(path: &PathBuf, marks: Option<gilvm::bytecode::SwitchPoints>, windows: bool) -> ExitCode {
    use gilvm::bytecode::SwitchPoints as Policy;
    let Some(src) = read_source(path, false) else {
        return ExitCode::from(2);
    };
    match compiler::compile_source(&src, Mode::Exec) {
        Ok(code) => {
            let mut out = String::new();
            if let Some(p) = marks {
                out.push_str(match p {
                    Policy::Cpython => {
                        "# * = switch point (cpython: frame entry and backward jumps)\n"
                    }
                    Policy::Every => "# * = switch point (every: before any instruction)\n",
                });
                out.push_str(
                    "# c = a call: a switch may fall inside the call \
                     (at the entry of a Python function it runs)\n",
                );
            }
            if windows {
                out.push_str(
                    "# window = a load and a later store of the same name or attribute, \
                     a switch possible between them:\n\
                     #          another thread's store in between is lost, or what was checked is stale\n",
                );
            }
            match (marks, windows) {
                (None, false) => gilvm::bytecode::disassemble_recursive(&code, &mut out, None),
                (p, w) => gilvm::bytecode::disassemble_switch_points(
                    &code,
                    &mut out,
                    p.unwrap_or(Policy::Cpython),
                    p.is_some(),
                    w,
                ),
            }
            print!("{}", out);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{}", gilvm::parser::render_syntax_error(&e, &src));
            ExitCode::from(1)
        }
    }
}

/// Compiles and runs a program as `__main__` on a thread with a large stack.
/// How the interpreter is configured from the command line and the environment.
struct Settings {
    gil: bool,
    switch_interval_us: u64,
    every_switch_point: bool,
    policy: Option<Policy>,
    trace_gil: bool,
    stats: bool,
    timeline: bool,
    trace_out: Option<PathBuf>,
    record_schedule: Option<PathBuf>,
    explain: bool,
    max_steps: Option<u64>,
    /// `--timeout`, in microseconds.
    timeout_us: Option<u64>,
}

impl Settings {
    fn from_cli(cli: &Cli, gil: bool) -> Result<Settings, String> {
        let mut replay_interval = None;
        let mut gil = gil;
        let mut points = cli.switch_points.unwrap_or(SwitchPoints::Cpython);
        let policy = if let Some(k) = cli.switch_every {
            if k == 0 {
                return Err("--switch-every needs a count of at least 1".into());
            }
            Some(Policy::Every(k))
        } else if let Some(seed) = cli.schedule_seed {
            // Under a GIL a preemption only lands at a switch point, so longer quanta; free-
            // threaded, threads interleave single instructions.
            Some(Policy::Seeded {
                seed,
                mean: if gil { 100 } else { 3 },
            })
        } else if let Some(r) = &cli.replay_schedule {
            let text = if std::path::Path::new(r).exists() {
                std::fs::read_to_string(r).map_err(|e| format!("--replay-schedule {r}: {e}"))?
            } else if Schedule::parse(r).is_err() {
                // Neither a file nor a schedule: most likely a file name with a typo.
                return Err(format!(
                    "--replay-schedule {r}: no such file (and not a schedule written out, \
                     such as 1:120>2 2:87>1)"
                ));
            } else {
                r.clone()
            };
            // The run's switch interval (`sys.getswitchinterval()` may be printed) comes
            // along unless the command line gives one.
            if cli.switch_interval.is_none() {
                replay_interval = text
                    .lines()
                    .filter_map(|l| l.strip_prefix("#! switch-interval-us="))
                    .find_map(|v| v.trim().parse::<u64>().ok());
            }
            let schedule = Schedule::parse(&text).map_err(|e| format!("--replay-schedule: {e}"))?;
            // The schedule's mode, unless the command line sets it (and then it must agree).
            let refused = |e: String| format!("--replay-schedule: {e}");
            let (g, p) = cli
                .mode
                .replay_mode(&schedule, cli.switch_points.map(SwitchPoints::policy))
                .map_err(refused)?;
            gil = g;
            if p == gilvm::bytecode::SwitchPoints::Every {
                points = SwitchPoints::Every;
            }
            Some(Policy::Replay(schedule))
        } else {
            None
        };
        // A report that cannot be written fails now, not after the program ran.
        for (flag, path) in [
            ("--trace-out", &cli.trace_out),
            ("--record-schedule", &cli.record_schedule),
        ] {
            if let Some(path) = path {
                writable(path).map_err(|e| format!("{flag} {}: {e}", path.display()))?;
            }
        }
        if cli.record_schedule.is_some() && policy.is_none() && !gil {
            return Err(
                "--record-schedule: a free-threaded run has no hand-offs to record (threads \
                 run in parallel); add --switch-every or --schedule-seed to get a schedule"
                    .into(),
            );
        }
        Ok(Settings {
            gil,
            switch_interval_us: cli.switch_interval.or(replay_interval).unwrap_or(5000),
            every_switch_point: points == SwitchPoints::Every,
            policy,
            trace_gil: cli.trace_gil,
            stats: cli.stats,
            timeline: cli.timeline,
            trace_out: cli.trace_out.clone(),
            record_schedule: cli.record_schedule.clone(),
            explain: cli.explain,
            max_steps: cli.max_steps,
            timeout_us: cli.timeout,
        })
    }

    fn recording(&self) -> bool {
        self.trace_gil
            || self.stats
            || self.timeline
            || self.trace_out.is_some()
            || self.record_schedule.is_some()
    }
}

/// Whether `path` can be written: it is created (empty) if it does not exist, and left as it
/// is if it does, so that a report that cannot be written is a usage error before the run.
fn writable(path: &std::path::Path) -> Result<(), String> {
    if path.is_dir() {
        return Err("is a directory".into());
    }
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map(|_| ())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                "cannot create the file: its directory does not exist".into()
            }
            std::io::ErrorKind::PermissionDenied => {
                "cannot write the file: permission denied".into()
            }
            _ => format!("cannot write the file: {e}"),
        })
}

/// Exit status of a run stopped by `--max-steps` or `--timeout` (as coreutils' `timeout`).
const EXIT_STOPPED: u8 = 124;

/// `--timeout`: after `us` microseconds, asks every thread to stop at its next switch point
/// (a wait or a sleep ends early too); if the main thread has not reported within two more
/// seconds (it is stuck in a native call), ends the process itself.
fn watchdog(interp: &Arc<Interpreter>, us: u64) {
    let weak = Arc::downgrade(interp);
    let limit = std::time::Duration::from_micros(us);
    let _ = std::thread::Builder::new()
        .name("gilvm-timeout".into())
        .spawn(move || {
            std::thread::sleep(limit);
            let Some(interp) = weak.upgrade() else { return };
            let why = format!("stopped after {:.3} s (--timeout)", limit.as_secs_f64());
            interp.stop(why.clone());
            drop(interp);
            std::thread::sleep(std::time::Duration::from_secs(2));
            if let Some(interp) = weak.upgrade() {
                interp.try_flush_stdout();
                eprintln!("gilvm: {why}; the main thread did not reach a switch point");
                std::process::exit(i32::from(EXIT_STOPPED));
            }
        });
}

fn run(src: SourceFile, argv: Vec<String>, settings: &Settings) -> ExitCode {
    let code = match compiler::compile_source(&src, Mode::Exec) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", gilvm::parser::render_syntax_error(&e, &src));
            return ExitCode::from(1);
        }
    };
    let instructions = settings.stats || settings.record_schedule.is_some();
    let recorder = settings.recording().then(|| {
        Arc::new(Recorder::new(gilvm::tools::trace::Options {
            live: settings.trace_gil,
            step_clock: settings.policy.is_some(),
            gil: settings.gil,
            instructions,
        }))
    });
    let explain = settings.explain.then(Explain::new);
    if let (Some(e), Some(r)) = (&explain, &recorder) {
        let r = r.clone();
        e.set_sink(Box::new(move |t, at, finding, text| {
            r.note(t, at, finding.name(), text)
        }));
    }
    let observer: Option<Arc<dyn Observer>> = explain.clone().map(|e| e as Arc<dyn Observer>);
    let interp = Interpreter::new(Config {
        argv,
        gil: settings.gil,
        switch_interval_us: settings.switch_interval_us,
        policy: settings.policy.clone(),
        every_switch_point: settings.every_switch_point,
        observer,
        max_steps: settings.max_steps.unwrap_or(0),
        events: recorder.clone().map(|r| r as Arc<dyn EventSink>),
        count_instructions: instructions,
        ..Config::default()
    });
    let reports = Reports {
        stats: settings.stats,
        timeline: settings.timeline,
        trace_out: settings.trace_out.clone(),
        record_schedule: settings.record_schedule.clone(),
        switch_interval_us: settings.switch_interval_us,
        mode: gilvm::threads::deterministic::ScheduleMode::of(
            settings.gil,
            if settings.every_switch_point || !settings.gil {
                gilvm::bytecode::SwitchPoints::Every
            } else {
                gilvm::bytecode::SwitchPoints::Cpython
            },
        ),
    };
    // Like CPython, tracebacks of `-c` code and of a program read from stdin show no source
    // lines (there is no file to read them from).
    if src.name != "<string>" && src.name != "<stdin>" {
        interp.add_source(Arc::new(src));
    }
    let timeout_us = settings.timeout_us;
    let worker = std::thread::Builder::new()
        .name("gilvm-main".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || {
            let mut vm = Vm::new(interp.clone(), THREAD_STACK_SIZE);
            // The main thread holds the GIL while it runs bytecode, as in CPython.
            vm.sched_acquire();
            // Ctrl-C raises KeyboardInterrupt in the main thread, as in CPython.
            let weak = Arc::downgrade(&interp);
            gilvm::threads::signals::watch_with_flush(
                interp.eval_breaker.clone(),
                Box::new(move || {
                    if let Some(i) = weak.upgrade() {
                        i.try_flush_stdout();
                    }
                }),
            );
            if let Some(us) = timeout_us {
                watchdog(&interp, us);
            }
            let result = vm.run_module_code(code, "__main__");
            let mut status = match result {
                // `os._exit(n)`: the run ends with n, nothing more is run or reported.
                Err(err) if err.is_run_aborted() && interp.exited().is_some() => {
                    gilvm::vm::exit_status(&mut vm, &err)
                }
                Err(err) if err.is_run_aborted() && interp.waits.deadlocked() => {
                    interp.waits.unwound(vm.tid, &err.traceback_frames());
                    0
                }
                Err(err) if err.is_run_aborted() && interp.stop_reason().is_some() => {
                    interp.flush_stdout();
                    let why = interp.stop_reason().unwrap_or_default();
                    eprintln!(
                        "gilvm: {why}; MainThread was at {}",
                        gilvm::threads::waits::waiting_site(&err.traceback_frames())
                    );
                    EXIT_STOPPED
                }
                Ok(_) => 0,
                Err(err) => gilvm::vm::exit_status(&mut vm, &err),
            };
            if !interp.waits.deadlocked() && interp.stop_reason().is_none() {
                vm.shutdown_threads();
                if let Some(n) = interp.exited() {
                    status = n;
                } else if let Some(why) = interp.stop_reason() {
                    interp.flush_stdout();
                    eprintln!("gilvm: {why}; MainThread was waiting for the other threads to end");
                    status = EXIT_STOPPED;
                }
            }
            interp.flush_stdout();
            if let Some(report) = vm.deadlock_report() {
                eprintln!("{report}");
                status = gilvm::threads::deterministic::EXIT_DEADLOCK as u8;
            }
            vm.sched_exit();
            if recorder.is_some() {
                // The log must hold every thread's exit (daemons still running excepted).
                interp.wait_exiting_threads(std::time::Duration::from_millis(500));
            }
            if let Some(e) = &explain {
                eprintln!("{}", e.summary());
            }
            if let Some(r) = &recorder
                && let Err(msg) = reports.write(
                    &r.finish(),
                    &interp
                        .sched
                        .deterministic()
                        .map_or_else(|| interp.thread_names.lock().clone(), |d| d.names()),
                )
            {
                eprintln!("gilvm: {msg}");
                return 1;
            }
            status
        });
    match worker.map(|h| h.join()) {
        Ok(Ok(status)) => ExitCode::from(status),
        _ => {
            eprintln!("gilvm: internal error: the interpreter thread failed");
            ExitCode::from(70)
        }
    }
}
