//! The bytecode stepper (`gilvm step FILE`): the program runs under the deterministic
//! scheduler with a person as the policy (`Policy::Manual`), and stops before instructions
//! to show where each thread is, its stack and locals, and who holds the GIL. `t N` hands the
//! GIL to thread N, so a lost update can be made by hand: let one thread load a global, switch,
//! let another load, store and finish, switch back, and watch the first store erase it.
//!
//! Every instruction of every thread passes through `Vm::step_hook` (the stepper is the eval
//! loop's [`Observer`]) (the observed loop, one instruction at a time). Only the thread
//! holding the baton runs, so the stepper's state is touched by one thread at a time; it
//! still sits behind a mutex, never held across a hand-off.
//!
//! Commands come from `--commands "s;s;t 2;c"`, from rustyline when stdin is a terminal
//! (editing, history), or from stdin read plainly (a transcript is printed with the commands
//! echoed), so a lesson can be written down and tested. An empty line repeats the last
//! command. When the commands run out, the program continues to its end.
//!
//! One story across the tools: `--replay-schedule S` (a schedule that `explore` printed, or a
//! file `--record-schedule` wrote) runs the program under that schedule without stopping, and
//! hands control to the person once its last hand-off is made; `replay S` at the prompt starts
//! the program again the same way. Ctrl-C, while the program runs or at the prompt, comes back
//! to the prompt.
//!
//! `p EXPR` evaluates an expression in the stopped thread's frame on the plain copy of the
//! eval loop: no instruction of it is counted or observed, so the schedule (which counts
//! instructions) is the same with or without it.

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use parking_lot::Mutex;
use rustyline::error::ReadlineError;

use crate::bytecode::{CodeObject, Constant, SwitchPoints};
use crate::source::SourceFile;
use crate::threads::ThreadId;
use crate::threads::deterministic::{Policy, Schedule};
use crate::tools::cli::{GilArgs, ScriptArgs, read_schedule, switch_points_named, usage_error};
use crate::tools::explain::short_repr;
use crate::vm::Vm;
use crate::vm::frame::Frame;
use crate::vm::object::PyResult;
use crate::vm::object::value::Value;
use crate::vm::object::{Dict, exceptions as exc};
use crate::vm::observe::{Before, Observer};
use crate::vm::{Config, Interpreter, THREAD_STACK_SIZE};

#[derive(clap::Args, Debug)]
pub struct StepArgs {
    /// Commands to run instead of reading them (`s;s;t 2;c`); see `h` in the stepper.
    #[arg(long, value_name = "COMMANDS")]
    pub commands: Option<String>,

    /// Run this schedule first, without stopping, then hand control to you where its last
    /// hand-off leaves the threads: a schedule as `explore` prints it (`1:120>2 2:87>1`) or
    /// a file written by `--record-schedule`.
    #[arg(long, value_name = "FILE|SCHEDULE")]
    pub replay_schedule: Option<String>,

    /// Where a thread switch may fall: `cpython` (frame entry and backward jumps) or `every`
    /// (before any instruction). Free-threaded runs use `every`. Default `cpython`, or the
    /// mode the replayed schedule carries.
    #[arg(long, value_name = "P", value_parser = ["cpython", "every"])]
    pub switch_points: Option<String>,

    #[command(flatten)]
    pub mode: GilArgs,

    #[command(flatten)]
    pub script: ScriptArgs,
}

#[derive(Debug, Clone, PartialEq)]
enum Mode {
    /// Stop before the next instruction, whoever runs it.
    Step,
    /// Stop at the next source line of this thread (calls are stepped over), or when another
    /// thread takes over.
    Next {
        tid: ThreadId,
        depth: usize,
        line: u32,
    },
    /// Run to a breakpoint, a watched change, or the end.
    Continue,
}

#[derive(Debug, Clone, PartialEq)]
enum Break {
    Line(u32),
    Func(String),
}

/// Where commands come from.
enum Input {
    /// `--commands`.
    Script(VecDeque<String>),
    /// rustyline, stdin being a terminal; the history file, if any.
    Editor(Box<rustyline::DefaultEditor>, Option<PathBuf>),
    /// stdin read a line at a time; `echo`: print each command after the prompt (stdin is
    /// not a terminal, so the transcript shows it).
    Plain { echo: bool },
}

struct State {
    mode: Mode,
    breaks: Vec<Break>,
    /// Watched globals or attributes of globals (`acct.balance`) and their last seen text.
    watches: Vec<(String, Option<String>)>,
    /// The thread that ran the last instruction.
    last_tid: Option<ThreadId>,
    /// Where each thread is: its code and instruction index (for `threads`).
    positions: BTreeMap<ThreadId, (Arc<CodeObject>, usize)>,
    /// Instructions executed by all threads.
    steps: u64,
    /// The baton moved away from this thread since the last stop.
    handed: Option<ThreadId>,
    /// The thread a `t N` gave the baton to (its stop needs no "took over" note).
    asked_for: Option<ThreadId>,
    /// The commands ran out (or stdin ended): run to the end without stopping.
    done: bool,
    /// A replayed schedule of this many hand-offs is being run: no stop until it is used up.
    replaying: Option<usize>,
    /// The program's module code (for checking breakpoints).
    program: Option<Arc<CodeObject>>,
    /// `replay S` asked for a new run under this schedule.
    restart: Option<Replay>,
}

