//! The cycle collector: reference counting (`Arc`) frees what is acyclic at once; this finds
//! the groups of container objects that only keep each other alive, and breaks them.
//!
//! It is CPython's collector (`Modules/gcmodule.c`) on `Arc`s:
//! - **Tracking.** Every container that can be part of a cycle (instances, lists, dicts, sets,
//!   cells, functions, bound methods, user classes, and tuples that hold a container) is
//!   registered when it is made, as a `Weak` pointer: in a buffer of the making thread, moved
//!   to its interpreter's [`Heap`] (generation 0) every [`FLUSH`] objects and when the thread
//!   leaves the interpreter; the registrations of objects that died meanwhile are dropped
//!   there, so an object that dies young never counts towards a collection. An object not
//!   (yet) in the heap is simply not a candidate.
//! - **Trial deletion.** For the candidates of a collection (the generation collected and the
//!   younger ones): `gc_refs` = the strong count; every reference from one candidate to another
//!   is subtracted; what is left counts references from outside the candidates (a frame, a
//!   thread's Rust stack, an older object, a module table, a static). Those objects are
//!   reachable, and so is everything they reach. The rest is unreachable: a garbage cycle, or
//!   hanging from one.
//! - **Finalizers, then clearing.** `__del__` runs for unreachable instances that define it
//!   (CPython 3.4+, PEP 442). Whatever a finalizer made reachable again is kept. The rest is
//!   *cleared*: its dict, items or cell are emptied (CPython's `tp_clear`), which drops the
//!   references that formed the cycle, and reference counting frees the objects.
//!   Clearing is always memory-safe: it only drops references through the objects' own locks.
//! - **Generations.** Survivors move to the next generation; generation 0 is collected when
//!   more than `threshold0` objects were tracked since its last collection, generation 1 every
//!   `threshold1` collections of generation 0, generation 2 every `threshold2` of generation 1
//!   (CPython's 700, 10, 10), so the cost stays proportional to new allocation.
//!
//! **When.** Tracking raises the eval breaker's `GC` bit; the running thread collects at its
//! next switch point, holding no lock. Counts and references must not change under the
//! analysis: with the GIL (or a deterministic schedule) the collecting thread is the only one
//! running Python code; free-threaded, it stops the world (`threads/world.rs`, CPython
//! 3.13's `_PyEval_StopTheWorld`): every other thread parks at its next switch point, and a
//! thread in a blocking call (lock, join, sleep, queue, I/O) counts as stopped and waits for
//! the restart before it runs bytecode again. So a parked or waiting thread is exactly where
//! a thread waiting for the GIL would be: the values on its frames and its Rust stack (a
//! native call's arguments and partial results) are strong references the candidates do not
//! account for, so they count as outside references and are kept, never freed. Finalizers
//! run after a restart (a finalizer may wait for another thread); which objects they
//! resurrected is counted, and the garbage cleared, in a stopped world again (dropping runs
//! no Python code and waits for nothing). A finished interpreter collects everything
//! that is left (`Heap::collect_all`), so `explore`'s runs, `race`'s in-process runs and the
//! REPL's `:reset` give their memory back.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Weak};

use parking_lot::Mutex;

use crate::threads::ThreadId;
use crate::threads::breaker::{self, EvalBreaker};
use crate::threads::scheduler::Scheduler;
use crate::vm::Vm;
use crate::vm::object::value::{KeyBuildHasher, Value};
use crate::vm::object::{
    AttrsRef, BoundMethod, Cell, Class, ClassKind, Dict, Function, Instance, List, Module,
    NativeObject, Set, Tuple, class_flags,
};

/// A thread moves its tracked objects to the heap in batches of this many.
const FLUSH: usize = 64;

