//! The heap objects a `Value` points to.
//!
//! Each object that can change guards itself with its own lock (PEP 703's per-object critical
//! sections), so that any number of threads may use it at once, with or without a GIL, and no
//! object is ever seen half-updated. Locks are leaf locks: they are held only for the duration
//! of one operation on that object, never while calling Python code, never while taking another
//! object's lock, and never across a blocking wait — so they cannot deadlock with each other or
//! with the GIL. Code that must call Python code on an element (a `sort` key, `repr` of an
//! element) first copies what it needs out of the lock.

pub mod attrs;
pub mod code;
pub mod complex;
pub mod exceptions;
pub mod finalize;
pub mod gc;
mod instance;
pub mod pure_cmp;
pub mod registry;
pub mod set_table;
pub mod value;
pub mod weakref;

use std::any::Any;
use std::sync::Arc;
use std::sync::atomic::{
    AtomicBool, AtomicI64, AtomicU32, AtomicU64, AtomicUsize, Ordering, fence,
};

use num_bigint::BigInt;
use parking_lot::Mutex;

use crate::vm::Vm;
use crate::vm::leaf_lock::{LeafGuard, LeafMutex};
use crate::vm::object::attrs::SharedKeys;
use crate::vm::object::code::Code;
use crate::vm::object::gc::GcSlot;
use crate::vm::object::value::{
    HashKey, KeyMap, KeySet, PyStr, PyStrKey, StrKey, Value, eq_runs_code, intern, str_hash,
};

pub use instance::{AttrsRef, Instance};

pub type PyResult<T> = Result<T, crate::vm::object::exceptions::PyErr>;

/// Keyword arguments as passed to a native function: names in call order.
pub type KwArgs = [(Arc<str>, Value)];

/// A function implemented in Rust. Methods receive `self` as `args[0]`.
pub type NativeFn = fn(&mut Vm, &[Value], &KwArgs) -> PyResult<Value>;

/// An immutable tuple.
#[derive(Debug)]
pub struct Tuple(pub Vec<Value>);

#[derive(Debug, Default)]
pub struct List {
    pub items: LeafMutex<Vec<Value>>,
    pub gc: GcSlot,
}

impl Drop for List {
    /// Last item first, as CPython's `list_dealloc` (the order `__del__` methods see).
    fn drop(&mut self) {
        std::mem::take(self.items.get_mut())
            .into_iter()
            .rev()
            .for_each(drop);
    }
}

impl List {
    pub fn new(items: Vec<Value>) -> List {
        List {
            items: LeafMutex::new(items),
            gc: GcSlot::default(),
        }
    }
    pub fn len(&self) -> usize {
        self.items.lock().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// A copy of the elements, taken under the lock (for code that calls back into Python).
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.lock().clone()
    }
    pub fn push(&self, v: Value) {
        self.items.lock().push(v)
    }
    pub fn get(&self, i: usize) -> Option<Value> {
        self.items.lock().get(i).cloned()
    }
}

/// A dict: insertion-ordered, keys hashed by Python's rules.
#[derive(Debug, Default)]
pub struct Dict {
    /// Read through this lock freely; change the map only through `Dict`'s methods or the
    /// guard of [`Dict::lock_mut`] (which count the change in `version`), and call
    /// [`Dict::note_insert`] for each entry inserted through that guard.
    /// A leaf lock ([`LeafMutex`]): lookups are the interpreter's most frequent locking.
    pub map: LeafMutex<KeyMap<Value>>,
    /// Bumped, under the lock, by every change to the map: lookup caches (`LOAD_GLOBAL`,
    /// class attributes) compare it to the version they filled from.
    version: AtomicU64,
    /// Set once a data descriptor (a `property`: the only native value `setattr` defers to)
    /// has been stored, never cleared. A class whose MRO dicts all have it clear has no
    /// data descriptor, so `STORE_ATTR` on its instances skips the class lookups.
    may_hold_property: AtomicBool,
    /// One bit per key hash ever inserted (bit `hash >> 58`), never cleared: a name whose bit
    /// is clear is certainly absent, which `LOAD_METHOD` and attribute misses learn without
    /// taking the lock (instances rarely shadow their methods).
    key_bits: AtomicU64,
    /// Set once a key whose `==` may run user code was stored, never cleared: lookups of
    /// plain keys in a dict that never held one skip `ops/keys.rs`'s slow path.
    user_eq_keys: AtomicBool,
    pub gc: GcSlot,
}

/// A data descriptor: a value in a class dict that takes over `setattr` (`ops/attr.rs`).
#[inline]
pub fn is_property(v: &Value) -> bool {
    matches!(v, Value::Native(n) if n.type_name() == "property")
}

/// What may be a data descriptor in a class dict: a property, or an instance (whose class
/// may define `__set__`). Sets [`Dict::may_hold_property`].
#[inline]
fn may_be_descriptor(v: &Value) -> bool {
    matches!(v, Value::Instance(_)) || is_property(v)
}

/// A data descriptor found on a class: a property, or an instance whose class defines
/// `__set__` or `__delete__`.
pub fn is_data_descriptor(v: &Value) -> bool {
    match v {
        Value::Instance(i) => {
            i.class.lookup("__set__").is_some() || i.class.lookup("__delete__").is_some()
        }
        v => is_property(v),
    }
}

