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
//! A program that holds a lock around its read-modify-writes never has another thread's store
//! between its load and its store, so it is never reported. Nor is a store of the very object
//! already bound (`x += 1` on an `ft_utils` `AtomicInt64`, `xs += [...]` on a list): the
//! update happened in place, and the store changes nothing.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use std::sync::atomic::AtomicU64;

use parking_lot::Mutex;

use crate::threads::ThreadId;
use crate::vm::Vm;
use crate::vm::object::PyResult;
use crate::vm::object::value::Value;
use crate::vm::observe::Observer;

/// `--explain` as the eval loop's observer: the detector, each thread's load waiting for its
/// value, and the global step count.
#[derive(Default)]
pub struct Explain {
    detector: Mutex<Explainer>,
    /// A shared-state load whose value is on the stack at the thread's next instruction.
    pending: Mutex<HashMap<ThreadId, PendingLoad>>,
    /// Instructions executed by all threads (counted while explaining).
    steps: AtomicU64,
}

impl Explain {
    pub fn new() -> Arc<Explain> {
        Arc::new(Explain::default())
    }

    /// The closing line: how many updates were lost, where.
    pub fn summary(&self) -> String {
        self.detector.lock().summary()
    }
}

impl Observer for Explain {
    fn before_instruction(
        &self,
        vm: &mut Vm,
        frame: &crate::vm::frame::Frame,
        stack: &[Value],
        index: usize,
    ) -> PyResult<()> {
        self.step(vm, frame, stack, index);
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
    /// The stored value (None for the value found at the first load: shown from the load).
    value: Option<Value>,
    step: u64,
}

#[derive(Debug, Clone)]
struct Read {
    version: usize,
    value: Value,
    step: u64,
    line: u32,
    frame: usize,
}

#[derive(Default)]
struct History {
    versions: Vec<Version>,
    /// Index of the current version (None: never seen).
    current: Option<usize>,
    /// Each thread's last load since its own last store.
    reads: HashMap<ThreadId, Read>,
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
    pub fn load(&mut self, a: &Access, version: usize) {
        let h = self.locations.entry(a.loc.clone()).or_default();
        h.reads.insert(
            a.thread,
            Read {
                version,
                value: a.value.clone(),
                step: a.step,
                line: a.line,
                frame: a.frame,
            },
        );
    }

    /// Records a store; returns the report when it erased other threads' updates.
    pub fn store(&mut self, a: &Access, names: &dyn Fn(ThreadId) -> String) -> Option<String> {
        let h = self.locations.entry(a.loc.clone()).or_default();
        let current = h.current();
        let read = h.reads.remove(&a.thread).filter(|r| r.frame == a.frame);
        // Storing the very object that is already bound changes nothing: the update was made
        // in place (`x += 1` on an `AtomicInt64`, `xs += [...]` on a list), so no other
        // thread's store is erased.
        let rebinds_same = h.versions[current]
            .value
            .as_ref()
            .is_some_and(|v| same_object(v, a.value));
        let parent = match &read {
            Some(r) if !rebinds_same => r.version,
            _ => current,
        };
        let erased = if parent == current {
            Vec::new()
        } else {
            h.above_common(current, parent)
        };
        let net = h.versions[current].depth as i64 - h.versions[parent].depth as i64;
        h.versions.push(Version {
            parent: Some(parent),
            depth: h.versions[parent].depth + 1,
            thread: a.thread,
            value: Some(a.value.clone()),
            step: a.step,
        });
        h.current = Some(h.versions.len() - 1);
        // Other threads' reads stay: they may be about to erase this store in turn.
        let read = read?;
        if erased.is_empty() {
            return None;
        }
        let shown = show(a.kind, a.name);
        self.total += net;
        match self.lost.iter_mut().find(|(s, _)| *s == shown) {
            Some((_, c)) => *c += net,
            None => self.lost.push((shown.clone(), net)),
        }
        let me = names(a.thread);
        let mut msg = format!(
            "lost update on {shown}: {me} loaded {} (line {}, step {});",
            short_repr(&read.value),
            read.line,
            read.step
        );
        for i in erased.iter().rev().take(LISTED) {
            let e = &h.versions[*i];
            let v = e.value.as_ref().map_or_else(|| "?".into(), short_repr);
            msg.push_str(&format!(
                " {} stored {v} (step {});",
                names(e.thread),
                e.step
            ));
        }
        if erased.len() > LISTED {
            msg.push_str(&format!(" … and {} more;", erased.len() - LISTED));
        }
        let what = if erased.len() == 1 {
            "erasing it".to_string()
        } else {
            format!("erasing {} updates", erased.len())
        };
        msg.push_str(&format!(
            " {me} stored {} at step {} (line {}), {what}",
            short_repr(a.value),
            a.step,
            a.line
        ));
        Some(msg)
    }

