//! The bytecode stepper (`gilvm step FILE`): the program runs under the deterministic
//! scheduler with a person as the policy (`Policy::Manual`), and stops before instructions
//! to show where each thread is, its stack and locals, and who holds the GIL. `t N` hands the
//! GIL to thread N, so a lost update can be made by hand: let one thread load a global, switch,
//! let another load, store and finish, switch back, and watch the first store erase it.
//!
//! Every instruction of every thread passes through `Vm::step_hook` (the stepper is the eval loop's [`Observer`]) (the observed loop, one
//! instruction at a time). Only the thread holding the baton runs, so the stepper's state is
//! touched by one thread at a time; it still sits behind a mutex, never held across a
//! hand-off.
//!
//! Commands come from `--commands "s;s;t 2;c"`, or from stdin (a transcript is printed with
//! the commands echoed when stdin is not a terminal), so a lesson can be written down and
//! tested. When the commands run out, the program continues to its end.

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, IsTerminal, Write};
use std::sync::Arc;

use parking_lot::Mutex;

use crate::bytecode::CodeObject;
use crate::threads::ThreadId;
use crate::tools::explain::short_repr;
use crate::vm::Vm;
use crate::vm::frame::Frame;
use crate::vm::object::PyResult;
use crate::vm::object::value::Value;
use crate::vm::observe::Observer;

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

struct State {
    /// Scripted commands (`--commands`); `None` reads stdin.
    script: Option<VecDeque<String>>,
    /// Print each command after the prompt (scripted, or stdin not a terminal).
    echo: bool,
    mode: Mode,
    breaks: Vec<Break>,
    /// Watched globals and their last seen repr.
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
}

pub struct Stepper {
    st: Mutex<State>,
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
    Quit,
    Help,
    Bad(String),
}

fn parse(line: &str) -> Cmd {
    let mut words = line.split_whitespace();
    let head = words.next().unwrap_or("");
    let arg = words.next();
    match (head, arg) {
        ("s" | "step", None) => Cmd::Step,
        ("n" | "next", None) => Cmd::Next,
        ("c" | "continue", None) => Cmd::Continue,
        ("b" | "break", Some(a)) => match a.parse::<u32>() {
            Ok(n) => Cmd::Break(Break::Line(n)),
            Err(_) => Cmd::Break(Break::Func(a.to_string())),
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
        ("watch", Some(a)) => Cmd::Watch(a.to_string()),
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
dis          this function's bytecode, --> at the next instruction
bt           the call stack
watch NAME   stop when global NAME changes (old -> new, and who wrote it)
q            quit";

impl Stepper {
    /// A stepper reading `commands` (`s;s;t 2;c`) or, when `None`, stdin.
    pub fn new(commands: Option<&str>) -> Arc<Stepper> {
        let script = commands.map(|c| {
            c.split([';', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        });
        let echo = script.is_some() || !std::io::stdin().is_terminal();
        Arc::new(Stepper {
            st: Mutex::new(State {
                script,
                echo,
                mode: Mode::Step,
                breaks: Vec::new(),
                watches: Vec::new(),
                last_tid: None,
                positions: BTreeMap::new(),
                steps: 0,
                handed: None,
                asked_for: None,
                done: false,
            }),
        })
    }

    /// The next command; `None` when they ran out.
    fn next_command(&self) -> Option<String> {
        let mut st = self.st.lock();
        let echo = st.echo;
        let cmd = match &mut st.script {
            Some(q) => q.pop_front(),
            None => {
                drop(st);
                // At a terminal the prompt comes first; in a transcript (stdin not a
                // terminal) the command is echoed after it, as a scripted one is.
                if !echo {
                    print_out("(step) ");
                }
                let mut line = String::new();
                let n = std::io::stdin().lock().read_line(&mut line).unwrap_or(0);
                if n == 0 {
                    if !echo {
                        print_out("\n");
                    }
                    return None;
                }
                if echo {
                    print_out(&format!("(step) {}\n", line.trim()));
                }
                return Some(line.trim().to_string());
            }
        };
        if let Some(c) = &cmd {
            print_out(&format!("(step) {c}\n"));
        }
        cmd
    }
}

/// Writes stepper text to stdout, whole (the program's own output is flushed first by the
/// caller, so the two stay in order).
fn print_out(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

impl Observer for Stepper {
    fn before_instruction(
        &self,
        vm: &mut Vm,
        frame: &Frame,
        stack: &[Value],
        index: usize,
    ) -> PyResult<()> {
        vm.step_hook(self, frame, stack, index)
    }
}

impl Vm {
    fn thread_name(&self, t: ThreadId) -> String {
        self.interp
            .thread_names
            .lock()
            .get(&t)
            .cloned()
            .unwrap_or_else(|| format!("thread {t}"))
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
                let mut st = stepper.st.lock();
                st.done = true;
                st.mode = Mode::Continue;
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
                    let what = match &b {
                        Break::Line(n) => format!("line {n}"),
                        Break::Func(f) => format!("{f}()"),
                    };
                    stepper.st.lock().breaks.push(b);
                    print_out(&format!("breakpoint at {what}\n"));
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
                    let now = frame.globals.get_str(&name).map(|v| short_repr(&v));
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
            let now = m.dict.get_str(name).map(|v| short_repr(&v));
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
        .map(short_repr)
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
        .map(|(n, v)| format!("{n}={}", short_repr(v)))
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
            Some(format!("{name}={}", short_repr(&v)))
        })
        .collect();
    if items.is_empty() {
        "—".to_string()
    } else {
        items.join(", ")
    }
}
