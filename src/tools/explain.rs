//! `--explain`: lost updates, detected as they happen and told in words.
//!
//! The observed loop reports every load and store of a *shared location* — a global (or a
//! module-level name), an attribute of an object, an item of a container, a closure cell —
//! with the value, the thread, the instruction and a global step number.
//!
//! Each location keeps a history of versions: every store makes a new version whose parent is
//! the version its value was computed from, and whose depth (parent's depth + 1) counts the
//! updates the value contains. A store is a read-modify-write when the same thread, in the
//! same frame, loaded the location after its own last store there: its parent is the version
//! it loaded (taken when the load *started*). Any other store is blind: its parent is the
//! current version. When a read-modify-write's parent is not the current version, the
//! current value's updates above the two versions' common ancestor are erased. The count
//! added is `depth(current) - depth(parent)`: a later store can bring erased updates back
//! (its own load had seen them), and with this count the total is exactly the number of
//! updates the final value lacks — a racy counter's shortfall.
//!
//! A store can also act on a value that went stale without erasing anything: the thread
//! tested the location (`if acct.balance >= amount:`, a load on the line of a conditional
//! jump), another thread stored there, and the thread then stored (`acct.balance -= amount`,
//! with a fresh load): a **stale check**, the bank overdraft. Or it kept an earlier load in a
//! local (`x = counter`) and another thread stored before its own store: a **stale read**
//! (the store may be computed from the old value). Both are reported and counted apart from
//! lost updates; only the stores made between the read and the store are listed.
//!
//! A program that holds a lock around its read-modify-writes never has another thread's store
//! between its load and its store, so it is never reported. Nor is a store of the very object
//! already bound (`x += 1` on an `ft_utils` `AtomicInt64`, `xs += [...]` on a list): the
//! update happened in place, and the store changes nothing.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use std::sync::atomic::AtomicU64;

use parking_lot::Mutex;

use crate::threads::{At, ThreadId};
use crate::vm::Vm;
use crate::vm::object::PyResult;
use crate::vm::object::value::Value;
use crate::vm::observe::{Before, Observer};

/// `--explain` as the eval loop's observer: the detector, each thread's load waiting for its
/// value, and the global step count.
#[derive(Default)]
pub struct Explain {
    detector: Mutex<Explainer>,
    /// A shared-state load whose value is on the stack at the thread's next instruction.
    pending: Mutex<HashMap<ThreadId, PendingLoad>>,
    /// Instructions executed by all threads (counted while explaining).
    steps: AtomicU64,
    /// Where each finding also goes (`--trace-out`'s instant events).
    sink: Mutex<Option<FindingSink>>,
    /// Findings go to the sink only, not to stderr (`explore --explain` collects them).
    quiet: bool,
}

/// Receives each finding as it is reported: the thread, what, and the report's text.
pub type FindingSink = Box<dyn Fn(ThreadId, &At, Finding, &str) + Send + Sync>;

impl Explain {
    pub fn new() -> Arc<Explain> {
        Arc::new(Explain::default())
    }

    /// An explainer whose findings go to `sink` only (`explore --explain` tells each
    /// outcome's story after the search).
    pub fn collecting(sink: FindingSink) -> Arc<Explain> {
        let e = Explain {
            quiet: true,
            ..Explain::default()
        };
        *e.sink.lock() = Some(sink);
        Arc::new(e)
    }

    /// Sends every finding to `sink` too.
    pub fn set_sink(&self, sink: FindingSink) {
        *self.sink.lock() = Some(sink);
    }

    /// The closing line: how many updates were lost, where.
    pub fn summary(&self) -> String {
        self.detector.lock().summary()
    }
}

impl Observer for Explain {
    fn before_instruction(&self, vm: &mut Vm, at: Before<'_>) -> PyResult<()> {
        self.step(vm, at.frame, at.stack, at.index);
        Ok(())
    }
}

/// Identifies a shared location: an object's address and, for a name, the name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Loc {
    /// The namespace, object, container or cell (its address).
    pub owner: usize,
    /// Attribute or global name, or the key's repr; empty for a cell.
    pub key: Arc<str>,
}