#[inline]
fn key_bit(hash: i64) -> u64 {
    1 << ((hash as u64) >> 58)
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }
    /// An empty dict with room for `n` entries (none allocated for 0).
    pub fn with_capacity(n: usize) -> Dict {
        if n == 0 {
            return Dict::default();
        }
        Dict {
            map: LeafMutex::new(KeyMap::with_capacity_and_hasher(n, Default::default())),
            ..Dict::default()
        }
    }
    pub fn from_map(map: KeyMap<Value>) -> Dict {
        let may_hold_property = map.values().any(may_be_descriptor);
        let key_bits = map.keys().fold(0, |bits, k| bits | key_bit(k.hash));
        let user_eq_keys = map.keys().any(|k| eq_runs_code(&k.value));
        Dict {
            map: LeafMutex::new(map),
            version: AtomicU64::new(0),
            may_hold_property: AtomicBool::new(may_hold_property),
            key_bits: AtomicU64::new(key_bits),
            user_eq_keys: AtomicBool::new(user_eq_keys),
            gc: GcSlot::default(),
        }
    }
    /// The count of changes so far. A cache must read it *before* reading the entry it
    /// caches: a change racing with the fill then shows as a newer version, never as a stale
    /// value under the current one.
    #[inline]
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }
    /// The version, read without ordering: for a reader after its own acquire fence, or for
    /// the lock holder.
    #[inline]
    pub fn version_relaxed(&self) -> u64 {
        self.version.load(Ordering::Relaxed)
    }
    /// The map, locked for a change (counted in `version`).
    #[inline]
    pub fn lock_mut(&self) -> LeafGuard<'_, KeyMap<Value>> {
        let guard = self.map.lock();
        // Writers are serialised by the lock: a plain load and store suffice.
        self.version
            .store(self.version.load(Ordering::Relaxed) + 1, Ordering::Release);
        // The bump must be visible before anything the change writes next: a lock-free
        // reader that sees one of those writes then sees the new version. A compiler
        // barrier only, on x86.
        fence(Ordering::Release);
        guard
    }
    /// The map, locked, if nothing changed it since `version` was read.
    pub fn lock_if(&self, version: u64) -> Option<LeafGuard<'_, KeyMap<Value>>> {
        let guard = self.map.lock();
        (self.version_relaxed() == version).then_some(guard)
    }
    /// [`Dict::lock_mut`], if nothing changed the map since `version` was read.
    pub fn lock_mut_if(&self, version: u64) -> Option<LeafGuard<'_, KeyMap<Value>>> {
        let guard = self.lock_if(version)?;
        self.version.store(version + 1, Ordering::Release);
        fence(Ordering::Release);
        Some(guard)
    }
    /// Whether a key whose `==` may run user code was ever stored (see `ops/keys.rs`).
    #[inline]
    pub fn holds_user_eq_keys(&self) -> bool {
        self.user_eq_keys.load(Ordering::Relaxed)
    }
    /// Records that a key whose `==` may run user code is about to be stored.
    pub fn note_user_eq_key(&self) {
        self.user_eq_keys.store(true, Ordering::Relaxed);
    }
    /// Records an entry (key hash, value) about to be stored. Call it with the map locked:
    /// writers are serialised by the lock, so plain loads and stores suffice.
    #[inline]
    pub fn note_insert(&self, hash: i64, v: &Value) {
        if may_be_descriptor(v) {
            self.may_hold_property.store(true, Ordering::Relaxed);
        }
        let bits = self.key_bits.load(Ordering::Relaxed);
        if bits & key_bit(hash) == 0 {
            self.key_bits.store(bits | key_bit(hash), Ordering::Relaxed);
        }
    }
    /// False when `name` was certainly never a key (no lock taken).
    #[inline]
    pub fn may_contain(&self, name: &PyStr) -> bool {
        self.key_bits.load(Ordering::Relaxed) & key_bit(name.hash() as i64) != 0
    }
    /// False when no `property` was ever stored here (see `may_hold_property`). A store by
    /// this thread is always seen; one racing in from another thread may be seen late, like
    /// any unsynchronised store.
    #[inline]
    pub fn may_hold_property(&self) -> bool {
        self.may_hold_property.load(Ordering::Relaxed)
    }
    pub fn len(&self) -> usize {
        self.map.lock().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, key: &HashKey) -> Option<Value> {
        self.map.lock().get(key).cloned()
    }
    pub fn get_str(&self, name: &str) -> Option<Value> {
        let k = StrKey(name, str_hash(name));
        self.map.lock().get(&k).cloned()
    }
    /// Lookup with a precomputed string hash (names from `co_names`).
    pub fn get_str_hashed(&self, name: &str, hash: u64) -> Option<Value> {
        self.map.lock().get(&StrKey(name, hash)).cloned()
    }
    /// Lookup of a name the caller holds as a `PyStr` (pointer compare first).
    #[inline]
    pub fn get_pystr(&self, name: &Arc<PyStr>) -> Option<Value> {
        if !self.may_contain(name) {
            return None;
        }
        self.map.lock().get(&PyStrKey(name)).map(Value::fast_clone)
    }
    #[inline]
    pub fn contains_pystr(&self, name: &Arc<PyStr>) -> bool {
        self.may_contain(name) && self.map.lock().contains_key(&PyStrKey(name))
    }
    /// Stores `value` under `key`, comparing keys without user code: for keys whose `==`
    /// runs none, or by identity (`Vm::dict_set` is the Python-level store).
    pub fn insert(&self, key: HashKey, value: Value) {
        if eq_runs_code(&key.value) {
            self.note_user_eq_key();
        }
        let mut map = self.lock_mut();
        self.note_insert(key.hash, &value);
        map.insert(key, value);
    }
    /// `insert` under a name held as a `PyStr`: an existing entry keeps its key, so no key
    /// is cloned (the `STORE_ATTR` path).
    #[inline]
    pub fn set_pystr(&self, name: &Arc<PyStr>, value: Value) {
        let mut map = self.lock_mut();
        self.note_insert(name.hash() as i64, &value);
        match map.get_mut(&PyStrKey(name)) {
            Some(slot) => {
                let old = std::mem::replace(slot, value);
                drop(map);
                old.fast_drop();
            }
            None => {
                map.insert(HashKey::str(name), value);
            }
        }
    }
    pub fn set_str(&self, name: &str, value: Value) {
        self.insert(HashKey::str(&Arc::new(PyStr::new(name))), value)
    }
    /// `set_str` with the name interned: for names that code will look up (built-ins, module
    /// and class attributes defined by the runtime), not for arbitrary strings from data.
    pub fn set_interned(&self, name: &str, value: Value) {
        self.insert(HashKey::str(&intern(name)), value)
    }
    pub fn remove(&self, key: &HashKey) -> Option<Value> {
        self.lock_mut().shift_remove(key)
    }
    pub fn remove_str(&self, name: &str) -> Option<Value> {
        let k = StrKey(name, str_hash(name));
        self.lock_mut().shift_remove(&k)
    }
    pub fn contains(&self, key: &HashKey) -> bool {
        self.map.lock().contains_key(key)
    }
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.map
            .lock()
            .iter()
            .map(|(k, v)| (k.value.clone(), v.clone()))
            .collect()
    }
    /// The dict as keyword arguments (`f(**d)`): TypeError if a key is not a string.
    pub fn to_kwargs(&self) -> PyResult<Vec<(Arc<str>, Value)>> {
        self.items()
            .into_iter()
            .map(|(k, v)| match k {
                Value::Str(s) => Ok((Arc::from(s.as_str()), v)),
                _ => Err(exceptions::type_error("keywords must be strings")),
            })
            .collect()
    }
    pub fn keys(&self) -> Vec<Value> {
        self.map.lock().keys().map(|k| k.value.clone()).collect()
    }
    pub fn values(&self) -> Vec<Value> {
        self.map.lock().values().cloned().collect()
    }
    pub fn entry_at(&self, i: usize) -> Option<(Value, Value)> {
        self.map
            .lock()
            .get_index(i)
            .map(|(k, v)| (k.value.clone(), v.clone()))
    }
    pub fn copy(&self) -> Dict {
        Dict::from_map(self.map.lock().clone())
    }
}

