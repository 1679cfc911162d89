//! The interactive session: `gilvm` with no file, or `gilvm repl`.
//!
//! It behaves like CPython's REPL: `>>> ` and `... ` prompts, expression statements echo their
//! repr (the compiler's interactive mode emits `PRINT_EXPR`), errors print CPython's traceback
//! and the session goes on with its state. Every input runs in one interpreter and one
//! `__main__` module, on a thread with the interpreter's large stack, holding the GIL like
//! CPython's main thread; while the session waits for a line the GIL is released, so threads
//! started at the prompt keep running.
//!
//! On a terminal, lines are read with rustyline (editing, history in `$HOME/.gilvm_history` or
//! `$GILVM_HISTORY`, tab completion of names, keywords, attributes of a dotted name and `:`
//! commands). Every line pasted or typed ahead runs: a bracketed paste comes as one text
//! whose lines are queued, and input that arrives while a line runs stays in rustyline's
//! buffer (its `buffer-redux` feature) for the next prompt.
//!
//! The run flags that make sense for a session apply (`-X gil=0`, `--switch-interval`,
//! `--switch-points`, `--trace-gil` live, `--stats` and `--timeline` after each input during
//! which another thread ran); the others are refused by `main.rs`. When stdin is not a terminal
//! (a pipe, the tests) lines are read plainly and the prompts go to **stdout**, not to stderr
//! as CPython does, so that a transcript on stdout reads like a session.
//!
//! Lines starting with `:` are the session's own commands (`:help` lists them): disassembly,
//! the threads, the GIL's state, the switch interval, a fresh interpreter.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use parking_lot::Mutex;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;

use crate::bytecode::CodeObject;
use crate::compiler::{self, Mode};
use crate::source::SourceFile;
use crate::threads::ThreadId;
use crate::tools::cli::{format_interval, parse_interval};
use crate::tools::trace::{EventKind, Recorder, Trace};
use crate::vm::object::value::Value;
use crate::vm::object::{Dict, Module};
use crate::vm::{Config, Interpreter, THREAD_STACK_SIZE, Vm};

/// The `:` commands, with their one-line help (also the completion list).
const COMMANDS: &[(&str, &str)] = &[
    (":help", "this list"),
    (
        ":dis [NAME]",
        "bytecode of the function NAME (or C.method), or of the last input",
    ),
    (":threads", "the interpreter's threads"),
    (
        ":gil",
        "GIL on or off, switch interval, who holds it, switches so far",
    ),
    (
        ":set switchinterval D",
        "the switch interval, as sys.setswitchinterval: 5ms, 1ms, 200us, 0.01s",
    ),
    (
        ":set gil on|off",
        "with a GIL or free-threaded, from the next :reset",
    ),
    (
        ":trace on|off",
        "a live line on stderr per GIL hand-off, from the next :reset",
    ),
    (":load FILE", "run a file in this session's namespace"),
    (":reset", "a fresh interpreter and namespace"),
    (
        ":step STATEMENT",
        "run a statement one instruction at a time",
    ),
    (":quit", "leave the session (also Ctrl-D, exit())"),
];

/// Python's keywords, for completion.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// How the session starts: the command line's flags that apply to it.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub gil: bool,
    pub switch_interval_us: u64,
    /// `--switch-points every`: a switch may fall before any instruction.
    pub every_switch_point: bool,
    /// `--trace-gil`: a live line on stderr per GIL hand-off.
    pub trace_gil: bool,
    /// `--stats`, `--timeline`: shown on stderr after each input during which another thread
    /// ran (a teacher runs a statement that starts threads and looks at what it did).
    pub stats: bool,
    pub timeline: bool,
}

/// Runs an interactive session until `exit()`, `:quit` or end of input; the exit status is
/// `SystemExit`'s code (0 at end of input).
pub fn main(options: Options) -> ExitCode {
    let worker = std::thread::Builder::new()
        .name("gilvm-main".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || run(options));
    match worker.map(|h| h.join()) {
        Ok(Ok(status)) => ExitCode::from(status),
        _ => {
            eprintln!("gilvm: internal error: the interpreter thread failed");
            ExitCode::from(70)
        }
    }
}

