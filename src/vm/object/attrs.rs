//! An instance's attributes: the class's shared keys, and the instance's own values, the
//! first of them inside the instance itself, readable without a lock.
//!
//! CPython 3.11 stores an instance's attributes in a *split* dict (PEP 412, and 3.11's
//! "inline values"): the attribute names live once, in the class's shared keys, and each
//! instance keeps only an array of values in key order, plus the order in which it inserted
//! them. A `self.x` is then an index into that array, found by a per-instruction cache. gilvm
//! does the same: [`SharedKeys`] is the class's append-only table of names, [`Slots`] the
//! values of the first [`INLINE`] keys, inside the instance (CPython 3.12's inline values), and
//! [`Rest`] the values past them and the insertion order, in a box allocated only when an
//! instance needs it. An instance gets a real [`Dict`](crate::vm::object::Dict) only when a
//! program asks for one (`obj.__dict__`, `vars(obj)`) or when the class's keys are full; from
//! then on that dict holds the attributes, for good, as CPython's materialised `__dict__` does.
//!
//! Measured on `benches/constraints.py` before this layout: half the time of the attribute
//! load went to cache misses through instance → dict → entry table. The values were then an
//! array one pointer from the instance, with a copy of the immediate ones in the instance for
//! reads without the lock (a "mirror", 80 bytes): an empty instance took about 255 bytes to
//! CPython's 80, a five-attribute one 330 to 160. The slots are now both the storage and what
//! a reader without the lock reads: one allocation per instance of up to [`INLINE`] attributes.
//!
//! # Why reads of the shared keys need no lock
//! The table is append-only: a name, once at index `i`, stays there for the life of the
//! class, and each slot is written once ([`OnceLock`]). A reader that sees a slot set sees the
//! name written there (the `OnceLock` publishes with release/acquire). Appends take the
//! table's mutex, a leaf lock never held across anything else.
//!
//! # The slots (a sequence lock)
//! Free-threaded CPython reads an attribute optimistically, without a lock. gilvm does that
//! for the values that need no reference count — `None`, bools, ints that fit a machine word
//! and floats — and for the absence of a value. A slot is two atomic words, a tag and a
//! payload (an immediate, or the pointer of the `Arc` the slot owns). Heap values are read
//! under the instance's lock: taking a reference to a pointer read without it would race with
//! the writer that frees it. The protocol is the classic sequence lock (Boehm, "Can seqlocks
//! get along with programming language memory models?", 2012):
//! - a writer, holding the instance's lock, makes `seq` odd, issues a release fence, writes
//!   the slot (relaxed), then makes `seq` even with a release store;
//! - a reader loads `seq` (acquire), refuses an odd value, reads the slot (relaxed), issues an
//!   acquire fence and loads `seq` again (relaxed); it trusts the slot only if both loads agree.
//!
//! If the slot read saw any write of a later write section, the acquire fence synchronises
//! with that section's release fence, so the second load sees at least its odd `seq`, which
//! differs from the first. So a trusted slot is the value of the last section that ended
//! before the reader's first load: a value the attribute really held during the read. A heap
//! value's tag sends the reader to the lock, as does the tag every slot gets when the values
//! move to a dict (so an empty slot read without the lock really means "no such attribute").

use std::mem::{ManuallyDrop, MaybeUninit};
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering, fence};

use parking_lot::Mutex;

use crate::vm::leaf_lock::LeafGuard;
use crate::vm::object::Dict;
use crate::vm::object::value::{PyStr, Value, str_hash};

/// How many names a class's shared keys hold (CPython's `SHARED_KEYS_MAX_SIZE`). An instance
/// that needs a name beyond them keeps its attributes in a dict of its own.
pub const MAX_KEYS: usize = 30;

/// A class's attribute names, in the order instances first set them.
pub struct SharedKeys {
    names: [OnceLock<Arc<PyStr>>; MAX_KEYS],
    len: AtomicUsize,
    /// One bit per name's hash (bit `hash >> 58`): a name whose bit is clear is not here,
    /// which `LOAD_METHOD` learns without scanning (instances rarely shadow their methods).
    bits: AtomicU64,
    append: Mutex<()>,
}