/// The kinds of container the collector tracks, each a variant of the same name in [`Value`]:
/// a registered one ([`Tracked`], weak), a live one ([`Live`], held for a collection), and
/// the moves between them.
macro_rules! container_kinds {
    ($($kind:ident($ty:ty),)*) => {
        /// A container registered with the collector.
        #[derive(Clone)]
        pub enum Tracked {
            $($kind(Weak<$ty>),)*
        }

        /// A tracked container, alive (held for the time of a collection).
        enum Live {
            $($kind(Arc<$ty>),)*
        }

        /// The container `v` refers to, if it is of a tracked kind.
        fn value_edge(v: &Value) -> Option<Edge<'_>> {
            match v {
                $(Value::$kind(a) => Some(edge(a)),)*
                _ => None,
            }
        }

        impl Tracked {
            /// Whether the object is still alive (its `Weak` keeps only the memory).
            fn is_alive(&self) -> bool {
                match self {
                    $(Tracked::$kind(w) => w.strong_count() > 0,)*
                }
            }

            fn upgrade(&self) -> Option<Live> {
                Some(match self {
                    $(Tracked::$kind(w) => Live::$kind(w.upgrade()?),)*
                })
            }
        }

        impl Live {
            fn addr(&self) -> usize {
                match self {
                    $(Live::$kind(a) => addr(a),)*
                }
            }

            fn slot(&self) -> Option<&GcSlot> {
                match self {
                    $(Live::$kind(a) => a.slot(),)*
                }
            }

            fn strong_count(&self) -> usize {
                match self {
                    $(Live::$kind(a) => Arc::strong_count(a),)*
                }
            }

            fn tracked(&self) -> Tracked {
                match self {
                    $(Live::$kind(a) => Tracked::$kind(Arc::downgrade(a)),)*
                }
            }
        }
    };
}

container_kinds! {
    Instance(Instance),
    List(List),
    Dict(Dict),
    Set(Set),
    Cell(Cell),
    Function(Function),
    Tuple(Tuple),
    Method(BoundMethod),
    Class(Class),
    Module(Module),
    Native(Box<dyn NativeObject>),
}

fn addr<T: ?Sized>(a: &Arc<T>) -> usize {
    Arc::as_ptr(a) as *const u8 as usize
}

/// Where the collection that holds a container among its candidates finds its entry: the
/// index in the candidate list (CPython keeps `gc_refs` in the object's header for the
/// same reason: a hash table from addresses to entries was a fifth of a run that makes
/// cycles in a loop). A slot is only a hint: an entry is used only if the candidate at that
/// index *is* the object (same address; a candidate is alive, so no other object has its
/// address), so a stale index, or one a collection of another interpreter wrote, can only
/// make a reference go uncounted, which keeps an object alive, never frees one.
#[derive(Debug, Default)]
pub struct GcSlot(AtomicU32);

/// The kinds that carry a [`GcSlot`]; the others (immutable ones, native objects) are found
/// by address.
trait Slotted {
    fn slot(&self) -> Option<&GcSlot> {
        None
    }
}

macro_rules! slotted {
    ($($ty:ty),*) => {$(
        impl Slotted for $ty {
            fn slot(&self) -> Option<&GcSlot> {
                Some(&self.gc)
            }
        }
    )*};
}
slotted!(Instance, List, Dict, Set, Cell, Function, Class, Module);
impl Slotted for Tuple {}
impl Slotted for BoundMethod {}
impl Slotted for Box<dyn NativeObject> {}

/// A reference from one container to another, as `traverse` reports it.
#[derive(Clone, Copy)]
struct Edge<'a> {
    addr: usize,
    slot: Option<&'a GcSlot>,
}

fn edge<T: Slotted>(a: &Arc<T>) -> Edge<'_> {
    Edge {
        addr: addr(a),
        slot: a.slot(),
    }
}

/// Whether a tuple holding `v` can be part of a cycle (CPython tracks only those tuples).
pub fn is_container(v: &Value) -> bool {
    value_edge(v).is_some()
}