/// How a location is shown in a report.
#[derive(Debug, Clone, Copy)]
pub enum LocKind {
    Global,
    Attr,
    Item,
    Cell,
}

#[derive(Debug, Clone)]
struct Version {
    parent: Option<usize>,
    depth: u64,
    thread: ThreadId,
    /// The stored value (for the version found at the first load, the value that load saw;
    /// None until then).
    value: Option<Value>,
    step: u64,
    /// Source line of the store (0 for the version found at the first load).
    line: u32,
}

#[derive(Debug, Clone)]
struct Read {
    version: usize,
    value: Value,
    step: u64,
    line: u32,
    frame: usize,
}

/// A thread's loads of one location since its own last store there, in one frame.
#[derive(Debug, Clone)]
struct Reads {
    /// The last load: a store is computed from it (a read-modify-write).
    last: Read,
    /// The first load tested by a conditional jump (`if x >= amount:`).
    check: Option<Read>,
    /// The first load kept in a local (`x = counter`).
    kept: Option<Read>,
}

#[derive(Default)]
struct History {
    versions: Vec<Version>,
    /// Index of the current version (None: never seen).
    current: Option<usize>,
    /// Each thread's loads since its own last store.
    reads: HashMap<ThreadId, Reads>,
}

impl History {
    /// The current version, creating the initial one on first sight.
    fn current(&mut self) -> usize {
        match self.current {
            Some(v) => v,
            None => {
                self.versions.push(Version {
                    parent: None,
                    depth: 0,
                    thread: ThreadId::default(),
                    value: None,
                    step: 0,
                    line: 0,
                });
                self.current = Some(self.versions.len() - 1);
                self.versions.len() - 1
            }
        }
    }

    /// The versions on `from`'s chain above the common ancestor with `other`, newest first.
    fn above_common(&self, from: usize, other: usize) -> Vec<usize> {
        let (mut a, mut b) = (Some(from), Some(other));
        let depth = |v: Option<usize>| v.map_or(0, |i| self.versions[i].depth);
        let mut out = Vec::new();
        while a != b {
            if depth(a) >= depth(b) {
                let Some(i) = a else { break };
                out.push(i);
                a = self.versions[i].parent;
            } else {
                let Some(i) = b else { break };
                b = self.versions[i].parent;
            }
        }
        out
    }

    /// The versions on `current`'s chain stored after `step`, oldest first: the stores another
    /// thread made between a read at `step` and now.
    fn stored_since(&self, step: u64) -> Vec<usize> {
        let mut out = Vec::new();
        let mut v = self.current;
        while let Some(i) = v {
            let e = &self.versions[i];
            if e.step <= step || e.parent.is_none() {
                break;
            }
            out.push(i);
            v = e.parent;
        }
        out.reverse();
        out
    }

    /// The listed updates, oldest first: `Thread-2's update (100 → 20, line 31)`, one
    /// thread's consecutive updates together (`Thread-3's updates (5 → 6 → 7, line 9)`),
    /// joined `A, B and C` (at most [`LISTED`] groups, then `N more`).
    fn updates_text(&self, list: &[usize], names: &dyn Fn(ThreadId) -> String) -> String {
        let value = |i: Option<usize>| {
            i.and_then(|i| self.versions[i].value.as_ref())
                .map_or_else(|| "?".into(), short_repr)
        };
        // (thread, values from the first one's parent on, lines)
        let mut groups: Vec<(ThreadId, Vec<String>, Vec<u32>)> = Vec::new();
        let mut prev: Option<usize> = None;
        for &i in list {
            let e = &self.versions[i];
            match groups.last_mut() {
                Some((t, values, lines)) if *t == e.thread && e.parent == prev => {
                    values.push(value(Some(i)));
                    if !lines.contains(&e.line) {
                        lines.push(e.line);
                    }
                }
                _ => groups.push((
                    e.thread,
                    vec![value(e.parent), value(Some(i))],
                    vec![e.line],
                )),
            }
            prev = Some(i);
        }
        let mut parts: Vec<String> = groups
            .iter()
            .take(LISTED)
            .map(|(t, values, lines)| {
                let lines: Vec<String> = lines.iter().map(u32::to_string).collect();
                let lines = format!(
                    "line{} {}",
                    if lines.len() > 1 { "s" } else { "" },
                    lines.join(", ")
                );
                let who = names(*t);
                match values.len() {
                    2 => format!("{who}'s update ({}, {lines})", values.join(" → ")),
                    3 => format!("{who}'s updates ({}, {lines})", values.join(" → ")),
                    n => format!(
                        "{who}'s {} updates ({} → … → {}, {lines})",
                        n - 1,
                        values[0],
                        values[n - 1]
                    ),
                }
            })
            .collect();
        if groups.len() > LISTED {
            parts.push(format!("{} more", groups.len() - LISTED));
        }
        match parts.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            Some((last, _)) => last.clone(),
            None => String::new(),
        }
    }
}