impl Default for SharedKeys {
    fn default() -> Self {
        SharedKeys {
            names: std::array::from_fn(|_| OnceLock::new()),
            len: AtomicUsize::new(0),
            bits: AtomicU64::new(0),
            append: Mutex::new(()),
        }
    }
}

#[inline]
fn name_bit(name: &PyStr) -> u64 {
    1 << (name.hash() >> 58)
}

impl SharedKeys {
    /// How many names the table holds.
    #[inline]
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Acquire)
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name at index `i`, if there is one.
    #[inline]
    pub fn name(&self, i: usize) -> Option<&Arc<PyStr>> {
        self.names.get(i)?.get()
    }

    /// False when no instance of the class ever held `name` (no lock, no scan).
    #[inline(always)]
    pub fn may_contain(&self, name: &PyStr) -> bool {
        self.bits.load(Ordering::Relaxed) & name_bit(name) != 0
    }

    /// The index of `name`, trying `hint` first. Names are compared by address, then (for an
    /// equal string made at run time) by contents.
    #[inline]
    pub fn find(&self, name: &Arc<PyStr>, hint: usize) -> Option<usize> {
        if let Some(k) = self.name(hint)
            && Arc::ptr_eq(k, name)
        {
            return Some(hint);
        }
        if !self.may_contain(name) {
            return None;
        }
        self.scan(name)
    }

    #[inline(never)]
    fn scan(&self, name: &Arc<PyStr>) -> Option<usize> {
        let n = self.len();
        let names = &self.names[..n];
        if let Some(i) = names
            .iter()
            .position(|k| k.get().is_some_and(|k| Arc::ptr_eq(k, name)))
        {
            return Some(i);
        }
        names
            .iter()
            .position(|k| k.get().is_some_and(|k| k.as_str() == name.as_str()))
    }

    /// The index of the name spelled `name` (a name given as text, as `getattr(o, s)` gives
    /// it: compared by contents, and never interned, so probing with names made from data
    /// leaves nothing behind).
    pub fn find_str(&self, name: &str) -> Option<usize> {
        if self.bits.load(Ordering::Relaxed) & (1 << (str_hash(name) >> 58)) == 0 {
            return None;
        }
        self.names[..self.len()]
            .iter()
            .position(|k| k.get().is_some_and(|k| k.as_str() == name))
    }

    /// The index of `name`, appending it if it is new; `None` when the table is full.
    pub fn find_or_add(&self, name: &Arc<PyStr>, hint: usize) -> Option<usize> {
        if let Some(i) = self.find(name, hint) {
            return Some(i);
        }
        let _append = self.append.lock();
        if let Some(i) = self.scan(name) {
            return Some(i);
        }
        let n = self.len.load(Ordering::Relaxed);
        if n == MAX_KEYS {
            return None;
        }
        // Store the name and its bit before the length makes the slot visible to `scan`.
        let _ = self.names[n].set(name.clone());
        self.bits.fetch_or(name_bit(name), Ordering::Release);
        self.len.store(n + 1, Ordering::Release);
        Some(n)
    }
}

/// How many of the first keys have their values inline in the instance ([`Slots`]); the
/// values of later keys live in a box the instance allocates when it first needs one.
pub const INLINE: usize = 7;

/// A slot with no value.
const TAG_EMPTY: u64 = 0;
/// The instance's attributes moved to a dict: the reader must ask the lock.
const TAG_MOVED: u64 = 1;
const TAG_NONE: u64 = 2;
const TAG_BOOL: u64 = 3;
const TAG_INT: u64 = 4;
const TAG_FLOAT: u64 = 5;
const TAG_NULL: u64 = 6;
/// The first tag of a heap value (an `Arc` the slot owns); the tags below own nothing.
const TAG_HEAP: u64 = 16;