fn visit_dict(d: &Dict, f: &mut impl FnMut(Edge<'_>)) {
    for (k, v) in d.map.lock().iter() {
        if let Some(e) = value_edge(&k.value) {
            f(e);
        }
        if let Some(e) = value_edge(v) {
            f(e);
        }
    }
}

fn visit_values<'a>(vs: impl IntoIterator<Item = &'a Value>, f: &mut impl FnMut(Edge<'_>)) {
    for v in vs {
        if let Some(e) = value_edge(v) {
            f(e);
        }
    }
}

impl Live {
    /// The strong count, less the one this collection holds.
    fn outside_refs(&self) -> usize {
        self.strong_count() - 1
    }

    /// Calls `f` with every container this one refers to (`tp_traverse`).
    #[inline]
    fn traverse(&self, f: &mut impl FnMut(Edge<'_>)) {
        match self {
            Live::Instance(i) => {
                f(edge(&i.class));
                // A dict handed out as `__dict__` is an object of its own (tracked since):
                // the instance refers to it, and it reports its contents itself.
                i.visit_attrs(|a| match a {
                    AttrsRef::Dict(d) => f(edge(d)),
                    AttrsRef::Value(v) => visit_values([v], f),
                });
                visit_values(i.base(), f);
                if let Some(e) = i.exc() {
                    visit_values(e.args.lock().iter(), f);
                    visit_values(e.context.lock().iter(), f);
                    visit_values(e.cause.lock().iter(), f);
                    visit_values(e.fields.lock().iter().map(|(_, v)| v), f);
                    visit_values(
                        e.traceback.lock().iter().filter_map(|t| t.frame.as_ref()),
                        f,
                    );
                }
            }
            Live::List(l) => visit_values(l.items.lock().iter(), f),
            Live::Dict(d) => visit_dict(d, f),
            Live::Set(s) => {
                let items = s.items.lock();
                visit_values(items.iter().map(|k| &k.value), f);
            }
            Live::Cell(c) => visit_values(c.value.lock().iter(), f),
            Live::Function(func) => {
                f(edge(&func.globals));
                visit_values(func.defaults.lock().iter(), f);
                visit_values(func.kwdefaults.lock().iter().map(|(_, v)| v), f);
                for c in &func.closure {
                    f(edge(c));
                }
                visit_values(func.annotations.lock().iter(), f);
                visit_dict(&func.attrs, f);
            }
            Live::Tuple(t) => visit_values(t.0.iter(), f),
            Live::Method(m) => visit_values([&m.func, &m.self_], f),
            Live::Class(c) => {
                // Every `Arc` the class holds: `__base__`, `__bases__`, the MRO after it,
                // the metaclass (its subclass list holds `Weak`s).
                let held = c.base.iter().chain(&c.bases).chain(c.mro().skip(1));
                for k in held.chain(&c.metaclass) {
                    f(edge(k));
                }
                visit_dict(&c.dict, f);
            }
            Live::Module(m) => f(edge(&m.dict)),
            Live::Native(n) => n.referents(&mut |v| {
                if let Some(e) = value_edge(v) {
                    f(e)
                }
            }),
        }
    }

    /// Drops the references this container holds (`tp_clear`); what they held is dropped
    /// after each lock is released.
    fn clear(&self) {
        match self {
            Live::Instance(i) => {
                // A dict may be reachable without the instance: it is cleared on its own if
                // it is garbage too.
                i.clear_attrs();
                if let Some(e) = i.exc() {
                    drop(std::mem::take(&mut *e.args.lock()));
                    drop(e.context.lock().take());
                    drop(e.cause.lock().take());
                    drop(std::mem::take(&mut *e.fields.lock()));
                    drop(std::mem::take(&mut *e.traceback.lock()));
                }
            }
            Live::List(l) => drop(std::mem::take(&mut *l.items.lock())),
            Live::Dict(d) => drop(std::mem::take(&mut *d.lock_mut())),
            Live::Set(s) => drop(s.items.lock().take()),
            Live::Cell(c) => {
                let v = c.value.lock().take();
                drop(v)
            }
            Live::Function(func) => {
                drop(std::mem::take(&mut *func.attrs.lock_mut()));
                drop(func.annotations.lock().take());
            }
            Live::Class(c) => drop(std::mem::take(&mut *c.dict.lock_mut())),
            // Immutable: their cycles pass through a mutable container, which is cleared.
            Live::Tuple(_) | Live::Method(_) | Live::Module(_) | Live::Native(_) => {}
        }
    }
}

/// CPython's default thresholds.
const THRESHOLDS: [usize; 3] = [700, 10, 10];

/// The tracked objects of one interpreter, by generation, and the collector's settings.
pub struct Heap {
    gens: Mutex<[Vec<Tracked>; 3]>,
    /// `gc.get_threshold()`.
    thresholds: Mutex<[usize; 3]>,
    /// `gc.get_count()`: objects tracked since generation 0 was collected, and collections
    /// of each generation since the next one was.
    counts: [AtomicUsize; 3],
    enabled: AtomicBool,
    /// One collection at a time (a finalizer that calls `gc.collect()` gets 0).
    collecting: AtomicBool,
    /// While automatic collection is off: how many registrations the generations may hold
    /// before the dead ones are dropped ([`Heap::add`]).
    prune_at: AtomicUsize,
    breaker: Arc<EvalBreaker>,
}

/// The fewest registrations [`Heap::add`] prunes at.
const PRUNE_MIN: usize = 16_384;

impl Heap {
    pub fn new(breaker: Arc<EvalBreaker>) -> Heap {
        Heap {
            gens: Mutex::new(Default::default()),
            thresholds: Mutex::new(THRESHOLDS),
            counts: Default::default(),
            enabled: AtomicBool::new(true),
            collecting: AtomicBool::new(false),
            prune_at: AtomicUsize::new(PRUNE_MIN),
            breaker,
        }
    }

    fn add(&self, objs: &mut Vec<Tracked>) {
        let n = objs.len();
        let mut gens = self.gens.lock();
        gens[0].append(objs);
        let count = self.counts[0].fetch_add(n, Ordering::Relaxed) + n;
        let threshold = self.thresholds.lock()[0];
        if threshold != 0 && self.enabled.load(Ordering::Relaxed) {
            drop(gens);
            if count > threshold {
                self.breaker.fetch_or(breaker::GC, Ordering::Relaxed);
            }
            return;
        }
        // No automatic collection (`gc.disable()`, a threshold of 0): a registration is a
        // `Weak`, which keeps a dead object's memory until a collection drops it, so a
        // program that makes and drops objects would grow without bound (CPython frees an
        // acyclic object at once, collector or not). Drop the dead ones whenever the
        // registrations have doubled since the last time: amortised, one look at each.
        let total: usize = gens.iter().map(Vec::len).sum();
        if total > self.prune_at.load(Ordering::Relaxed) {
            for g in gens.iter_mut() {
                g.retain(Tracked::is_alive);
            }
            let left: usize = gens.iter().map(Vec::len).sum();
            self.prune_at
                .store((2 * left).max(PRUNE_MIN), Ordering::Relaxed);
        }
    }

    /// How many objects the generations hold registered, dead or alive.
    #[cfg(test)]
    fn registered(&self) -> usize {
        self.gens.lock().iter().map(Vec::len).sum()
    }

    pub fn set_enabled(&self, on: bool) {
        self.enabled.store(on, Ordering::Relaxed);
    }
    pub fn is_enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }
    pub fn counts(&self) -> [usize; 3] {
        [0, 1, 2].map(|g| self.counts[g].load(Ordering::Relaxed))
    }
    pub fn thresholds(&self) -> [usize; 3] {
        *self.thresholds.lock()
    }
    pub fn set_thresholds(&self, t: [usize; 3]) {
        *self.thresholds.lock() = t;
    }
    /// Every tracked object still alive (`gc.get_objects()`), after this thread's buffer.
    pub fn objects(&self) -> Vec<Value> {
        flush();
        let gens = self.gens.lock().clone();
        gens.iter()
            .flatten()
            .filter_map(|t| {
                Some(match t.upgrade()? {
                    Live::Instance(a) => Value::Instance(a),
                    Live::List(a) => Value::List(a),
                    Live::Dict(a) => Value::Dict(a),
                    Live::Set(a) => Value::Set(a),
                    Live::Cell(a) => Value::Cell(a),
                    Live::Function(a) => Value::Function(a),
                    Live::Tuple(a) => Value::Tuple(a),
                    Live::Method(a) => Value::Method(a),
                    Live::Class(a) => Value::Class(a),
                    Live::Module(a) => Value::Module(a),
                    Live::Native(a) => Value::Native(a),
                })
            })
            .collect()
    }

    /// The generation an automatic collection should take now (CPython's
    /// `gc_collect_generations`), if any.
    fn due(&self) -> Option<usize> {
        let t = self.thresholds();
        if t[0] == 0 || !self.is_enabled() {
            return None;
        }
        let c = self.counts();
        (0..3).rev().find(|&g| c[g] > t[g])
    }

    /// Collects generation `generation` and the younger ones; the number of unreachable
    /// objects found. `vm`, when given, runs `__del__` methods.
    pub fn collect(&self, generation: usize, vm: Option<&mut Vm>) -> usize {
        if self.collecting.swap(true, Ordering::Acquire) {
            return 0;
        }
        flush();
        // Counts and references must not change under the analysis: free-threaded, every
        // other thread is parked at a safe point or detached meanwhile; with the GIL or a
        // deterministic schedule this thread is the only one running already.
        let world = vm.as_ref().map(|vm| World {
            sched: vm.interp.sched.clone(),
            tid: vm.tid,
        });
        let stopped = world.as_ref().map(World::stop);
        let generation = generation.min(2);
        let candidates: Vec<Tracked> = {
            let mut gens = self.gens.lock();
            let mut all = Vec::new();
            for g in gens.iter_mut().take(generation + 1) {
                all.append(g);
            }
            all
        };
        // Each live candidate with its registration: survivors keep theirs (no new `Weak`).
        let mut tracked = Vec::with_capacity(candidates.len());
        let mut live = Vec::with_capacity(candidates.len());
        for t in candidates {
            if let Some(l) = t.upgrade() {
                live.push(l);
                tracked.push(t);
            }
        }
        let keep = partition(&live);
        let (reachable, unreachable) = split(live, &keep);
        // Survivors move one generation up (the oldest stays).
        {
            let survivors = split(tracked, &keep).0;
            let mut gens = self.gens.lock();
            let to = (generation + 1).min(2);
            gens[to].extend(survivors);
        }
        for g in 0..=generation {
            self.counts[g].store(0, Ordering::Relaxed);
        }
        if generation < 2 {
            self.counts[generation + 1].fetch_add(1, Ordering::Relaxed);
        }
        drop(reachable);
        let found = unreachable.len();
        // Weak references to the garbage are cleared while the world is still stopped, so
        // none can hand it out again (`weakref.rs`); their callbacks run before `__del__`, as
        // CPython's `handle_weakrefs` comes before `finalize_garbage`. Without any weak
        // reference this is one relaxed load.
        let callbacks =
            crate::vm::object::weakref::clear_unreachable(unreachable.iter().map(Live::addr));
        let (garbage, stopped) = match (vm, &world) {
            (Some(vm), Some(world)) if !callbacks.is_empty() || has_finalizers(&unreachable) => {
                // The callbacks and finalizers run in a running world (as in CPython 3.13's
                // free-threaded collector: one may wait for another thread); which objects
                // they made reachable again is counted in a stopped world again.
                drop(stopped);
                callbacks.run(vm);
                finalize(vm, &unreachable);
                let stopped = world.stop();
                let keep = partition(&unreachable);
                let (resurrected, garbage) = split(unreachable, &keep);
                self.gens.lock()[2].extend(resurrected.iter().map(Live::tracked));
                (garbage, Some(stopped))
            }
            _ => (unreachable, stopped),
        };
        // Cleared before the restart, as under the GIL, where the collecting thread holds it
        // while it clears: dropping runs no Python code and waits for nothing (`finalize.rs`
        // defers what a drop needs run), and threads that make garbage faster than one thread
        // clears it would otherwise outrun the collector.
        for obj in &garbage {
            obj.clear();
        }
        drop(garbage);
        drop(stopped);
        self.collecting.store(false, Ordering::Release);
        found
    }

    /// Collects everything left when the interpreter is finished (no finalizers run).
    pub fn collect_all(&self) -> usize {
        self.collect(2, None)
    }
}

/// The candidates of one collection, found from the references to them.
struct Index<'a> {
    live: &'a [Live],
    /// The candidates without a [`GcSlot`], by address (the runtime's multiplicative key
    /// hasher: SipHash cost a tenth of a run that makes cycles in a loop).
    by_addr: HashMap<usize, usize, KeyBuildHasher>,
}