#[derive(Debug, Default)]
pub struct Set {
    pub items: Mutex<KeySet>,
    pub frozen: bool,
    /// Some weak reference was made to this set: dropping it clears them and queues their
    /// callbacks (`weakref.rs`). Set then, never cleared.
    pub weakrefd: AtomicBool,
    pub gc: GcSlot,
}

impl Drop for Set {
    fn drop(&mut self) {
        if *self.weakrefd.get_mut() {
            weakref::object_dropped(self as *const Set as usize);
        }
    }
}

impl Set {
    pub fn new(items: KeySet, frozen: bool) -> Set {
        Set {
            items: Mutex::new(items),
            frozen,
            weakrefd: AtomicBool::new(false),
            gc: GcSlot::default(),
        }
    }
    pub fn len(&self) -> usize {
        self.items.lock().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.lock().iter().map(|k| k.value.clone()).collect()
    }
    pub fn contains(&self, k: &HashKey) -> bool {
        self.items.lock().contains(k)
    }
    pub fn eq_set(&self, other: &Set) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        let a = self.items.lock().clone();
        let b = other.items.lock();
        a.len() == b.len() && a.iter().all(|k| b.contains(k))
    }
}

/// A closure cell: one variable shared between a function and the functions nested in it.
///
/// A leaf lock (one atomic swap, a plain release store; a `parking_lot::Mutex` took two
/// atomic read-modify-writes, 11% of benches/generators.py): held only to copy the value
/// in or out, never while a value drops (a drop may run Python code, which may use the
/// cell).
pub struct Cell {
    pub value: LeafMutex<Option<Value>>,
    pub gc: GcSlot,
}

impl std::fmt::Debug for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<cell>")
    }
}

impl Default for Cell {
    fn default() -> Cell {
        Cell::new(None)
    }
}

impl Cell {
    pub fn new(v: Option<Value>) -> Cell {
        Cell {
            value: LeafMutex::new(v),
            gc: GcSlot::default(),
        }
    }
    #[inline]
    pub fn get(&self) -> Option<Value> {
        self.value.lock().clone()
    }
    #[inline]
    pub fn set(&self, v: Option<Value>) {
        let old = std::mem::replace(&mut *self.value.lock(), v);
        drop(old);
    }
}

/// A function defined in Python.
pub struct Function {
    pub code: Arc<Code>,
    pub globals: Arc<Dict>,
    pub name: Mutex<Arc<str>>,
    pub qualname: Mutex<Arc<str>>,
    /// Defaults for the last `defaults.len()` positional parameters (`__defaults__`, which a
    /// program may replace).
    pub defaults: Mutex<Vec<Value>>,
    /// `__kwdefaults__`, which a program may replace.
    pub kwdefaults: Mutex<Vec<(Arc<str>, Value)>>,
    pub closure: Vec<Arc<Cell>>,
    pub annotations: Mutex<Option<Value>>,
    /// `__dict__`, `__doc__`, `__wrapped__`, `__module__`…: attributes set on the function.
    pub attrs: Dict,
    /// Some weak reference was made to this function: dropping it clears them and queues
    /// their callbacks (`weakref.rs`). Set then, never cleared.
    pub weakrefd: AtomicBool,
    pub gc: GcSlot,
}

impl Drop for Function {
    fn drop(&mut self) {
        if *self.weakrefd.get_mut() {
            weakref::object_dropped(self as *const Function as usize);
        }
    }
}

/// A function implemented in Rust (`len`, `list.append`, `math.sqrt`, …).
pub struct BuiltinFunction {
    pub name: &'static str,
    /// For methods, the class name (`list`), shown in reprs and messages.
    pub owner: Option<&'static str>,
    pub func: NativeFn,
}

/// A function bound to the instance it was looked up on (`obj.method`).
pub struct BoundMethod {
    pub func: Value,
    pub self_: Value,
    /// Some weak reference was made to this bound method: dropping it clears them and
    /// queues their callbacks (`weakref.rs`). Set then, never cleared.
    pub weakrefd: AtomicBool,
}

impl BoundMethod {
    pub fn new(func: Value, self_: Value) -> BoundMethod {
        BoundMethod {
            func,
            self_,
            weakrefd: AtomicBool::new(false),
        }
    }
}