/// A schedule to replay and the switch interval its file carried.
#[derive(Debug, Clone)]
pub struct Replay {
    pub schedule: Schedule,
    pub interval_us: Option<u64>,
}

pub struct Stepper {
    st: Mutex<State>,
    input: Mutex<Input>,
    /// The last command read from a person, for an empty line.
    last_cmd: Mutex<Option<String>>,
    /// Ctrl-C came: stop at the next instruction of the program's own code.
    interrupted: AtomicBool,
    /// Ctrl-C is the stepper's (it comes back to the prompt) until the commands run out.
    active: AtomicBool,
}

impl std::fmt::Debug for Stepper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stepper")
    }
}

enum Cmd {
    Step,
    Next,
    Continue,
    Break(Break),
    Switch(ThreadId),
    Threads,
    Stack,
    Locals,
    Globals,
    Dis,
    Bt,
    Watch(String),
    Print(String),
    Replay(String),
    Quit,
    Help,
    Bad(String),
}

fn parse(line: &str) -> Cmd {
    let line = line.trim();
    let (head, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(h, r)| (h, r.trim()));
    let arg = (!rest.is_empty()).then_some(rest);
    match (head, arg) {
        ("s" | "step", None) => Cmd::Step,
        ("n" | "next", None) => Cmd::Next,
        ("c" | "continue", None) => Cmd::Continue,
        ("b" | "break", Some(a)) => match a.parse::<u32>() {
            Ok(n) => Cmd::Break(Break::Line(n)),
            Err(_) => Cmd::Break(Break::Func(a.trim_end_matches("()").to_string())),
        },
        ("t" | "thread", Some(a)) => match a.parse::<ThreadId>() {
            Ok(n) => Cmd::Switch(n),
            Err(_) => Cmd::Bad(format!("t needs a thread number, not '{a}'")),
        },
        ("threads", None) => Cmd::Threads,
        ("stack", None) => Cmd::Stack,
        ("locals", None) => Cmd::Locals,
        ("globals", None) => Cmd::Globals,
        ("dis", None) => Cmd::Dis,
        ("bt" | "where", None) => Cmd::Bt,
        ("watch", Some(a)) => {
            let ok = a.split('.').all(|part| {
                part.chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_')
                    && part.chars().all(|c| c.is_alphanumeric() || c == '_')
            });
            if ok {
                Cmd::Watch(a.to_string())
            } else {
                Cmd::Bad(format!(
                    "watch takes a global name or an attribute of one (acct.balance), not '{a}'"
                ))
            }
        }
        ("p" | "print", Some(a)) => Cmd::Print(a.to_string()),
        ("replay" | ":replay", Some(a)) => Cmd::Replay(a.to_string()),
        // `replay ''`: the empty schedule, as explore prints it.
        ("replay" | ":replay", None) => Cmd::Bad(
            "replay needs a schedule (as explore prints it: replay 1:120>2 2:87>1) or a file"
                .to_string(),
        ),
        ("q" | "quit", None) => Cmd::Quit,
        ("h" | "help" | "?", None) => Cmd::Help,
        _ => Cmd::Bad(format!("unknown command '{line}' (h for help)")),
    }
}

const HELP: &str = "\
s            one instruction
n            to the next source line of this thread
c            continue to a breakpoint, a watched change or the end
b LINE       break at a source line;  b FUNC  at a function's entry
t N          hand the GIL to thread N (you choose who runs next)
threads      every thread and what it is doing
stack        this thread's value stack
locals       this frame's local variables
globals      the program's global variables
p EXPR       evaluate EXPR in this frame (locals, globals, builtins) and print its repr
dis          this function's bytecode, --> at the next instruction
bt           the call stack
watch NAME   stop when global NAME (or NAME.ATTR) changes (old -> new, and who wrote it)
replay S     start again under schedule S (from explore, or a recorded file) and stop
             after its last hand-off
Enter        repeat the last command;  Ctrl-C  back to this prompt
q            quit";

/// The history file of the stepper's prompt on a terminal.
fn history_file() -> Option<PathBuf> {
    std::env::var_os("GILVM_STEP_HISTORY")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".gilvm_step_history")))
}

