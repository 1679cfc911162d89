//! The step view's engine. A [`Position`] (a regime, a schedule to replay, the actions a
//! person took) is run again from the start under the deterministic scheduler; the actions
//! are applied at the program's stops, and the stop the last one leads to is answered as a
//! [`View`]: every thread's place, stack and locals, who holds the GIL, the globals and the
//! program's objects, the bytecode with its switch points and read–modify–write windows, the
//! output so far and `--explain`'s findings.
//!
//! A stop is the moment before an instruction of the program's own code (the modules gilvm
//! writes in Python, `threading` among them, run without stopping, as in `gilvm step`). The
//! person's hand-offs are made where the stop is, with the scheduler's `switch_to`, exactly as
//! the stepper's `t N`; so applying the same actions again reaches the same stops, and going
//! back one step is running the position less its last action.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use crate::bytecode::{CodeObject, SwitchPoints};
use crate::threads::deterministic::{Policy, Schedule};
use crate::threads::{At, DropReason, EventSink, ThreadId};
use crate::tools::explain::Explain;
use crate::tools::explore::{End, Outcome, Program};
use crate::tools::stepper::value_text;
use crate::vm::THREAD_STACK_SIZE;
use crate::vm::Vm;
use crate::vm::frame::Frame;
use crate::vm::object::value::Value;
use crate::vm::object::{Dict, PyResult, exceptions as exc};
use crate::vm::observe::{Before, Observer};

/// Where a switch may fall and whether there is a GIL: the page's mode switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Regime {
    /// The GIL, CPython 3.10+: a switch only at a switch point (a call's frame entry, a
    /// backward jump).
    #[default]
    Gil,
    /// The GIL before 3.10: a switch before any instruction.
    GilEvery,
    /// Free-threaded (`-X gil=0`): no GIL; threads interleave at any instruction.
    Free,
}

impl Regime {
    pub fn gil(self) -> bool {
        self != Regime::Free
    }

    pub fn switch_points(self) -> SwitchPoints {
        match self {
            Regime::Gil => SwitchPoints::Cpython,
            _ => SwitchPoints::Every,
        }
    }

    pub fn parse(text: &str) -> Result<Regime, String> {
        match text {
            "gil" => Ok(Regime::Gil),
            "gil-every" => Ok(Regime::GilEvery),
            "free" => Ok(Regime::Free),
            _ => Err(format!("unknown regime '{text}' (gil, gil-every or free)")),
        }
    }
}

/// Where the step view is: the actions taken since the start, in a regime, over an optional
/// recorded schedule (a race run's or an explored outcome's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Position {
    #[serde(default)]
    pub regime: Regime,
    /// A schedule as `explore` prints it; its hand-offs are made as the run reaches them.
    #[serde(default)]
    pub replay: Option<String>,
    #[serde(default)]
    pub actions: Vec<String>,
}

/// One action of a person at a stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `s`: one instruction of the running thread.
    Step,
    /// `s N`: one instruction of thread N (handed the GIL first).
    StepThread(ThreadId),
    /// `t N`: hand the GIL to N; no instruction runs.
    Switch(ThreadId),
    /// `sp N`: N runs to its next switch point.
    ToSwitchPoint(ThreadId),
    /// `line L`: run to the start of line L, whichever thread gets there.
    ToLine(u32),
    /// `lost`: run until `--explain` reports a finding.
    ToFinding,
    /// `end`: run to the end.
    ToEnd,
    /// `take`: stop following the replayed schedule.
    TakeOver,
}

impl Action {
    pub fn parse(text: &str) -> Result<Action, String> {
        let text = text.trim();
        let (head, arg) = text
            .split_once(char::is_whitespace)
            .map_or((text, ""), |(h, a)| (h, a.trim()));
        let thread = || {
            arg.parse::<ThreadId>()
                .map_err(|_| format!("'{head}' needs a thread number, not '{arg}'"))
        };
        Ok(match (head, arg.is_empty()) {
            ("s", true) => Action::Step,
            ("s", false) => Action::StepThread(thread()?),
            ("t", false) => Action::Switch(thread()?),
            ("sp", false) => Action::ToSwitchPoint(thread()?),
            ("line", false) => Action::ToLine(
                arg.parse()
                    .map_err(|_| format!("'line' needs a line number, not '{arg}'"))?,
            ),
            ("lost", true) => Action::ToFinding,
            ("end", true) => Action::ToEnd,
            ("take", true) => Action::TakeOver,
            _ => return Err(format!("unknown action '{text}'")),
        })
    }

    /// The thread the action hands the GIL to, if any.
    fn target(self) -> Option<ThreadId> {
        match self {
            Action::StepThread(t) | Action::Switch(t) | Action::ToSwitchPoint(t) => Some(t),
            _ => None,
        }
    }
}

