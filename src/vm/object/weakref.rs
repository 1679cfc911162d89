//! Weak references: the objects `_weakref.ref` makes, and the table that finds them from the
//! object they refer to (CPython's `tp_weaklistoffset` list, kept beside the objects).
//!
//! A [`WeakRef`] holds a `std::sync::Weak` to the referent's `Arc`; calling it upgrades. What
//! CPython does when the referent goes, gilvm does in two places:
//! - **Reference counting.** An instance whose class has the [`class_flags::WEAKREFD`] bit
//!   (some instance of it was weakly referenced: instances have no spare byte for a flag of
//!   their own) looks itself up in the table when it drops ([`instance_dropped`]): its weak
//!   references are cleared and their callbacks are queued on the dropping thread's
//!   finalizer queue (`finalize.rs`), after its `__del__`, as CPython calls them after
//!   `tp_finalize`. A function, bound method or set that was weakly referenced (its
//!   `weakrefd`), and a class or module ([`object_dropped`], when any weak reference exists)
//!   do the same in their drop. Native objects have no hook: their weak references die with
//!   them (calling gives `None`), but their callbacks run only when the cycle collector
//!   frees them.
//! - **The cycle collector** ([`clear_unreachable`], CPython's `handle_weakrefs`) clears the
//!   weak references to the objects it found unreachable while the world is stopped, before
//!   any `__del__` runs, and returns the callbacks of those weak references that are not
//!   themselves garbage, to be called before the finalizers.
//!
//! **No resurrection.** A weak reference's upgrade takes its `referent` lock and upgrades the
//! `Weak` under it. (1) When the last strong reference goes by counting, `Weak::upgrade` fails
//! from then on (`Arc`'s contract: the strong count never rises from zero). (2) When the
//! collector decides an object is garbage, the collector holds strong references of its own,
//! so `Weak::upgrade` alone could succeed; but the decision is taken in a stopped world (no
//! other thread runs bytecode, and an upgrade is one native call, never a blocking one, so
//! none is half done), and [`clear_unreachable`] sets `referent` to `None` in that same
//! stopped world, before it restarts. An upgrade finished before the stop holds a strong
//! reference the collector counted as an outside reference, so that object was found
//! reachable, not garbage; an upgrade after the stop finds `None`. So no upgrade ever returns
//! an object the collector decided to free.
//!
//! The table is keyed by address. A `WeakRef`'s `Weak` keeps the referent's allocation (not
//! its value), so no other object takes that address while a weak reference to it lives;
//! entries of dead weak references are pruned when one is added or dropped at that address.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock, Weak};

use parking_lot::Mutex;

use crate::vm::Vm;
use crate::vm::object::finalize::{Finalizer, Unraisable, defer_here};
use crate::vm::object::value::Value;
use crate::vm::object::{
    BoundMethod, BuiltinFunction, Class, Function, Instance, Module, NativeObject, Set, class_flags,
};

/// What a weak reference refers to: the kinds CPython can weakly reference that gilvm has.
enum Referent {
    Instance(Weak<Instance>),
    Function(Weak<Function>),
    Builtin(Weak<BuiltinFunction>),
    Method(Weak<BoundMethod>),
    Class(Weak<Class>),
    Set(Weak<Set>),
    Module(Weak<Module>),
    Native(Weak<Box<dyn NativeObject>>),
}

impl Referent {
    fn upgrade(&self) -> Option<Value> {
        Some(match self {
            Referent::Instance(w) => Value::Instance(w.upgrade()?),
            Referent::Function(w) => Value::Function(w.upgrade()?),
            Referent::Builtin(w) => Value::Builtin(w.upgrade()?),
            Referent::Method(w) => Value::Method(w.upgrade()?),
            Referent::Class(w) => Value::Class(w.upgrade()?),
            Referent::Set(w) => Value::Set(w.upgrade()?),
            Referent::Module(w) => Value::Module(w.upgrade()?),
            Referent::Native(w) => Value::Native(w.upgrade()?),
        })
    }
}

/// Whether `v` can be weakly referenced, as in CPython 3.11: instances of user classes
/// (not of subclasses of `int`, `str`, `tuple`, `bytes`, whose objects are variable-sized,
/// nor of classes with `__slots__` lacking `__weakref__`), functions, bound methods,
/// classes, sets and frozensets, modules, and native objects other than weak references.
/// Not: `None`, numbers, strings, tuples, lists, dicts, ranges, code objects.
fn referent_of(v: &Value) -> Option<Referent> {
    Some(match v {
        Value::Instance(i) => {
            if matches!(
                i.base(),
                Some(Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Str(_))
                    | Some(Value::Tuple(_))
            ) || (i.class.flags() & class_flags::SLOTTED != 0
                && i.class.lookup("__weakref__").is_none())
            {
                return None;
            }
            Referent::Instance(Arc::downgrade(i))
        }
        Value::Function(f) => Referent::Function(Arc::downgrade(f)),
        Value::Builtin(f) => Referent::Builtin(Arc::downgrade(f)),
        Value::Method(m) => Referent::Method(Arc::downgrade(m)),
        Value::Class(c) => Referent::Class(Arc::downgrade(c)),
        Value::Set(s) => Referent::Set(Arc::downgrade(s)),
        Value::Module(m) => Referent::Module(Arc::downgrade(m)),
        Value::Native(n) if n.as_any().downcast_ref::<WeakRef>().is_none() => {
            Referent::Native(Arc::downgrade(n))
        }
        _ => return None,
    })
}

