//! `Value`: what a variable, a stack slot or a container element holds.
//!
//! Promises, for the threads that arrive later (`src/README.md`, decision 2):
//! - `Value` is 16 bytes, `Send + Sync`, and cloning it never takes a lock.
//! - `None`, booleans, small ints (`i64`) and floats live inline: the counting loop
//!   `while n > 0: n -= 1` allocates nothing and touches no shared cache line.
//! - Every heap object is behind an `Arc` and guards its own mutable state with a lock of its
//!   own (`parking_lot`), like PEP 703's per-object critical sections; a lock is held only
//!   inside one operation on that object, never across two instructions and never while
//!   running Python code.
//!
//! Ints beyond `i64` are `BigInt` (num-bigint); arithmetic on `Int` checks for overflow and
//! promotes, and a `BigInt` result that fits is always normalised back to `Int`.

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::vm::object::code::Code;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::gc;
use crate::vm::object::registry::types;
use crate::vm::object::{
    BoundMethod, BuiltinFunction, Cell, Class, Dict, Function, Instance, IterObj, List, Module,
    NativeObject, PyResult, RangeObj, Set, SliceObj, Tuple,
};

/// `repr(u64)`: the tag is a whole word and every payload sits in the second word, so a
/// value is built with two word-sized stores, never a tag byte and odd-sized padding copies
/// (measured: those made the next 16-byte move of the value wait for the stores, a failed
/// store-to-load forward, on every push of a freshly made int). Still 16 bytes, and
/// `Option<Value>` and `PyResult<Value>` still use spare tag values (no extra word).
#[repr(u64)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    BigInt(Arc<BigInt>),
    Str(Arc<PyStr>),
    /// `bytes`: immutable, so shared without a lock (`bytearray` is a native object).
    Bytes(Arc<PyBytes>),
    Tuple(Arc<Tuple>),
    List(Arc<List>),
    Dict(Arc<Dict>),
    Set(Arc<Set>),
    Function(Arc<Function>),
    Builtin(Arc<BuiltinFunction>),
    Method(Arc<BoundMethod>),
    Class(Arc<Class>),
    Instance(Arc<Instance>),
    Module(Arc<Module>),
    Cell(Arc<Cell>),
    Code(Arc<Code>),
    Range(Arc<RangeObj>),
    Slice(Arc<SliceObj>),
    Iter(Arc<IterObj>),
    /// Objects implemented in Rust by a module (threads, locks, …).
    Native(Arc<Box<dyn NativeObject>>),
    /// Internal marker (`LOAD_METHOD` found no method); never visible to Python code.
    Null,
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);

impl Clone for Value {
    /// Inlined, so that the copy is one 16-byte move from the source to where it goes. The
    /// derived clone was a call that wrote its result as two word stores into the caller's
    /// frame, and the caller's next 16-byte move of it waited for them (a failed
    /// store-to-load forward; measured on list subscripts in nbody.py).
    #[inline(always)]
    fn clone(&self) -> Value {
        /// Raises the count of the `Arc` and forgets the new handle: the bitwise copy below
        /// is that handle.
        #[inline(always)]
        fn raise<T: ?Sized>(a: &Arc<T>) {
            std::mem::forget(Arc::clone(a));
        }
        match self {
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Null => {}
            Value::BigInt(a) => raise(a),
            Value::Str(a) => raise(a),
            Value::Bytes(a) => raise(a),
            Value::Tuple(a) => raise(a),
            Value::List(a) => raise(a),
            Value::Dict(a) => raise(a),
            Value::Set(a) => raise(a),
            Value::Function(a) => raise(a),
            Value::Builtin(a) => raise(a),
            Value::Method(a) => raise(a),
            Value::Class(a) => raise(a),
            Value::Instance(a) => raise(a),
            Value::Module(a) => raise(a),
            Value::Cell(a) => raise(a),
            Value::Code(a) => raise(a),
            Value::Range(a) => raise(a),
            Value::Slice(a) => raise(a),
            Value::Iter(a) => raise(a),
            Value::Native(a) => raise(a),
        }
        // SAFETY: the inline variants and `Null` own nothing, so their bitwise copy is an
        // independent value; for the others the match above raised the `Arc`'s count by one,
        // and the copy owns that count, exactly what `Arc::clone` returns (an `Arc` is its
        // pointer).
        unsafe { std::ptr::read(self) }
    }
}
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);