impl Drop for BoundMethod {
    fn drop(&mut self) {
        if *self.weakrefd.get_mut() {
            weakref::object_dropped(self as *const BoundMethod as usize);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassKind {
    /// Defined by a `class` statement.
    User,
    /// A built-in type (`int`, `list`, `ValueError`, …): immutable.
    Builtin,
}

impl Drop for Class {
    /// A class's weak references are cleared and their callbacks queued as it goes (see
    /// `weakref::object_dropped`).
    fn drop(&mut self) {
        weakref::object_dropped(self as *const Class as usize);
    }
}

/// A class: built-in types and `class` statements share this one representation.
pub struct Class {
    pub name: String,
    pub qualname: String,
    /// `__module__`: `builtins` for built-in types, else the defining module's `__name__`.
    pub module: String,
    /// `__base__`: the first base (`object` has none).
    pub base: Option<Arc<Class>>,
    /// `__bases__`, in the order the `class` statement lists them.
    pub bases: Vec<Arc<Class>>,
    /// The method resolution order after this class (C3, computed once: `__bases__` cannot
    /// be reassigned). Every cache of a class lookup sums the dict versions of this class and
    /// of these ([`Class::mro_versions`]), so a change to any of them invalidates.
    mro_tail: Vec<Arc<Class>>,
    /// The metaclass when it is not `type` (`class E(metaclass=M)`, or inherited from a base).
    pub metaclass: Option<Arc<Class>>,
    pub dict: Dict,
    pub kind: ClassKind,
    /// Derives from BaseException: its instances carry exception state.
    pub is_exception: bool,
    /// For built-in types, what calling the class does (`int("3")`).
    pub constructor: Option<NativeFn>,
    /// `Some` when every class of the MRO but `object` defines `__slots__`: the instances have
    /// no `__dict__`, and these are the only names they can hold (kept in the instance's dict
    /// all the same, so attribute loads keep their fast path).
    pub slots: Option<Vec<Arc<str>>>,
    /// [`class_flags`]: which attribute hooks a class of the MRO overrides. Bits are only ever
    /// set (a class dict gaining such a name sets them on the class and its subclasses), so a
    /// stale clear bit cannot outlive the store that sets it.
    flags: AtomicU32,
    /// The names its instances' attributes go by (`attrs.rs`): each instance keeps only
    /// the values, by index into these, until it is given a dict.
    pub keys: SharedKeys,
    /// The classes that list this one among their bases, so that a hook assigned to this
    /// class later reaches them (CPython's `__subclasses__`). Kept by user classes only.
    subclasses: Mutex<Vec<std::sync::Weak<Class>>>,
    /// The name error messages give the type when it is not `name`: CPython's `tp_name` of a
    /// type written in C (`'datetime.date'`) that gilvm writes in Python. Such a class sets
    /// `__tp_name__` in its body; the class takes it out of its dict.
    pub tp_name: Option<String>,
    pub gc: GcSlot,
}

/// The bits of [`Class::flags`].
pub mod class_flags {
    /// A user class of the MRO defines `__getattribute__`.
    pub const GETATTRIBUTE: u32 = 1;
    /// A user class of the MRO defines `__setattr__`.
    pub const SETATTR: u32 = 2;
    /// A user class of the MRO defines `__delattr__`.
    pub const DELATTR: u32 = 4;
    /// Instances have slots instead of a `__dict__`.
    pub const SLOTTED: u32 = 8;
    /// A user class of the MRO defines `__new__`.
    pub const NEW: u32 = 16;
    /// A class of the MRO has slots (member descriptors).
    pub const MEMBERS: u32 = 32;
    /// A user class of the MRO defines `__del__`: dropping an instance queues a call.
    pub const DEL: u32 = 64;
    /// A user class of the MRO defines `__eq__` (set when it appears, never cleared: a
    /// deleted `__eq__` only costs the fast path).
    pub const EQ: u32 = 128;
    /// A dict of the MRO may hold a data descriptor (user classes only): set when the class
    /// is made if one does, and by [`super::Class::set_attr`] of a value that may be one,
    /// here and in every subclass; never cleared. See [`super::Class::may_have_descriptors`].
    pub const DESCRIPTORS: u32 = 256;
    /// An instance of this class was weakly referenced (`weakref.rs`): dropping one looks
    /// for its weak references. Set then, never cleared.
    pub const WEAKREFD: u32 = 512;

    /// The names whose presence in a user class dict sets a bit.
    pub const HOOK_NAMES: [&str; 6] = [
        "__getattribute__",
        "__setattr__",
        "__delattr__",
        "__new__",
        "__del__",
        "__eq__",
    ];

    /// The flag a class-dict name turns on (0 for other names).
    pub fn for_name(name: &str) -> u32 {
        match name {
            "__getattribute__" => GETATTRIBUTE,
            "__setattr__" => SETATTR,
            "__delattr__" => DELATTR,
            "__new__" => NEW,
            "__del__" => DEL,
            "__eq__" => EQ,
            _ => 0,
        }
    }
}

/// The parts of a class that the rest of its fields are computed from.
struct ClassSpec {
    pub name: String,
    pub qualname: String,
    pub module: String,
    pub bases: Vec<Arc<Class>>,
    pub metaclass: Option<Arc<Class>>,
    pub dict: Dict,
    pub kind: ClassKind,
    pub is_exception: bool,
    pub constructor: Option<NativeFn>,
    pub slots: Option<Vec<Arc<str>>>,
}

impl ClassSpec {
    /// A built-in class's parts: its qualname is its name, and it has no metaclass, no
    /// methods yet and no `__slots__`.
    fn builtin(
        name: &str,
        module: &str,
        bases: Vec<Arc<Class>>,
        constructor: Option<NativeFn>,
        is_exception: bool,
    ) -> ClassSpec {
        ClassSpec {
            name: name.to_string(),
            qualname: name.to_string(),
            module: module.to_string(),
            bases,
            metaclass: None,
            dict: Dict::new(),
            kind: ClassKind::Builtin,
            is_exception,
            constructor,
            slots: None,
        }
    }
}

impl Class {
    /// A class made from a name, bases and a namespace: a `class` statement or
    /// `type(name, bases, ns)`. The one place a user class is built. `Err` holds the
    /// TypeError's message when the bases admit no consistent MRO.
    pub fn new_user(
        name: &str,
        qualname: String,
        module: String,
        bases: Vec<Arc<Class>>,
        metaclass: Option<Arc<Class>>,
        dict: Dict,
        slots: Option<Vec<Arc<str>>>,
    ) -> Result<Arc<Class>, String> {
        let is_exception = bases.iter().any(|b| b.is_exception);
        let mro_tail = c3_tail(&bases)?;
        let c = Class::assemble(
            ClassSpec {
                name: name.to_string(),
                qualname,
                module,
                bases,
                metaclass,
                dict,
                kind: ClassKind::User,
                is_exception,
                constructor: None,
                slots,
            },
            mro_tail,
        );
        crate::vm::object::gc::class(&c);
        Ok(c)
    }

    /// A built-in class for objects implemented natively (`_thread.lock`, `property`, …): the
    /// one place such a class is built; methods are added with `registry::add_method`.
    pub fn new_native(
        name: &str,
        module: &str,
        base: Option<Arc<Class>>,
        constructor: Option<NativeFn>,
    ) -> Arc<Class> {
        Class::new_builtin(name, module, base, constructor, false)
    }

    /// A built-in class with at most one base.
    pub fn new_builtin(
        name: &str,
        module: &str,
        base: Option<Arc<Class>>,
        constructor: Option<NativeFn>,
        is_exception: bool,
    ) -> Arc<Class> {
        let spec = ClassSpec::builtin(
            name,
            module,
            base.into_iter().collect(),
            constructor,
            is_exception,
        );
        // One base (or none): its MRO follows.
        let mro_tail = spec.bases.iter().flat_map(|b| b.mro()).cloned().collect();
        Class::assemble(spec, mro_tail)
    }

    /// A built-in class with several bases (`ExceptionGroup(BaseExceptionGroup, Exception)`).
    pub fn new_builtin_multi(
        name: &str,
        bases: Vec<Arc<Class>>,
        constructor: Option<NativeFn>,
    ) -> Arc<Class> {
        let is_exception = bases.iter().any(|b| b.is_exception);
        let mro_tail = c3_tail(&bases).unwrap_or_default();
        let spec = ClassSpec::builtin(name, "builtins", bases, constructor, is_exception);
        Class::assemble(spec, mro_tail)
    }

    /// Computes the MRO and the flags, and registers the class with its bases.
    fn assemble(spec: ClassSpec, mro_tail: Vec<Arc<Class>>) -> Arc<Class> {
        let mut flags = if spec.slots.is_some() {
            class_flags::SLOTTED
        } else {
            0
        };
        for c in &mro_tail {
            flags |= c.flags.load(Ordering::Acquire) & !class_flags::SLOTTED;
        }
        if spec.kind == ClassKind::User {
            for name in class_flags::HOOK_NAMES {
                if spec.dict.get_str(name).is_some() {
                    flags |= class_flags::for_name(name);
                }
            }
        }
        // Every built-in class is complete before a program can name it; a user base's bit
        // set after this look is picked up with the hooks' below.
        if spec.kind == ClassKind::User
            && (spec.dict.may_hold_property()
                || mro_tail.iter().any(|c| c.dict.may_hold_property()))
        {
            flags |= class_flags::DESCRIPTORS;
        }
        let tp_name = match spec.dict.get_str("__tp_name__") {
            Some(Value::Str(t)) if spec.kind == ClassKind::User => {
                spec.dict.remove_str("__tp_name__");
                Some(t.as_str().to_string())
            }
            _ => None,
        };
        let cls = Arc::new(Class {
            tp_name,
            name: spec.name,
            qualname: spec.qualname,
            module: spec.module,
            base: spec.bases.first().cloned(),
            bases: spec.bases,
            mro_tail,
            metaclass: spec.metaclass,
            dict: spec.dict,
            kind: spec.kind,
            is_exception: spec.is_exception,
            constructor: spec.constructor,
            slots: spec.slots,
            flags: AtomicU32::new(flags),
            keys: SharedKeys::default(),
            subclasses: Mutex::new(Vec::new()),
            gc: GcSlot::default(),
        });
        // Only user classes keep the list: built-in classes are shared by every interpreter
        // of the process (decision 1) and never gain a hook.
        for b in cls.bases.iter().filter(|b| b.kind == ClassKind::User) {
            let mut subs = b.subclasses.lock();
            subs.retain(|w| w.strong_count() > 0);
            subs.push(Arc::downgrade(&cls));
        }
        // A hook assigned to a base between the flags' computation and the registration
        // above is seen here (the assignment sets the base's bit before walking subclasses).
        let late = cls
            .mro_tail
            .iter()
            .fold(0, |f, c| f | c.flags.load(Ordering::Acquire))
            & !class_flags::SLOTTED;
        cls.flags.fetch_or(late, Ordering::AcqRel);
        cls
    }

    /// The type's name in error messages (`'datetime.date' object is not iterable`).
    pub fn tp_name(&self) -> &str {
        self.tp_name.as_deref().unwrap_or(&self.name)
    }

    /// Whether a class of the MRO overrides the hook `flag` ([`class_flags`]).
    #[inline(always)]
    pub fn has_flag(&self, flag: u32) -> bool {
        self.flags.load(Ordering::Relaxed) & flag != 0
    }

    /// All the [`class_flags`] bits at once.
    #[inline(always)]
    pub fn flags(&self) -> u32 {
        self.flags.load(Ordering::Relaxed)
    }

    /// `type.__setattr__(cls, name, value)`: into the class dict (a hook name turns the
    /// class's bits on); the MRO cannot be reassigned.
    pub fn set_attr(self: &Arc<Class>, name: &str, value: Value) -> PyResult<()> {
        if self.kind == ClassKind::Builtin {
            return Err(crate::vm::object::exceptions::type_error(format!(
                "cannot set '{}' attribute of immutable type '{}'",
                name, self.name
            )));
        }
        if name == "__bases__" || name == "__mro__" {
            // The MRO and the caches keyed on it are computed once.
            return Err(crate::vm::object::exceptions::type_error(format!(
                "gilvm cannot reassign {}.{}",
                self.name, name
            )));
        }
        if (name == "__name__" || name == "__qualname__")
            && !matches!(value.builtin_base(), Value::Str(_))
        {
            return Err(crate::vm::object::exceptions::type_error(format!(
                "can only assign string to {}.{}, not '{}'",
                self.name,
                name,
                value.type_name()
            )));
        }
        let descriptor = may_be_descriptor(&value);
        self.dict.set_str(name, value);
        self.note_assigned(name);
        if descriptor {
            self.spread_flag(class_flags::DESCRIPTORS);
        }
        Ok(())
    }

    /// Called after `name` is stored in this class's dict: a hook name turns its bit on here
    /// and in every subclass.
    pub fn note_assigned(self: &Arc<Class>, name: &str) {
        self.spread_flag(class_flags::for_name(name));
    }

    /// Turns `flag` on in this user class and every subclass.
    fn spread_flag(self: &Arc<Class>, flag: u32) {
        if flag == 0 || self.kind != ClassKind::User {
            return;
        }
        let mut todo = vec![self.clone()];
        while let Some(c) = todo.pop() {
            c.flags.fetch_or(flag, Ordering::AcqRel);
            let subs = c.subclasses.lock();
            todo.extend(subs.iter().filter_map(|w| w.upgrade()));
        }
    }

    /// Turns `flag` on for this class alone (`type`'s `NEW`, before any subclass exists).
    pub fn set_flag(&self, flag: u32) {
        self.flags.fetch_or(flag, Ordering::AcqRel);
    }

    /// [`Class::note_assigned`] for every hook name the class dict holds.
    pub fn note_hooks(self: &Arc<Class>) {
        for name in class_flags::HOOK_NAMES {
            if self.dict.get_str(name).is_some() {
                self.note_assigned(name);
            }
        }
    }

    /// `__subclasses__()`: the live classes that list this one among their bases.
    pub fn subclasses(&self) -> Vec<Arc<Class>> {
        self.subclasses
            .lock()
            .iter()
            .filter_map(|w| w.upgrade())
            .collect()
    }

    /// The MRO after this class.
    #[inline(always)]
    pub fn mro_tail(&self) -> &[Arc<Class>] {
        &self.mro_tail
    }

    /// The version sum that keeps a class-attribute entry valid: every dict along the MRO.
    #[inline]
    pub fn mro_versions(&self) -> u64 {
        // A plain loop over the stored MRO keeps the fused method call's code small enough for
        // its helpers to stay inlined (measured on benches/attrs.py).
        let mut sum = self.dict.version();
        for c in &self.mro_tail {
            sum = sum.wrapping_add(c.dict.version());
        }
        sum
    }

    /// The method resolution order: this class, then the rest of its C3 linearisation.
    #[inline]
    pub fn mro(self: &Arc<Class>) -> impl Iterator<Item = &Arc<Class>> {
        std::iter::once(self).chain(self.mro_tail.iter())
    }

    /// The built-in value type this class extends (`list` for `class Stack(list)`), if any:
    /// its instances carry a value of that type ([`Instance::base`]).
    pub fn value_base(self: &Arc<Class>) -> Option<&Arc<Class>> {
        self.mro()
            .find(|c| c.kind == ClassKind::Builtin && crate::vm::object::registry::is_value_type(c))
    }

    /// Looks a name up along the MRO.
    pub fn lookup(self: &Arc<Class>, name: &str) -> Option<Value> {
        let h = str_hash(name);
        self.mro().find_map(|c| c.dict.get_str_hashed(name, h))
    }

    pub fn lookup_hashed(self: &Arc<Class>, name: &str, h: u64) -> Option<Value> {
        self.mro().find_map(|c| c.dict.get_str_hashed(name, h))
    }

    /// `lookup`, skipping the built-in classes (`object`'s own `__setattr__`…): the user's
    /// override of a hook, if any.
    pub fn lookup_user(self: &Arc<Class>, name: &str) -> Option<Value> {
        self.mro()
            .filter(|c| c.kind == ClassKind::User)
            .find_map(|c| c.dict.get_str(name))
    }

    /// Whether a class in the MRO may hold a data descriptor (see
    /// [`Dict::may_hold_property`]).
    ///
    /// A user class answers from its flags ([`class_flags::DESCRIPTORS`]), so that an
    /// attribute load or store of its instances reads no dict of the MRO (`object`'s was a
    /// cache miss under a program that allocates much: 4% of `benches/cycles.py`). Built-in
    /// classes (an exception's) ask their dicts.
    #[inline]
    pub fn may_have_descriptors(self: &Arc<Class>) -> bool {
        if self.kind == ClassKind::User {
            return self.flags() & class_flags::DESCRIPTORS != 0;
        }
        self.mro().any(|c| c.dict.may_hold_property())
    }

    /// `lookup` of a name held as a `PyStr` (usually interned: pointer compares).
    pub fn lookup_pystr(self: &Arc<Class>, name: &Arc<PyStr>) -> Option<Value> {
        self.mro().find_map(|c| c.dict.get_pystr(name))
    }

    pub fn is_subclass_of(self: &Arc<Class>, other: &Arc<Class>) -> bool {
        self.mro().any(|c| Arc::ptr_eq(c, other))
    }

    /// `__module__` as a class's repr, an uncaught exception's line and an instance's
    /// default repr print it: a `class` statement's may be reassigned (`C.__module__ = 'x'`),
    /// so it is read from the class dict when that holds a str.
    pub fn module_name(&self) -> std::borrow::Cow<'_, str> {
        if self.kind == ClassKind::User
            && let Some(Value::Str(m)) = self.dict.get_str("__module__")
        {
            return std::borrow::Cow::Owned(m.as_str().to_string());
        }
        std::borrow::Cow::Borrowed(&self.module)
    }

    /// `<class 'int'>` / `<class '__main__.Foo'>`
    pub fn repr(&self) -> String {
        let module = self.module_name();
        if module == "builtins" {
            format!("<class '{}'>", self.qualname)
        } else {
            format!("<class '{}.{}'>", module, self.qualname)
        }
    }
}

/// C3 linearisation of `bases` (the MRO after the class itself), with CPython's errors.
fn c3_tail(bases: &[Arc<Class>]) -> Result<Vec<Arc<Class>>, String> {
    match bases {
        [] => return Ok(Vec::new()),
        [b] => return Ok(b.mro().cloned().collect()),
        _ => {}
    }
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|o| Arc::ptr_eq(o, b)) {
            return Err(format!("duplicate base class {}", b.name));
        }
    }
    let mut lists: Vec<Vec<Arc<Class>>> =
        bases.iter().map(|b| b.mro().cloned().collect()).collect();
    lists.push(bases.to_vec());
    let mut heads = vec![0usize; lists.len()];
    let mut out = Vec::new();
    loop {
        let mut candidate = None;
        for (i, l) in lists.iter().enumerate() {
            let Some(c) = l.get(heads[i]) else { continue };
            let in_tail = lists
                .iter()
                .zip(&heads)
                .any(|(o, &h)| o.iter().skip(h + 1).any(|x| Arc::ptr_eq(x, c)));
            if !in_tail {
                candidate = Some(c.clone());
                break;
            }
        }
        match candidate {
            Some(c) => {
                for (l, h) in lists.iter().zip(heads.iter_mut()) {
                    if l.get(*h).is_some_and(|x| Arc::ptr_eq(x, &c)) {
                        *h += 1;
                    }
                }
                out.push(c);
            }
            None => {
                if lists.iter().zip(&heads).all(|(l, &h)| h >= l.len()) {
                    return Ok(out);
                }
                let mut names: Vec<&Arc<Class>> = Vec::new();
                for (l, &h) in lists.iter().zip(&heads) {
                    if let Some(c) = l.get(h)
                        && !names.iter().any(|n| Arc::ptr_eq(n, c))
                    {
                        names.push(c);
                    }
                }
                let names: Vec<&str> = names.iter().map(|c| c.name.as_str()).collect();
                return Err(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                ));
            }
        }
    }
}