/// How the next interpreter is created (`:set gil`, `:trace` change it for `:reset`).
#[derive(Clone, Copy)]
struct Settings {
    gil: bool,
    switch_interval_us: u64,
    trace: bool,
    every_switch_point: bool,
    stats: bool,
    timeline: bool,
}

impl Settings {
    /// Whether the interpreter keeps a log of GIL events.
    fn recording(&self) -> bool {
        self.trace || self.stats || self.timeline
    }
}

/// One interpreter, its main thread's VM and its `__main__` module.
struct Session {
    interp: Arc<Interpreter>,
    vm: Vm,
    main: Arc<Module>,
    /// The code of the last input that compiled, for `:dis` alone.
    last_code: Option<Arc<CodeObject>>,
    /// The GIL event log, with `--trace-gil`, `--stats` or `--timeline`.
    recorder: Option<Arc<Recorder>>,
    stats: bool,
    timeline: bool,
}

impl Session {
    fn new(s: Settings) -> Session {
        let recorder = s.recording().then(|| {
            Arc::new(Recorder::new(crate::tools::trace::Options {
                live: s.trace,
                step_clock: false,
                gil: s.gil,
                instructions: s.stats,
            }))
        });
        let interp = Interpreter::new(Config {
            gil: s.gil,
            switch_interval_us: s.switch_interval_us,
            every_switch_point: s.every_switch_point,
            count_instructions: s.stats,
            events: recorder
                .clone()
                .map(|r| r as Arc<dyn crate::threads::EventSink>),
            ..Config::default()
        });
        let mut vm = Vm::new(interp.clone(), THREAD_STACK_SIZE);
        // The session's thread holds the GIL while it runs bytecode, as CPython's main thread.
        vm.sched_acquire();
        // Ctrl-C while code runs raises KeyboardInterrupt in it.
        crate::threads::signals::watch(interp.eval_breaker.clone());
        let main = vm.new_module("__main__");
        interp
            .modules
            .lock()
            .insert("__main__".into(), Value::Module(main.clone()));
        Session {
            interp,
            vm,
            main,
            last_code: None,
            recorder,
            stats: s.stats,
            timeline: s.timeline,
        }
    }

    /// Where the log stands before an input runs: the events so far, less the main thread's
    /// last take of the GIL (when the input arrived), which belongs to the input.
    fn mark(&self) -> Option<(usize, Trace)> {
        let r = self.recorder.as_ref()?;
        let trace = r.finish();
        let at = trace
            .events
            .iter()
            .rposition(|e| e.thread == ThreadId::MAIN && matches!(e.kind, EventKind::Take { .. }))
            .unwrap_or(trace.events.len());
        Some((at, trace))
    }

    /// `--stats` and `--timeline` of what one input did (from `mark`), if another thread ran.
    fn report_input(&mut self, mark: Option<(usize, Trace)>) {
        let (Some(r), Some((at, before))) = (&self.recorder, mark) else {
            return;
        };
        if !(self.stats || self.timeline) {
            return;
        }
        // Threads the input started and joined may still be writing their exit to the log
        // (without the GIL held here, or they could not).
        if self.interp.live_threads.load(Ordering::SeqCst) == 0 {
            let interp = self.interp.clone();
            self.vm
                .allow_threads(crate::threads::Blocking::Join, move || {
                    interp.wait_exiting_threads(std::time::Duration::from_millis(200))
                });
        }
        let mut trace = r.finish();
        let events: Vec<_> = trace.events.drain(..).skip(at).collect();
        if !events.iter().any(|e| e.thread != ThreadId::MAIN) {
            return;
        }
        let t0 = events.first().map_or(trace.end, |e| e.clock);
        trace.events = events
            .into_iter()
            .map(|mut e| {
                e.clock -= t0.min(e.clock);
                e
            })
            .collect();
        trace.end = trace.end.saturating_sub(t0);
        trace.notes.retain(|n| n.clock >= t0);
        for (t, n) in trace.instructions.iter_mut() {
            *n -= before.instructions.get(t).copied().unwrap_or(0).min(*n);
        }
        // Only the threads that did something during this input.
        let seen: std::collections::BTreeSet<ThreadId> = trace
            .events
            .iter()
            .map(|e| e.thread)
            .chain([ThreadId::MAIN])
            .collect();
        trace.names.retain(|t, _| seen.contains(t));
        trace.instructions.retain(|t, _| seen.contains(t));
        if self.stats {
            eprint!("{}", crate::tools::trace::stats::render(&trace));
        }
        if self.timeline {
            let width = crate::tools::trace::timeline::terminal_width();
            eprint!(
                "{}",
                crate::tools::trace::timeline::render(
                    &trace,
                    width,
                    crate::tools::trace::timeline::use_color()
                )
            );
        }
    }