/// `weakref.ref(obj, callback)` (or `weakref.proxy`).
pub struct WeakRef {
    /// `None` once the referent is gone (cleared by its drop or by the collector).
    referent: Mutex<Option<Referent>>,
    /// Called with the weak reference when the referent goes; taken then.
    callback: Mutex<Option<Value>>,
    /// The referent's address (its `id()`), the table's key.
    pub addr: usize,
    /// A proxy (`weakref.proxy`) rather than a reference.
    pub proxy: bool,
    /// The referent's hash, once asked for (CPython keeps it after the referent dies).
    pub hash: OnceLock<i64>,
}

impl WeakRef {
    /// The referent, if it is still alive.
    pub fn get(&self) -> Option<Value> {
        self.referent.lock().as_ref()?.upgrade()
    }

    /// `__callback__`: the callback, until it was called.
    pub fn callback(&self) -> Option<Value> {
        self.callback.lock().clone()
    }

    fn clear(&self) -> Option<Value> {
        let old = self.referent.lock().take();
        drop(old);
        self.callback.lock().take()
    }
}

impl Drop for WeakRef {
    /// Prunes the table's entries that no longer lead to a live weak reference.
    fn drop(&mut self) {
        let mut table = TABLE.lock();
        if let Some(list) = table.get_mut(&self.addr) {
            list.retain(|e| e.weak.strong_count() > 0);
            if list.is_empty() {
                table.remove(&self.addr);
            }
        }
        ENTRIES.store(table.len(), Ordering::Relaxed);
    }
}

/// The weak references to each address, in CPython's list order: the plain reference and
/// the plain proxy first, then those with callbacks, the newest first. Nothing is ever
/// dropped under this lock but `Weak`s (dropping a strong handle could reach a `WeakRef`'s
/// drop, which takes the lock again).
static TABLE: LazyLock<Mutex<HashMap<usize, Vec<Entry>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// A weak reference in the table, and whether it was made without a callback.
struct Entry {
    weak: Weak<Box<dyn NativeObject>>,
    plain: bool,
}

/// `TABLE.len()`, read by the collector without the lock: zero (no weak reference at all)
/// keeps its work unchanged.
static ENTRIES: AtomicUsize = AtomicUsize::new(0);

fn as_weakref(n: &Arc<Box<dyn NativeObject>>) -> Option<&WeakRef> {
    n.as_any().downcast_ref::<WeakRef>()
}

/// The live weak references to the object at `addr`, in list order.
fn refs_at(addr: usize) -> Vec<Arc<Box<dyn NativeObject>>> {
    let table = TABLE.lock();
    table
        .get(&addr)
        .map(|l| l.iter().filter_map(|e| e.weak.upgrade()).collect())
        .unwrap_or_default()
}

/// A new weak reference to `target` (with `callback`, a proxy if `proxy`), or the existing
/// plain one CPython would hand out again; `Err` with the type's name if `target` cannot be
/// weakly referenced.
pub fn new_ref(target: &Value, callback: Option<Value>, proxy: bool) -> Result<Value, String> {
    let Some(referent) = referent_of(target) else {
        return Err(target.type_name());
    };
    let addr = target.id();
    let plain = callback.is_none();
    if plain {
        for r in refs_at(addr) {
            if let Some(w) = as_weakref(&r)
                && w.proxy == proxy
                && w.callback.lock().is_none()
                && w.get().is_some()
            {
                return Ok(Value::Native(r));
            }
        }
    }
    match target {
        Value::Instance(i) => i.class.set_flag(class_flags::WEAKREFD),
        Value::Function(f) => f.weakrefd.store(true, Ordering::Relaxed),
        Value::Set(s) => s.weakrefd.store(true, Ordering::Relaxed),
        Value::Method(m) => m.weakrefd.store(true, Ordering::Relaxed),
        _ => {}
    }
    let w = WeakRef {
        referent: Mutex::new(Some(referent)),
        callback: Mutex::new(callback),
        addr,
        proxy,
        hash: OnceLock::new(),
    };
    let b: Box<dyn NativeObject> = Box::new(w);
    let obj = Arc::new(b);
    {
        let mut table = TABLE.lock();
        let list = table.entry(addr).or_default();
        list.retain(|e| e.weak.strong_count() > 0);
        // Plain ones first; one with a callback after them.
        let at = if plain {
            0
        } else {
            list.iter().take_while(|e| e.plain).count()
        };
        list.insert(
            at,
            Entry {
                weak: Arc::downgrade(&obj),
                plain,
            },
        );
        ENTRIES.store(table.len(), Ordering::Relaxed);
    }
    if !plain {
        crate::vm::object::gc::native(&obj);
    }
    Ok(Value::Native(obj))
}