impl Input {
    fn open(commands: Option<&str>) -> Input {
        if let Some(c) = commands {
            return Input::Script(
                c.split([';', '\n'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
        }
        let terminal = std::io::stdin().is_terminal();
        if terminal && let Ok(mut editor) = rustyline::DefaultEditor::new() {
            let history = history_file();
            if let Some(h) = &history {
                let _ = editor.load_history(h);
            }
            return Input::Editor(Box::new(editor), history);
        }
        Input::Plain { echo: !terminal }
    }
}

impl Stepper {
    /// A stepper reading `commands` (`s;s;t 2;c`) or, when `None`, stdin.
    pub fn new(commands: Option<&str>) -> Arc<Stepper> {
        Stepper::with_input(Input::open(commands), None, Vec::new(), Vec::new())
    }

    fn with_input(
        input: Input,
        replay: Option<usize>,
        breaks: Vec<Break>,
        watches: Vec<(String, Option<String>)>,
    ) -> Arc<Stepper> {
        let stepper = Arc::new(Stepper {
            st: Mutex::new(State {
                mode: if replay.is_some() {
                    Mode::Continue
                } else {
                    Mode::Step
                },
                breaks,
                watches,
                last_tid: None,
                positions: BTreeMap::new(),
                steps: 0,
                handed: None,
                asked_for: None,
                done: false,
                replaying: replay,
                program: None,
                restart: None,
            }),
            input: Mutex::new(input),
            last_cmd: Mutex::new(None),
            interrupted: AtomicBool::new(false),
            active: AtomicBool::new(true),
        });
        // Ctrl-C comes back to the prompt while there is one to come back to.
        let weak = Arc::downgrade(&stepper);
        crate::threads::signals::intercept(Box::new(move || {
            let Some(s) = weak.upgrade() else {
                return false;
            };
            if !s.active.load(Ordering::Acquire) {
                return false;
            }
            s.interrupted.store(true, Ordering::Release);
            true
        }));
        stepper
    }

    /// The stepper for a new run (`replay`): the same input, breakpoints and watches.
    fn successor(&self, replay: &Replay) -> Arc<Stepper> {
        let input = std::mem::replace(&mut *self.input.lock(), Input::Plain { echo: false });
        let st = self.st.lock();
        let watches = st.watches.iter().map(|(w, _)| (w.clone(), None)).collect();
        let next = Stepper::with_input(
            input,
            Some(replay.schedule.handoffs.len()),
            st.breaks.clone(),
            watches,
        );
        *next.last_cmd.lock() = self.last_cmd.lock().clone();
        next
    }

    /// Stops taking Ctrl-C and commands: the program runs to its end.
    fn finish(&self) {
        self.active.store(false, Ordering::Release);
        let mut st = self.st.lock();
        st.done = true;
        st.mode = Mode::Continue;
    }

    /// The next command; `None` when they ran out.
    fn next_command(&self) -> Option<String> {
        let mut input = self.input.lock();
        let line = match &mut *input {
            Input::Script(q) => {
                let c = q.pop_front()?;
                self.interrupted.store(false, Ordering::Release);
                print_out(&format!("(step) {c}\n"));
                return Some(c);
            }
            Input::Editor(editor, history) => loop {
                match editor.readline("(step) ") {
                    Ok(line) => {
                        self.interrupted.store(false, Ordering::Release);
                        if !line.trim().is_empty() {
                            let _ = editor.add_history_entry(line.as_str());
                            if let Some(h) = history {
                                let _ = editor.save_history(h);
                            }
                        }
                        break line;
                    }
                    Err(ReadlineError::Interrupted) => print_out("--KeyboardInterrupt--\n"),
                    Err(_) => {
                        print_out("\n");
                        return None;
                    }
                }
            },
            Input::Plain { echo } => {
                // At a terminal the prompt comes first; in a transcript (stdin not a
                // terminal) the command is echoed after it, as a scripted one is.
                if !*echo {
                    print_out("(step) ");
                }
                let mut line = String::new();
                let n = std::io::stdin().lock().read_line(&mut line).unwrap_or(0);
                if n == 0 {
                    if !*echo {
                        print_out("\n");
                    }
                    return None;
                }
                // A Ctrl-C at the prompt is spent: the person is at the prompt already. (Cleared
                // before the echo: a Ctrl-C after it is for the run the command starts.)
                self.interrupted.store(false, Ordering::Release);
                let line = line.trim().to_string();
                if *echo {
                    let shown = if line.is_empty() {
                        self.last_cmd.lock().clone().unwrap_or_default()
                    } else {
                        line.clone()
                    };
                    print_out(&format!("(step) {shown}\n"));
                }
                line
            }
        };
        let line = line.trim().to_string();
        let mut last = self.last_cmd.lock();
        if line.is_empty() {
            return Some(last.clone().unwrap_or_default());
        }
        *last = Some(line.clone());
        Some(line)
    }

    /// The schedule `replay` asked for, if it did (the run was ended for it).
    fn take_restart(&self) -> Option<Replay> {
        self.st.lock().restart.take()
    }
}

/// Writes stepper text to stdout, whole (the program's own output is flushed first by the
/// caller, so the two stay in order).
fn print_out(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// `gilvm step`.
pub fn main(args: StepArgs) -> ExitCode {
    let mut gil = match args.mode.gil() {
        Ok(g) => g,
        Err(msg) => return usage_error(format_args!("gilvm: {msg}")),
    };
    let mut points = args.switch_points.clone();
    let mut replay = match args.replay_schedule.as_deref().map(read_schedule) {
        None => None,
        Some(Ok((schedule, interval_us))) => {
            // The schedule's mode, unless the command line sets it (and then it must agree).
            let cli_points = points.as_deref().map(switch_points_named);
            match args.mode.replay_mode(&schedule, cli_points) {
                Ok((g, p)) => {
                    gil = g;
                    if p == SwitchPoints::Every {
                        points = Some("every".into());
                    }
                }
                Err(msg) => {
                    return usage_error(format_args!("gilvm step: --replay-schedule: {msg}"));
                }
            }
            Some(Replay {
                schedule,
                interval_us,
            })
        }
        Some(Err(msg)) => return usage_error(format_args!("gilvm step: --replay-schedule {msg}")),
    };
    let file = &args.script.file;
    let src = match std::fs::read_to_string(file) {
        Ok(text) => {
            let name = std::path::absolute(file).unwrap_or_else(|_| file.clone());
            Arc::new(SourceFile::new(name.display().to_string(), text))
        }
        Err(e) => {
            return usage_error(format_args!(
                "gilvm: {}",
                crate::source::cant_open(file, &e)
            ));
        }
    };
    let code = match crate::compiler::compile_source(&src, crate::compiler::Mode::Exec) {
        Ok(code) => crate::vm::object::code::Code::new(code),
        Err(e) => {
            eprint!("{}", crate::parser::render_syntax_error(&e, &src));
            return ExitCode::from(1);
        }
    };
    let every = points.as_deref() == Some("every") || !gil;
    let argv = args.script.argv();
    let commands = args.commands.clone();
    let shown_name = file.display().to_string();
    let worker = std::thread::Builder::new()
        .name("gilvm-main".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || {
            let mut stepper = Stepper::with_input(
                Input::open(commands.as_deref()),
                replay.as_ref().map(|r| r.schedule.handoffs.len()),
                Vec::new(),
                Vec::new(),
            );
            loop {
                let policy = match &replay {
                    Some(r) => Policy::Replay(r.schedule.clone()),
                    None => Policy::Manual,
                };
                let interp = Interpreter::new(Config {
                    argv: argv.clone(),
                    gil,
                    switch_interval_us: replay.as_ref().and_then(|r| r.interval_us).unwrap_or(5000),
                    policy: Some(policy),
                    every_switch_point: every,
                    observer: Some(stepper.clone()),
                    ..Config::default()
                });
                interp.add_source(src.clone());
                let status = run_once(&interp, code.clone());
                let Some(next) = stepper.take_restart() else {
                    return status;
                };
                drop(interp);
                print_out(&format!(
                    "── replay: {} runs again from the start under the schedule ({} hand-off{})\n",
                    shown_name,
                    next.schedule.handoffs.len(),
                    crate::tools::cli::plural(next.schedule.handoffs.len() as u64)
                ));
                stepper = stepper.successor(&next);
                replay = Some(next);
            }
        });
    match worker.map(|h| h.join()) {
        Ok(Ok(status)) => ExitCode::from(status),
        _ => {
            eprintln!("gilvm: internal error: the interpreter thread failed");
            ExitCode::from(70)
        }
    }
}

/// Runs the program once as `__main__` on this thread; its exit status. A run ended by
/// `replay` (aborted) waits until every thread of it has unwound.
fn run_once(interp: &Arc<Interpreter>, code: Arc<crate::vm::object::code::Code>) -> u8 {
    let mut vm = Vm::new(interp.clone(), THREAD_STACK_SIZE);
    vm.sched_acquire();
    // A Ctrl-C after the commands ran out raises KeyboardInterrupt, as in a plain run.
    let weak = Arc::downgrade(interp);
    crate::threads::signals::watch_with_flush(
        interp.eval_breaker.clone(),
        Box::new(move || {
            if let Some(i) = weak.upgrade() {
                i.try_flush_stdout();
            }
        }),
    );
    let result = vm.run_loaded_module(code, "__main__");
    let aborted = interp.sched.aborted();
    let status = match result {
        Ok(_) => 0,
        Err(e) if e.is_run_aborted() && interp.exited().is_none() => 0,
        Err(e) => crate::vm::exit_status(&mut vm, &e),
    };
    let status = interp.exited().unwrap_or(status);
    if !aborted && interp.exited().is_none() {
        vm.shutdown_threads();
    }
    interp.flush_stdout();
    vm.sched_exit();
    drop(vm);
    if aborted {
        interp.wait_os_threads();
    }
    status
}

impl Observer for Stepper {
    fn before_instruction(&self, vm: &mut Vm, at: Before<'_>) -> PyResult<()> {
        vm.step_hook(self, at.frame, at.stack, at.index)
    }
}

impl Vm {
    fn thread_name(&self, t: ThreadId) -> String {
        self.interp.thread_name(t)
    }

    /// Before each instruction while stepping: decides whether to stop, and if so shows the
    /// state and runs commands until one resumes execution.
    #[cold]
    pub(crate) fn step_hook(
        &mut self,
        stepper: &Stepper,
        frame: &Frame,
        stack: &[Value],
        index: usize,
    ) -> PyResult<()> {
        // `replay` ended this run: every thread unwinds at its next instruction.
        if self.interp.sched.aborted() {
            return Err(exc::run_aborted());
        }
        let code = &frame.code;
        let line = code.line_at(index);
        let depth = self.obs.frames.len();
        let writer;
        let reason = {
            let mut st = stepper.st.lock();
            st.steps += 1;
            if let Some(prev) = st.last_tid.filter(|t| *t != self.tid) {
                // The baton moved (a block, an exit, or `t N`): say so at this thread's next
                // stop in the program's own code.
                st.handed = Some(prev);
            }
            writer = st.last_tid;
            st.last_tid = Some(self.tid);
            // Built-in modules written in Python (threading, queue) run without stopping:
            // the lesson is in the program's own code.
            if st.done || code.filename.starts_with("<gilvm>/") {
                return Ok(());
            }
            st.positions.insert(self.tid, (code.object.clone(), index));
            if st.program.is_none() && code.qualname == "<module>" {
                st.program = Some(code.object.clone());
            }
            if let Some(n) = st.replaying {
                // Under a replayed schedule: no stop until its last hand-off is made.
                let left = self
                    .interp
                    .sched
                    .deterministic()
                    .map_or(0, |d| d.replay_left());
                if left > 0 {
                    return Ok(());
                }
                st.replaying = None;
                st.mode = Mode::Step;
                st.handed = None;
                st.asked_for = Some(self.tid);
                st.last_tid = Some(self.tid);
                drop(st);
                self.interp.flush_stdout();
                print_out(&format!(
                    "── the schedule is replayed ({n} hand-off{}): you choose who runs from here\n",
                    crate::tools::cli::plural(n as u64)
                ));
                st = stepper.st.lock();
            }
            let mut reason = match &st.mode {
                Mode::Step => Some(String::new()),
                Mode::Next {
                    tid,
                    depth: d,
                    line: l,
                } => {
                    if *tid != self.tid {
                        Some("another thread took over".to_string())
                    } else if depth < *d || (depth == *d && line != *l) {
                        Some(String::new())
                    } else {
                        None
                    }
                }
                Mode::Continue => None,
            };
            if reason.is_none() {
                for b in &st.breaks {
                    match b {
                        Break::Line(n)
                            if *n == line
                                && code.locations.get(index).is_some_and(|_| {
                                    index == 0 || code.line_at(index - 1) != line
                                }) =>
                        {
                            reason = Some(format!("breakpoint at line {n}"));
                        }
                        Break::Func(f)
                            if index == 0 && (code.name == *f || code.qualname == *f) =>
                        {
                            reason = Some(format!("breakpoint at {f}()"));
                        }
                        _ => {}
                    }
                }
            }
            // A hand-off the person did not ask for is always a stop: they choose who runs.
            if let Some(prev) = st.handed.take() {
                if st.asked_for != Some(self.tid) {
                    reason = Some(format!("[{prev}] stopped, [{}] runs", self.tid));
                } else if reason.is_some() {
                    reason = Some(String::new());
                }
            }
            st.asked_for = None;
            if stepper.interrupted.load(Ordering::Acquire)
                && stepper.interrupted.swap(false, Ordering::AcqRel)
            {
                reason = Some("Ctrl-C: stopped here (c to go on)".to_string());
            }
            reason
        };
        let watched = self.check_watches(stepper, writer);
        let reason = match (reason, watched) {
            (_, Some(w)) => w,
            (Some(r), None) => r,
            (None, None) => return Ok(()),
        };
        self.interp.flush_stdout();
        self.show_stop(stepper, frame, stack, index, &reason);
        loop {
            let Some(line_text) = stepper.next_command() else {
                stepper.finish();
                return Ok(());
            };
            match parse(&line_text) {
                Cmd::Step => {
                    stepper.st.lock().mode = Mode::Step;
                    return Ok(());
                }
                Cmd::Next => {
                    stepper.st.lock().mode = Mode::Next {
                        tid: self.tid,
                        depth,
                        line,
                    };
                    return Ok(());
                }
                Cmd::Continue => {
                    stepper.st.lock().mode = Mode::Continue;
                    return Ok(());
                }
                Cmd::Break(b) => {
                    let program = stepper.st.lock().program.clone();
                    let program = program.unwrap_or_else(|| code.object.clone());
                    match self.check_break(&program, &frame.globals, &b) {
                        Ok(what) => {
                            stepper.st.lock().breaks.push(b);
                            print_out(&format!("breakpoint at {what}\n"));
                        }
                        Err(e) => print_out(&format!("*** {e}\n")),
                    }
                }
                Cmd::Switch(n) => {
                    if n == self.tid {
                        print_out(&format!("{} already holds the GIL\n", self.thread_name(n)));
                        continue;
                    }
                    let sched = self.interp.sched.clone();
                    let Some(d) = sched.deterministic() else {
                        continue;
                    };
                    let point = crate::bytecode::SwitchPoints::Cpython.is_switch_point(code, index);
                    if let Err(e) = d.can_take(n) {
                        print_out(&format!("cannot switch: {e}\n"));
                        continue;
                    }
                    if !point && self.interp.sched.gil_enabled() && !self.obs.every_switch_point {
                        print_out(
                            "note: CPython 3.10+ would not switch here (not a switch point); \
                             the stepper lets you, as a pre-3.10 GIL could\n",
                        );
                    }
                    let at = self.at();
                    stepper.st.lock().asked_for = Some(n);
                    match d.switch_to(self.tid, n, &at) {
                        Ok(()) if self.interp.sched.aborted() => {
                            return Err(exc::run_aborted());
                        }
                        Ok(()) => {
                            // Back: this thread holds the GIL again, before the same
                            // instruction. Whoever ran meanwhile printed their stops.
                            let prev = {
                                let mut st = stepper.st.lock();
                                st.handed = None;
                                st.last_tid.replace(self.tid)
                            };
                            let why = match prev {
                                Some(p) if p != self.tid => {
                                    format!("[{p}] stopped, [{}] runs", self.tid)
                                }
                                _ => String::new(),
                            };
                            self.interp.flush_stdout();
                            self.show_stop(stepper, frame, stack, index, &why);
                        }
                        Err(e) => print_out(&format!("cannot switch: {e}\n")),
                    }
                }
                Cmd::Threads => self.print_threads(stepper),
                Cmd::Stack => print_out(&format!("stack: {}\n", stack_text(stack))),
                Cmd::Locals => print_out(&format!("locals: {}\n", locals_text(frame))),
                Cmd::Globals => print_out(&format!("globals: {}\n", globals_text(frame))),
                Cmd::Dis => {
                    let mut out = String::new();
                    let mark = move |_: &CodeObject, i: usize| i == index;
                    crate::bytecode::disassemble_marked(code, &mut out, Some(&mark));
                    print_out(&out.replacen("  * ", "--> ", 1));
                }
                Cmd::Bt => print_out(&self.backtrace(index)),
                Cmd::Watch(name) => {
                    let now = peek(&frame.globals, &name).map(|v| value_text(&v));
                    print_out(&format!(
                        "watching {name} (now {})\n",
                        now.as_deref().unwrap_or("unbound")
                    ));
                    stepper.st.lock().watches.push((name, now));
                }
                Cmd::Quit => {
                    self.interp.flush_stdout();
                    print_out("quit\n");
                    std::process::exit(0);
                }
                Cmd::Print(expr) => {
                    let text = self.evaluate(frame, &expr);
                    print_out(&format!("{text}\n"));
                }
                Cmd::Replay(text) => match read_schedule(&text).and_then(|r| {
                    // The session's mode is fixed: a schedule made in another is refused.
                    let d = self.interp.sched.deterministic();
                    match d.map(|d| d.mode()) {
                        Some(m) => {
                            r.0.mode
                                .reconcile(m.gil, m.points, "this session")
                                .map(|_| r)
                        }
                        None => Ok(r),
                    }
                }) {
                    Ok((schedule, interval_us)) => {
                        self.interp.flush_stdout();
                        stepper.st.lock().restart = Some(Replay {
                            schedule,
                            interval_us,
                        });
                        stepper.finish();
                        // Every thread of this run unwinds; `main` starts the next.
                        if let Some(d) = self.interp.sched.deterministic() {
                            d.abort_run();
                        }
                        return Err(exc::run_aborted());
                    }
                    Err(e) => print_out(&format!("*** replay {e}\n")),
                },
                Cmd::Help => print_out(&format!("{HELP}\n")),
                Cmd::Bad(msg) => print_out(&format!("{msg}\n")),
            }
        }
    }

    /// A watched global that changed since it was last seen: the message, and the new value
    /// remembered. The writer is the thread that ran the previous instruction.
    fn check_watches(&self, stepper: &Stepper, writer: Option<ThreadId>) -> Option<String> {
        let mut st = stepper.st.lock();
        if st.watches.is_empty() {
            return None;
        }
        let main = self.interp.modules.lock().get("__main__").cloned();
        let Some(Value::Module(m)) = main else {
            return None;
        };
        let mut msg = None;
        for (name, last) in st.watches.iter_mut() {
            let now = peek(&m.dict, name).map(|v| value_text(&v));
            if now != *last {
                let by = writer.map_or_else(String::new, |t| {
                    format!(", written by [{t}] {}", self.thread_name(t))
                });
                msg = Some(format!(
                    "watch {name}: {} -> {}{by}",
                    last.as_deref().unwrap_or("unbound"),
                    now.as_deref().unwrap_or("unbound"),
                ));
                *last = now;
            }
        }
        msg
    }

    fn show_stop(
        &self,
        stepper: &Stepper,
        frame: &Frame,
        stack: &[Value],
        index: usize,
        why: &str,
    ) {
        let code = &frame.code;
        let line = code.line_at(index);
        let steps = stepper.st.lock().steps;
        let func = if code.qualname.starts_with('<') {
            code.qualname.clone()
        } else {
            format!("{}()", code.qualname)
        };
        let mut out = String::new();
        let who = self.thread_name(self.tid);
        out.push_str(&format!(
            "── [{}] {who} · {func} · line {line} · step {steps}",
            self.tid
        ));
        if !why.is_empty() {
            out.push_str(&format!(" · {why}"));
        }
        out.push('\n');
        if let Some(src) = self.interp.source(&code.filename) {
            out.push_str(&format!("{line:>5} │ {}\n", src.line_text(line).trim_end()));
        }
        let current = crate::bytecode::instruction_text(code, index);
        out.push_str(&format!("      → {} {}\n", index * 2, current.trim_end()));
        out.push_str(&format!("  stack:   {}\n", stack_text(stack)));
        out.push_str(&format!("  locals:  {}\n", locals_text(frame)));
        let gil = if self.interp.sched.gil_enabled() {
            format!("{who} holds it")
        } else {
            "none (free-threaded)".to_string()
        };
        out.push_str(&format!("  GIL:     {gil}\n"));
        out.push_str(&format!("  threads: {}\n", self.threads_line(stepper)));
        print_out(&out);
    }

    fn threads_line(&self, stepper: &Stepper) -> String {
        let Some(d) = self.interp.sched.deterministic() else {
            return String::new();
        };
        let positions = stepper.st.lock().positions.clone();
        d.thread_states()
            .into_iter()
            .map(|(t, state)| {
                let at = positions
                    .get(&t)
                    .filter(|_| state != "finished")
                    .map(|(c, i)| format!(" at line {}", c.line_at(*i)))
                    .unwrap_or_default();
                format!("[{t}] {} {state}{at}", self.thread_name(t))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    fn print_threads(&self, stepper: &Stepper) {
        let line = self.threads_line(stepper);
        print_out(&format!("{}\n", line.replace(" · ", "\n")));
    }

    fn backtrace(&self, index: usize) -> String {
        let mut out = String::new();
        let n = self.obs.frames.len();
        for (i, (code, _, _)) in self.obs.frames.iter().enumerate() {
            let at = if i + 1 == n {
                index
            } else {
                self.obs.frames[i + 1].1 as usize
            };
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                code.filename,
                code.line_at(at),
                code.name
            ));
        }
        out
    }
}

fn stack_text(stack: &[Value]) -> String {
    let items: Vec<String> = stack
        .iter()
        .filter(|v| !matches!(v, Value::Null))
        .map(value_text)
        .collect();
    format!("[{}]", items.join(", "))
}

fn locals_text(frame: &Frame) -> String {
    if frame.ns.is_some() {
        return "(module level: see globals)".to_string();
    }
    let items: Vec<String> = frame
        .code
        .varnames
        .iter()
        .zip(&frame.locals)
        .filter(|(_, v)| !matches!(v, Value::Null))
        .map(|(n, v)| format!("{n}={}", value_text(v)))
        .collect();
    if items.is_empty() {
        "—".to_string()
    } else {
        items.join(", ")
    }
}

/// The program's own globals: plain values, not modules, functions or classes.
fn globals_text(frame: &Frame) -> String {
    let items: Vec<String> = frame
        .globals
        .items()
        .into_iter()
        .filter_map(|(k, v)| {
            let name = k.as_str()?.to_string();
            if name.starts_with("__")
                || matches!(
                    v,
                    Value::Module(_)
                        | Value::Function(_)
                        | Value::Class(_)
                        | Value::Builtin(_)
                        | Value::Native(_)
                )
            {
                return None;
            }
            Some(format!("{name}={}", value_text(&v)))
        })
        .collect();
    if items.is_empty() {
        "—".to_string()
    } else {
        items.join(", ")
    }
}

impl Vm {
    /// Whether a breakpoint can ever be hit in `program` (its module code and every function
    /// in it), or in the functions and methods bound in `globals` (a statement stepped in the
    /// REPL calls functions defined by earlier inputs): `Ok` with how to name it, or why not.
    fn check_break(
        &self,
        program: &CodeObject,
        globals: &Dict,
        b: &Break,
    ) -> Result<String, String> {
        let mut defined = Vec::new();
        for (_, v) in globals.items() {
            match v {
                Value::Function(f) => defined.push(f.code.object.clone()),
                Value::Class(c) => {
                    defined.extend(c.dict.items().into_iter().filter_map(|(_, m)| match m {
                        Value::Function(f) => Some(f.code.object.clone()),
                        _ => None,
                    }))
                }
                _ => {}
            }
        }
        let mut codes = Vec::new();
        all_codes(program, &mut codes);
        for c in &defined {
            all_codes(c, &mut codes);
        }
        let file = std::path::Path::new(&*program.filename)
            .file_name()
            .map_or_else(
                || program.filename.to_string(),
                |f| f.to_string_lossy().into_owned(),
            );
        match b {
            Break::Line(n) => {
                if codes
                    .iter()
                    .any(|c| c.locations.iter().any(|l| l.line == *n))
                {
                    return Ok(format!("line {n}"));
                }
                let lines = self
                    .interp
                    .source(&program.filename)
                    .map_or(0, |s| s.line_count());
                if *n == 0 || *n > lines {
                    Err(format!(
                        "line {n} is out of range: {file} has {lines} lines"
                    ))
                } else {
                    Err(format!(
                        "line {n} of {file} has no code (blank, a comment, or inside another \
                         statement's lines)"
                    ))
                }
            }
            Break::Func(f) => {
                let found = codes
                    .iter()
                    .any(|c| !c.name.starts_with('<') && (c.name == *f || c.qualname == *f));
                if found {
                    Ok(format!("{f}()"))
                } else {
                    Err(format!("no function named {f} in {file}"))
                }
            }
        }
    }

    /// `p EXPR`: evaluates `expr` with this frame's locals (fast locals, cells, and the
    /// namespace of a module or class body), then its globals, then the builtins, and
    /// returns its repr, or pdb's `*** ` and the exception line. It runs on the plain copy of
    /// the loop with no observer: its instructions are not counted (the schedule's step
    /// counts stay the program's) and do not stop. Nothing of the frame is changed: the
    /// locals are a copy.
    fn evaluate(&mut self, frame: &Frame, expr: &str) -> String {
        const RESULT: &str = "__gilvm_p__";
        let src = SourceFile::new("<stdin>", format!("{RESULT} = (\n{expr}\n)\n"));
        let code = match crate::compiler::compile_source(&src, crate::compiler::Mode::Exec) {
            Ok(code) => code,
            Err(e) => return format!("*** SyntaxError: {}", e.msg),
        };
        let ns = Arc::new(Dict::new());
        if let Some(outer) = &frame.ns {
            for (k, v) in outer.items() {
                if let Some(k) = k.as_str() {
                    ns.set_str(k, v);
                }
            }
        }
        for (name, v) in frame.code.varnames.iter().zip(&frame.locals) {
            if !matches!(v, Value::Null) {
                ns.set_str(name, v.clone());
            }
        }
        for (i, cell) in frame.cells.iter().enumerate() {
            if let Some(v) = cell.get() {
                let name = frame.code.cell_name(crate::bytecode::CellIdx(i as u32));
                ns.set_str(name, v);
            }
        }
        let observed = std::mem::replace(&mut self.obs.observed, false);
        let tracking = std::mem::replace(&mut self.obs.tracking, false);
        let sched = self.interp.sched.clone();
        if let Some(d) = sched.deterministic() {
            d.freeze(true);
        }
        let mut f = Frame::new(
            crate::vm::object::code::Code::new(code),
            frame.globals.clone(),
            Some(ns.clone()),
            &[],
        );
        let result = self.enter_call().and_then(|()| {
            let r = self.run_frame(&mut f);
            self.leave_call();
            r
        });
        let text = result.and_then(|_| {
            let v = ns.get_str(RESULT).unwrap_or(Value::None);
            self.repr(&v)
        });
        if let Some(d) = sched.deterministic() {
            d.freeze(false);
        }
        self.obs.observed = observed;
        self.obs.tracking = tracking;
        match text {
            Ok(t) => t,
            Err(e) if e.is_run_aborted() => "*** p cannot wait for another thread (a lock, a \
                                              join, a sleep): who runs is yours to choose"
                .to_string(),
            Err(e) => format!("*** {}", exc::exception_line(self, &e.value())),
        }
    }
}

/// `code` and every code object nested in it.
fn all_codes<'a>(code: &'a CodeObject, out: &mut Vec<&'a CodeObject>) {
    out.push(code);
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            all_codes(inner, out);
        }
    }
}

/// The value of a watched name (`counter`) or attribute path (`acct.balance`), read without
/// running any code (no `__getattr__`, no property): instance, module and class attributes.
pub(crate) fn peek(globals: &Dict, path: &str) -> Option<Value> {
    let mut parts = path.split('.');
    let mut v = globals.get_str(parts.next()?)?;
    for attr in parts {
        v = match &v {
            Value::Instance(i) => i.attr(attr)?,
            Value::Module(m) => m.dict.get_str(attr)?,
            Value::Class(c) => c.dict.get_str(attr)?,
            _ => return None,
        };
    }
    Some(v)
}

/// Items of a container shown before `…`.
const SHOWN_ITEMS: usize = 8;

/// A value as the stepper shows it: an instance of one of the program's classes with its
/// attributes (`Account(balance=20)`), containers with their items, others as `explain`
/// shows them. Never runs code (no `__repr__`): showing must not change the run.
pub(crate) fn value_text(v: &Value) -> String {
    shown(v, 2)
}

fn shown(v: &Value, depth: u32) -> String {
    let items = |open: &str, close: &str, vals: &[Value]| {
        if depth == 0 && !vals.is_empty() {
            return format!("{open}…{close}");
        }
        let mut parts: Vec<String> = vals
            .iter()
            .take(SHOWN_ITEMS)
            .map(|x| shown(x, depth.saturating_sub(1)))
            .collect();
        if vals.len() > SHOWN_ITEMS {
            parts.push(format!("… {} more", vals.len() - SHOWN_ITEMS));
        }
        format!("{open}{}{close}", parts.join(", "))
    };
    match v {
        Value::Instance(i) if i.class.module == "__main__" && i.base().is_none() => {
            if depth == 0 {
                return format!("{}(…)", i.class.name);
            }
            let attrs = i.attr_items();
            let mut parts: Vec<String> = attrs
                .iter()
                .take(SHOWN_ITEMS)
                .filter_map(|(k, x)| Some(format!("{}={}", k.as_str()?, shown(x, depth - 1))))
                .collect();
            if attrs.len() > SHOWN_ITEMS {
                parts.push(format!("… {} more", attrs.len() - SHOWN_ITEMS));
            }
            format!("{}({})", i.class.name, parts.join(", "))
        }
        Value::List(l) => items("[", "]", &l.snapshot()),
        Value::Tuple(t) if t.0.len() == 1 => format!("({},)", shown(&t.0[0], depth)),
        Value::Tuple(t) => items("(", ")", &t.0),
        Value::Dict(d) => {
            let entries = d.items();
            if depth == 0 && !entries.is_empty() {
                return "{…}".to_string();
            }
            let mut parts: Vec<String> = entries
                .iter()
                .take(SHOWN_ITEMS)
                .map(|(k, x)| format!("{}: {}", short_repr(k), shown(x, depth - 1)))
                .collect();
            if entries.len() > SHOWN_ITEMS {
                parts.push(format!("… {} more", entries.len() - SHOWN_ITEMS));
            }
            format!("{{{}}}", parts.join(", "))
        }
        other => short_repr(other),
    }
}