    /// Compiles and runs one input in `__main__`. `Some(status)` when it raised `SystemExit`.
    fn run_source(&mut self, src: &SourceFile, mode: Mode) -> Option<u8> {
        let code = match compiler::compile_source(src, mode) {
            Ok(code) => code,
            Err(e) => {
                self.interp.flush_stdout();
                eprint!("{}", crate::parser::render_syntax_error(&e, src));
                return None;
            }
        };
        self.last_code = Some(code.clone());
        // A Ctrl-C that came after the previous input finished is not this one's.
        self.interp
            .eval_breaker
            .fetch_and(!crate::threads::breaker::SIGNAL, Ordering::AcqRel);
        let result = self.vm.run_code_in(code, self.main.dict.clone());
        self.interp.flush_stdout();
        match result {
            Ok(_) => None,
            Err(err)
                if err.matches(&crate::vm::object::registry::types().system_exit)
                    || (err.is_run_aborted() && self.interp.exited().is_some()) =>
            {
                Some(crate::vm::exit_status(&mut self.vm, &err))
            }
            Err(err) => {
                self.vm.print_exception(&err);
                None
            }
        }
    }

    /// Runs Python code of the session's own (`:threads`) in a scratch namespace.
    fn run_private(&mut self, text: &str) {
        let src = SourceFile::new("<gilvm repl>", text);
        let Ok(code) = compiler::compile_source(&src, Mode::Exec) else {
            return;
        };
        let scratch = Arc::new(Dict::new());
        scratch.set_str("__name__", Value::str("__gilvm_repl__"));
        if let Err(e) = self.vm.run_code_in(code, scratch) {
            self.vm.print_exception(&e);
        }
        self.interp.flush_stdout();
    }

    /// The end of the session: waits for non-daemon threads, as CPython at exit.
    fn finish(mut self) {
        self.vm.shutdown_threads();
        self.interp.flush_stdout();
        self.vm.sched_exit();
        if self.recorder.is_some() {
            // A thread joined by the last input may still be writing its exit to the log (a
            // `--trace-gil` line): the log must hold it, as after `gilvm FILE`.
            self.interp
                .wait_exiting_threads(std::time::Duration::from_millis(500));
        }
    }

    /// Leaves this interpreter for good without waiting for its threads (`:reset`).
    fn abandon(mut self) {
        self.interp.flush_stdout();
        self.vm.sched_exit();
    }
}

/// The names tab completion offers: the session's globals and builtins (replaced on
/// `:reset`).
type Namespaces = Arc<Mutex<(Arc<Dict>, Arc<Dict>)>>;

/// rustyline's hooks: completion of names and `:` commands.
struct Helper {
    names: Namespaces,
}

impl rustyline::completion::Completer for Helper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        if before.starts_with(':') && !before.contains(char::is_whitespace) {
            let mut c: Vec<String> = COMMANDS
                .iter()
                .map(|(c, _)| c.split(' ').next().unwrap_or(c))
                .filter(|c| c.starts_with(before))
                .map(str::to_string)
                .collect();
            c.dedup();
            return Ok((0, c));
        }
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, ch)| ch.is_alphanumeric() || *ch == '_')
            .last()
            .map_or(pos, |(i, _)| i);
        let word = &before[start..];
        let (globals, builtins) = self.names.lock().clone();
        // After a dot, an attribute: of a dotted name only (`acct.`, `threading.Thread.`),
        // found by looking in dicts, never by running code (a property, `__getattr__`): the
        // completer runs without the GIL, while other threads may run.
        if let Some(path) = before[..start].strip_suffix('.') {
            let chain_start = path
                .char_indices()
                .rev()
                .take_while(|(_, ch)| ch.is_alphanumeric() || *ch == '_' || *ch == '.')
                .last()
                .map_or(path.len(), |(i, _)| i);
            let chain = &path[chain_start..];
            let Some(value) = resolve(chain, &globals, &builtins) else {
                return Ok((start, Vec::new()));
            };
            let mut found: Vec<String> = crate::vm::types::object::dir_names(&value)
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .filter(|n| n.starts_with(word) && (word.starts_with('_') || !n.starts_with('_')))
                .collect();
            found.sort();
            found.dedup();
            return Ok((start, found));
        }
        if word.is_empty() {
            return Ok((start, Vec::new()));
        }
        let mut found: Vec<String> = globals
            .keys()
            .into_iter()
            .chain(builtins.keys())
            .filter_map(|k| k.as_str().map(str::to_string))
            .chain(KEYWORDS.iter().map(|k| k.to_string()))
            .filter(|n| n.starts_with(word) && (word.starts_with('_') || !n.starts_with("__")))
            .collect();
        found.sort();
        found.dedup();
        Ok((start, found))
    }
}