/// The heap variants of [`Value`], each an `Arc` whose pointer is a slot's payload.
macro_rules! heap_tags {
    ($($kind:ident = $tag:literal,)*) => {
        /// A value as a slot's tag and payload words. The slot owns the value from then on:
        /// a heap variant's reference is the payload (`Arc::into_raw`, its provenance
        /// exposed, and taken back with `with_exposed_provenance`; Miri runs these tests).
        #[inline(always)]
        fn encode(v: Value) -> (u64, u64) {
            match v {
                Value::None => (TAG_NONE, 0),
                Value::Bool(b) => (TAG_BOOL, b as u64),
                Value::Int(n) => (TAG_INT, n as u64),
                Value::Float(f) => (TAG_FLOAT, f.to_bits()),
                Value::Null => (TAG_NULL, 0),
                $(Value::$kind(a) => ($tag, Arc::into_raw(a).expose_provenance() as u64),)*
            }
        }

        /// The value a slot holds, not owned: the returned handle must not be dropped (a
        /// clone of it is an owned value; `ManuallyDrop::into_inner` takes the slot's
        /// reference, which the caller then removes from the slot).
        ///
        /// # Safety
        /// `(tag, payload)` must be what [`encode`] made of a value the slot still owns, and
        /// the slot must not change while the handle is used (the caller holds the
        /// instance's lock, or has `&mut` access).
        #[inline(always)]
        unsafe fn borrow(tag: u64, payload: u64) -> Option<ManuallyDrop<Value>> {
            let v = match tag {
                TAG_NONE => Value::None,
                TAG_BOOL => Value::Bool(payload != 0),
                TAG_INT => Value::Int(payload as i64),
                TAG_FLOAT => Value::Float(f64::from_bits(payload)),
                TAG_NULL => Value::Null,
                // SAFETY: by the contract, `payload` is `Arc::into_raw` of this variant's
                // `Arc`, whose reference the slot still owns; the handle is not dropped, so
                // the count stays as it is.
                $($tag => Value::$kind(unsafe { Arc::from_raw(std::ptr::with_exposed_provenance(payload as usize)) }),)*
                _ => return None,
            };
            Some(ManuallyDrop::new(v))
        }

        /// A new reference to the value a slot holds (one `match`: the count of a heap
        /// value's `Arc` is raised in place).
        ///
        /// # Safety
        /// As [`borrow`].
        #[inline(always)]
        unsafe fn clone_of(tag: u64, payload: u64) -> Option<Value> {
            Some(match tag {
                TAG_NONE => Value::None,
                TAG_BOOL => Value::Bool(payload != 0),
                TAG_INT => Value::Int(payload as i64),
                TAG_FLOAT => Value::Float(f64::from_bits(payload)),
                TAG_NULL => Value::Null,
                // SAFETY: by the contract, `payload` is `Arc::into_raw` of this variant's
                // `Arc`, alive while the slot holds it; the count raised is the new handle's.
                $($tag => Value::$kind(unsafe {
                    let ptr = std::ptr::with_exposed_provenance(payload as usize);
                    Arc::increment_strong_count(ptr);
                    Arc::from_raw(ptr)
                }),)*
                _ => return None,
            })
        }
    };
}

heap_tags! {
    BigInt = 16, Str = 17, Bytes = 18, Tuple = 19, List = 20, Dict = 21, Set = 22,
    Function = 23, Builtin = 24, Method = 25, Class = 26, Instance = 27, Module = 28,
    Cell = 29, Code = 30, Range = 31, Slice = 32, Iter = 33, Native = 34,
}

/// One value as two words: its kind and its payload (an immediate, or an `Arc`'s pointer).
#[derive(Default)]
struct Slot {
    tag: AtomicU64,
    payload: AtomicU64,
}

/// What a read without the lock learned of a slot.
pub enum Peek {
    /// An immediate value (`None`, a bool, a small int, a float).
    Value(Value),
    /// The instance had no value there.
    Absent,
    /// A heap value, a moved slot, or a write in progress: ask the lock.
    Ask,
}

/// The values of the first [`INLINE`] keys, inside the instance: the storage itself, and
/// readable without the lock for the values that need no reference count.
#[derive(Default)]
pub struct Slots {
    seq: AtomicU64,
    slots: [Slot; INLINE],
}