    /// The line printed at exit.
    pub fn summary(&self) -> String {
        if self.total <= 0 {
            return "explain: no lost updates".to_string();
        }
        let parts: Vec<String> = self
            .lost
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(name, n)| format!("{n} on {name}"))
            .collect();
        format!(
            "explain: {} lost update{} ({})",
            self.total,
            if self.total == 1 { "" } else { "s" },
            parts.join(", ")
        )
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
        if let Some(p) = self.pending.lock().remove(&vm.tid)
            && let Some(v) = stack.last()
        {
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
            );
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
        let Some(ins) = code.instructions.get(index) else {
            return;
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
                let who = move |t: ThreadId| {
                    interp
                        .thread_names
                        .lock()
                        .get(&t)
                        .cloned()
                        .unwrap_or_else(|| format!("thread {t}"))
                };
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
                if let Some(m) = msg {
                    vm.interp.flush_stdout();
                    report(&m);
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

    #[test]
    fn interleaved_increment_loses_one() {
        let mut e = Explainer::default();
        for (t, step) in [(1, 1), (2, 2)] {
            let a = acc(ThreadId(t), &Value::Int(5), step);
            let v = e.begin_load(&a.loc);
            e.load(&a, v);
        }
        assert!(
            e.store(&acc(ThreadId(2), &Value::Int(6), 3), &names)
                .is_none()
        );
        let msg = e
            .store(&acc(ThreadId(1), &Value::Int(6), 4), &names)
            .expect("a report");
        assert_eq!(
            msg,
            "lost update on counter: T1 loaded 5 (line 3, step 1); T2 stored 6 (step 3); \
             T1 stored 6 at step 4 (line 3), erasing it"
        );
        assert_eq!(e.total, 1);
    }

    /// Three threads read 5; two erasures happen, but the final value lacks exactly two
    /// updates — the count is the shortfall, not the number of foreign stores seen.
    #[test]
    fn chained_erasures_count_the_shortfall() {
        let mut e = Explainer::default();
        for t in 1..=3 {
            let a = acc(ThreadId(t), &Value::Int(5), t);
            let v = e.begin_load(&a.loc);
            e.load(&a, v);
        }
        assert!(
            e.store(&acc(ThreadId(2), &Value::Int(6), 4), &names)
                .is_none()
        );
        assert!(
            e.store(&acc(ThreadId(3), &Value::Int(6), 5), &names)
                .is_some()
        );
        assert!(
            e.store(&acc(ThreadId(1), &Value::Int(6), 6), &names)
                .is_some()
        );
        assert_eq!(e.total, 2);
    }

    #[test]
    fn serialised_updates_are_never_reported() {
        let mut e = Explainer::default();
        let mut v = 0;
        for step in 0..20 {
            let t = step % 3 + 1;
            let loaded = Value::Int(v);
            let a = acc(ThreadId(t), &loaded, step * 2);
            let ver = e.begin_load(&a.loc);
            e.load(&a, ver);
            v += 1;
            assert!(
                e.store(&acc(ThreadId(t), &Value::Int(v), step * 2 + 1), &names)
                    .is_none()
            );
        }
        assert_eq!(e.total, 0);
        assert_eq!(e.summary(), "explain: no lost updates");
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
        e.load(&b, vb);
        assert!(
            e.store(&acc(ThreadId(2), &Value::Int(6), 3), &names)
                .is_none()
        );
        e.load(&a, v);
        assert!(
            e.store(&acc(ThreadId(1), &Value::Int(6), 4), &names)
                .is_some()
        );
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
            let a = acc(ThreadId(t), &obj, step);
            let v = e.begin_load(&a.loc);
            e.load(&a, v);
        }
        assert!(e.store(&acc(ThreadId(2), &obj, 3), &names).is_none());
        assert!(e.store(&acc(ThreadId(1), &obj, 4), &names).is_none());
        assert_eq!(e.total, 0);
        // A different object stored over it is still a lost update.
        let a = acc(ThreadId(1), &obj, 5);
        let v = e.begin_load(&a.loc);
        e.load(&a, v);
        assert!(
            e.store(&acc(ThreadId(2), &Value::list(vec![]), 6), &names)
                .is_none()
        );
        assert!(e.store(&acc(ThreadId(1), &obj, 7), &names).is_some());
    }

    #[test]
    fn blind_stores_erase_nothing() {
        let mut e = Explainer::default();
        let a = acc(ThreadId(1), &Value::Int(1), 1);
        let v = e.begin_load(&a.loc);
        e.load(&a, v);
        assert!(
            e.store(&acc(ThreadId(2), &Value::Int(7), 2), &names)
                .is_none()
        );
        // T1's store from another frame is not a read-modify-write of its load.
        let mut a = acc(ThreadId(1), &Value::Int(9), 3);
        a.frame = 99;
        assert!(e.store(&a, &names).is_none());
        assert_eq!(e.total, 0);
    }
}