/// The value of a dotted name (`a.b.c`) by dict lookups alone: a global or builtin, then
/// each attribute from a module's namespace, an instance's `__dict__` or a class's MRO.
/// `None` when a part is not found so.
fn resolve(chain: &str, globals: &Dict, builtins: &Dict) -> Option<Value> {
    let mut parts = chain.split('.');
    let first = parts.next().filter(|p| !p.is_empty())?;
    let mut value = globals.get_str(first).or_else(|| builtins.get_str(first))?;
    for attr in parts {
        value = match &value {
            Value::Module(m) => m.dict.get_str(attr),
            Value::Class(c) => c.lookup(attr),
            Value::Instance(i) => i.attr(attr).or_else(|| i.class.lookup(attr)),
            other => crate::vm::object::registry::type_of(other).lookup(attr),
        }?;
    }
    Some(value)
}

impl rustyline::hint::Hinter for Helper {
    type Hint = String;
}
impl rustyline::highlight::Highlighter for Helper {}
impl rustyline::validate::Validator for Helper {}
impl rustyline::Helper for Helper {}

/// What reading a line gave.
enum Line {
    Text(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    /// Ctrl-D, or the end of piped input.
    Eof,
}

/// Where lines come from: rustyline on a terminal, plain stdin otherwise.
enum Input {
    Editor {
        editor: Box<rustyline::Editor<Helper, DefaultHistory>>,
        history: Option<PathBuf>,
    },
    /// stdin is locked per line, not for the session: `:step` reads its commands from it too.
    Plain(std::io::Stdin),
}

impl Input {
    fn open(names: Namespaces) -> Input {
        if std::io::stdin().is_terminal()
            && let Ok(mut editor) = rustyline::Editor::<Helper, DefaultHistory>::new()
        {
            editor.set_helper(Some(Helper { names }));
            let history = std::env::var_os("GILVM_HISTORY")
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".gilvm_history"))
                });
            if let Some(h) = &history {
                let _ = editor.load_history(h);
            }
            return Input::Editor {
                editor: Box::new(editor),
                history,
            };
        }
        Input::Plain(std::io::stdin())
    }

    fn read(&mut self, prompt: &str) -> Line {
        match self {
            Input::Editor { editor, history } => match editor.readline(prompt) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = editor.add_history_entry(line.as_str());
                        if let Some(h) = history {
                            let _ = editor.save_history(h);
                        }
                    }
                    Line::Text(line)
                }
                Err(ReadlineError::Interrupted) => Line::Interrupted,
                Err(_) => Line::Eof,
            },
            Input::Plain(stdin) => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(prompt.as_bytes());
                let _ = out.flush();
                let mut line = String::new();
                match stdin.read_line(&mut line) {
                    Ok(0) | Err(_) => Line::Eof,
                    Ok(_) => {
                        if line.ends_with('\n') {
                            line.pop();
                            if line.ends_with('\r') {
                                line.pop();
                            }
                        }
                        Line::Text(line)
                    }
                }
            }
        }
    }
}

/// Whether `text` starts a compound statement whose body is still to come (`def f():`): such
/// an input goes on until a blank line, as in CPython.
fn opens_block(text: &str) -> bool {
    if text.trim_start().starts_with('@') {
        return true;
    }
    let src = SourceFile::new("<stdin>", text);
    matches!(crate::parser::parse_module(&src),
        Err(e) if e.msg.starts_with("expected an indented block"))
}

