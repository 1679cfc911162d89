//! An instance's attributes: the class's shared keys, the instance's own values, and a mirror
//! of the first values readable without a lock.
//!
//! CPython 3.11 stores an instance's attributes in a *split* dict (PEP 412, and 3.11's
//! "inline values"): the attribute names live once, in the class's shared keys, and each
//! instance keeps only an array of values in key order, plus the order in which it inserted
//! them. A `self.x` is then an index into that array, found by a per-instruction cache. gilvm
//! does the same: [`SharedKeys`] is the class's append-only table of names, [`Attrs`] the
//! instance's values. An instance gets a real [`Dict`](crate::vm::object::Dict) only when a
//! program asks for one (`obj.__dict__`, `vars(obj)`) or when the class's keys are full; from
//! then on that dict holds the attributes, for good, as CPython's materialised `__dict__` does.
//!
//! Measured on `benches/constraints.py` before this layout: half the time of the attribute
//! load went to cache misses through instance → dict → entry table; the values now sit one
//! pointer from the instance, behind a lock word in the instance itself.
//!
//! # Why reads of the shared keys need no lock
//! The table is append-only: a name, once at index `i`, stays there for the life of the
//! class, and each slot is written once ([`OnceLock`]). A reader that sees a slot set sees the
//! name written there (the `OnceLock` publishes with release/acquire). Appends take the
//! table's mutex, a leaf lock never held across anything else.
//!
//! # The mirror (a sequence lock)
//! Free-threaded CPython reads an attribute optimistically, without a lock. gilvm does that
//! for the values that need no reference count — `None`, bools, ints that fit a machine word
//! and floats — kept in [`Mirror`] for the first [`MIRRORED`] keys. Heap values are read under
//! the instance's lock: reading a pointer without it would race with the writer that frees
//! it. The protocol is the classic sequence lock (Boehm, "Can seqlocks get along with
//! programming language memory models?", 2012):
//! - a writer, holding the instance's lock, makes `seq` odd, issues a release fence, writes
//!   the slot (relaxed), then makes `seq` even with a release store;
//! - a reader loads `seq` (acquire), refuses an odd value, reads the slot (relaxed), issues an
//!   acquire fence and loads `seq` again (relaxed); it trusts the slot only if both loads agree.
//!
//! If the slot read saw any write of a later write section, the acquire fence synchronises
//! with that section's release fence, so the second load sees at least its odd `seq`, which
//! differs from the first. So a trusted slot is the value of the last section that ended
//! before the reader's first load: a value the attribute really held during the read. A slot
//! of kind [`KIND_ASK`] sends the reader to the lock; every slot starts so, and every slot
//! goes back to it when the values move to a dict.

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering, fence};

use parking_lot::Mutex;

use crate::vm::object::Dict;
use crate::vm::object::value::{PyStr, Value, str_hash};

/// How many names a class's shared keys hold (CPython's `SHARED_KEYS_MAX_SIZE`). An instance
/// that needs a name beyond them keeps its attributes in a dict of its own.
pub const MAX_KEYS: usize = 30;

/// How many of the first keys have their immediate values mirrored.
pub const MIRRORED: usize = 8;

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

/// An instance's values, by key index, and the order it inserted them.
#[derive(Default)]
pub struct Attrs {
    /// `values[i]` is the value of the class's key `i`; `None` where this instance has none.
    pub values: Vec<Option<Value>>,
    /// The key indices in insertion order (what `vars(obj)` lists), once the instance set a
    /// key before one of a higher index it holds; until then (nearly always: instances of a
    /// class set their attributes in the same order), index order is insertion order, and
    /// the instance spends no memory on it.
    order: Option<Box<[u8; MAX_KEYS]>>,
    count: u8,
    /// The dict that holds the attributes instead, once the instance has one (the values
    /// are then empty for good).
    pub dict: Option<Arc<Dict>>,
}

impl Attrs {
    /// Room for `n` keys, none set.
    pub fn with_capacity(n: usize) -> Attrs {
        Attrs {
            values: Vec::with_capacity(n),
            ..Attrs::default()
        }
    }

    /// The value of key `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.values.get(i)?.as_ref()
    }

    /// Sets key `i`; returns the value it replaces.
    #[inline]
    pub fn set(&mut self, i: usize, value: Value) -> Option<Value> {
        if i >= self.values.len() {
            self.values.resize_with(i + 1, || None);
        }
        if self.values[i].is_none() {
            self.note_insert(i);
        }
        self.values[i].replace(value)
    }

    /// Key `i`, unset until now, is being set.
    fn note_insert(&mut self, i: usize) {
        let n = self.count as usize;
        if self.order.is_none() && self.values[i + 1..].iter().any(Option::is_some) {
            // Out of index order: from now on the order is kept explicitly.
            let mut order = Box::new([0u8; MAX_KEYS]);
            for (at, k) in self.indices().enumerate() {
                order[at] = k as u8;
            }
            self.order = Some(order);
        }
        if let Some(order) = &mut self.order {
            order[n] = i as u8;
        }
        self.count += 1;
    }

    /// Unsets key `i`; returns its value.
    pub fn remove(&mut self, i: usize) -> Option<Value> {
        let old = self.values.get_mut(i)?.take()?;
        let n = self.count as usize;
        if let Some(order) = &mut self.order
            && let Some(at) = order[..n].iter().position(|&k| k as usize == i)
        {
            order.copy_within(at + 1..n, at);
        }
        self.count -= 1;
        Some(old)
    }

    /// The set keys' indices, in insertion order.
    fn indices(&self) -> Indices<'_> {
        Indices { attrs: self, at: 0 }
    }

    /// The set keys' indices and values, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Value)> {
        self.indices()
            .filter_map(|i| Some((i, self.values.get(i)?.as_ref()?)))
    }

    pub fn len(&self) -> usize {
        self.count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Every value, leaving none (to be dropped after the lock: the collector clears every
    /// garbage instance so, and copying the values out first was a tenth of its work).
    pub fn take(&mut self) -> Vec<Option<Value>> {
        self.count = 0;
        self.order = None;
        std::mem::take(&mut self.values)
    }
}

/// [`Attrs::indices`].
struct Indices<'a> {
    attrs: &'a Attrs,
    at: usize,
}