/// A shared-state access, as the loop reports it.
pub struct Access<'a> {
    pub thread: ThreadId,
    pub name: &'a str,
    pub loc: Loc,
    pub kind: LocKind,
    pub value: &'a Value,
    pub step: u64,
    pub line: u32,
    /// Identifies the frame activation (load and store must be in the same one).
    pub frame: usize,
}

#[derive(Default)]
pub struct Explainer {
    locations: HashMap<Loc, History>,
    /// Lost updates found, by location name.
    pub lost: Vec<(String, i64)>,
    pub total: i64,
    /// Stale checks found, by location name.
    pub stale_checks: Vec<(String, i64)>,
    /// Stale reads found, by location name.
    pub stale_reads: Vec<(String, i64)>,
    /// Each thread's loads on the line it is running (candidates for a check, should a
    /// conditional jump on that line follow).
    recent: HashMap<ThreadId, Vec<Loc>>,
}

/// What a store did wrong, when it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    LostUpdate,
    StaleCheck,
    StaleRead,
}

impl Finding {
    /// `lost update`, `stale check`, `stale read`.
    pub fn name(self) -> &'static str {
        match self {
            Finding::LostUpdate => "lost update",
            Finding::StaleCheck => "stale check",
            Finding::StaleRead => "stale read",
        }
    }
}

fn bump(list: &mut Vec<(String, i64)>, name: &str, n: i64) {
    match list.iter_mut().find(|(s, _)| s == name) {
        Some((_, c)) => *c += n,
        None => list.push((name.to_string(), n)),
    }
}