/// The tag word of `Value::Int` (`repr(u64)`: variants are numbered in declaration order).
const INT_TAG: u64 = 2;
// SAFETY (of the const evaluation): a transmute between two 16-byte plain-data layouts;
// `Value::Int` owns nothing, so consuming it without a drop loses nothing.
const _: () =
    assert!(unsafe { std::mem::transmute::<Value, [u64; 2]>(Value::Int(7)) }[0] == INT_TAG);
/// The tag word of `Value::Float`.
const FLOAT_TAG: u64 = 3;
// SAFETY (of the const evaluation): as above; `Value::Float` owns nothing, and its payload
// word is the float's bits.
const _: () = assert!({
    let w = unsafe { std::mem::transmute::<Value, [u64; 2]>(Value::Float(1.5)) };
    w[0] == FLOAT_TAG && w[1] == 1.5f64.to_bits()
});

/// `x` in a new `Arc`, registered with the cycle collector by `track` (one of `gc`'s
/// registration helpers).
#[inline(always)]
fn tracked<T>(x: T, track: impl FnOnce(&Arc<T>)) -> Arc<T> {
    let a = Arc::new(x);
    track(&a);
    a
}

impl Value {
    /// Overwrites `slot`, which holds an int, with the int `i`, as one 16-byte store.
    ///
    /// Why not `*slot = Value::Int(i)`: that writes the tag and the payload as two word
    /// stores, and the next instruction pops the value with one 16-byte load, which cannot
    /// be forwarded from two stores: the CPU waits for them to reach the cache (measured as
    /// the hottest spot of `BINARY_MULTIPLY` in attrs.py). One wide store forwards.
    #[inline(always)]
    pub fn overwrite_int(slot: &mut Value, i: i64) {
        debug_assert!(matches!(slot, Value::Int(_)));
        // SAFETY: `slot` is a valid, writable `Value` holding an int, which owns nothing,
        // so overwriting it without a drop leaks nothing.
        unsafe { write_int(slot, i) }
    }

    /// Overwrites `slot`, which holds an int or a float, with the float `x`, as one 16-byte
    /// store (see [`Value::overwrite_int`]; measured as the hottest spot of nbody.py's float
    /// arithmetic before).
    #[inline(always)]
    pub fn overwrite_float(slot: &mut Value, x: f64) {
        debug_assert!(matches!(slot, Value::Int(_) | Value::Float(_)));
        // SAFETY: `slot` is a valid, writable `Value` holding an int or a float, which own
        // nothing, so overwriting it without a drop leaks nothing.
        unsafe { write_words(slot, FLOAT_TAG, x.to_bits()) }
    }

    /// Pushes `v` with one 16-byte store, having read it as two words.
    ///
    /// Why: a value returned by a call (`PyResult<Value>` goes through memory) was written
    /// there as two word stores, and `Vec::push` moved it on with one 16-byte load, which
    /// cannot be forwarded from two stores: the CPU waits for them to land (measured as the
    /// hottest spots of `execute` in constraints.py and nbody.py, after `load_global`, a
    /// call, a subscript). Two word loads forward from anything; the one wide store then
    /// forwards to the next instruction's 16-byte pop.
    #[inline(always)]
    pub fn push_value(stack: &mut Vec<Value>, v: Value) {
        let v = std::mem::ManuallyDrop::new(v);
        let words = (&*v as *const Value).cast::<u64>();
        // SAFETY: `v` is a live 16-byte `Value` (asserted size), readable as two words.
        // Volatile only so that the compiler keeps them two word loads (it would fuse them
        // into the one wide load this avoids).
        let (tag, payload) = unsafe { (words.read_volatile(), words.add(1).read_volatile()) };
        if stack.len() == stack.capacity() {
            stack.reserve(1);
        }
        let len = stack.len();
        // SAFETY: `len < capacity`, so the slot is allocated and holds no value; the words
        // are `v`, whose ownership moves into the slot (`v` itself is never dropped:
        // `ManuallyDrop`); then the length may cover it, as `Vec::push` does.
        unsafe {
            write_raw(stack.as_mut_ptr().add(len), tag, payload);
            stack.set_len(len + 1);
        }
    }

    /// Pushes the int `i` with one 16-byte store (see [`Value::overwrite_int`]).
    #[inline(always)]
    pub fn push_int(stack: &mut Vec<Value>, i: i64) {
        if stack.len() == stack.capacity() {
            stack.reserve(1);
        }
        let len = stack.len();
        // SAFETY: `len < capacity`, so the slot at `len` is allocated and holds no value:
        // `write_int` initialises it, and then the length may cover it (what `Vec::push`
        // does after its own capacity check).
        unsafe {
            write_int(stack.as_mut_ptr().add(len), i);
            stack.set_len(len + 1);
        }
    }
}