/// One frame of a traceback: a code object and the instruction that was running.
#[derive(Clone)]
pub struct TracebackEntry {
    pub code: Arc<Code>,
    pub index: u32,
    /// The frame's `frame` object (`tb_frame`), when the frame had one.
    pub frame: Option<Value>,
}

/// What an exception instance carries beyond its `__dict__`.
#[derive(Default)]
pub struct ExcState {
    pub args: Mutex<Vec<Value>>,
    /// Innermost last, as printed.
    pub traceback: Mutex<Vec<TracebackEntry>>,
    pub context: Mutex<Option<Value>>,
    pub cause: Mutex<Option<Value>>,
    pub suppress_context: AtomicBool,
    /// What CPython's traceback keeps alive with the frames it holds and gilvm's does not:
    /// the suspended generators in the locals of the functions the exception left, closed
    /// when the exception goes (`generator::keep_for_traceback`).
    pub keep_alive: Mutex<Vec<Value>>,
    /// The members some built-in exception classes add (`name`/`obj` of AttributeError,
    /// `errno`/`strerror`/`filename` of OSError, …), and what a NameError needs to offer a
    /// suggestion when printed (the globals of the frame that raised it, as `<globals>`).
    pub fields: Mutex<Vec<(&'static str, Value)>>,
}

impl ExcState {
    pub fn suppress_context(&self) -> bool {
        self.suppress_context.load(Ordering::Relaxed)
    }