impl<'a> Index<'a> {
    fn new(live: &'a [Live]) -> Index<'a> {
        let mut by_addr = HashMap::default();
        for (i, o) in live.iter().enumerate() {
            match (o.slot(), u32::try_from(i)) {
                (Some(s), Ok(i)) => s.0.store(i, Ordering::Relaxed),
                _ => {
                    by_addr.insert(o.addr(), i);
                }
            }
        }
        Index { live, by_addr }
    }

    /// The index of the candidate `e` refers to, if it is one.
    #[inline]
    fn find(&self, e: Edge<'_>) -> Option<usize> {
        match e.slot {
            Some(s) => {
                let i = s.0.load(Ordering::Relaxed) as usize;
                match self.live.get(i) {
                    Some(o) if o.addr() == e.addr => Some(i),
                    // Not a candidate, or one past `u32::MAX`.
                    _ => self.by_addr.get(&e.addr).copied(),
                }
            }
            None => self.by_addr.get(&e.addr).copied(),
        }
    }
}

/// Trial deletion: which of `live` are reachable.
fn partition(live: &[Live]) -> Vec<bool> {
    let index = Index::new(live);
    let mut refs: Vec<isize> = live.iter().map(|o| o.outside_refs() as isize).collect();
    for o in live {
        o.traverse(&mut |e| {
            if let Some(j) = index.find(e) {
                refs[j] -= 1;
            }
        });
    }
    let mut reachable = vec![false; live.len()];
    let mut stack: Vec<usize> = (0..live.len()).filter(|&i| refs[i] > 0).collect();
    for &i in &stack {
        reachable[i] = true;
    }
    while let Some(i) = stack.pop() {
        live[i].traverse(&mut |e| {
            if let Some(j) = index.find(e)
                && !reachable[j]
            {
                reachable[j] = true;
                stack.push(j);
            }
        });
    }
    reachable
}

/// Splits `items` by `keep`.
fn split<T>(items: Vec<T>, keep: &[bool]) -> (Vec<T>, Vec<T>) {
    let kept = keep.iter().filter(|&&k| k).count();
    let mut r = Vec::with_capacity(kept);
    let mut u = Vec::with_capacity(items.len() - kept);
    for (o, &k) in items.into_iter().zip(keep) {
        if k { r.push(o) } else { u.push(o) }
    }
    (r, u)
}

/// Whether an instance's class defines `__del__` (the class's flag first: a lookup of
/// `__del__` through the MRO for every instance of a collection cost a twentieth of a run
/// that makes cycles in a loop).
fn may_have_del(i: &Instance) -> bool {
    i.class.flags() & class_flags::DEL != 0 && i.class.kind == ClassKind::User
}

/// Whether an unreachable instance has a `__del__` that has not run yet.
fn has_finalizers(unreachable: &[Live]) -> bool {
    unreachable.iter().any(|o| {
        matches!(o, Live::Instance(i)
            if may_have_del(i)
                && !i.finalized.load(Ordering::Relaxed)
                && i.class.lookup("__del__").is_some())
    })
}

/// Runs `__del__` of the unreachable instances that define it (once per object); objects a
/// finalizer made reachable again (stored somewhere) are found by the caller's second look.
fn finalize(vm: &mut Vm, unreachable: &[Live]) {
    for o in unreachable {
        if let Live::Instance(i) = o
            && may_have_del(i)
            && !i.finalized.swap(true, Ordering::Relaxed)
            && let Some(del) = i.class.lookup("__del__")
        {
            let this = Value::Instance(i.clone());
            if let Err(err) = vm.call(&del, &[this], &[]) {
                let what = vm
                    .repr(&del)
                    .unwrap_or_else(|_| "<object repr() failed>".to_string());
                vm.write_unraisable(&crate::vm::object::finalize::Unraisable { err, what });
            }
        }
    }
}

/// Who stops the world for a collection: the collecting thread, through its scheduler.
struct World {
    sched: Arc<dyn Scheduler>,
    tid: ThreadId,
}

/// The world is stopped while this lives.
struct Stopped<'a>(&'a World);