/// The step view at one stop (or at the end). Values are shown as the stepper shows them,
/// without running any of the program's code.
#[derive(Debug, Clone, Default, Serialize)]
pub struct View {
    /// The position of this stop (an action that could not be taken is not in it).
    pub position: Position,
    /// Stops passed since the start: this is stop number `stop` (0: the first instruction).
    pub stop: u64,
    /// Instructions executed by every thread so far (the modules written in Python too).
    pub steps: u64,
    /// The program has ended; the threads' places are where they last were.
    pub finished: bool,
    /// How it ended, when it has.
    pub exit: Option<Exit>,
    /// The thread about to run (it holds the GIL, when there is one).
    pub running: Option<ThreadId>,
    /// Why the run stopped here, in words (a hand-off the person did not ask for, a line
    /// reached, a finding, the step budget).
    pub why: String,
    /// The last action could not be taken, and why.
    pub error: Option<String>,
    /// Hand-offs of the replayed schedule still to come.
    pub replay_left: usize,
    /// Every hand-off so far (`gilvm step --replay-schedule` replays them).
    pub schedule: String,
    pub threads: Vec<ThreadView>,
    /// The program's global variables (not modules, functions or classes): name, value.
    pub globals: Vec<(String, String)>,
    /// Instances of the program's classes reachable from a global or a shown local: where
    /// from (`acct`, `worker: self`), the class, the attributes.
    pub objects: Vec<ObjectView>,
    /// The code objects the threads are in; `ThreadView::code` is an index into it.
    pub codes: Vec<CodeView>,
    /// What the program printed so far.
    pub output: String,
    /// `--explain`'s findings so far, each at the stop it was made before.
    pub findings: Vec<FindingView>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Exit {
    pub status: u8,
    /// The traceback, or the deadlock report.
    pub stderr: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ThreadView {
    pub id: ThreadId,
    pub name: String,
    /// `running`, `waiting for the GIL` (`ready` when free-threaded), `blocked (join)`,
    /// `sleeping`, `finished`, or `not started` (the thread was made but never ran).
    pub state: String,
    /// Where it is (its next instruction), as of its last stop.
    pub line: u32,
    pub func: String,
    /// Index into `View::codes`.
    pub code: Option<usize>,
    /// Index of its next instruction in that code (the offset is twice it).
    pub ip: usize,
    /// A switch may fall before its next instruction in this regime.
    pub at_switch_point: bool,
    /// The program's own frames, outermost first.
    pub frames: Vec<FrameView>,
    /// The innermost frame's value stack, bottom first.
    pub stack: Vec<String>,
    /// The innermost frame's locals (a module-level frame has none: see the globals).
    pub locals: Vec<(String, String)>,
    /// Why this thread cannot be handed the GIL now (`None`: it can).
    pub cannot_take: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct FrameView {
    pub func: String,
    pub line: u32,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ObjectView {
    pub name: String,
    pub class: String,
    pub attrs: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CodeView {
    /// `<module>` or the function's qualified name.
    pub name: String,
    pub first_line: u32,
    pub instructions: Vec<InstrView>,
    /// Read–modify–write windows: a load and a later store of the same name with a place
    /// between them where a switch may fall, in this regime.
    pub windows: Vec<WindowView>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct InstrView {
    pub offset: usize,
    pub line: u32,
    /// The instruction as `dis` shows it (`LOAD_GLOBAL 0 (result)`).
    pub text: String,
    /// A switch may fall here (`*` in `dis --switch-points`).
    pub switch: bool,
    /// A call: a switch may fall inside it (`c`).
    pub call: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct WindowView {
    pub name: String,
    /// Instruction indices of the load and the store.
    pub load: usize,
    pub store: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingView {
    /// Made before this stop (the store it reports has just run).
    pub stop: u64,
    pub thread: ThreadId,
    pub line: u32,
    pub text: String,
}

/// The stops an exported page keeps at most (a few kilobytes each).
pub const EXPORT_STOPS: usize = 5_000;

/// What bounds one run.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Instructions, all threads together.
    pub max_steps: u64,
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_steps: 1_000_000,
            timeout: Duration::from_secs(5),
        }
    }
}

/// What ends the action being carried out: the next stop that satisfies it is where the
/// following action is applied (or the view answered).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Goal {
    /// The next stop, after passing `skip` stops.
    Next { skip: u32 },
    /// The first stop after one at which `thread` is at a switch point, or another runs.
    SwitchPoint { thread: ThreadId, skip: u32 },
    /// The start of a line.
    Line { line: u32, skip: u32 },
    /// A finding beyond the first `seen`.
    Finding { seen: usize },
    /// None: run to the end.
    End,
}

/// One thread as of its last stop.
#[derive(Clone)]
struct Seen {
    code: Arc<CodeObject>,
    ip: usize,
    frames: Vec<FrameView>,
    stack: Vec<Value>,
    /// `None` at module level.
    locals: Option<Vec<(String, Value)>>,
}

struct State {
    actions: Vec<Action>,
    /// The next action to apply.
    next: usize,
    goal: Goal,
    stops: u64,
    instructions: u64,
    seen: BTreeMap<ThreadId, Seen>,
    globals: Option<Arc<Dict>>,
    output: String,
    findings: Vec<FindingView>,
    /// The thread that arrived at the last stop.
    last: Option<ThreadId>,
    /// Each thread's name, as of its first stop.
    names: BTreeMap<ThreadId, String>,
    /// The hand-offs made, as of the last stop at which a thread took over.
    schedule: String,
    /// The person handed the GIL to this thread: its arrival is no surprise.
    asked_for: Option<ThreadId>,
    view: Option<View>,
    /// Export: a view at every stop.
    record_all: bool,
    views: Vec<View>,
    deadline: Instant,
    max_steps: u64,
    /// The run was cut by the limits (the reason).
    cut: Option<String>,
}

/// The run's observer: `--explain`'s detector, then the stops.
struct Driver {
    st: Mutex<State>,
    explain: Arc<Explain>,
    /// Findings reported by the detector, not yet placed at a stop.
    fresh: Arc<Mutex<Vec<(ThreadId, u32, String)>>>,
    regime: Regime,
    position: Position,
    drops: Arc<Drops>,
}

/// Why each thread last let the GIL go (the scheduler's events).
#[derive(Default)]
struct Drops {
    last: Mutex<BTreeMap<ThreadId, DropReason>>,
}

impl EventSink for Drops {
    fn set_name(&self, _: ThreadId, _: &str) {}
    fn want(&self, _: ThreadId, _: &At) {}
    fn request(&self, _: ThreadId, _: Option<ThreadId>) {}
    fn take(&self, _: ThreadId, _: &At) {}
    fn drop_(&self, t: ThreadId, reason: DropReason, _: &At) {
        self.last.lock().insert(t, reason);
    }
    fn task(&self, _: ThreadId, _: Option<&str>, _: &At) {}
}

impl Observer for Driver {
    fn before_instruction(&self, vm: &mut Vm, at: Before<'_>) -> PyResult<()> {
        let (frame, stack, index) = (at.frame, at.stack, at.index);
        {
            let mut st = self.st.lock();
            st.instructions += 1;
            let fresh: Vec<_> = std::mem::take(&mut *self.fresh.lock());
            let stop = st.stops;
            for (thread, line, text) in fresh {
                st.findings.push(FindingView {
                    stop,
                    thread,
                    line,
                    text,
                });
            }
            if st.view.is_some() {
                return Err(exc::run_aborted());
            }
        }
        if frame.code.filename.starts_with("<gilvm>/") {
            self.check_limits(vm)?;
        } else {
            self.arrive(vm, frame, stack, index)?;
        }
        // The detector sees the instruction when it is about to run, not when its thread
        // arrives at the stop: a thread can wait at a stop while others run (the person gave
        // them the GIL), and a store seen on arrival would be ordered before their stores.
        // Its findings are placed at the next stop, the first after the store.
        self.explain.before_instruction(vm, at)
    }
}

impl Driver {
    /// Past the step budget or the deadline, even in the modules written in Python: the run
    /// ends at the next stop of the program's own code, or here.
    fn check_limits(&self, vm: &mut Vm) -> PyResult<()> {
        let mut st = self.st.lock();
        if past_limits(&st) {
            st.cut = Some(self.cut_reason(&st));
            drop(st);
            return self.finish(vm, String::new(), None);
        }
        Ok(())
    }

    fn cut_reason(&self, st: &State) -> String {
        if st.record_all && st.views.len() + 1 >= EXPORT_STOPS {
            format!("stopped: an exported page keeps at most {EXPORT_STOPS} stops")
        } else if st.instructions > st.max_steps {
            format!("stopped after {} steps (--max-steps)", st.max_steps)
        } else {
            "stopped: the run took longer than --timeout".to_string()
        }
    }

    /// A thread arrives at a stop (before an instruction of the program's code, or back from
    /// handing the GIL away).
    fn arrive(&self, vm: &mut Vm, frame: &Frame, stack: &[Value], index: usize) -> PyResult<()> {
        loop {
            let mut st = self.st.lock();
            let tid = vm.tid;
            st.seen.insert(tid, seen(vm, frame, stack, index));
            if st.globals.is_none() && frame.code.qualname == "<module>" {
                st.globals = Some(frame.globals.clone());
            }
            if let std::collections::btree_map::Entry::Vacant(e) = st.names.entry(tid) {
                let name = vm.interp.thread_names.lock().get(&tid).cloned();
                e.insert(name.unwrap_or_else(|| format!("Thread {tid}")));
            }
            if st.last != Some(tid)
                && let Some(d) = vm.interp.sched.deterministic()
            {
                st.schedule = d.made().to_line();
            }
            let surprise = st.last.is_some_and(|l| l != tid) && st.asked_for != Some(tid);
            let prev = st.last.replace(tid);
            st.asked_for = None;
            let line = frame.code.line_at(index);
            let starts_line = index == 0 || frame.code.line_at(index - 1) != line;
            let here_switch = self
                .regime
                .switch_points()
                .is_switch_point(&frame.code, index);
            let findings = st.findings.len();
            let reached = match &mut st.goal {
                Goal::Next { skip } | Goal::Line { skip, .. } | Goal::SwitchPoint { skip, .. }
                    if *skip > 0 =>
                {
                    *skip -= 1;
                    false
                }
                Goal::Next { .. } => true,
                Goal::SwitchPoint { thread, .. } => *thread != tid || here_switch,
                Goal::Line { line: l, .. } => *l == line && starts_line,
                Goal::Finding { seen } => findings > *seen,
                Goal::End => false,
            };
            // A hand-off the person did not ask for is a stop (they choose who runs), unless
            // they asked to run to the end or to a lost update: then the scheduler's choice
            // (the first thread in id order that can run) is theirs.
            let goal_reached = reached;
            let delegated = matches!(st.goal, Goal::End | Goal::Finding { .. });
            let reached = reached || (surprise && !delegated);
            let over = past_limits(&st);
            st.stops += 1;
            let mut why = String::new();
            if over {
                st.cut = Some(self.cut_reason(&st));
                why = st.cut.clone().unwrap_or_default();
            } else if goal_reached {
                why = match st.goal {
                    Goal::Line { line, .. } => format!("line {line} reached"),
                    Goal::Finding { .. } => st
                        .findings
                        .last()
                        .map(|f| f.text.clone())
                        .unwrap_or_default(),
                    Goal::SwitchPoint { thread, .. } if thread == tid => {
                        "a switch point: the GIL can change hands here".to_string()
                    }
                    _ => String::new(),
                };
            }
            // A finding made by the instruction just run is said here, whatever was asked.
            let this_stop = st.stops - 1;
            if !matches!(st.goal, Goal::Finding { .. }) || !goal_reached {
                let made: Vec<String> = st
                    .findings
                    .iter()
                    .filter(|f| f.stop == this_stop)
                    .map(|f| f.text.clone())
                    .collect();
                for text in made {
                    why = if why.is_empty() {
                        text
                    } else {
                        format!("{why} · {text}")
                    };
                }
            }
            if surprise && let Some(p) = prev {
                let note = format!("thread {p} {}; thread {tid} runs", self.gave_up(p));
                why = if why.is_empty() {
                    note
                } else {
                    format!("{note} · {why}")
                };
            }
            if st.record_all {
                let v = self.view(vm, &mut st, &why, None);
                st.views.push(v);
            }
            if !reached && !over {
                return Ok(());
            }
            // The next action, or the answer.
            let action =
                (st.next < st.actions.len() && st.cut.is_none()).then(|| st.actions[st.next]);
            let Some(action) = action else {
                drop(st);
                return self.finish(vm, why, None);
            };
            match self.check(vm, frame, index, action) {
                Err(e) => {
                    drop(st);
                    return self.finish(vm, why, Some(e));
                }
                Ok(()) if action == Action::TakeOver => {
                    // Handled by the caller: the position is rewritten, not run further.
                    st.next += 1;
                    drop(st);
                    return self.finish(vm, why, None);
                }
                Ok(()) => {}
            }
            st.next += 1;
            let seen_findings = st.findings.len();
            st.goal = match action {
                Action::Step => Goal::Next { skip: 0 },
                Action::StepThread(t) if t == tid => Goal::Next { skip: 0 },
                Action::StepThread(_) => Goal::Next { skip: 1 },
                Action::Switch(_) => Goal::Next { skip: 0 },
                Action::ToSwitchPoint(t) => Goal::SwitchPoint {
                    thread: t,
                    skip: u32::from(t == tid),
                },
                Action::ToLine(line) => Goal::Line { line, skip: 1 },
                Action::ToFinding => Goal::Finding {
                    seen: seen_findings,
                },
                Action::ToEnd | Action::TakeOver => Goal::End,
            };
            let target = action.target().filter(|t| *t != tid);
            let Some(target) = target else {
                return Ok(());
            };
            st.asked_for = Some(target);
            drop(st);
            let sched = vm.interp.sched.clone();
            let Some(d) = sched.deterministic() else {
                return Ok(());
            };
            let at = vm.at();
            if let Err(e) = d.switch_to(tid, target, &at) {
                // `check` saw it could; a thread that cannot run now is a bug of ours.
                return self.finish(vm, why, Some(e));
            }
            if vm.interp.sched.aborted() || self.st.lock().view.is_some() {
                return Err(exc::run_aborted());
            }
            // The GIL is back: this thread arrives again before the same instruction.
        }
    }

    /// What thread `p` did to let another run: it finished, blocked, or the recorded
    /// schedule switched it out.
    fn gave_up(&self, p: ThreadId) -> String {
        match self.drops.last.lock().get(&p) {
            Some(DropReason::Exit) => "finished".to_string(),
            Some(DropReason::Blocking(b)) => format!("blocked ({})", b.describe()),
            Some(DropReason::Replayed) => "was switched out by the recorded schedule".to_string(),
            Some(r) => format!("stopped ({})", r.describe()),
            None => "stopped".to_string(),
        }
    }

    /// Whether `action` can be taken at this stop; if not, why (in the page's words).
    fn check(&self, vm: &Vm, frame: &Frame, index: usize, action: Action) -> Result<(), String> {
        let Some(d) = vm.interp.sched.deterministic() else {
            return Ok(());
        };
        let left = d.replay_left();
        if action == Action::TakeOver {
            return if self.position.replay.is_some() {
                Ok(())
            } else {
                Err("there is no recorded schedule to stop following".to_string())
            };
        }
        let Some(target) = action.target() else {
            return Ok(());
        };
        if target == vm.tid {
            return Ok(());
        }
        if left > 0 {
            return Err(format!(
                "this run follows a recorded schedule ({left} hand-off{} to come): take over \
                 to choose who runs",
                crate::tools::cli::plural(left as u64)
            ));
        }
        d.can_take(target)?;
        if self.regime == Regime::Gil && !SwitchPoints::Cpython.is_switch_point(&frame.code, index)
        {
            return Err(format!(
                "thread {} holds the GIL, and CPython 3.10+ lets it go only at a switch point \
                 (a call or a backward jump): run it to its next switch point first, or choose \
                 'GIL before 3.10'",
                vm.tid
            ));
        }
        Ok(())
    }

    /// Answers the view of this stop and ends the run.
    fn finish(&self, vm: &mut Vm, why: String, error: Option<String>) -> PyResult<()> {
        let mut st = self.st.lock();
        if st.view.is_none() {
            let why = if why.is_empty() {
                st.cut.clone().unwrap_or_default()
            } else {
                why
            };
            let v = self.view(vm, &mut st, &why, error);
            st.view = Some(v);
        }
        drop(st);
        if let Some(d) = vm.interp.sched.deterministic() {
            d.abort_run();
        }
        Err(exc::run_aborted())
    }

    /// The view at this stop; `st.stops` already counts it.
    fn view(&self, vm: &mut Vm, st: &mut State, why: &str, error: Option<String>) -> View {
        vm.interp.flush_stdout();
        let out = vm.interp.take_output();
        st.output.push_str(&out);
        let d = vm.interp.sched.deterministic();
        let states = d.map(|d| d.thread_states()).unwrap_or_default();
        let names = vm.interp.thread_names.lock().clone();
        let mut codes: Vec<Arc<CodeObject>> = Vec::new();
        let mut threads = Vec::new();
        for (t, state) in states {
            let s = st.seen.get(&t).cloned();
            let cannot_take = if t == vm.tid {
                None
            } else {
                d.and_then(|d| d.can_take(t).err())
            };
            let mut tv = ThreadView {
                id: t,
                name: names
                    .get(&t)
                    .cloned()
                    .unwrap_or_else(|| format!("Thread {t}")),
                state: if s.is_none() && state != "finished" && state != "running" {
                    "not started".to_string()
                } else {
                    state
                },
                cannot_take,
                ..ThreadView::default()
            };
            if let Some(s) = s {
                let ci = match codes.iter().position(|c| Arc::ptr_eq(c, &s.code)) {
                    Some(i) => i,
                    None => {
                        codes.push(s.code.clone());
                        codes.len() - 1
                    }
                };
                tv.code = Some(ci);
                tv.ip = s.ip;
                tv.line = s.code.line_at(s.ip);
                tv.func = s.code.qualname.to_string();
                tv.at_switch_point = self.regime.switch_points().is_switch_point(&s.code, s.ip);
                tv.frames = s.frames.clone();
                let done = tv.state == "finished";
                tv.stack = s
                    .stack
                    .iter()
                    .filter(|v| !matches!(v, Value::Null))
                    .map(value_text)
                    .filter(|_| !done)
                    .collect();
                tv.locals = s
                    .locals
                    .iter()
                    .flatten()
                    .filter(|_| !done)
                    .map(|(n, v)| (n.clone(), value_text(v)))
                    .collect();
            }
            threads.push(tv);
        }
        let (globals, objects) = globals_and_objects(st.globals.as_deref(), &st.seen, vm.tid);
        let position = Position {
            regime: self.regime,
            replay: self.position.replay.clone(),
            actions: self.position.actions[..st.next.min(self.position.actions.len())].to_vec(),
        };
        View {
            position,
            stop: st.stops.saturating_sub(1),
            steps: st.instructions.saturating_sub(1),
            finished: false,
            exit: None,
            running: Some(vm.tid),
            why: why.to_string(),
            error,
            replay_left: d.map_or(0, |d| d.replay_left()),
            schedule: d.map(|d| d.made().to_line()).unwrap_or_default(),
            threads,
            globals,
            objects,
            codes: codes.iter().map(|c| code_view(c, self.regime)).collect(),
            output: st.output.clone(),
            findings: st.findings.clone(),
        }
    }
}

/// The run is past its step budget or its deadline, or an export has all the stops it keeps.
fn past_limits(st: &State) -> bool {
    st.instructions > st.max_steps
        || Instant::now() > st.deadline
        || (st.record_all && st.views.len() + 1 >= EXPORT_STOPS)
}

/// What the view keeps of a thread at its stop.
fn seen(vm: &Vm, frame: &Frame, stack: &[Value], index: usize) -> Seen {
    let n = vm.obs.frames.len();
    let mut frames = Vec::new();
    for (i, (code, _, _)) in vm.obs.frames.iter().enumerate() {
        if code.filename.starts_with("<gilvm>/") {
            continue;
        }
        let at = if i + 1 == n {
            index
        } else {
            vm.obs.frames[i + 1].1 as usize
        };
        frames.push(FrameView {
            func: code.qualname.to_string(),
            line: code.line_at(at),
        });
    }
    let locals = frame.ns.is_none().then(|| {
        frame
            .code
            .varnames
            .iter()
            .zip(&frame.locals)
            .filter(|(_, v)| !matches!(v, Value::Null))
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect()
    });
    Seen {
        code: frame.code.object.clone(),
        ip: index,
        frames,
        stack: stack.to_vec(),
        locals,
    }
}

/// Whether a global is shown: plain values, not modules, functions or classes.
fn shown_global(name: &str, v: &Value) -> bool {
    !name.starts_with("__")
        && !matches!(
            v,
            Value::Module(_)
                | Value::Function(_)
                | Value::Class(_)
                | Value::Builtin(_)
                | Value::Native(_)
        )
}

fn globals_and_objects(
    globals: Option<&Dict>,
    seen: &BTreeMap<ThreadId, Seen>,
    running: ThreadId,
) -> (Vec<(String, String)>, Vec<ObjectView>) {
    let mut shown = Vec::new();
    let mut objects: Vec<ObjectView> = Vec::new();
    let mut met: Vec<*const ()> = Vec::new();
    let mut object = |name: String, v: &Value| {
        if let Value::Instance(i) = v
            && i.class.module == "__main__"
        {
            let p = Arc::as_ptr(i) as *const ();
            if met.contains(&p) {
                return;
            }
            met.push(p);
            objects.push(ObjectView {
                name,
                class: i.class.name.to_string(),
                attrs: i
                    .attr_items()
                    .iter()
                    .filter_map(|(k, x)| Some((k.as_str()?.to_string(), value_text(x))))
                    .collect(),
            });
        }
    };
    if let Some(g) = globals {
        for (k, v) in g.items() {
            let Some(name) = k.as_str() else { continue };
            if !shown_global(name, &v) {
                continue;
            }
            shown.push((name.to_string(), value_text(&v)));
            object(name.to_string(), &v);
        }
    }
    // The running thread's locals first, then the others'.
    let order = seen
        .get_key_value(&running)
        .into_iter()
        .chain(seen.iter().filter(|(t, _)| **t != running));
    for (t, s) in order {
        for (n, v) in s.locals.iter().flatten() {
            object(format!("thread {t}: {n}"), v);
        }
    }
    (shown, objects)
}

fn code_view(code: &CodeObject, regime: Regime) -> CodeView {
    let sp = regime.switch_points();
    let instructions = (0..code.instructions.len())
        .map(|i| {
            let mark = sp.mark(code, i);
            InstrView {
                offset: i * 2,
                line: code.line_at(i),
                text: crate::bytecode::instruction_text(code, i)
                    .trim()
                    .to_string(),
                switch: sp.is_switch_point(code, i),
                call: mark == Some(crate::bytecode::Mark::Call),
            }
        })
        .collect();
    CodeView {
        name: code.qualname.to_string(),
        first_line: code.firstlineno,
        instructions,
        windows: sp
            .windows(code)
            .into_iter()
            .map(|w| WindowView {
                name: w.name,
                load: w.load,
                store: w.store,
            })
            .collect(),
    }
}

/// Runs the program to `pos`; its view. `record_all`: the views of every stop on the way
/// too (for `--export`).
pub fn run(
    program: &Program,
    pos: &Position,
    limits: Limits,
    record_all: bool,
) -> (View, Vec<View>) {
    let regime = pos.regime;
    let mut actions = Vec::new();
    let mut bad = None;
    for (i, a) in pos.actions.iter().enumerate() {
        match Action::parse(a) {
            Ok(a) => actions.push(a),
            Err(e) => {
                bad = Some((i, e));
                break;
            }
        }
    }
    // A schedule made in another regime would mean another run here: refused.
    let parsed = pos.replay.as_deref().map(|r| {
        Schedule::parse(r).and_then(|s| {
            s.mode
                .reconcile(Some(regime.gil()), Some(regime.switch_points()), "the page")
                .map(|_| s)
        })
    });
    let replay = match parsed {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            let mut v = View {
                position: Position {
                    replay: None,
                    ..pos.clone()
                },
                error: Some(e),
                ..View::default()
            };
            v.position.actions.clear();
            return (v, Vec::new());
        }
    };
    let mut position = pos.clone();
    if let Some((i, _)) = &bad {
        position.actions.truncate(*i);
    }
    let found = Arc::new(Mutex::new(Vec::new()));
    let sink = found.clone();
    let explain = Explain::collecting(Box::new(move |t, at, _, text: &str| {
        let line = at
            .site
            .as_ref()
            .map_or(0, |s| s.code.line_at(s.index as usize));
        sink.lock().push((t, line, text.to_string()));
    }));
    let driver = Arc::new(Driver {
        st: Mutex::new(State {
            actions,
            next: 0,
            goal: Goal::Next { skip: 0 },
            stops: 0,
            instructions: 0,
            seen: BTreeMap::new(),
            globals: None,
            output: String::new(),
            findings: Vec::new(),
            last: None,
            names: BTreeMap::new(),
            schedule: String::new(),
            asked_for: None,
            view: None,
            record_all,
            views: Vec::new(),
            deadline: Instant::now() + limits.timeout,
            max_steps: limits.max_steps,
            cut: None,
        }),
        explain,
        fresh: found,
        regime,
        position,
        drops: Arc::new(Drops::default()),
    });
    let policy = match replay {
        Some(s) => Policy::Replay(s),
        None => Policy::Manual,
    };
    let outcome = run_program(
        program,
        regime,
        policy,
        driver.clone(),
        driver.drops.clone(),
        limits,
    );
    let mut st = driver.st.lock();
    let views = std::mem::take(&mut st.views);
    let mut view = match st.view.take() {
        Some(v) => v,
        None => {
            // The program ended before the actions led to a stop: the end is the view.
            let mut v = match views.last() {
                Some(last) => last.clone(),
                None => View {
                    schedule: st.schedule.clone(),
                    threads: st
                        .names
                        .iter()
                        .map(|(t, name)| {
                            let mut tv = ThreadView {
                                id: *t,
                                name: name.clone(),
                                ..ThreadView::default()
                            };
                            if let Some(s) = st.seen.get(t) {
                                tv.line = s.code.line_at(s.ip);
                                tv.func = s.code.qualname.to_string();
                                tv.frames = s.frames.clone();
                            }
                            tv
                        })
                        .collect(),
                    ..View::default()
                },
            };
            st.output.push_str(&outcome.stdout);
            v.position = Position {
                regime,
                replay: driver.position.replay.clone(),
                actions: driver.position.actions[..st.next].to_vec(),
            };
            v.finished = true;
            v.running = None;
            v.output = st.output.clone();
            v.findings = st.findings.clone();
            v.stop = st.stops;
            v.steps = st.instructions;
            v.replay_left = 0;
            let status = match &outcome.end {
                End::Exit(s) => *s,
                _ => 1,
            };
            let stderr = match &outcome.end {
                End::Deadlock(m) | End::Mismatch(m) => {
                    format!("{}{m}\n", outcome.stderr)
                }
                _ => outcome.stderr.clone(),
            };
            v.why = if status == 0 {
                "the program has ended".to_string()
            } else {
                format!("the program has ended (exit status {status})")
            };
            v.exit = Some(Exit { status, stderr });
            for t in &mut v.threads {
                t.state = "finished".to_string();
                t.cannot_take = Some(format!("thread {} has finished", t.id));
            }
            if let Some(g) = &st.globals {
                let (globals, objects) = globals_and_objects(Some(g), &st.seen, ThreadId::MAIN);
                v.globals = globals;
                v.objects = objects;
            }
            // Actions after the end cannot be taken.
            if st.next < st.actions.len() {
                v.error = Some("the program has ended: step back, or reset".to_string());
            }
            v
        }
    };
    if let Some((_, e)) = bad {
        view.error = Some(e);
    }
    // `take`: from here the person chooses; the hand-offs made so far become the schedule.
    if view.position.actions.last().map(String::as_str) == Some("take") && view.error.is_none() {
        view.position.actions.pop();
        view.position.replay = Some(view.schedule.clone());
        view.replay_left = 0;
    }
    (view, views)
}

/// One run of `program` in `regime` under `policy`, watched by `observer` and `events`, on
/// this thread (which must have [`THREAD_STACK_SIZE`] of stack): what it printed and how it
/// ended. Its other threads have ended when it returns.
pub fn run_program(
    program: &Program,
    regime: Regime,
    policy: Policy,
    observer: Arc<dyn Observer>,
    events: Arc<dyn EventSink>,
    limits: Limits,
) -> Outcome {
    let (outcome, _, _) = program.run_with(policy, Some(observer), |c| {
        c.events = Some(events);
        c.gil = regime.gil();
        c.every_switch_point = regime != Regime::Gil;
        c.sandboxed = true;
        c.log_handoffs = true;
        c.max_steps = limits.max_steps.saturating_add(1);
    });
    outcome
}

/// Compiles `text` as the program `name`: the program, or CPython's `SyntaxError` text.
pub fn compile(name: &str, text: &str, argv: Vec<String>) -> Result<Program, String> {
    let src = Arc::new(crate::source::SourceFile::new(
        name.to_string(),
        text.to_string(),
    ));
    let code = crate::compiler::compile_source(&src, crate::compiler::Mode::Exec)
        .map_err(|e| crate::parser::render_syntax_error(&e, &src))?;
    Ok(Program {
        src,
        code: crate::vm::object::code::Code::new(code),
        argv,
        gil: true,
        every_switch_point: false,
        switch_interval_us: 5000,
        sandboxed: true,
        sys_path0: Default::default(),
    })
}

/// [`run`] on a thread of its own with the interpreter's stack size (a server's threads
/// have small stacks).
pub fn run_on_thread(
    program: Arc<Program>,
    pos: Position,
    limits: Limits,
    record_all: bool,
) -> Result<(View, Vec<View>), String> {
    std::thread::Builder::new()
        .name("gilvm-web-run".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || run(&program, &pos, limits, record_all))
        .map_err(|e| format!("cannot start a run: {e}"))?
        .join()
        .map_err(|_| "internal error: the run failed".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANK: &str = include_str!("../../../tests/step/bank.py");
    const MULTIPLY: &str = include_str!("../../../scripts/single_multiply.py");

    fn go(text: &str, regime: Regime, actions: &[&str]) -> View {
        let program = Arc::new(compile("prog.py", text, vec!["prog.py".into()]).unwrap());
        let pos = Position {
            regime,
            replay: None,
            actions: actions.iter().map(|a| a.to_string()).collect(),
        };
        run_on_thread(program, pos, Limits::default(), false)
            .unwrap()
            .0
    }

    /// The overdraft, made by hand: both withdrawals check the balance before either takes
    /// the money.
    const OVERDRAFT: &[&str] = &["line 15", "t 1", "line 15", "t 3", "line 16", "t 2", "end"];

    #[test]
    fn an_overdraft_made_by_hand() {
        let v = go(BANK, Regime::GilEvery, OVERDRAFT);
        assert!(v.finished, "{v:?}");
        assert_eq!(v.output, "balance = -60\n");
        assert!(v.error.is_none(), "{:?}", v.error);
        assert_eq!(v.findings.len(), 1);
        assert!(v.findings[0].text.starts_with("stale check on .balance"));
        assert_eq!(v.position.actions.len(), OVERDRAFT.len());
    }

    #[test]
    fn cpython_3_10_refuses_a_switch_between_the_check_and_the_act() {
        let v = go(BANK, Regime::Gil, OVERDRAFT);
        assert!(!v.finished);
        let e = v.error.expect("the switch at line 16 is refused");
        assert!(e.contains("only at a switch point"), "{e}");
        // The refused action is not part of the position; the view is the stop before it.
        assert_eq!(v.position.actions, OVERDRAFT[..5]);
        assert_eq!(v.running, Some(ThreadId(3)));
        assert_eq!(v.threads[2].line, 16);
    }

    #[test]
    fn a_lost_update_of_result_by_hand() {
        let acts = [
            "line 9", "s", "t 1", "line 9", "t 3", "line 9", "t 2", "lost",
        ];
        let v = go(MULTIPLY, Regime::Free, &acts);
        assert!(!v.finished);
        assert_eq!(v.findings.len(), 1, "{:?}", v.findings);
        assert!(v.findings[0].text.starts_with("lost update on result"));
        assert!(v.why.starts_with("lost update on result"), "{}", v.why);
        assert_eq!(v.running, Some(ThreadId(2)));
        // Thread 2's store of its stale product has just run.
        let result = v.globals.iter().find(|(n, _)| n == "result").unwrap();
        assert_eq!(result.1, "3.14");
    }

    /// Thread 2 waits at its store while thread 3 makes its whole update: the detector must
    /// see thread 2's store when it runs, after thread 3's, not when thread 2 arrived there.
    #[test]
    fn a_thread_held_at_its_store_by_hand_loses_the_update_it_stores_over() {
        let counter = include_str!("../../../tests/step/counter.py");
        let acts = [
            "line 9", "s 2", "s 2", "s 2", "s 1", "s 1", "s 1", "s 1", "s 3", "s 3", "s 3", "s 3",
        ];
        let v = go(counter, Regime::GilEvery, &acts);
        assert!(v.error.is_none(), "{:?}", v.error);
        assert!(
            v.findings.is_empty(),
            "thread 2 has not stored: {:?}",
            v.findings
        );
        let mut acts = acts.to_vec();
        acts.push("s 2");
        let v = go(counter, Regime::GilEvery, &acts);
        assert_eq!(v.findings.len(), 1, "{:?}", v.findings);
        let f = &v.findings[0];
        assert!(f.text.starts_with("lost update on counter"), "{}", f.text);
        assert_eq!((f.thread, f.stop), (ThreadId(2), v.stop));
        let counter = v.globals.iter().find(|(n, _)| n == "counter").unwrap();
        assert_eq!(counter.1, "1");
    }

    #[test]
    fn the_same_position_gives_the_same_view_and_back_is_the_stop_before() {
        let acts = ["line 9", "s", "t 1", "s", "s", "t 2", "s"];
        let mut last_stop = None;
        for k in 0..=acts.len() {
            // (The listings name code objects by address, which differs between compiles.)
            let mut a = go(MULTIPLY, Regime::GilEvery, &acts[..k]);
            let mut b = go(MULTIPLY, Regime::GilEvery, &acts[..k]);
            a.codes.clear();
            b.codes.clear();
            let (ja, jb) = (
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(&b).unwrap(),
            );
            assert_eq!(ja, jb, "position {k} is not reproducible");
            assert!(a.error.is_none(), "{:?}", a.error);
            if let Some(s) = last_stop {
                assert!(a.stop > s, "stops must go forward");
            }
            last_stop = Some(a.stop);
        }
    }

    #[test]
    fn a_replayed_schedule_is_followed_and_can_be_taken_over() {
        // The hand-offs of the overdraft, recorded, then replayed.
        let done = go(BANK, Regime::GilEvery, OVERDRAFT);
        let program = Arc::new(compile("prog.py", BANK, vec!["prog.py".into()]).unwrap());
        let replayed = |actions: &[&str]| {
            let pos = Position {
                regime: Regime::GilEvery,
                replay: Some(done.schedule.clone()),
                actions: actions.iter().map(|a| a.to_string()).collect(),
            };
            run_on_thread(program.clone(), pos, Limits::default(), false)
                .unwrap()
                .0
        };
        let end = replayed(&["end"]);
        assert_eq!(end.output, "balance = -60\n");
        // While the schedule leads, the person cannot hand the GIL over...
        let v = replayed(&["s", "t 2"]);
        assert!(v.error.unwrap().contains("recorded schedule"));
        // ...until they take over: the schedule becomes the hand-offs made so far.
        let v = replayed(&["line 15", "take"]);
        assert!(v.error.is_none(), "{:?}", v.error);
        assert_eq!(v.position.actions, ["line 15"]);
        assert_eq!(v.replay_left, 0);
        assert_eq!(v.position.replay.as_deref(), Some(v.schedule.as_str()));
    }

    #[test]
    fn the_hand_offs_a_person_made_replay_to_the_same_end_in_every_regime() {
        let program = Arc::new(compile("prog.py", MULTIPLY, vec!["prog.py".into()]).unwrap());
        // Thread 2 stops at the entry of single_multiply (a switch point in every regime).
        let acts = ["line 9", "t 1", "line 9", "t 3", "t 2", "end"];
        for regime in [Regime::Gil, Regime::GilEvery, Regime::Free] {
            let by_hand = go(MULTIPLY, regime, &acts);
            assert!(by_hand.error.is_none(), "{regime:?}: {:?}", by_hand.error);
            assert!(by_hand.finished);
            let pos = Position {
                regime,
                replay: Some(by_hand.schedule.clone()),
                actions: vec!["end".into()],
            };
            let replayed = run_on_thread(program.clone(), pos, Limits::default(), false)
                .unwrap()
                .0;
            assert_eq!(replayed.output, by_hand.output, "{regime:?}");
            assert_eq!(replayed.schedule, by_hand.schedule, "{regime:?}");
            assert_eq!(replayed.steps, by_hand.steps, "{regime:?}");
        }
    }

    #[test]
    fn a_step_stops_at_a_hand_off_nobody_asked_for_and_a_run_to_a_lost_update_does_not() {
        // Thread 1 blocks in `a.start()` until thread 2 has started: thread 2 runs.
        let v = go(BANK, Regime::GilEvery, &["line 21", "line 25"]);
        assert!(!v.finished);
        assert!(v.why.starts_with("thread 1 blocked"), "{}", v.why);
        assert_eq!(v.running, Some(ThreadId(2)));
        // Run to a lost update: the scheduler chooses at each such hand-off, and with none
        // made the program ends.
        let v = go(BANK, Regime::GilEvery, &["line 21", "lost"]);
        assert!(v.finished, "{}", v.why);
        assert_eq!(v.output, "balance = 20\n");
        assert!(v.findings.is_empty());
    }

    #[test]
    fn a_run_that_never_stops_is_cut() {
        let program = Arc::new(compile("spin.py", "while True:\n    pass\n", vec![]).unwrap());
        let pos = Position {
            regime: Regime::Gil,
            replay: None,
            actions: vec!["end".into()],
        };
        let limits = Limits {
            max_steps: 10_000,
            timeout: Duration::from_secs(30),
        };
        let v = run_on_thread(program, pos, limits, false).unwrap().0;
        assert!(v.why.contains("--max-steps"), "{}", v.why);
        assert!(!v.finished);
    }

    #[test]
    fn a_page_s_program_sees_nothing_of_the_server() {
        let text = "import os\nprint(len(os.environ), os.getcwd(), os.path.exists('/'))\n\
                    try:\n    input()\nexcept EOFError:\n    print('EOF')\n";
        let v = go(text, Regime::Gil, &["end"]);
        assert_eq!(v.output, "0 / False\nEOF\n");
        // No process either: a child interpreter would be out of the run's limits.
        let text = "import multiprocessing\ndef f():\n    pass\n\
                    p = multiprocessing.Process(target=f)\ntry:\n    p.start()\n\
                    except OSError as e:\n    print(e)\n";
        let v = go(text, Regime::Gil, &["end"]);
        assert!(
            v.output.starts_with("gilvm web runs no processes"),
            "{}",
            v.output
        );
    }

    #[test]
    fn a_page_s_program_cannot_change_files_through_pathlib() {
        let text = "from pathlib import Path\nimport os\n\
                    print(Path.cwd(), Path('/etc').exists(), list(Path('/').glob('*')))\n\
                    for f in (lambda: Path('x.txt').write_text('a'), lambda: Path('d').mkdir(),\n\
                              lambda: Path('x.txt').touch(), lambda: os.utime('/'),\n\
                              lambda: os.chdir('/tmp'), lambda: os.stat('/')):\n\
                    \x20   try:\n        f()\n    except OSError as e:\n        print(e)\n";
        let v = go(text, Regime::Gil, &["end"]);
        assert_eq!(
            v.output,
            "/ False []\n[Errno 30] Read-only file system: 'x.txt'\n\
             [Errno 30] Read-only file system: 'd'\n[Errno 30] Read-only file system: 'x.txt'\n\
             [Errno 30] Read-only file system: '/'\n\
             [Errno 2] No such file or directory: '/tmp'\n\
             [Errno 2] No such file or directory: '/'\n"
        );
    }

    #[test]
    fn a_page_s_program_cannot_change_files_through_tempfile_or_shutil() {
        let text = "import tempfile, shutil\n\
                    for f in (tempfile.gettempdir, lambda: tempfile.mkdtemp(dir='/'),\n\
                              lambda: tempfile.NamedTemporaryFile('w', dir='/'),\n\
                              lambda: shutil.copyfile('/a', '/b'), lambda: shutil.move('/a', '/b'),\n\
                              lambda: shutil.rmtree('/a')):\n\
                    \x20   try:\n        f()\n    except OSError as e:\n        print(e)\n";
        let v = go(text, Regime::Gil, &["end"]);
        let lines: Vec<&str> = v.output.lines().collect();
        assert_eq!(lines.len(), 6, "{}", v.output);
        assert_eq!(
            lines[0],
            "[Errno 2] No usable temporary directory found in ['/tmp', '/var/tmp', '/usr/tmp', '/']"
        );
        // The names of a temporary directory and file are random.
        for line in &lines[1..3] {
            assert!(
                line.starts_with("[Errno 30] Read-only file system: '/tmp"),
                "{line}"
            );
        }
        assert_eq!(
            lines[3..],
            [
                "[Errno 30] Read-only file system: '/b'",
                "[Errno 30] Read-only file system: '/b'",
                "[Errno 2] No such file or directory: '/a'"
            ]
        );
    }

    #[test]
    fn a_page_s_program_cannot_change_files_through_binary_files_or_descriptors() {
        let text = "import os\n\
                    for f in (lambda: open('x.bin', 'wb'), lambda: open('x.bin', 'rb'),\n\
                              lambda: open('x.bin', 'r+b'),\n\
                              lambda: os.open('x', os.O_RDONLY),\n\
                              lambda: os.open('x', os.O_WRONLY | os.O_CREAT, 0o600),\n\
                              lambda: os.close(5)):\n\
                    \x20   try:\n        f()\n    except OSError as e:\n        print(e)\n\
                    os.write(1, b'out\\n')\n";
        let v = go(text, Regime::Gil, &["end"]);
        assert_eq!(
            v.output,
            "[Errno 30] Read-only file system: 'x.bin'\n\
             [Errno 2] No such file or directory: 'x.bin'\n\
             [Errno 30] Read-only file system: 'x.bin'\n\
             [Errno 2] No such file or directory: 'x'\n\
             [Errno 30] Read-only file system: 'x'\n\
             [Errno 9] Bad file descriptor\nout\n"
        );
    }

    #[test]
    fn a_page_s_program_cannot_change_files_through_links_modes_or_descriptors() {
        let text = "import os, shutil, pwd\n\
                    r, w = os.pipe()\nos.write(w, b'piped')\nprint(os.read(r, 5))\n\
                    for f in (lambda: os.symlink('a', 'b'), lambda: os.link('a', 'b'),\n\
                              lambda: os.chmod('a', 0o600), lambda: os.chown('a', 0, 0),\n\
                              lambda: os.mkdir('d', 0o700), lambda: os.umask(0),\n\
                              lambda: os.dup(1), lambda: os.dup2(r, 1),\n\
                              lambda: shutil.disk_usage('/'), lambda: os.get_terminal_size(),\n\
                              lambda: pwd.getpwuid(0)):\n\
                    \x20   try:\n        f()\n    except (OSError, KeyError) as e:\n        print(e)\n\
                    print(shutil.get_terminal_size())\n";
        let v = go(text, Regime::Gil, &["end"]);
        assert_eq!(
            v.output,
            "b'piped'\n[Errno 30] Read-only file system: 'a' -> 'b'\n\
             [Errno 30] Read-only file system: 'a' -> 'b'\n\
             [Errno 30] Read-only file system: 'a'\n[Errno 30] Read-only file system: 'a'\n\
             [Errno 30] Read-only file system: 'd'\n[Errno 30] Read-only file system\n\
             [Errno 30] Read-only file system\n[Errno 30] Read-only file system\n\
             [Errno 2] No such file or directory: '/'\n\
             [Errno 25] Inappropriate ioctl for device\n\
             'getpwuid(): uid not found: 0'\nos.terminal_size(columns=80, lines=24)\n"
        );
    }

    #[test]
    fn os_exit_ends_a_page_s_run_not_the_server() {
        let text = "import os, threading\n\
                    def leave():\n    print('leaving', flush=True)\n    os._exit(4)\n\
                    t = threading.Thread(target=leave)\nt.start()\nt.join()\nprint('never')\n";
        let v = go(text, Regime::Gil, &["end"]);
        assert_eq!(v.output, "leaving\n");
    }

    #[test]
    fn bad_actions_are_reported() {
        let v = go(BANK, Regime::Gil, &["s", "jump 3"]);
        assert_eq!(v.error.as_deref(), Some("unknown action 'jump 3'"));
        assert_eq!(v.position.actions, ["s"]);
        let v = go(BANK, Regime::Gil, &["t 9"]);
        assert_eq!(v.error.as_deref(), Some("there is no thread 9"));
    }
}