/// Writes the words [`tag`, `payload`] of a value to `dst` as one 16-byte store.
///
/// # Safety
/// `dst` must be valid for a 16-byte write; whatever it held is overwritten, not dropped.
/// The two words must be a valid `Value` whose ownership passes to `dst`.
#[inline(always)]
unsafe fn write_raw(dst: *mut Value, tag: u64, payload: u64) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_set_epi64x, _mm_storeu_si128};
        // SAFETY: the caller's contract; SSE2 is part of x86_64 and the store has no
        // alignment requirement.
        unsafe {
            _mm_storeu_si128(
                dst.cast::<__m128i>(),
                _mm_set_epi64x(payload as i64, tag as i64),
            )
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        // SAFETY: the caller's contract: the words are a valid `Value`, so they may be
        // written as one.
        unsafe { dst.write(std::mem::transmute::<[u64; 2], Value>([tag, payload])) }
    }
}

/// Writes `Value::Int(i)` to `dst` as one 16-byte store, without dropping what was there.
///
/// # Safety
/// `dst` must be valid for a 16-byte write; whatever it held is overwritten, not dropped.
#[inline(always)]
unsafe fn write_int(dst: *mut Value, i: i64) {
    // SAFETY: the caller's contract; [INT_TAG, i] is `Value::Int(i)` (asserted above).
    unsafe { write_words(dst, INT_TAG, i as u64) }
}

