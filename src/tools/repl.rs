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
//! `$GILVM_HISTORY`, tab completion of names and `:` commands). When stdin is not a terminal
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
use crate::tools::cli::{format_interval, parse_interval};
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

/// Runs an interactive session until `exit()`, `:quit` or end of input; the exit status is
/// `SystemExit`'s code (0 at end of input).
pub fn main(gil: bool, switch_interval_us: u64) -> ExitCode {
    let worker = std::thread::Builder::new()
        .name("gilvm-main".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || run(gil, switch_interval_us));
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
}

/// One interpreter, its main thread's VM and its `__main__` module.
struct Session {
    interp: Arc<Interpreter>,
    vm: Vm,
    main: Arc<Module>,
    /// The code of the last input that compiled, for `:dis` alone.
    last_code: Option<Arc<CodeObject>>,
}

impl Session {
    fn new(s: Settings) -> Session {
        let interp = Interpreter::new(Config {
            gil: s.gil,
            switch_interval_us: s.switch_interval_us,
            events: s.trace.then(|| {
                Arc::new(crate::tools::trace::Recorder::new(
                    crate::tools::trace::Options {
                        live: true,
                        step_clock: false,
                        gil: s.gil,
                        instructions: false,
                    },
                )) as Arc<dyn crate::threads::EventSink>
            }),
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
            Err(err) if err.matches(&crate::vm::object::registry::types().system_exit) => {
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
        // After a dot it would be an attribute: evaluating the object is not for a keypress.
        if word.is_empty() || before[..start].ends_with('.') {
            return Ok((start, Vec::new()));
        }
        let (globals, builtins) = self.names.lock().clone();
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

/// What a `:` command asks of the loop.
enum Flow {
    Continue,
    Exit(u8),
}

/// The session loop (on the interpreter's thread): returns the exit status.
fn run(gil: bool, switch_interval_us: u64) -> u8 {
    let mut settings = Settings {
        gil,
        switch_interval_us,
        trace: false,
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
    loop {
        let mut buffer = String::new();
        let mut block = false;
        let mut eof = false;
        loop {
            let prompt = if buffer.is_empty() { ">>> " } else { "... " };
            // Waiting for a line is a blocking call: other threads run meanwhile.
            let line = session
                .vm
                .allow_threads(crate::threads::Blocking::Io, || input.read(prompt));
            let line = match line {
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
            if let Some(status) = session.run_source(&src, Mode::Interactive) {
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