/// `weakref.getweakrefs(obj)`: the weak references to `obj`, alive, in list order.
pub fn refs_to(target: &Value) -> Vec<Value> {
    if referent_of(target).is_none() {
        return Vec::new();
    }
    refs_at(target.id())
        .into_iter()
        .filter(|r| as_weakref(r).is_some_and(|w| w.get().is_some()))
        .map(Value::Native)
        .collect()
}

/// Clears the weak references to the object at `addr`, which is going away, and returns
/// those with a callback (each paired with its callback), in list order.
fn clear_at(addr: usize) -> Vec<(Value, Value)> {
    let list = TABLE.lock().remove(&addr);
    let refs: Vec<_> = list
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e.weak.upgrade())
        .collect();
    {
        let table = TABLE.lock();
        ENTRIES.store(table.len(), Ordering::Relaxed);
    }
    let mut calls = Vec::new();
    for r in refs {
        if let Some(cb) = as_weakref(&r).and_then(WeakRef::clear) {
            calls.push((Value::Native(r), cb));
        }
    }
    calls
}

/// Calls a weak reference's callback; its exception is reported, as CPython does.
fn call_back(vm: &mut Vm, wr: Value, cb: Value) -> Result<(), Unraisable> {
    match vm.call(&cb, &[wr], &[]) {
        Ok(_) => Ok(()),
        Err(err) => Err(Unraisable {
            what: vm
                .repr(&cb)
                .unwrap_or_else(|_| "<object repr() failed>".into()),
            err,
        }),
    }
}

/// An instance whose class has [`class_flags::WEAKREFD`] is dropping (its strong count is
/// zero): clears its weak references and queues their callbacks on this thread.
pub fn instance_dropped(addr: usize) {
    if ENTRIES.load(Ordering::Relaxed) == 0 {
        return;
    }
    for (wr, cb) in clear_at(addr) {
        defer_here(move || -> Finalizer { Box::new(move |vm: &mut Vm| call_back(vm, wr, cb)) });
    }
}

/// A function, bound method, set, class or module is dropping (its strong count is zero)
/// and may have weak references (a function, method or set was weakly referenced once; a
/// class or module is looked up when any weak reference exists): clears them and queues their callbacks on this thread, as for an
/// instance.
pub fn object_dropped(addr: usize) {
    if ENTRIES.load(Ordering::Relaxed) == 0 || !TABLE.lock().contains_key(&addr) {
        return;
    }
    instance_dropped(addr);
}

/// Pending callbacks of weak references the collector cleared.
pub struct Callbacks(Vec<(Value, Value)>);

impl Callbacks {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Calls them (in a running world), reporting their exceptions.
    pub fn run(self, vm: &mut Vm) {
        for (wr, cb) in self.0 {
            if let Err(u) = call_back(vm, wr, cb) {
                vm.write_unraisable(&u);
            }
        }
    }
}

/// CPython's `handle_weakrefs`, for the objects at `garbage` the collector found unreachable
/// (called in the stopped world): clears every weak reference to them (so no upgrade can
/// reach them any more: see the module's proof) and returns the callbacks to call, those of
/// weak references that are not garbage themselves.
pub fn clear_unreachable(garbage: impl Iterator<Item = usize> + Clone) -> Callbacks {
    if ENTRIES.load(Ordering::Relaxed) == 0 {
        return Callbacks(Vec::new());
    }
    let dead: std::collections::HashSet<usize> = garbage.clone().collect();
    let mut calls = Vec::new();
    for addr in garbage {
        if !TABLE.lock().contains_key(&addr) {
            continue;
        }
        for (wr, cb) in clear_at(addr) {
            if !dead.contains(&wr.id()) {
                calls.push((wr, cb));
            }
        }
    }
    Callbacks(calls)
}

/// Whether `==` on the weak reference `v` runs code: it is alive and its referent's does
/// (`value::eq_runs_code`), so that a `WeakSet` or `WeakKeyDictionary` finds an item by an
/// equal one through the referents' `__eq__`, as in CPython.
pub fn eq_runs_code(v: &Value) -> bool {
    let Value::Native(n) = v else {
        return false;
    };
    match as_weakref(n) {
        Some(w) if !w.proxy => w
            .get()
            .is_some_and(|x| crate::vm::object::value::eq_runs_code(&x)),
        _ => false,
    }
}

/// `==` of two weak references as dict and set keys (`value::key_eq`, which runs no user
/// code): both alive and their referents equal as keys, else never (identity was checked).
/// So a `WeakSet` or `WeakKeyDictionary` finds an item by a new reference to it; referents
/// whose class defines `__eq__` match here only when they are the same object, and through
/// their `__eq__` in `keys.rs` ([`eq_runs_code`]).
pub fn key_eq(a: &Value, b: &Value) -> bool {
    let (Value::Native(a), Value::Native(b)) = (a, b) else {
        return false;
    };
    let (Some(a), Some(b)) = (as_weakref(a), as_weakref(b)) else {
        return false;
    };
    if a.proxy || b.proxy {
        return false;
    }
    match (a.get(), b.get()) {
        (Some(x), Some(y)) => crate::vm::object::value::key_eq(&x, &y),
        _ => false,
    }
}