/// `a` and `b` are the same heap object (by address; never true for inline values such as
/// ints, whose `is` compares values and so could hide a lost update).
fn same_object(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Native(x), Value::Native(y)) => Arc::ptr_eq(x, y),
        (Value::Instance(x), Value::Instance(y)) => Arc::ptr_eq(x, y),
        (Value::List(x), Value::List(y)) => Arc::ptr_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => Arc::ptr_eq(x, y),
        (Value::Set(x), Value::Set(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

/// A short, side-effect-free repr (never runs user code).
pub fn short_repr(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Float(x) => crate::vm::format::float_repr(*x),
        Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        Value::None => "None".to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Str(_) => {
            let r = crate::vm::object::value::const_repr(v);
            if r.chars().count() > 40 {
                format!("{}…", r.chars().take(39).collect::<String>())
            } else {
                r
            }
        }
        Value::Function(f) => format!("<function {}>", f.qualname.lock()),
        Value::Builtin(b) => format!("<built-in function {}>", b.name),
        Value::Class(c) => format!("<class '{}'>", c.name),
        other => format!("<{} object>", other.type_name()),
    }
}

fn show(kind: LocKind, name: &str) -> String {
    match kind {
        LocKind::Global | LocKind::Cell => name.to_string(),
        LocKind::Attr => format!(".{name}"),
        LocKind::Item => format!("[{name}]"),
    }
}

/// Erased stores listed in a report before "… and N more".
const LISTED: usize = 3;

impl Explainer {
    /// The version a load reads, taken when the load instruction starts (its value is known
    /// one instruction later, and another thread may store in between).
    pub fn begin_load(&mut self, loc: &Loc) -> usize {
        self.locations.entry(loc.clone()).or_default().current()
    }

    /// A load of `version` (from [`Explainer::begin_load`]) completed with `a.value`.
    /// `kept`: the next instruction stores the value in a local.
    pub fn load(&mut self, a: &Access, version: usize, kept: bool) {
        let h = self.locations.entry(a.loc.clone()).or_default();
        if let Some(v) = h.versions.get_mut(version)
            && v.value.is_none()
        {
            v.value = Some(a.value.clone());
        }
        let read = Read {
            version,
            value: a.value.clone(),
            step: a.step,
            line: a.line,
            frame: a.frame,
        };
        match h.reads.get_mut(&a.thread) {
            Some(r) if r.last.frame == a.frame => {
                if kept && r.kept.is_none() {
                    r.kept = Some(read.clone());
                }
                r.last = read;
            }
            _ => {
                h.reads.insert(
                    a.thread,
                    Reads {
                        kept: kept.then(|| read.clone()),
                        last: read,
                        check: None,
                    },
                );
            }
        }
        let recent = self.recent.entry(a.thread).or_default();
        if let Some(prev) = recent.last()
            && self
                .locations
                .get(prev)
                .and_then(|h| h.reads.get(&a.thread))
                .is_none_or(|r| r.last.line != a.line || r.last.frame != a.frame)
        {
            recent.clear();
        }
        recent.push(a.loc.clone());
    }

    /// `thread` runs a conditional jump on `line` in frame `frame`: its loads on that line
    /// were a test (the first of each, since its last store, is the check).
    pub fn conditional_jump(&mut self, thread: ThreadId, frame: usize, line: u32) {
        let Some(recent) = self.recent.get_mut(&thread) else {
            return;
        };
        for loc in recent.drain(..) {
            if let Some(r) = self
                .locations
                .get_mut(&loc)
                .and_then(|h| h.reads.get_mut(&thread))
                && r.last.frame == frame
                && r.last.line == line
                && r.check.is_none()
            {
                r.check = Some(r.last.clone());
            }
        }
    }

    /// Records a store; returns what it did wrong and the report, when it erased other
    /// threads' updates (a lost update) or acted on a value another thread had changed since
    /// this thread read it (a stale check or read).
    pub fn store(
        &mut self,
        a: &Access,
        names: &dyn Fn(ThreadId) -> String,
    ) -> Option<(Finding, String)> {
        let h = self.locations.entry(a.loc.clone()).or_default();
        let current = h.current();
        let reads = h
            .reads
            .remove(&a.thread)
            .filter(|r| r.last.frame == a.frame);
        // Storing the very object that is already bound changes nothing: the update was made
        // in place (`x += 1` on an `AtomicInt64`, `xs += [...]` on a list), so no other
        // thread's store is erased.
        let rebinds_same = h.versions[current]
            .value
            .as_ref()
            .is_some_and(|v| same_object(v, a.value));
        let parent = match &reads {
            Some(r) if !rebinds_same => r.last.version,
            _ => current,
        };
        let erased: Vec<usize> = if parent == current {
            Vec::new()
        } else {
            h.above_common(current, parent)
        };
        let net = h.versions[current].depth as i64 - h.versions[parent].depth as i64;
        // Only the updates made after the load are its story (an older one on the chain was
        // erased and brought back before the load).
        let between: Vec<usize> = match &reads {
            Some(r) => erased
                .iter()
                .rev()
                .copied()
                .filter(|&i| h.versions[i].step > r.last.step)
                .collect(),
            None => Vec::new(),
        };
        // A stale check or read: a test, or a value kept in a local, from before another
        // thread's store that this store follows.
        let stale = match (&reads, rebinds_same) {
            (Some(r), false) if erased.is_empty() => [
                (Finding::StaleCheck, &r.check),
                (Finding::StaleRead, &r.kept),
            ]
            .into_iter()
            .filter_map(|(f, read)| {
                let read = read.as_ref()?;
                let since = h.stored_since(read.step);
                (read.version != current && !since.is_empty()).then(|| (f, read.clone(), since))
            })
            .min_by_key(|(_, read, _)| read.step),
            _ => None,
        };
        let lost_text = (!between.is_empty()).then(|| h.updates_text(&between, names));
        let stale_text = stale
            .as_ref()
            .map(|(_, _, since)| h.updates_text(since, names));
        h.versions.push(Version {
            parent: Some(parent),
            depth: h.versions[parent].depth + 1,
            thread: a.thread,
            value: Some(a.value.clone()),
            step: a.step,
            line: a.line,
        });
        h.current = Some(h.versions.len() - 1);
        // Other threads' reads stay: they may be about to erase this store in turn.
        let reads = reads?;
        let shown = show(a.kind, a.name);
        let me = names(a.thread);
        let stored = short_repr(a.value);
        if !erased.is_empty() {
            self.total += net;
            bump(&mut self.lost, &shown, net);
            let Some(text) = lost_text else {
                // Erased updates all older than the load: counted, not told.
                return None;
            };
            let (was, it) = if between.len() == 1 {
                ("was", "it")
            } else {
                ("were", "them")
            };
            let msg = format!(
                "lost update on {shown}: {text} {was} lost: {me} had read {} (line {}) before \
                 {it} and stored {stored} (line {}) after {it}",
                short_repr(&reads.last.value),
                reads.last.line,
                a.line
            );
            return Some((Finding::LostUpdate, msg));
        }
        let (finding, read, _) = stale?;
        let text = stale_text.unwrap_or_default();
        let read_value = short_repr(&read.value);
        let msg = match finding {
            Finding::StaleCheck => {
                bump(&mut self.stale_checks, &shown, 1);
                format!(
                    "stale check on {shown}: {me} tested it at line {} when it was \
                     {read_value}; {text} came before {me} acted on that test, storing \
                     {stored} at line {}",
                    read.line, a.line
                )
            }
            _ => {
                bump(&mut self.stale_reads, &shown, 1);
                format!(
                    "stale read of {shown}: {me} read {read_value} at line {} and kept it; \
                     {text} came before {me} stored {stored} at line {}: if that was \
                     computed from the old read, the update is lost",
                    read.line, a.line
                )
            }
        };
        Some((finding, msg))
    }

    /// The line printed at exit.
    pub fn summary(&self) -> String {
        let listed = |list: &[(String, i64)]| {
            list.iter()
                .filter(|(_, n)| *n > 0)
                .map(|(name, n)| format!("{n} on {name}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let count = |list: &[(String, i64)]| list.iter().map(|(_, n)| (*n).max(0)).sum::<i64>();
        let mut parts = Vec::new();
        if self.total > 0 {
            parts.push(format!(
                "{} lost update{} ({})",
                self.total,
                if self.total == 1 { "" } else { "s" },
                listed(&self.lost)
            ));
        }
        for (list, what) in [
            (&self.stale_checks, "stale check"),
            (&self.stale_reads, "stale read"),
        ] {
            let n = count(list);
            if n > 0 {
                parts.push(format!(
                    "{n} {what}{} ({})",
                    if n == 1 { "" } else { "s" },
                    listed(list)
                ));
            }
        }
        if parts.is_empty() {
            return "explain: no lost updates, no stale checks or reads".to_string();
        }
        if self.total <= 0 {
            parts.insert(0, "0 lost updates".to_string());
        }
        format!("explain: {}", parts.join("; "))
    }
}

/// Writes one report line to stderr, whole.
pub fn report(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "[explain] {line}");
}

/// A load reported once its value is on the stack (at the next instruction).
pub struct PendingLoad {
    loc: Loc,
    kind: LocKind,
    name: Arc<str>,
    line: u32,
    step: u64,
    frame: usize,
    version: usize,
}

impl Explain {
    /// Called by the observed loop before each instruction while explaining: reports the
    /// previous instruction's shared load (its value is now on top of the stack) and this
    /// instruction's shared store (its value is on the stack, about to be stored).
    #[cold]
    fn step(&self, vm: &mut Vm, frame: &crate::vm::frame::Frame, stack: &[Value], index: usize) {
        use crate::bytecode::{CellIdx, Instruction as I, NameIdx};
        use std::sync::atomic::Ordering;
        let step = self.steps.fetch_add(1, Ordering::Relaxed) + 1;
        let serial = vm.obs.frames.last().map_or(0, |f| f.2);
        let code = &frame.code;
        let line = code.line_at(index);
        let Some(ins) = code.instructions.get(index) else {
            return;
        };
        if let Some(p) = self.pending.lock().remove(&vm.tid)
            && let Some(v) = stack.last()
        {
            let kept = p.frame == serial && matches!(ins, I::StoreFast(_));
            self.detector.lock().load(
                &Access {
                    thread: vm.tid,
                    name: &p.name,
                    loc: p.loc,
                    kind: p.kind,
                    value: v,
                    step: p.step,
                    line: p.line,
                    frame: p.frame,
                },
                p.version,
                kept,
            );
        }
        if matches!(
            ins,
            I::PopJumpIfFalse(_)
                | I::PopJumpIfTrue(_)
                | I::JumpIfFalseOrPop(_)
                | I::JumpIfTrueOrPop(_)
        ) {
            self.detector.lock().conditional_jump(vm.tid, serial, line);
            return;
        }
        let n = stack.len();
        let top = |k: usize| if n > k { stack.get(n - 1 - k) } else { None };
        let ns = || {
            frame.ns.as_ref().map_or(
                std::sync::Arc::as_ptr(&frame.globals),
                std::sync::Arc::as_ptr,
            ) as usize
        };
        let name_of = |i: u32| {
            code.names
                .get(i as usize)
                .cloned()
                .unwrap_or_else(|| Arc::from("?"))
        };
        // A store's value is this deep in the stack when it starts (TOS = 0).
        let store_depth = match ins {
            I::StoreGlobal(_) | I::StoreName(_) | I::StoreDeref(_) => Some(0),
            I::StoreAttr(_) => Some(1),
            I::StoreSubscr => Some(2),
            _ => None,
        };
        let named = |owner: usize, i: u32, kind: LocKind| {
            let name = name_of(i);
            Some((
                Loc {
                    owner,
                    key: name.clone(),
                },
                kind,
                name,
            ))
        };
        let access: Option<(Loc, LocKind, Arc<str>)> = match ins {
            I::LoadGlobal(NameIdx(i)) | I::StoreGlobal(NameIdx(i)) => named(
                std::sync::Arc::as_ptr(&frame.globals) as usize,
                *i,
                LocKind::Global,
            ),
            I::LoadName(NameIdx(i)) | I::StoreName(NameIdx(i)) => named(ns(), *i, LocKind::Global),
            I::LoadAttr(NameIdx(i)) | I::StoreAttr(NameIdx(i)) => {
                top(0).and_then(|obj| named(obj.id(), *i, LocKind::Attr))
            }
            I::BinarySubscr | I::StoreSubscr => match (top(0), top(1)) {
                (Some(key), Some(container)) => {
                    let name: Arc<str> = Arc::from(short_repr(key));
                    let loc = Loc {
                        owner: container.id(),
                        key: name.clone(),
                    };
                    Some((loc, LocKind::Item, name))
                }
                _ => None,
            },
            I::LoadDeref(CellIdx(i)) | I::StoreDeref(CellIdx(i)) => {
                frame.cells.get(*i as usize).map(|cell| {
                    let loc = Loc {
                        owner: std::sync::Arc::as_ptr(cell) as usize,
                        key: Arc::from(""),
                    };
                    (loc, LocKind::Cell, Arc::from(code.cell_name(CellIdx(*i))))
                })
            }
            _ => None,
        };
        let Some((loc, kind, name)) = access else {
            return;
        };
        let stored = store_depth.and_then(top);
        match stored {
            Some(value) => {
                let interp = vm.interp.clone();
                let who = move |t: ThreadId| interp.thread_name(t);
                let msg = self.detector.lock().store(
                    &Access {
                        thread: vm.tid,
                        name: &name,
                        loc,
                        kind,
                        value,
                        step,
                        line,
                        frame: serial,
                    },
                    &who,
                );
                if let Some((finding, m)) = msg {
                    if !self.quiet {
                        vm.interp.flush_stdout();
                        report(&m);
                    }
                    if let Some(sink) = self.sink.lock().as_ref() {
                        sink(vm.tid, &vm.at(), finding, &m);
                    }
                }
            }
            None => {
                let version = self.detector.lock().begin_load(&loc);
                self.pending.lock().insert(
                    vm.tid,
                    PendingLoad {
                        version,
                        loc,
                        kind,
                        name,
                        line,
                        step,
                        frame: serial,
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acc(t: ThreadId, v: &Value, step: u64) -> Access<'_> {
        Access {
            thread: t,
            name: "counter",
            loc: Loc {
                owner: 1,
                key: "counter".into(),
            },
            kind: LocKind::Global,
            value: v,
            step,
            line: 3,
            frame: t.get() as usize,
        }
    }

    fn names(t: ThreadId) -> String {
        format!("T{t}")
    }

    /// Thread `t` loads `v` at `step` (begun and finished at once).
    fn read(e: &mut Explainer, t: u64, v: &Value, step: u64) {
        let a = acc(ThreadId(t), v, step);
        let version = e.begin_load(&a.loc);
        e.load(&a, version, false);
    }

    /// Thread `t` stores `v` at `step`: what it did wrong and the report, if anything.
    fn write(e: &mut Explainer, t: u64, v: &Value, step: u64) -> Option<(Finding, String)> {
        e.store(&acc(ThreadId(t), v, step), &names)
    }

    #[test]
    fn interleaved_increment_loses_one() {
        let mut e = Explainer::default();
        for (t, step) in [(1, 1), (2, 2)] {
            read(&mut e, t, &Value::Int(5), step);
        }
        assert!(write(&mut e, 2, &Value::Int(6), 3).is_none());
        let (finding, msg) = write(&mut e, 1, &Value::Int(6), 4).expect("a report");
        assert_eq!(finding, Finding::LostUpdate);
        assert_eq!(
            msg,
            "lost update on counter: T2's update (5 → 6, line 3) was lost: \
             T1 had read 5 (line 3) before it and stored 6 (line 3) after it"
        );
        assert_eq!(e.total, 1);
    }

    /// Three threads read 5; two erasures happen, but the final value lacks exactly two
    /// updates — the count is the shortfall, not the number of foreign stores seen.
    #[test]
    fn chained_erasures_count_the_shortfall() {
        let mut e = Explainer::default();
        for t in 1..=3 {
            read(&mut e, t, &Value::Int(5), t);
        }
        assert!(write(&mut e, 2, &Value::Int(6), 4).is_none());
        assert!(write(&mut e, 3, &Value::Int(6), 5).is_some());
        assert!(write(&mut e, 1, &Value::Int(6), 6).is_some());
        assert_eq!(e.total, 2);
    }

    #[test]
    fn serialised_updates_are_never_reported() {
        let mut e = Explainer::default();
        let mut v = 0;
        for step in 0..20 {
            let t = step % 3 + 1;
            let loaded = Value::Int(v);
            read(&mut e, t, &loaded, step * 2);
            v += 1;
            assert!(write(&mut e, t, &Value::Int(v), step * 2 + 1).is_none());
        }
        assert_eq!(e.total, 0);
        assert_eq!(
            e.summary(),
            "explain: no lost updates, no stale checks or reads"
        );
    }

    /// The version is taken when the load starts: a store that lands before the loaded value
    /// is seen still counts as erased.
    #[test]
    fn version_is_taken_when_the_load_starts() {
        let mut e = Explainer::default();
        let a = acc(ThreadId(1), &Value::Int(5), 1);
        let v = e.begin_load(&a.loc);
        let b = acc(ThreadId(2), &Value::Int(5), 2);
        let vb = e.begin_load(&b.loc);
        e.load(&b, vb, false);
        assert!(write(&mut e, 2, &Value::Int(6), 3).is_none());
        e.load(&a, v, false);
        assert!(write(&mut e, 1, &Value::Int(6), 4).is_some());
        assert_eq!(e.total, 1);
    }

    /// `x += 1` on an object updated in place (an atomic, a list) stores the object that is
    /// already bound: whatever interleaving, nothing is erased.
    #[test]
    fn storing_back_the_same_object_erases_nothing() {
        let _vm = crate::vm::test_vm();
        let obj = Value::list(vec![]);
        let mut e = Explainer::default();
        for (t, step) in [(1, 1), (2, 2)] {
            read(&mut e, t, &obj, step);
        }
        assert!(write(&mut e, 2, &obj, 3).is_none());
        assert!(write(&mut e, 1, &obj, 4).is_none());
        assert_eq!(e.total, 0);
        // A different object stored over it is still a lost update.
        read(&mut e, 1, &obj, 5);
        assert!(write(&mut e, 2, &Value::list(vec![]), 6).is_none());
        assert!(write(&mut e, 1, &obj, 7).is_some());
    }

    #[test]
    fn blind_stores_erase_nothing() {
        let mut e = Explainer::default();
        read(&mut e, 1, &Value::Int(1), 1);
        assert!(write(&mut e, 2, &Value::Int(7), 2).is_none());
        // T1's store from another frame is not a read-modify-write of its load.
        let mut a = acc(ThreadId(1), &Value::Int(9), 3);
        a.frame = 99;
        assert!(e.store(&a, &names).is_none());
        assert_eq!(e.total, 0);
    }

    /// Check, then act: T1 tests 100, T2 takes 80 (100 → 20), T1 loads 20 afresh and stores
    /// -60. Nothing is erased, but T1 acted on a stale check.
    #[test]
    fn a_stale_check_is_reported() {
        let mut e = Explainer::default();
        let load = |e: &mut Explainer, t: u64, v: i64, step: u64, line: u32| {
            let value = Value::Int(v);
            let mut a = acc(ThreadId(t), &value, step);
            a.line = line;
            let ver = e.begin_load(&a.loc);
            e.load(&a, ver, false);
        };
        load(&mut e, 1, 100, 1, 7);
        e.conditional_jump(ThreadId(1), 1, 7);
        load(&mut e, 2, 100, 2, 7);
        e.conditional_jump(ThreadId(2), 2, 7);
        load(&mut e, 2, 100, 3, 9);
        let twenty = Value::Int(20);
        let mut s2 = acc(ThreadId(2), &twenty, 4);
        s2.line = 9;
        assert!(e.store(&s2, &names).is_none());
        load(&mut e, 1, 20, 5, 9);
        let minus = Value::Int(-60);
        let mut s1 = acc(ThreadId(1), &minus, 6);
        s1.line = 9;
        let (finding, msg) = e.store(&s1, &names).expect("a report");
        assert_eq!(finding, Finding::StaleCheck);
        assert_eq!(
            msg,
            "stale check on counter: T1 tested it at line 7 when it was 100; \
             T2's update (100 → 20, line 9) came before T1 acted on that test, storing -60 at line 9"
        );
        assert_eq!(e.total, 0);
        assert_eq!(
            e.summary(),
            "explain: 0 lost updates; 1 stale check (1 on counter)"
        );
    }

    /// Only the stores made between the load and the store are told, and one thread's run of
    /// updates is told once.
    #[test]
    fn only_the_stores_between_are_listed() {
        let mut e = Explainer::default();
        // T2 reads 5 and is slow; T1 stores 6 (T2 has not read it yet).
        read(&mut e, 2, &Value::Int(5), 1);
        read(&mut e, 1, &Value::Int(5), 2);
        assert!(write(&mut e, 1, &Value::Int(6), 3).is_none());
        // T3 reads 6, T1 goes on 6 → 7 → 8, T2 stores 6 (erasing T1's three).
        read(&mut e, 3, &Value::Int(6), 4);
        for (val, step) in [(7, 5), (8, 6)] {
            let before = Value::Int(val - 1);
            read(&mut e, 1, &before, step * 10);
            assert!(write(&mut e, 1, &Value::Int(val), step * 10 + 1).is_none());
        }
        let (_, msg) = write(&mut e, 2, &Value::Int(6), 70).expect("a report");
        assert_eq!(
            msg,
            "lost update on counter: T1's 3 updates (5 → … → 8, line 3) were lost: \
             T2 had read 5 (line 3) before them and stored 6 (line 3) after them"
        );
        // T3 read 6 at step 4: of the chain above, only T2's store of 6 came after it.
        let (_, msg) = write(&mut e, 3, &Value::Int(7), 80).expect("a report");
        assert_eq!(
            msg,
            "lost update on counter: T2's update (5 → 6, line 3) was lost: \
             T3 had read 6 (line 3) before it and stored 7 (line 3) after it"
        );
    }
}