/// Whether a line, in a block, starts a new statement rather than going on with the block.
fn ends_block(line: &str) -> bool {
    let starts_clause = ["else", "elif", "except", "finally", "case"]
        .iter()
        .any(|k| {
            line.strip_prefix(k)
                .is_some_and(|r| r.starts_with([':', ' ', '*', '(']) || r.is_empty())
        });
    !line.trim().is_empty() && !line.starts_with([' ', '\t']) && !starts_clause
}

/// What a `:` command asks of the loop.
enum Flow {
    Continue,
    Exit(u8),
}

/// The session loop (on the interpreter's thread): returns the exit status.
fn run(o: Options) -> u8 {
    let (gil, switch_interval_us) = (o.gil, o.switch_interval_us);
    let mut settings = Settings {
        gil,
        switch_interval_us,
        trace: o.trace_gil,
        every_switch_point: o.every_switch_point,
        stats: o.stats,
        timeline: o.timeline,
    };
    let mut session = Session::new(settings);
    let names: Namespaces = Arc::new(Mutex::new((
        session.main.dict.clone(),
        session.interp.builtins.clone(),
    )));
    let mut input = Input::open(names.clone());
    println!(
        "gilvm {} (GIL {}, switch interval {}) — :help for commands, Ctrl-D to exit",
        env!("CARGO_PKG_VERSION"),
        if gil { "on" } else { "off" },
        format_interval(switch_interval_us)
    );
    let watching: Vec<&str> = [
        (o.every_switch_point, "--switch-points every"),
        (
            o.trace_gil,
            "--trace-gil: a line per GIL hand-off, as it happens",
        ),
        (
            o.stats || o.timeline,
            "--stats/--timeline: after each input during which another thread ran",
        ),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, what)| *what)
    .collect();
    if !watching.is_empty() {
        println!("watching (on stderr): {}", watching.join("; "));
    }
    // Lines that came with the one read (a paste holds several): each runs in turn.
    let mut queued: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    loop {
        let mut buffer = String::new();
        let mut block = false;
        let mut eof = false;
        loop {
            let prompt = if buffer.is_empty() { ">>> " } else { "... " };
            let (line, pasted) = match queued.pop_front() {
                Some(l) => (Line::Text(l), true),
                // Waiting for a line is a blocking call: other threads run meanwhile.
                None => (
                    session
                        .vm
                        .allow_threads(crate::threads::Blocking::Io, || input.read(prompt)),
                    false,
                ),
            };
            let line = match line {
                Line::Text(l) if l.contains('\n') => {
                    // A bracketed paste: rustyline gives its lines as one text.
                    let mut lines = l.split('\n').map(str::to_string);
                    let first = lines.next().unwrap_or_default();
                    queued.extend(lines);
                    first
                }
                // In a pasted block, a line that is not indented ends the block (a paste
                // often lacks the blank line a person types), unless it goes on the
                // statement (`else:`, `except:`, …).
                Line::Text(l) if pasted && block && ends_block(&l) => {
                    queued.push_front(l);
                    break;
                }
                Line::Text(l) => l,
                Line::Interrupted => {
                    eprintln!("KeyboardInterrupt");
                    buffer.clear();
                    break;
                }
                Line::Eof => {
                    eof = true;
                    break;
                }
            };
            if buffer.is_empty() {
                if line.trim().is_empty() {
                    continue;
                }
                if line.trim_start().starts_with(':') {
                    match command(&mut session, &mut settings, line.trim()) {
                        Flow::Continue => {}
                        Flow::Exit(status) => {
                            session.finish();
                            return status;
                        }
                    }
                    *names.lock() = (session.main.dict.clone(), session.interp.builtins.clone());
                    continue;
                }
                buffer = line;
                buffer.push('\n');
                block = opens_block(&buffer);
                if !block && !crate::parser::is_incomplete(&buffer) {
                    break;
                }
                continue;
            }
            let blank = line.trim().is_empty();
            buffer.push_str(&line);
            buffer.push('\n');
            if block {
                if blank {
                    break;
                }
            } else if !crate::parser::is_incomplete(&buffer) {
                break;
            }
        }
        if !buffer.trim().is_empty() {
            let src = SourceFile::new("<stdin>", buffer);
            let mark = session.mark();
            let exit = session.run_source(&src, Mode::Interactive);
            session.report_input(mark);
            if let Some(status) = exit {
                session.finish();
                return status;
            }
        }
        if eof {
            // rustyline ends the line itself; a piped transcript gets its last newline here.
            if matches!(input, Input::Plain(_)) {
                println!();
            }
            session.finish();
            return 0;
        }
    }
}