impl Slots {
    /// Slot `i` (`i < INLINE`), read without the lock. Takes no lock and writes nothing.
    #[inline(always)]
    pub fn peek(&self, i: usize) -> Peek {
        let Some(slot) = self.slots.get(i) else {
            return Peek::Ask;
        };
        let s1 = self.seq.load(Ordering::Acquire);
        let tag = slot.tag.load(Ordering::Relaxed);
        let p = slot.payload.load(Ordering::Relaxed);
        fence(Ordering::Acquire);
        if s1 & 1 != 0 || self.seq.load(Ordering::Relaxed) != s1 {
            return Peek::Ask;
        }
        match tag {
            TAG_EMPTY => Peek::Absent,
            TAG_NONE => Peek::Value(Value::None),
            TAG_BOOL => Peek::Value(Value::Bool(p != 0)),
            TAG_INT => Peek::Value(Value::Int(p as i64)),
            TAG_FLOAT => Peek::Value(Value::Float(f64::from_bits(p))),
            _ => Peek::Ask,
        }
    }

    /// Slot `i`'s words, read by the lock's holder (or with `&mut` access).
    #[inline(always)]
    fn words(&self, i: usize) -> (u64, u64) {
        let slot = &self.slots[i];
        (
            slot.tag.load(Ordering::Relaxed),
            slot.payload.load(Ordering::Relaxed),
        )
    }

    /// Writes slot `i` in a write section of the sequence lock. Call holding the instance's
    /// lock, the only writer.
    #[inline(always)]
    fn write(&self, i: usize, (tag, payload): (u64, u64)) {
        let slot = &self.slots[i];
        let s = self.seq.load(Ordering::Relaxed);
        self.seq.store(s + 1, Ordering::Relaxed);
        fence(Ordering::Release);
        slot.tag.store(tag, Ordering::Relaxed);
        slot.payload.store(payload, Ordering::Relaxed);
        self.seq.store(s + 2, Ordering::Release);
    }
}

impl Drop for Slots {
    fn drop(&mut self) {
        for slot in &mut self.slots {
            let tag = *slot.tag.get_mut();
            if tag < TAG_HEAP {
                continue;
            }
            // SAFETY: `&mut self`: nothing else reads the slot; its words are what `encode`
            // made of the value it owns, and that reference is released here.
            if let Some(v) = unsafe { borrow(tag, *slot.payload.get_mut()) } {
                drop(ManuallyDrop::into_inner(v));
            }
        }
    }
}

/// The part of an instance's attributes that only the lock's holder reads.
#[derive(Default)]
pub struct Rest {
    /// Keys past [`INLINE`], the insertion order, or a dict, when the instance needs one.
    more: Option<Box<More>>,
    count: u8,
}

#[derive(Default)]
struct More {
    /// The dict that holds the attributes instead, once the instance has one (the values
    /// are then empty for good, the inline slots marked moved).
    dict: Option<Arc<Dict>>,
    /// `spill[i]` is the value of key `INLINE + i`.
    spill: Vec<Option<Value>>,
    /// The key indices in insertion order (what `vars(obj)` lists), once the instance set a
    /// key before one of a higher index it holds; until then (nearly always: instances of a
    /// class set their attributes in the same order), index order is insertion order, and
    /// the instance spends no memory on it.
    order: Option<[u8; MAX_KEYS]>,
}

/// An instance's values, locked: the inline slots and the rest.
pub struct Values<'a> {
    slots: &'a Slots,
    rest: LeafGuard<'a, Rest>,
}