/// Writes the words [`tag`, `payload`] to `dst` as one 16-byte store, without dropping what
/// was there.
///
/// # Safety
/// `dst` must be valid for a 16-byte write; whatever it held is overwritten, not dropped.
/// `tag` must be `INT_TAG` or `FLOAT_TAG`: the two words are then a valid `Value` for any
/// payload (an `i64` or an `f64`'s bits, both plain data; asserted above).
#[inline(always)]
unsafe fn write_words(dst: *mut Value, tag: u64, payload: u64) {
    debug_assert!(tag == INT_TAG || tag == FLOAT_TAG);
    // SAFETY: the caller's contract; [INT_TAG or FLOAT_TAG, any word] is a valid `Value`
    // that owns nothing.
    unsafe { write_raw(dst, tag, payload) }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{}", i),
            Value::Float(x) => write!(f, "{}", crate::bytecode::constant::float_repr(*x)),
            Value::BigInt(b) => write!(f, "{}", b),
            Value::Str(s) => write!(f, "{:?}", s.as_str()),
            other => write!(f, "<{}>", other.type_name()),
        }
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::new(PyStr::new(s)))
    }
    pub fn string(s: String) -> Value {
        Value::Str(Arc::new(PyStr::from(s)))
    }
    /// A new `bytes` value.
    pub fn bytes(data: impl Into<Box<[u8]>>) -> Value {
        Value::Bytes(Arc::new(PyBytes::new(data)))
    }
    /// A new tuple (tracked by the cycle collector if it holds a container).
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(tracked(Tuple(items), gc::tuple))
    }
    /// A new list, tracked by the cycle collector (`vm/object/gc.rs`).
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(tracked(List::new(items), gc::list))
    }
    /// A new instance, tracked by the cycle collector.
    pub fn instance(i: Instance) -> Value {
        Value::Instance(tracked(i, gc::instance))
    }
    /// A new instance of `class` ([`Instance::new`]), tracked by the cycle collector, built
    /// in its allocation: `Arc::new` of a built instance copies its 184 bytes from the
    /// stack into the allocation (4% of a program that makes small objects in a loop).
    #[inline]
    pub fn new_instance(class: Arc<crate::vm::object::Class>) -> Arc<Instance> {
        let a = Arc::<Instance>::new_uninit();
        // SAFETY: `a` is the only pointer to its allocation (no clone, no `Weak`), so nothing
        // reads or refers to the value while it is written; `Arc::as_ptr` derives the pointer
        // from the allocation's own (not through a shared reference), as `Arc::get_mut` does,
        // without `get_mut`'s atomic check of a uniqueness that is evident here. Once
        // written, the value is initialised, which `assume_init` asks.
        let a = unsafe {
            Arc::as_ptr(&a)
                .cast_mut()
                .cast::<Instance>()
                .write(Instance::new(class));
            a.assume_init()
        };
        gc::instance(&a);
        a
    }
    /// `func` bound to `self_`, tracked by the cycle collector.
    pub fn method(func: Value, self_: Value) -> Value {
        let m = BoundMethod::new(func, self_);
        Value::Method(tracked(m, gc::method))
    }
    /// A new dict, tracked by the cycle collector.
    pub fn dict(d: Dict) -> Value {
        Value::Dict(tracked(d, gc::dict))
    }
    /// A new set or frozenset, tracked by the cycle collector.
    pub fn set(items: KeySet, frozen: bool) -> Value {
        let s = Set::new(items, frozen);
        Value::Set(tracked(s, gc::set))
    }
    /// An int from a BigInt, normalised to the inline form when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Arc::new(b)),
        }
    }

    /// `clone()` with the inline variants copied without a call (the loop's hot path).
    ///
    /// They are copied as the 16 bytes they are, not rebuilt variant by variant: a value
    /// rebuilt as a tag byte and a payload word and then moved as one 16-byte word (a push)
    /// makes the CPU wait for both narrow stores to land (a failed store-to-load forward,
    /// measured as the hottest spot of LOAD_ATTR and LOAD_FAST).
    #[inline(always)]
    pub fn fast_clone(&self) -> Value {
        match self {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None => {
                // SAFETY: these variants own nothing (no `Arc`, no drop glue), so a bitwise
                // copy is an independent, valid `Value`, exactly what `Clone` would build;
                // dropping either copy does nothing.
                unsafe { std::ptr::read(self) }
            }
            other => other.clone(),
        }
    }

    /// Drops a value, skipping the drop glue for the inline variants.
    #[inline(always)]
    pub fn fast_drop(self) {
        match self {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None | Value::Null => {
                std::mem::forget(self)
            }
            other => drop(other),
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// `None`, a bool, a number or a str: immutable and holding no other object, so its
    /// operators, truth and comparisons run no Python code and read no container, and
    /// another interpreter can share it as it is.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Value::None
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
                | Value::BigInt(_)
                | Value::Str(_)
                | Value::Bytes(_)
        )
    }

    /// Identity (`is`): same inline value or same object.
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) | (Null, Null) => true,
            (Bool(a), Bool(b)) => a == b,
            // Small ints are cached in CPython (-5..=256), and in practice `is` between equal
            // ints from the same computation is rare; compare by value like a cache would.
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (BigInt(a), BigInt(b)) => Arc::ptr_eq(a, b),
            (Str(a), Str(b)) => Arc::ptr_eq(a, b) || (a.len() <= 1 && a.as_str() == b.as_str()),
            (Bytes(a), Bytes(b)) => Arc::ptr_eq(a, b) || (a.len() <= 1 && a.data() == b.data()),
            (Tuple(a), Tuple(b)) => Arc::ptr_eq(a, b) || (a.0.is_empty() && b.0.is_empty()),
            (List(a), List(b)) => Arc::ptr_eq(a, b),
            (Dict(a), Dict(b)) => Arc::ptr_eq(a, b),
            (Set(a), Set(b)) => Arc::ptr_eq(a, b),
            (Function(a), Function(b)) => Arc::ptr_eq(a, b),
            (Builtin(a), Builtin(b)) => Arc::ptr_eq(a, b),
            (Method(a), Method(b)) => Arc::ptr_eq(a, b),
            (Class(a), Class(b)) => Arc::ptr_eq(a, b),
            (Instance(a), Instance(b)) => Arc::ptr_eq(a, b),
            (Module(a), Module(b)) => Arc::ptr_eq(a, b),
            (Cell(a), Cell(b)) => Arc::ptr_eq(a, b),
            (Code(a), Code(b)) => Arc::ptr_eq(a, b),
            (Range(a), Range(b)) => Arc::ptr_eq(a, b),
            (Slice(a), Slice(b)) => Arc::ptr_eq(a, b),
            (Iter(a), Iter(b)) => Arc::ptr_eq(a, b),
            (Native(a), Native(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A stable address-like number for `id()` and default reprs.
    pub fn id(&self) -> usize {
        use Value::*;
        fn p<T: ?Sized>(a: &Arc<T>) -> usize {
            Arc::as_ptr(a) as *const u8 as usize
        }
        match self {
            None => 0x9e_0000,
            Null => 0,
            Bool(b) => 0x9e_1000 + *b as usize,
            // CPython's small-int cache gives equal small ints one id; mimic a stable mapping.
            Int(i) => 0x7f00_0000_0000usize.wrapping_add((*i as usize).wrapping_mul(32)),
            Float(x) => x.to_bits() as usize,
            BigInt(a) => p(a),
            Str(a) => p(a),
            Bytes(a) => p(a),
            Tuple(a) => p(a),
            List(a) => p(a),
            Dict(a) => p(a),
            Set(a) => p(a),
            Function(a) => p(a),
            Builtin(a) => p(a),
            Method(a) => p(a),
            Class(a) => p(a),
            Instance(a) => p(a),
            Module(a) => p(a),
            Cell(a) => p(a),
            Code(a) => p(a),
            Range(a) => p(a),
            Slice(a) => p(a),
            Iter(a) => p(a),
            Native(a) => p(a),
        }
    }

    /// `callable(v)`: a function, method, class, or an object whose class has `__call__`.
    pub fn is_callable(&self) -> bool {
        match self {
            Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
            Value::Instance(i) => i.class.lookup("__call__").is_some(),
            Value::Native(n) => n.class().lookup("__call__").is_some(),
            _ => false,
        }
    }

    /// The type's name as CPython spells it in messages (`'int' object is not callable`).
    pub fn type_name(&self) -> String {
        match self {
            Value::Instance(i) => i.class.tp_name().to_string(),
            Value::Native(n) => n.type_name().to_string(),
            // A class whose metaclass is not `type`: the metaclass's name (`'M' object`).
            Value::Class(c) if c.metaclass.is_some() => {
                crate::vm::object::registry::metaclass_of(c).name.clone()
            }
            other => crate::vm::object::registry::builtin_type_of(other)
                .name
                .clone(),
        }
    }

    /// Inline truth test for the types that need no Python call; `None` when a `__bool__`
    /// or `__len__` method must be consulted.
    #[inline]
    pub fn fast_truth(&self) -> Option<bool> {
        Some(match self {
            Value::None | Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(x) => *x != 0.0,
            Value::BigInt(_) => true,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::Tuple(t) => !t.0.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Set(s) => !s.is_empty(),
            Value::Range(r) => r.len() != BigInt::from(0),
            Value::Instance(_) | Value::Native(_) => return None,
            _ => true,
        })
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }
}

/// An immutable Python `str`, with its hash cached and an ASCII flag so that indexing an ASCII
/// string is O(1).
pub struct PyStr {
    s: Box<str>,
    ascii: bool,
    /// 0 = not computed yet.
    hash: AtomicU64,
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr {
            ascii: s.is_ascii(),
            s: s.into(),
            hash: AtomicU64::new(0),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.s
    }
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }
    pub fn is_empty(&self) -> bool {
        self.s.is_empty()
    }
    /// Length in bytes (use `char_len` for Python's `len`).
    pub fn len(&self) -> usize {
        self.s.len()
    }
    /// Python's `len(s)`: the number of code points.
    pub fn char_len(&self) -> usize {
        if self.ascii {
            self.s.len()
        } else {
            self.s.chars().count()
        }
    }
    /// The code point at a (non-negative, in-range) index.
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.ascii {
            self.s.as_bytes().get(i).map(|&b| b as char)
        } else {
            self.s.chars().nth(i)
        }
    }
    /// The hash used for dict keys and by `hash()`: [`str_hash`], computed once (0, the
    /// empty string's, is computed again each time).
    pub fn hash(&self) -> u64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != 0 {
            return h;
        }
        let h = str_hash(&self.s);
        self.hash.store(h, Ordering::Relaxed);
        h
    }
}