impl World {
    fn stop(&self) -> Stopped<'_> {
        self.sched.stop_the_world(self.tid);
        Stopped(self)
    }
}

impl Drop for Stopped<'_> {
    fn drop(&mut self) {
        self.0.sched.start_the_world(self.0.tid);
    }
}

/// This thread's interpreter heap and its tracked objects not yet handed to it.
struct Local {
    heap: Option<Arc<Heap>>,
    buf: Vec<Tracked>,
}

thread_local! {
    static LOCAL: RefCell<Local> = const { RefCell::new(Local { heap: None, buf: Vec::new() }) };
}

/// Registers a new container with the heap of the interpreter this thread runs.
#[inline]
pub fn track(t: impl FnOnce() -> Tracked) {
    LOCAL.with(|l| {
        let Ok(mut l) = l.try_borrow_mut() else {
            return;
        };
        if l.heap.is_none() {
            return;
        }
        l.buf.push(t());
        if l.buf.len() >= FLUSH {
            // Most objects die young: drop the registrations of those that died already,
            // which gives their memory back now (a registration is a `Weak`), while it is
            // still in the cache, for the next objects made; and only the survivors count
            // towards a collection, as CPython's generation-0 count is allocations minus
            // deallocations.
            l.buf.retain(Tracked::is_alive);
            if l.buf.len() < FLUSH / 2 {
                return;
            }
            let Local { heap, buf } = &mut *l;
            if let Some(h) = heap {
                h.add(buf);
            }
        }
    });
}