/// Runs one `:` command.
fn command(session: &mut Session, settings: &mut Settings, line: &str) -> Flow {
    let (name, arg) = match line.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (line, ""),
    };
    match name {
        ":help" | ":h" | ":?" => {
            let width = COMMANDS.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
            for (c, help) in COMMANDS {
                println!("{c:<width$}  {help}");
            }
        }
        ":dis" => dis(session, arg),
        ":threads" => threads(session),
        ":gil" => gil(session, settings),
        ":set" => set(session, settings, arg),
        ":trace" => match arg {
            "on" | "off" => {
                settings.trace = arg == "on";
                println!("trace {arg}: applies from the next :reset");
            }
            _ => eprintln!(":trace takes on or off"),
        },
        ":load" => {
            if arg.is_empty() {
                eprintln!(":load takes a file name");
                return Flow::Continue;
            }
            let path = PathBuf::from(arg);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let name = std::path::absolute(&path).unwrap_or(path);
                    let src = Arc::new(SourceFile::new(name.display().to_string(), text));
                    session.interp.add_source(src.clone());
                    if let Some(status) = session.run_source(&src, Mode::Exec) {
                        return Flow::Exit(status);
                    }
                }
                Err(e) => eprintln!(":load: {}", crate::source::cant_open(&path, &e)),
            }
        }
        ":reset" => {
            let old = std::mem::replace(session, Session::new(*settings));
            old.abandon();
            println!(
                "a fresh interpreter (GIL {}, switch interval {}{})",
                if settings.gil { "on" } else { "off" },
                format_interval(settings.switch_interval_us),
                if settings.trace { ", live trace" } else { "" }
            );
        }
        ":step" if arg.is_empty() => eprintln!(":step needs a statement, e.g. :step f(3)"),
        ":step" => step(session, settings, arg),
        ":quit" | ":q" | ":exit" => return Flow::Exit(0),
        _ => eprintln!("unknown command {name}: :help lists the commands"),
    }
    Flow::Continue
}

/// `:step STATEMENT`: runs the statement in the session's namespace under the stepper, with
/// the commands read from the same input (`s`, `n`, `c`, `t N`, … — `h` lists them). It runs
/// in an interpreter of its own, scheduled by the person, that shares the session's modules
/// and `__main__`; threads it starts are stepped too, and finish before the prompt returns.
fn step(session: &mut Session, settings: &Settings, text: &str) {
    let src = SourceFile::new("<step>", text);
    let code = match compiler::compile_source(&src, Mode::Interactive) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", crate::parser::render_syntax_error(&e, &src));
            return;
        }
    };
    let interp = Interpreter::new(Config {
        gil: settings.gil,
        switch_interval_us: settings.switch_interval_us,
        policy: Some(crate::threads::deterministic::Policy::Manual),
        observer: Some(crate::tools::stepper::Stepper::new(None)),
        ..Config::default()
    });
    interp.add_source(Arc::new(src));
    {
        let modules = session.interp.modules.lock().clone();
        interp.modules.lock().extend(modules);
    }
    // The session's thread lends itself to the stepped interpreter while it runs.
    session.interp.flush_stdout();
    let mut vm = Vm::new(interp.clone(), THREAD_STACK_SIZE);
    vm.sched_acquire();
    crate::threads::signals::watch(interp.eval_breaker.clone());
    let result = vm.run_code_in(code, session.main.dict.clone());
    crate::threads::signals::watch(session.interp.eval_breaker.clone());
    interp.flush_stdout();
    if let Err(err) = result {
        vm.print_exception(&err);
    }
    vm.sched_exit();
    // Threads the statement started run on (still stepped) until they end.
    while interp
        .live_threads
        .load(std::sync::atomic::Ordering::SeqCst)
        > 0
    {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    interp.flush_stdout();
}