/// The one `PyStr` for an identifier: the compiler interns every name in `co_names`, and the
/// built-in namespaces are filled with interned names, so the keys of globals, class and
/// instance dicts are usually the very `PyStr` that `LOAD_GLOBAL`/`LOAD_ATTR` look up, and key
/// comparison ([`PyStrKey`]) stops at a pointer compare. Interned strings live for the whole
/// process (only names from source code and from the runtime's own tables are interned).
pub fn intern(s: &str) -> Arc<PyStr> {
    static TABLE: std::sync::LazyLock<
        parking_lot::Mutex<std::collections::HashMap<Box<str>, Arc<PyStr>>>,
    > = std::sync::LazyLock::new(Default::default);
    let mut table = TABLE.lock();
    if let Some(p) = table.get(s) {
        return p.clone();
    }
    let p = Arc::new(PyStr::new(s));
    p.hash();
    table.insert(s.into(), p.clone());
    p
}

/// CPython 3.11's hash of a str under `PYTHONHASHSEED=0`: SipHash-1-3 with a key of zeros
/// over the string's PEP 393 representation (1, 2 or 4 little-endian bytes a code point, as
/// its widest code point needs), -1 taken as -2, 0 for the empty string. So `hash(s)` and
/// the order a set of strings iterates in are those of `PYTHONHASHSEED=0 python3` (the set's
/// table is CPython's, slot for slot: `set_table.rs`).
pub fn str_hash(s: &str) -> u64 {
    use std::hash::Hasher;
    if s.is_empty() {
        return 0;
    }
    let mut h = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    if s.is_ascii() {
        h.write(s.as_bytes());
    } else {
        let widest = s.chars().map(|c| c as u32).max().unwrap_or(0);
        let width = if widest < 0x100 {
            1
        } else if widest < 0x1_0000 {
            2
        } else {
            4
        };
        let mut bytes = Vec::with_capacity(s.len() * width);
        for c in s.chars() {
            bytes.extend_from_slice(&(c as u32).to_le_bytes()[..width]);
        }
        h.write(&bytes);
    }
    match h.finish() {
        u64::MAX => -2i64 as u64,
        x => x,
    }
}