impl Iterator for Indices<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let a = self.attrs;
        match &a.order {
            Some(order) => {
                let k = *order[..a.count as usize].get(self.at)?;
                self.at += 1;
                Some(k as usize)
            }
            None => {
                let i = self.at + a.values.get(self.at..)?.iter().position(Option::is_some)?;
                self.at = i + 1;
                Some(i)
            }
        }
    }
}

/// A slot whose value must be read under the lock (a heap value, no value, not mirrored).
pub const KIND_ASK: u64 = 0;
const KIND_NONE: u64 = 1;
const KIND_BOOL: u64 = 2;
const KIND_INT: u64 = 3;
const KIND_FLOAT: u64 = 4;

/// The immediate values of the first [`MIRRORED`] keys, for reads without the lock.
#[derive(Default)]
pub struct Mirror {
    seq: AtomicU64,
    /// Each slot's kind, a byte per slot.
    kinds: AtomicU64,
    payloads: [AtomicU64; MIRRORED],
}

impl Mirror {
    /// The value of slot `i` if it holds an immediate value; `None` when the lock must be
    /// asked. Takes no lock and writes nothing.
    #[inline(always)]
    pub fn read(&self, i: usize) -> Option<Value> {
        let payload = self.payloads.get(i)?;
        let s1 = self.seq.load(Ordering::Acquire);
        let kind = (self.kinds.load(Ordering::Relaxed) >> (8 * i)) & 0xff;
        let p = payload.load(Ordering::Relaxed);
        fence(Ordering::Acquire);
        if s1 & 1 != 0 || self.seq.load(Ordering::Relaxed) != s1 {
            return None;
        }
        match kind {
            KIND_NONE => Some(Value::None),
            KIND_BOOL => Some(Value::Bool(p != 0)),
            KIND_INT => Some(Value::Int(p as i64)),
            KIND_FLOAT => Some(Value::Float(f64::from_bits(p))),
            _ => None,
        }
    }

    /// Sets slot `i` to mirror `value` (`None`: ask the lock). Call holding the instance's
    /// lock, the only writer.
    #[inline]
    pub fn write(&self, i: usize, value: Option<&Value>) {
        let Some(payload) = self.payloads.get(i) else {
            return;
        };
        let (kind, p) = match value {
            Some(Value::None) => (KIND_NONE, 0),
            Some(Value::Bool(b)) => (KIND_BOOL, *b as u64),
            Some(Value::Int(n)) => (KIND_INT, *n as u64),
            Some(Value::Float(f)) => (KIND_FLOAT, f.to_bits()),
            _ => (KIND_ASK, 0),
        };
        let kinds = self.kinds.load(Ordering::Relaxed);
        let new_kinds = (kinds & !(0xff << (8 * i))) | (kind << (8 * i));
        if new_kinds == kinds && kind == KIND_ASK {
            return;
        }
        let s = self.seq.load(Ordering::Relaxed);
        self.seq.store(s + 1, Ordering::Relaxed);
        fence(Ordering::Release);
        self.kinds.store(new_kinds, Ordering::Relaxed);
        payload.store(p, Ordering::Relaxed);
        self.seq.store(s + 2, Ordering::Release);
    }

    /// Every slot back to "ask the lock". Call holding the instance's lock.
    pub fn clear(&self) {
        let s = self.seq.load(Ordering::Relaxed);
        self.seq.store(s + 1, Ordering::Relaxed);
        fence(Ordering::Release);
        self.kinds.store(0, Ordering::Relaxed);
        self.seq.store(s + 2, Ordering::Release);
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

    #[test]
    fn insertion_order_survives_removal() {
        let mut a = Attrs::default();
        a.set(2, Value::Int(2));
        a.set(0, Value::Int(0));
        a.set(1, Value::Int(1));
        assert!(a.remove(0).is_some());
        a.set(0, Value::Int(9));
        let order: Vec<usize> = a.iter().map(|(i, _)| i).collect();
        assert_eq!(order, [2, 1, 0]);
        assert_eq!(a.len(), 3);
        // In index order, no order is kept until a key comes before a higher one.
        let mut b = Attrs::default();
        b.set(0, Value::Int(0));
        b.set(2, Value::Int(2));
        assert!(b.order.is_none());
        b.remove(0);
        b.set(3, Value::Int(3));
        assert!(b.order.is_none());
        b.set(1, Value::Int(1));
        let order: Vec<usize> = b.iter().map(|(i, _)| i).collect();
        assert_eq!(order, [2, 3, 1]);
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