/// `:dis NAME` / `:dis`.
fn dis(session: &mut Session, arg: &str) {
    let code = if arg.is_empty() {
        match &session.last_code {
            Some(c) => c.clone(),
            None => {
                eprintln!(":dis: no input yet (or :dis NAME)");
                return;
            }
        }
    } else {
        let mut parts = arg.split('.');
        let first = parts.next().unwrap_or_default();
        let Some(mut value) = session
            .main
            .dict
            .get_str(first)
            .or_else(|| session.interp.builtins.get_str(first))
        else {
            eprintln!(":dis: name '{first}' is not defined");
            return;
        };
        for attr in parts {
            match session.vm.getattr(&value, attr) {
                Ok(v) => value = v,
                Err(e) => {
                    session.vm.print_exception(&e);
                    return;
                }
            }
        }
        if let Value::Method(m) = &value {
            value = m.func.clone();
        }
        match value {
            Value::Function(f) => f.code.object.clone(),
            Value::Code(c) => c.object.clone(),
            // A class: each of its methods, as `dis.dis(C)` does.
            Value::Class(c) => {
                let mut out = String::new();
                for (k, v) in c.dict.items() {
                    if let (Some(name), Value::Function(f)) = (k.as_str(), &v) {
                        out.push_str(&format!("Disassembly of {name}:\n"));
                        crate::bytecode::disassemble_recursive(&f.code, &mut out, None);
                        out.push('\n');
                    }
                }
                if out.is_empty() {
                    eprintln!(":dis: class {arg} has no methods defined in Python");
                }
                print!("{out}");
                let _ = std::io::stdout().flush();
                return;
            }
            other => {
                eprintln!(
                    ":dis: {arg} is a {}, not a function defined in Python",
                    other.type_name()
                );
                return;
            }
        }
    };
    let mut out = String::new();
    crate::bytecode::disassemble_recursive(&code, &mut out, None);
    print!("{out}");
    let _ = std::io::stdout().flush();
}

/// `:threads`: the `threading` view of the interpreter's threads.
fn threads(session: &mut Session) {
    session.run_private(
        "import threading\n\
         for t in threading.enumerate():\n\
         \x20   state = 'alive' if t.is_alive() else 'finished'\n\
         \x20   if t.daemon:\n\
         \x20       state = state + ', daemon'\n\
         \x20   print('  ' + str(t.ident) + '  ' + t.name + ' (' + state + ')')\n",
    );
}

/// `:gil`: the scheduler's state.
fn gil(session: &Session, settings: &Settings) {
    let interp = &session.interp;
    let us = interp.switch_interval_us.load(Ordering::Relaxed);
    if interp.sched.gil_enabled() {
        let holder = match interp.sched.holder() {
            Some(t) => {
                let name = interp.thread_names.lock().get(&t).cloned();
                match name {
                    Some(n) => format!("thread {t} ({n})"),
                    None => format!("thread {t}"),
                }
            }
            None => "nobody".to_string(),
        };
        println!(
            "GIL on, switch interval {}; held by {holder}; taken {} times so far",
            format_interval(us),
            interp.sched.switches()
        );
    } else {
        println!(
            "GIL off (free-threaded: threads run bytecode in parallel); switch interval {} \
             (unused)",
            format_interval(us)
        );
    }
    if settings.gil != interp.sched.gil_enabled() {
        println!(
            "(:set gil {} applies at the next :reset)",
            if settings.gil { "on" } else { "off" }
        );
    }
}

/// `:set switchinterval D`, `:set gil on|off`.
fn set(session: &Session, settings: &mut Settings, arg: &str) {
    let (what, value) = match arg.split_once(char::is_whitespace) {
        Some((w, v)) => (w, v.trim()),
        None => (arg, ""),
    };
    match (what, value) {
        ("switchinterval", v) if !v.is_empty() => match parse_interval(v) {
            Ok(us) => {
                session
                    .interp
                    .switch_interval_us
                    .store(us, Ordering::Relaxed);
                settings.switch_interval_us = us;
                println!("switch interval {}", format_interval(us));
            }
            Err(e) => eprintln!(":set switchinterval: {e}"),
        },
        ("gil", "on" | "off") => {
            settings.gil = value == "on";
            println!(
                "GIL {value} from the next :reset (an interpreter is created with or without \
                 its GIL)"
            );
        }
        _ => eprintln!(":set takes 'switchinterval DURATION' or 'gil on|off'"),
    }
}