/// The data of a `bytes` object, with its hash computed once. The hash is `str`'s over the
/// same bytes, so `hash(b"abc") == hash("abc")`, as in CPython (both hash the bytes of an
/// ASCII string).
pub struct PyBytes {
    data: Box<[u8]>,
    /// 0 = not computed yet.
    hash: AtomicU64,
}

impl PyBytes {
    pub fn new(data: impl Into<Box<[u8]>>) -> PyBytes {
        PyBytes {
            data: data.into(),
            hash: AtomicU64::new(0),
        }
    }
    pub fn data(&self) -> &[u8] {
        &self.data
    }
    pub fn len(&self) -> usize {
        self.data.len()
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    pub fn hash(&self) -> u64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != 0 {
            return h;
        }
        // CPython's `_Py_HashBytes`: 0 when empty, else SipHash-1-3 (the key of zeros that
        // `str_hash` uses), -1 made -2.
        if self.data.is_empty() {
            return 0;
        }
        let mut s = siphasher::sip::SipHasher13::new_with_keys(0, 0);
        std::hash::Hasher::write(&mut s, &self.data);
        let h = match std::hash::Hasher::finish(&s) {
            u64::MAX => -2i64 as u64,
            x => x,
        };
        self.hash.store(h, Ordering::Relaxed);
        h
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> PyStr {
        PyStr {
            ascii: s.is_ascii(),
            s: s.into_boxed_str(),
            hash: AtomicU64::new(0),
        }
    }
}

impl std::fmt::Display for PyStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.s)
    }
}

/// Python's hash of an int: the value modulo the Mersenne prime 2**61 - 1, keeping the sign,
/// and -1 mapped to -2 (CPython's `long_hash`).
pub const HASH_MODULUS: u64 = (1 << 61) - 1;

pub fn hash_i64(i: i64) -> i64 {
    let m = HASH_MODULUS as i128;
    let v = i as i128;
    let mut h = (v.abs() % m) as i64;
    if v < 0 {
        h = -h;
    }
    if h == -1 { -2 } else { h }
}

pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = BigInt::from(HASH_MODULUS);
    let r: BigInt = BigInt::from(b.magnitude().clone());
    let r = (r % &m).to_i64().unwrap_or(0);
    let h = if b.sign() == num_bigint::Sign::Minus {
        -r
    } else {
        r
    };
    if h == -1 { -2 } else { h }
}

/// Python's hash of a float (`_Py_HashDouble`): equal to the int hash for integral values.
pub fn hash_f64(x: f64) -> i64 {
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & HASH_MODULUS) | (h >> (61 - 28));
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= HASH_MODULUS {
            h -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    h = ((h << e) & HASH_MODULUS) | (h >> (61 - e));
    let mut h = h as i64;
    if x < 0.0 {
        h = -h;
    }
    if h == -1 { -2 } else { h }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // subnormal: scale up first
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// A dict or set key: a `Value` with Python's equality and hash, for the types that hash by
/// value (numbers, str, tuple, None, frozen things) and by identity for the rest. Unhashable
/// values (list, dict, set) are rejected before a key is made.
#[derive(Clone, Debug)]
pub struct HashKey {
    pub value: Value,
    pub hash: i64,
}

impl HashKey {
    pub fn str(s: &Arc<PyStr>) -> HashKey {
        HashKey {
            hash: s.hash() as i64,
            value: Value::Str(s.clone()),
        }
    }
}

impl Hash for HashKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.hash)
    }
}

impl PartialEq for HashKey {
    fn eq(&self, other: &HashKey) -> bool {
        self.hash == other.hash && key_eq(&self.value, &other.value)
    }
}
impl Eq for HashKey {}