impl<'a> Values<'a> {
    pub fn new(slots: &'a Slots, rest: LeafGuard<'a, Rest>) -> Values<'a> {
        Values { slots, rest }
    }

    /// The dict that holds the attributes, if there is one.
    #[inline]
    pub fn dict(&self) -> Option<&Arc<Dict>> {
        self.rest.more.as_ref()?.dict.as_ref()
    }

    /// Makes `d` the holder of the attributes (the caller then takes the values).
    pub fn set_dict(&mut self, d: Arc<Dict>) {
        self.rest.more.get_or_insert_with(Box::default).dict = Some(d);
    }

    /// The dict that held the attributes, leaving none.
    pub fn take_dict(&mut self) -> Option<Arc<Dict>> {
        self.rest.more.as_mut()?.dict.take()
    }

    /// Calls `f` with every value, in key order.
    pub fn for_each(&self, mut f: impl FnMut(&Value)) {
        let mut left = self.rest.count as usize;
        for i in 0..INLINE {
            if left == 0 {
                return;
            }
            if self.is_set(i) {
                self.with(i, &mut f);
                left -= 1;
            }
        }
        if let Some(more) = &self.rest.more {
            more.spill.iter().flatten().for_each(f);
        }
    }

    /// Calls `f` with the value of key `i`, if set.
    #[inline(always)]
    pub fn with<R>(&self, i: usize, f: impl FnOnce(&Value) -> R) -> Option<R> {
        if i < INLINE {
            let (tag, p) = self.slots.words(i);
            // SAFETY: we hold the lock, so the slot is stable, and its words were written
            // by `set`/`remove`/`take` from `encode` (or are empty or moved).
            let v = unsafe { borrow(tag, p) }?;
            Some(f(&v))
        } else {
            let more = self.rest.more.as_ref()?;
            more.spill.get(i - INLINE)?.as_ref().map(f)
        }
    }

    /// The value of key `i`, cloned.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<Value> {
        if i < INLINE {
            let (tag, p) = self.slots.words(i);
            // SAFETY: as in `with`.
            unsafe { clone_of(tag, p) }
        } else {
            let more = self.rest.more.as_ref()?;
            more.spill.get(i - INLINE)?.clone()
        }
    }

    #[inline(always)]
    pub fn is_set(&self, i: usize) -> bool {
        if i < INLINE {
            self.slots.words(i).0 > TAG_MOVED
        } else {
            self.with(i, |_| ()).is_some()
        }
    }

    /// Sets key `i`; returns the value it replaces (to be dropped after the lock).
    #[inline]
    pub fn set(&mut self, i: usize, value: Value) -> Option<Value> {
        if !self.is_set(i) {
            self.note_insert(i);
        }
        self.put(i, Some(value))
    }

    /// Unsets key `i`; returns its value.
    pub fn remove(&mut self, i: usize) -> Option<Value> {
        if !self.is_set(i) {
            return None;
        }
        let n = self.rest.count as usize;
        if let Some(order) = self.rest.more.as_mut().and_then(|m| m.order.as_mut())
            && let Some(at) = order[..n].iter().position(|&k| k as usize == i)
        {
            order.copy_within(at + 1..n, at);
        }
        self.rest.count -= 1;
        self.put(i, None)
    }

    /// Stores `value` (or nothing) at key `i`, returning what was there.
    #[inline(always)]
    fn put(&mut self, i: usize, value: Option<Value>) -> Option<Value> {
        if i < INLINE {
            let old = self.slots.words(i);
            self.slots.write(i, value.map_or((TAG_EMPTY, 0), encode));
            // SAFETY: the old words were the slot's value, whose reference the slot no
            // longer holds (just overwritten, under the lock): it passes to the caller.
            unsafe { borrow(old.0, old.1) }.map(ManuallyDrop::into_inner)
        } else {
            let more = self.rest.more.get_or_insert_with(Box::default);
            let at = i - INLINE;
            if at >= more.spill.len() {
                value.as_ref()?;
                more.spill.resize_with(at + 1, || None);
            }
            std::mem::replace(&mut more.spill[at], value)
        }
    }

    /// Key `i`, unset until now, is being set.
    fn note_insert(&mut self, i: usize) {
        let n = self.rest.count as usize;
        let ordered = self.rest.more.as_ref().is_some_and(|m| m.order.is_some());
        if !ordered && (i + 1..self.bound()).any(|k| self.is_set(k)) {
            // Out of index order: from now on the order is kept explicitly.
            let mut order = [0u8; MAX_KEYS];
            for (at, k) in self.indices().into_iter().enumerate() {
                order[at] = k as u8;
            }
            self.rest.more.get_or_insert_with(Box::default).order = Some(order);
        }
        if let Some(order) = self.rest.more.as_mut().and_then(|m| m.order.as_mut()) {
            order[n] = i as u8;
        }
        self.rest.count += 1;
    }

    /// One past the highest key index that may be set.
    #[inline]
    fn bound(&self) -> usize {
        INLINE + self.rest.more.as_ref().map_or(0, |m| m.spill.len())
    }

    /// The set keys' indices, in insertion order.
    pub fn indices(&self) -> Vec<usize> {
        let n = self.rest.count as usize;
        if let Some(order) = self.rest.more.as_ref().and_then(|m| m.order.as_ref()) {
            return order[..n].iter().map(|&k| k as usize).collect();
        }
        (0..self.bound()).filter(|&k| self.is_set(k)).collect()
    }

    pub fn len(&self) -> usize {
        self.rest.count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.rest.count == 0
    }

    /// Moves every value to `taken` (a new one), to be dropped after the lock; with `moved`,
    /// the inline slots are marked so that readers without the lock ask it (the values are
    /// moving to a dict). Nothing is allocated and `taken` is filled in place: the collector
    /// clears every garbage instance so (a copy of the values was once a tenth of its work,
    /// and returning them by value a tenth of a clear).
    pub fn take(&mut self, moved: bool, taken: &mut Taken) {
        debug_assert!(taken.n == 0 && taken.spill.is_empty());
        // The values are found in the slots (or the box) by their count; a clear of the
        // usual small instance reads one or two slots.
        let mut left = self.rest.count as usize;
        let s = self.slots.seq.load(Ordering::Relaxed);
        self.slots.seq.store(s + 1, Ordering::Relaxed);
        fence(Ordering::Release);
        for (i, slot) in self.slots.slots.iter().enumerate() {
            if left == 0 && !moved {
                break;
            }
            let (tag, payload) = self.slots.words(i);
            slot.tag
                .store(if moved { TAG_MOVED } else { TAG_EMPTY }, Ordering::Relaxed);
            slot.payload.store(0, Ordering::Relaxed);
            // The slot gave its reference up (its words were just overwritten, under the
            // lock, in a write section): it passes to `taken`.
            if tag >= TAG_HEAP {
                taken.words[taken.n].write((tag, payload));
                taken.n += 1;
            }
            if tag > TAG_MOVED {
                left = left.saturating_sub(1);
            }
        }
        self.slots.seq.store(s + 2, Ordering::Release);
        self.rest.count = 0;
        if let Some(more) = &mut self.rest.more {
            taken.spill.append(&mut more.spill);
            more.order = None;
        }
    }
}