/// Hands this thread's buffer to its heap.
pub fn flush() {
    LOCAL.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            let Local { heap, buf } = &mut *l;
            if let Some(h) = heap {
                h.add(buf);
            } else {
                buf.clear();
            }
        }
    });
}

/// While alive, containers this thread makes are tracked in `heap`; on drop the thread's
/// buffer goes to `heap` and the previous heap (an interpreter inside an interpreter's
/// thread: `multiprocessing`, `race`) is restored.
pub struct Enter {
    previous: Option<Arc<Heap>>,
}

pub fn enter(heap: &Arc<Heap>) -> Enter {
    flush();
    let previous = LOCAL.with(|l| l.borrow_mut().heap.replace(heap.clone()));
    Enter { previous }
}

impl Drop for Enter {
    fn drop(&mut self) {
        flush();
        let previous = self.previous.take();
        LOCAL.with(|l| l.borrow_mut().heap = previous);
    }
}

// ----- registration helpers, called where containers are made ----------------------------

/// `pub fn NAME(a: &Arc<TYPE>)`: registers a container that is always tracked.
macro_rules! always_tracked {
    ($($name:ident: $ty:ty => $variant:ident;)*) => {$(
        pub fn $name(a: &Arc<$ty>) {
            track(|| Tracked::$variant(Arc::downgrade(a)));
        }
    )*};
}