/// A borrowed string key for lookups without cloning an `Arc`.
pub struct StrKey<'a>(pub &'a str, pub u64);

impl Hash for StrKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.1 as i64)
    }
}

impl indexmap::Equivalent<HashKey> for StrKey<'_> {
    fn equivalent(&self, key: &HashKey) -> bool {
        matches!(&key.value, Value::Str(s) if s.as_str() == self.0)
    }
}

/// A lookup key for a `PyStr` the caller holds (a name from `co_names`): equal keys are
/// usually the same interned object, so the pointer compare settles most lookups.
pub struct PyStrKey<'a>(pub &'a Arc<PyStr>);

impl Hash for PyStrKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.0.hash() as i64)
    }
}

impl indexmap::Equivalent<HashKey> for PyStrKey<'_> {
    #[inline]
    fn equivalent(&self, key: &HashKey) -> bool {
        match &key.value {
            Value::Str(s) => Arc::ptr_eq(s, self.0) || s.as_str() == self.0.as_str(),
            _ => false,
        }
    }
}

/// Whether `==` on this key may run user code: an instance of a class that defines `__eq__`,
/// or a tuple holding one. For every other key [`key_eq`] is Python's `==`; for these it is
/// identity only, and `ops/keys.rs` calls the user's `__eq__` outside the container's lock.
#[inline(always)]
pub fn eq_runs_code(v: &Value) -> bool {
    matches!(v, Value::Instance(_) | Value::Tuple(_) | Value::Native(_)) && eq_runs_code_slow(v)
}

#[inline(never)]
fn eq_runs_code_slow(v: &Value) -> bool {
    match v {
        Value::Instance(i) => !matches!(i.class.lookup("__eq__"), None | Some(Value::Builtin(_))),
        Value::Tuple(t) => t.0.iter().any(eq_runs_code),
        // A live weak reference compares its referent (a `WeakSet`'s items).
        Value::Native(_) => crate::vm::object::weakref::eq_runs_code(v),
        _ => false,
    }
}

/// [`NativeObject::key_eq`] of whichever side is a native object.
fn native_key_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Native(x), _) => x.key_eq(b) == Some(true),
        (_, Value::Native(y)) => y.key_eq(a) == Some(true),
        _ => false,
    }
}

/// Equality of hashable values as Python's `==` for the built-in types (no user code runs).
pub fn key_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Str(x), Str(y)) => Arc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Bytes(x), Bytes(y)) => x.data() == y.data(),
        (Int(x), Int(y)) => x == y,
        (Tuple(x), Tuple(y)) => {
            x.0.len() == y.0.len() && x.0.iter().zip(y.0.iter()).all(|(p, q)| key_eq(p, q))
        }
        // A subclass of a built-in type whose `==` is the base's (`class Name(str)`) compares
        // as the value it carries.
        (Instance(_), _) | (_, Instance(_)) if base_eq(a) || base_eq(b) => {
            a.is(b) || key_eq(a.builtin_base(), b.builtin_base())
        }
        // Bound methods: the same `__self__` and equal `__func__` (CPython 3.8+'s `meth_richcompare`),
        // so `listeners.remove(obj.method)` finds the bound method appended earlier.
        (Method(x), Method(y)) => x.self_.is(&y.self_) && key_eq(&x.func, &y.func),
        _ => match (num_key(a), num_key(b)) {
            (Some(x), Some(y)) => x == y,
            (Option::None, Option::None) => {
                a.is(b)
                    || frozen_eq(a, b)
                    || crate::vm::object::weakref::key_eq(a, b)
                    || native_key_eq(a, b)
            }
            _ => false,
        },
    }
}

/// An instance carrying a built-in value, whose `==` runs no user code.
fn base_eq(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.base().is_some()) && !eq_runs_code(v)
}

fn frozen_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Set(x), Value::Set(y)) if x.frozen && y.frozen => x.eq_set(y),
        _ => false,
    }
}

/// Numbers compared across int/float/bool for key equality.
#[derive(PartialEq)]
enum NumKey {
    Int(BigInt),
    Float(f64),
    /// A complex number with a nonzero imaginary part (the others key as their real part).
    Complex(f64, f64),
}