    /// A member's value, if set.
    pub fn field(&self, name: &str) -> Option<Value> {
        self.fields
            .lock()
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    }

    /// Sets (or with `None`, clears) a member.
    pub fn set_field(&self, name: &'static str, value: Option<Value>) {
        let mut f = self.fields.lock();
        f.retain(|(k, _)| *k != name);
        if let Some(v) = value {
            f.push((name, v));
        }
    }
}

pub struct Module {
    pub name: String,
    pub dict: Arc<Dict>,
    /// Makes an attribute the dict lacks, on first access (`sys.float_info`); set by the
    /// module that wants it, so the attribute protocol names no module.
    pub lazy_attr: std::sync::OnceLock<LazyAttr>,
    pub gc: GcSlot,
}

impl Drop for Module {
    /// A module's weak references are cleared and their callbacks queued as it goes (see
    /// `weakref::object_dropped`).
    fn drop(&mut self) {
        weakref::object_dropped(self as *const Module as usize);
    }
}

/// A module's maker of attributes on a miss ([`Module::lazy_attr`]): `None` if it has none.
pub type LazyAttr = fn(&mut crate::vm::Vm, &Arc<Module>, &str) -> PyResult<Option<Value>>;

/// `range(start, stop, step)` over machine ints.
#[derive(Debug)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    /// Item `i` (< its length) of a range. In i128: a range may be longer than `i64::MAX`
    /// (`range(-2**63, 2**63 - 1)`), where `RangeObj::get`'s `step * i as i64` overflows, while
    /// every item fits in an i64 (it lies between `start` and `stop`).
    pub fn item(&self, i: usize) -> i64 {
        let v = self.start as i128 + self.step as i128 * i as i128;
        // Cannot fail for i < len (see above); saturates rather than panics if misused.
        v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    pub fn len(&self) -> BigInt {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        BigInt::from(n)
    }
    pub fn len_usize(&self) -> usize {
        use num_traits::ToPrimitive;
        self.len().to_usize().unwrap_or(usize::MAX)
    }
    pub fn get(&self, i: usize) -> i64 {
        self.start + self.step * i as i64
    }
}

#[derive(Debug)]
pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// Built-in iterators. The range, list and tuple iterators keep their position in a relaxed
/// atomic (one load and one store per step, as CPython 3.13t's list iterator): two threads
/// sharing one may both get the same item, never a torn one, and it stays memory-safe under
/// any sharing. The others keep their position under a lock.
pub enum IterObj {
    Range {
        next: AtomicI64,
        stop: i64,
        step: i64,
    },
    /// `usize::MAX` once exhausted: items appended later are not seen (as CPython).
    List {
        list: Arc<List>,
        index: AtomicUsize,
    },
    Tuple {
        tuple: Arc<Tuple>,
        index: AtomicUsize,
    },
    Seq(LeafMutex<SeqIter>),
}

impl IterObj {
    pub fn range(start: i64, stop: i64, step: i64) -> IterObj {
        IterObj::Range {
            next: AtomicI64::new(start),
            stop,
            step,
        }
    }
    pub fn seq(s: SeqIter) -> IterObj {
        IterObj::Seq(LeafMutex::new(s))
    }
    pub fn list(list: Arc<List>) -> IterObj {
        IterObj::List {
            list,
            index: AtomicUsize::new(0),
        }
    }
    pub fn tuple(tuple: Arc<Tuple>) -> IterObj {
        IterObj::Tuple {
            tuple,
            index: AtomicUsize::new(0),
        }
    }