always_tracked! {
    instance: Instance => Instance;
    list: List => List;
    dict: Dict => Dict;
    set: Set => Set;
    cell: Cell => Cell;
    function: Function => Function;
    method: BoundMethod => Method;
    class: Class => Class;
    module: Module => Module;
}

/// A native object is tracked only if it holds a container (`NativeObject::referents`).
pub fn native(a: &Arc<Box<dyn NativeObject>>) {
    let mut holds = false;
    a.referents(&mut |v| holds |= is_container(v));
    if holds {
        track(|| Tracked::Native(Arc::downgrade(a)));
    }
}
/// A tuple is tracked only if it holds a container (it cannot be in a cycle otherwise).
pub fn tuple(a: &Arc<Tuple>) {
    if a.0.iter().any(is_container) {
        track(|| Tracked::Tuple(Arc::downgrade(a)));
    }
}

impl Vm {
    /// The automatic collection, at a switch point, when the `GC` bit was raised.
    pub(crate) fn collect_garbage_if_due(&mut self) {
        self.interp
            .eval_breaker
            .fetch_and(!breaker::GC, Ordering::Relaxed);
        let heap = self.interp.heap.clone();
        if let Some(g) = heap.due() {
            heap.collect(g, Some(self));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With automatic collection off, objects that die by reference counting give their
    /// memory back: the registrations of dead objects are dropped as they pile up, and the
    /// live ones are kept.
    #[test]
    fn dead_objects_are_not_kept_while_collection_is_off() {
        let heap = Arc::new(Heap::new(Arc::new(EvalBreaker::new())));
        heap.set_enabled(false);
        let _in = enter(&heap);
        let kept: Vec<Value> = (0..1000).map(|_| Value::list(Vec::new())).collect();
        for _ in 0..200_000 {
            drop(Value::list(Vec::new()));
        }
        flush();
        let registered = heap.registered();
        assert!(
            registered <= 2 * PRUNE_MIN + 1000,
            "{registered} registrations for 1,000 live objects"
        );
        assert_eq!(heap.objects().len(), kept.len());
        // Back on, a collection finds nothing to free among the live ones.
        heap.set_enabled(true);
        assert_eq!(heap.collect(2, None), 0);
        assert_eq!(heap.objects().len(), kept.len());
    }

    /// Objects that die young neither reach the heap nor count towards a collection (CPython's
    /// generation-0 count is allocations minus deallocations), and their memory comes back
    /// before they would: the registrations that reach the heap are the survivors'.
    #[test]
    fn objects_that_die_young_do_not_count() {
        let heap = Arc::new(Heap::new(Arc::new(EvalBreaker::new())));
        let _in = enter(&heap);
        for _ in 0..100_000 {
            drop(Value::list(Vec::new()));
        }
        let kept: Vec<Value> = (0..100).map(|_| Value::list(Vec::new())).collect();
        flush();
        assert_eq!(heap.registered(), kept.len());
        assert_eq!(heap.counts()[0], kept.len());
    }
}