fn num_key(v: &Value) -> Option<NumKey> {
    Some(match v {
        Value::Bool(b) => NumKey::Int(BigInt::from(*b as i64)),
        Value::Int(i) => NumKey::Int(BigInt::from(*i)),
        Value::BigInt(b) => NumKey::Int((**b).clone()),
        Value::Float(x) => {
            if x.fract() == 0.0 && x.is_finite() {
                NumKey::Int(num_bigint::BigInt::from(*x as i128))
            } else {
                NumKey::Float(*x)
            }
        }
        Value::Native(_) => match crate::vm::object::complex::complex_parts(v)? {
            (re, 0.0) => return num_key(&Value::Float(re)),
            (re, im) => NumKey::Complex(re, im),
        },
        _ => return None,
    })
}

/// A hasher that mixes the precomputed Python hash (FxHash-style) so that the small,
/// clustered hashes of ints spread over the table.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(*b as u64);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_i64(&mut self, v: i64) {
        self.write_u64(v as u64)
    }
}

pub type KeyBuildHasher = std::hash::BuildHasherDefault<KeyHasher>;
pub type KeyMap<V> = indexmap::IndexMap<HashKey, V, KeyBuildHasher>;
pub type KeySet = crate::vm::object::set_table::PySet;

/// `repr` of a literal-like value without running user code (`--explain` and set internals use
/// it; `dis` prints `bytecode::Constant::repr`).
pub fn const_repr(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(x) => crate::bytecode::constant::float_repr(*x),
        Value::Str(s) => crate::bytecode::constant::str_repr(s.as_str()),
        Value::Bytes(b) => crate::bytecode::constant::bytes_repr(b.data()),
        Value::Tuple(t) => {
            let parts: Vec<String> = t.0.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Value::Code(c) => c.repr(),
        other => format!("<{}>", other.type_name()),
    }
}

/// The `NotImplemented` singleton that binary dunder methods return to decline.
pub static NOT_IMPLEMENTED: LazyLock<Value> = LazyLock::new(|| {
    Value::Instance(Arc::new(Instance::new(
        types().not_implemented_type.clone(),
    )))
});
/// The `Ellipsis` singleton (`...`).
pub static ELLIPSIS: LazyLock<Value> =
    LazyLock::new(|| Value::Instance(Arc::new(Instance::new(types().ellipsis_type.clone()))));

pub fn is_not_implemented(v: &Value) -> bool {
    v.is(&NOT_IMPLEMENTED)
}

/// Hash of a built-in value (no Python code runs).
pub fn self_hash_key(v: &Value) -> PyResult<HashKey> {
    let hash = match v {
        Value::Str(s) => s.hash() as i64,
        Value::Bytes(b) => b.hash() as i64,
        Value::Int(i) => hash_i64(*i),
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => hash_bigint(b),
        Value::Float(x) => hash_f64(*x),
        Value::None => 0x5f3759df,
        Value::Tuple(t) => tuple_hash(&t.0)?,
        Value::Set(s) if s.frozen => s.items.lock().frozen_hash(),
        // A slice is unhashable until Python 3.12.
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => {
            return Err(exc::type_error(format!(
                "unhashable type: '{}'",
                v.type_name()
            )));
        }
        Value::Instance(inst)
            if inst.class.lookup("__eq__").is_some() && inst.class.lookup("__hash__").is_none() =>
        {
            return Err(exc::type_error(format!(
                "unhashable type: '{}'",
                inst.class.tp_name()
            )));
        }
        // Consistent with `key_eq`: the identity of `__self__` and the hash of `__func__`.
        Value::Method(m) => ((m.self_.id() >> 4) as i64) ^ self_hash_key(&m.func)?.hash,
        other => (other.id() >> 4) as i64,
    };
    Ok(HashKey {
        value: v.clone(),
        hash,
    })
}

/// CPython 3.8+'s tuple hash (xxHash-based), of items that hash without user code.
pub(crate) fn tuple_hash(items: &[Value]) -> PyResult<i64> {
    let mut h = TupleHash::new();
    for item in items {
        h.add(self_hash_key(item)?.hash);
    }
    Ok(h.finish(items.len()))
}

/// CPython 3.8+'s tuple hash (xxHash-based), fed the items' hashes one by one.
pub(crate) struct TupleHash(u64);

impl TupleHash {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;

    pub(crate) fn new() -> TupleHash {
        TupleHash(Self::P5)
    }
    pub(crate) fn add(&mut self, lane: i64) {
        let acc = self.0.wrapping_add((lane as u64).wrapping_mul(Self::P2));
        self.0 = acc.rotate_left(31).wrapping_mul(Self::P1);
    }
    pub(crate) fn finish(self, len: usize) -> i64 {
        let acc = self.0.wrapping_add((len as u64) ^ (Self::P5 ^ 3527539));
        if acc == u64::MAX {
            1546275796
        } else {
            acc as i64
        }
    }
}