    /// The next item of a list or tuple iterator (`Some(None)` at its end), read without
    /// calling any Python code; `None` for the other iterators.
    #[inline(always)]
    pub fn next_item(&self) -> Option<Option<Value>> {
        let (item, index, i) = match self {
            IterObj::List { list, index } => {
                let i = index.load(Ordering::Relaxed);
                (list.items.lock().get(i).map(Value::fast_clone), index, i)
            }
            IterObj::Tuple { tuple, index } => {
                let i = index.load(Ordering::Relaxed);
                (tuple.0.get(i).map(Value::fast_clone), index, i)
            }
            _ => return None,
        };
        let next = if item.is_some() { i + 1 } else { usize::MAX };
        index.store(next, Ordering::Relaxed);
        Some(item)
    }
}

pub enum SeqIter {
    Reversed {
        list: Vec<Value>,
        index: usize,
    },
    /// Byte offset into the string.
    Str {
        s: Arc<crate::vm::object::value::PyStr>,
        pos: usize,
    },
    /// Items of a snapshot (sets, dict views taken at creation).
    Values {
        items: Vec<Value>,
        index: usize,
    },
    /// Live dict iteration: kind 0 keys, 1 values, 2 items; `len` guards against resizing.
    Dict {
        dict: Arc<Dict>,
        index: usize,
        len: usize,
        kind: u8,
    },
    Enumerate {
        inner: Value,
        count: BigInt,
    },
    Zip {
        inners: Vec<Value>,
        /// `strict=True`: iterables of different lengths raise `ValueError`.
        strict: bool,
    },
    Map {
        func: Value,
        inners: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    /// `iter(callable, sentinel)`
    Callable {
        func: Value,
        sentinel: Value,
    },
    /// An object with `__getitem__` but no `__iter__`.
    GetItem {
        obj: Value,
        index: i64,
    },
    Exhausted,
}

/// Objects implemented in Rust by modules (thread handles, locks, …).
pub trait NativeObject: Send + Sync + Any {
    /// The class whose dict holds this object's methods.
    fn class(&self) -> Arc<Class>;
    fn type_name(&self) -> &str;
    fn as_any(&self) -> &dyn Any;
    /// Attributes that are not methods in the class dict (`thread.name`); `None`: not handled.
    fn getattr(&self, _vm: &mut Vm, _name: &str) -> Option<PyResult<Value>> {
        None
    }
    /// Setting an attribute; `None`: not supported (AttributeError).
    fn setattr(&self, _vm: &mut Vm, _name: &str, _value: Value) -> Option<PyResult<()>> {
        None
    }
    /// `next(self)` done natively (a generator resumes its frame: `Ok(None)` when it ends);
    /// `None`: look `__next__` up as for any object.
    fn next_item(&self, _vm: &mut Vm) -> Option<PyResult<Option<Value>>> {
        None
    }
    /// Calls `f` with every value this object holds, for the cycle collector (`vm/object/gc.rs`):
    /// a native object that holds Python values and does not report them here keeps them
    /// (and whatever they reach) alive for ever if they point back at it.
    fn referents(&self, _f: &mut dyn FnMut(&Value)) {}
    /// Equality as a dict or set key, for a hashable native whose `==` is not identity (a
    /// read-only `memoryview` equals `bytes` of the same data; `int | str` and `str | int`
    /// have the same members), decided without running Python code; its class's `__hash__`
    /// must agree. `None`: identity only.
    fn key_eq(&self, _other: &Value) -> Option<bool> {
        None
    }
    /// Never changes and holds nothing a program could mutate (typing's aliases and forms):
    /// another interpreter (a `processes` worker) may share it instead of copying it.
    fn shareable(&self) -> bool {
        false
    }
}

/// Implements [`NativeObject`] for a native type: `native_object!(Type, "type name", CLASS)`,
/// where `CLASS` is the `Arc<Class>` (usually a lazily built static) whose dict holds its
/// methods, optionally followed by `{ ... }` with the trait's other methods (`getattr`, …).
/// Name and class may instead be closures of the object: `|g| …, |g| …`.
/// The one spelling of `class`/`type_name`/`as_any` for every native type.
macro_rules! native_object {
    // The class and the name depend on the object (`generator` or `coroutine`, …).
    ($ty:ty, |$this:ident| $name:expr, |$this2:ident| $class:expr $(, { $($rest:tt)* })?) => {
        impl $crate::vm::object::NativeObject for $ty {
            fn class(&self) -> ::std::sync::Arc<$crate::vm::object::Class> {
                let $this2 = self;
                $class
            }
            fn type_name(&self) -> &str {
                let $this = self;
                $name
            }
            fn as_any(&self) -> &dyn ::std::any::Any {
                self
            }
            $($($rest)*)?
        }
    };
    ($ty:ty, $name:expr, $class:expr $(, { $($rest:tt)* })?) => {
        impl $crate::vm::object::NativeObject for $ty {
            fn class(&self) -> ::std::sync::Arc<$crate::vm::object::Class> {
                ($class).clone()
            }
            fn type_name(&self) -> &str {
                $name
            }
            fn as_any(&self) -> &dyn ::std::any::Any {
                self
            }
            $($($rest)*)?
        }
    };
}
pub(crate) use native_object;

/// A native type's class, built on first use: `class_static!(pub(super) NAME = make_class();
/// "method" => function, …);` declares `static NAME: LazyLock<Arc<Class>>` holding the class
/// `make_class()` returns with those methods added. The one way a native type's class is
/// declared, beside [`native_object!`] for its instances.
macro_rules! class_static {
    ($vis:vis $name:ident = $make:expr; $($method:literal => $f:expr),* $(,)?) => {
        $vis static $name: ::std::sync::LazyLock<::std::sync::Arc<$crate::vm::object::Class>> =
            ::std::sync::LazyLock::new(|| {
                let c = $make;
                $($crate::vm::object::registry::add_method(&c, $method, $f);)*
                c
            });
    };
}
pub(crate) use class_static;

/// `self` of a method of the native type `T` (the first argument), or CPython's TypeError
/// naming the type `tp` (`descriptor requires a '_thread.lock' object`).
pub fn native_self<'a, T: 'static>(args: &'a [Value], tp: &str) -> PyResult<&'a T> {
    if let Some(Value::Native(n)) = args.first()
        && let Some(x) = n.as_any().downcast_ref::<T>()
    {
        return Ok(x);
    }
    Err(crate::vm::object::exceptions::type_error(format!(
        "descriptor requires a '{tp}' object"
    )))
}