/// The values [`Values::take`] took, to be dropped after the lock.
pub struct Taken {
    /// The words of the heap values of the inline slots: `words[..n]` are initialised.
    words: [MaybeUninit<(u64, u64)>; INLINE],
    n: usize,
    spill: Vec<Option<Value>>,
}

impl Default for Taken {
    fn default() -> Taken {
        Taken {
            words: [const { MaybeUninit::uninit() }; INLINE],
            n: 0,
            spill: Vec::new(),
        }
    }
}

impl Drop for Taken {
    fn drop(&mut self) {
        for w in &self.words[..self.n] {
            // SAFETY: `words[..n]` were written by `take`, each the words of a value whose
            // reference a slot gave up to this `Taken` (and nothing else holds it): it is
            // released here, once.
            let (tag, payload) = unsafe { w.assume_init() };
            // SAFETY: as above: `(tag, payload)` is what `encode` made of an owned value.
            if let Some(v) = unsafe { borrow(tag, payload) } {
                drop(ManuallyDrop::into_inner(v));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

    use super::*;
    use crate::vm::object::value::intern;
    use crate::vm::object::{Class, Dict, Instance};

    fn instance() -> Arc<Instance> {
        let class = Class::new_user(
            "T",
            "T".into(),
            "__main__".into(),
            Vec::new(),
            None,
            Dict::new(),
            None,
        )
        .unwrap();
        Arc::new(Instance::new(class))
    }

    fn int(v: Option<Value>) -> i64 {
        match v {
            Some(Value::Int(i)) => i,
            _ => panic!("expected an int"),
        }
    }

    #[test]
    fn keys_are_found_by_address_and_by_contents() {
        let k = SharedKeys::default();
        let (x, y) = (intern("x"), intern("y"));
        assert_eq!(k.find_or_add(&x, 0), Some(0));
        assert_eq!(k.find_or_add(&y, 0), Some(1));
        assert_eq!(k.find(&y, 1), Some(1));
        assert_eq!(k.find(&Arc::new(PyStr::new("y")), 0), Some(1));
        assert_eq!(k.find(&intern("z"), 0), None);
        assert_eq!(k.find_str("y"), Some(1));
        assert_eq!(k.find_str("z"), None);
        for i in 2..MAX_KEYS {
            assert_eq!(
                k.find_or_add(&Arc::new(PyStr::new(&format!("a{i}"))), 0),
                Some(i)
            );
        }
        assert_eq!(k.find_or_add(&intern("full"), 0), None);
        assert_eq!(k.len(), MAX_KEYS);
    }

    fn order(o: &Instance) -> Vec<String> {
        o.attr_items()
            .into_iter()
            .map(|(k, _)| match k {
                Value::Str(s) => s.as_str().to_string(),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn insertion_order_survives_removal() {
        // Keys 0..=2 are a, b, c; the instance sets them c, a, b.
        let o = instance();
        for k in ["a", "b", "c"] {
            o.set_attr(k, Value::Int(0));
        }
        let p = Instance::new(o.class.clone());
        p.set_attr("c", Value::Int(2));
        p.set_attr("a", Value::Int(0));
        p.set_attr("b", Value::Int(1));
        assert!(p.remove_attr("a").is_some());
        p.set_attr("a", Value::Int(9));
        assert_eq!(order(&p), ["c", "b", "a"]);
        assert_eq!(p.attr_count(), 3);
        // In index order, no order is kept until a key comes before a higher one.
        let q = Instance::new(o.class.clone());
        q.set_attr("a", Value::Int(0));
        q.set_attr("c", Value::Int(2));
        q.remove_attr("a");
        assert_eq!(order(&q), ["c"]);
        q.set_attr("b", Value::Int(1));
        assert_eq!(order(&q), ["c", "b"]);
    }

    /// Keys past the inline slots live in the box; every value is dropped once, whether the
    /// instance dies, its values move to a dict, or the collector clears it.
    #[test]
    fn values_past_the_inline_slots_and_their_references() {
        let o = instance();
        let s = intern("shared value");
        let before = Arc::strong_count(&s);
        let names: Vec<String> = (0..INLINE + 4).map(|i| format!("k{i}")).collect();
        for n in &names {
            o.set_attr(n, Value::Str(s.clone()));
        }
        assert_eq!(Arc::strong_count(&s), before + names.len());
        assert_eq!(order(&o), names);
        assert!(matches!(o.attr(&names[INLINE + 2]), Some(Value::Str(_))));
        o.remove_attr(&names[1]);
        o.remove_attr(&names[INLINE + 1]);
        assert_eq!(Arc::strong_count(&s), before + names.len() - 2);
        o.clear_attrs();
        assert_eq!(Arc::strong_count(&s), before);
        assert_eq!(o.attr_count(), 0);
        let p = Instance::new(o.class.clone());
        for n in &names {
            p.set_attr(n, Value::Str(s.clone()));
        }
        let d = p.dict();
        assert_eq!(Arc::strong_count(&s), before + names.len());
        assert_eq!(d.len(), names.len());
        drop(p);
        drop(d);
        let q = Instance::new(o.class.clone());
        q.set_attr(&names[0], Value::Str(s.clone()));
        q.set_attr(&names[INLINE], Value::Str(s.clone()));
        drop(q);
        assert_eq!(Arc::strong_count(&s), before);
    }

    /// Each change is seen by the next read, through the mirror or the lock, before and after
    /// the values move to a dict.
    #[test]
    fn reads_follow_every_change() {
        let o = instance();
        let (x, y) = (intern("x"), intern("y"));
        let (hx, hy) = (AtomicU32::new(0), AtomicU32::new(0));
        o.set_attr_hinted(&x, Value::Int(1), &hx);
        o.set_attr_hinted(&y, Value::Float(2.5), &hy);
        assert_eq!(int(o.get_attr_hinted(&x, &hx)), 1);
        o.set_attr_hinted(&x, Value::Str(intern("s")), &hx);
        assert!(matches!(o.get_attr_hinted(&x, &hx), Some(Value::Str(_))));
        o.set_attr_hinted(&x, Value::Int(3), &hx);
        assert_eq!(int(o.get_attr_hinted(&x, &hx)), 3);
        o.set_attr("x", Value::Int(4));
        assert_eq!(int(o.get_attr_hinted(&x, &hx)), 4);
        o.remove_attr("x");
        assert!(o.get_attr_hinted(&x, &hx).is_none());
        assert!(matches!(o.get_attr_hinted(&y, &hx), Some(Value::Float(f)) if f == 2.5));
        // A key equal to `x` but another object: found all the same.
        let other = Arc::new(PyStr::new("x"));
        o.set_attr_hinted(&other, Value::Int(5), &hx);
        assert_eq!(int(o.get_attr_hinted(&x, &hx)), 5);
        // The dict takes over: reads and writes go through it, in the same order.
        let d = o.dict();
        assert_eq!(d.len(), 2);
        assert_eq!(int(o.get_attr_hinted(&x, &hx)), 5);
        o.set_attr_hinted(&x, Value::Int(6), &hx);
        assert!(matches!(d.get_str("x"), Some(Value::Int(6))));
        d.set_str("z", Value::Int(7));
        assert_eq!(int(o.attr("z")), 7);
        assert!(Arc::ptr_eq(&d, &o.dict()));
    }

    /// A writer stores `x = i` then `y = -i` for rising `i`, and now and then removes and
    /// re-adds another attribute; readers read `y`, then `x`. Under every interleaving a
    /// reader's `x` never goes down, and the `x` it reads after a `y` is at least that `y`'s
    /// `i` (reads are snapshots of real states, in order).
    #[test]
    fn concurrent_reads_see_real_states_in_order() {
        const N: i64 = if cfg!(miri) { 300 } else { 200_000 };
        let o = instance();
        let (x, y) = (intern("x"), intern("y"));
        o.set_attr("first", Value::None);
        let h = AtomicU32::new(0);
        o.set_attr_hinted(&x, Value::Int(0), &h);
        o.set_attr_hinted(&y, Value::Int(0), &h);
        let done = AtomicBool::new(false);
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    let (hx, hy) = (AtomicU32::new(0), AtomicU32::new(0));
                    let mut last = 0;
                    while !done.load(Ordering::Relaxed) {
                        let j = -int(o.get_attr_hinted(&y, &hy));
                        let i = int(o.get_attr_hinted(&x, &hx));
                        assert!(i >= last, "x went back from {last} to {i}");
                        assert!(i >= j, "read y = -{j}, then x = {i}");
                        last = i;
                    }
                });
            }
            let (hx, hy) = (AtomicU32::new(0), AtomicU32::new(0));
            for i in 1..=N {
                o.set_attr_hinted(&x, Value::Int(i), &hx);
                o.set_attr_hinted(&y, Value::Int(-i), &hy);
                if i % 16 == 0 {
                    o.remove_attr("first");
                    o.set_attr("first", Value::None);
                }
                if i == N / 2 {
                    // Halfway, the values move to a dict under the readers' feet.
                    let _ = o.dict();
                }
            }
            done.store(true, Ordering::Relaxed);
        });
        assert_eq!(int(o.get_attr_hinted(&x, &AtomicU32::new(0))), N);
    }
}
