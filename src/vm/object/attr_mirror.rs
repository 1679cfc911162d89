//! `AttrMirror`: an instance's first attributes, readable without taking its dict's lock.
//!
//! An instance's attributes live in its [`Dict`], a map behind a leaf lock. Measured on
//! `benches/attrs.py`, the lock's atomic swap was a fifth of the run: every `self.x` took it.
//! CPython 3.11 reads an instance attribute with no atomic at all (the GIL guards it), and
//! free-threaded CPython reads it optimistically, without a lock. This mirror does the latter
//! for the values that need no reference count: `None`, bools, small ints and floats.
//!
//! What it holds: for each of the dict's first [`SLOTS`] entries, the key's address and,
//! when the value is one of those *immediate* values, the value itself, in atomics. A slot
//! of a key whose value lives on the heap (a list, a string, …) says so, and the reader falls
//! back to the locked lookup: reading a pointer without the lock would race with the writer
//! that frees it. The dict itself stays the one place attributes live; the mirror is a copy
//! that is trusted only when it provably matches.
//!
//! # The protocol (a sequence lock over the dict's version)
//! The dict's `version` is bumped, under its lock, by every change, before the change is
//! made, and followed by a release fence ([`Dict::lock_mut`]). `synced` names the version
//! the mirror matches. Every slot write happens under the dict's lock.
//! - A writer that keeps the mirror ([`Instance::set_attr_hinted`]) bumps the version to
//!   `v + 1`; if the mirror matched `v`, it rewrites the one slot it changed, else it
//!   rebuilds every slot from the map; then it publishes `synced = v + 1` (release).
//! - Any other change to the dict (a `setattr` through the generic path, a `del`, …) only
//!   bumps the version, so `synced` falls behind and the mirror is not trusted until some
//!   lock holder rebuilds it ([`Instance::get_attr_hinted`]'s locked path does).
//! - A reader loads `synced` (acquire), the slot (relaxed), then an acquire fence and the
//!   dict's version (relaxed), and trusts the slot only if that version equals `synced`.
//!
//! Why a trusted read is right: the acquire load of `synced = s` synchronises with the
//! publication of `s`, so the slot reads see at least the mirror as it was published at
//! `s`. If either read saw a later write, that write follows a later writer's version bump
//! and release fence; the reader's acquire fence then synchronises with that fence, and its
//! version load sees at least the later version, which differs from `s`. A rebuild by a
//! lock holder publishes with no version bump, but only while `synced` differs from the
//! version (which cannot move while it holds the lock), so any reader overlapping it fails
//! the comparison. So a trusted slot is exactly the mirror as published at `s`, which
//! matched the map at version `s`: a value the attribute really held, at a moment inside
//! the read — the same answer the locked lookup could have given.
//!
//! A key is compared by address only (never dereferenced). An address match is a name
//! match: the reader holds the name alive, and in the state it read the key was alive in
//! the map, so the two live objects at one address are the same object. A key that is an
//! equal but different string object (a name built at run time) simply misses, and the
//! locked lookup finds it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering, fence};

use crate::vm::object::Dict;
use crate::vm::object::value::{KeyMap, PyStr, Value};

/// How many of an instance's attributes (in insertion order) are mirrored.
pub const SLOTS: usize = 8;

// The low three bits of a key's address carry the value's kind.
const _: () = assert!(std::mem::align_of::<PyStr>() >= 8);
const KIND_BITS: usize = 7;
/// A key is here, its value is not immediate: ask the dict.
const HEAP: usize = 0;
const NONE: usize = 1;
const BOOL: usize = 2;
const INT: usize = 3;
const FLOAT: usize = 4;

#[derive(Default)]
struct Slot {
    /// The key's address with the value's kind in the low bits; 0 for no key.
    key: AtomicUsize,
    payload: AtomicU64,
}

#[derive(Default)]
pub struct AttrMirror {
    /// The dict version the slots match.
    synced: AtomicU64,
    slots: [Slot; SLOTS],
}

/// The words a slot holds for the entry `name: value`.
#[inline]
fn encode(name: &Arc<PyStr>, value: &Value) -> (usize, u64) {
    let addr = Arc::as_ptr(name) as usize;
    match *value {
        Value::None => (addr | NONE, 0),
        Value::Bool(b) => (addr | BOOL, b as u64),
        Value::Int(i) => (addr | INT, i as u64),
        Value::Float(f) => (addr | FLOAT, f.to_bits()),
        _ => (addr | HEAP, 0),
    }
}

impl AttrMirror {
    /// The value of attribute `name` if slot `i` mirrors it and it is immediate; `None`
    /// when the dict must be asked (a heap value, another key, a mirror behind the dict).
    /// Takes no lock and writes nothing.
    #[inline]
    pub fn read(&self, dict: &Dict, name: &Arc<PyStr>, i: usize) -> Option<Value> {
        let slot = self.slots.get(i)?;
        let synced = self.synced.load(Ordering::Acquire);
        let key = slot.key.load(Ordering::Relaxed);
        let payload = slot.payload.load(Ordering::Relaxed);
        fence(Ordering::Acquire);
        if dict.version_relaxed() != synced || key & !KIND_BITS != Arc::as_ptr(name) as usize {
            return None;
        }
        match key & KIND_BITS {
            NONE => Some(Value::None),
            BOOL => Some(Value::Bool(payload != 0)),
            INT => Some(Value::Int(payload as i64)),
            FLOAT => Some(Value::Float(f64::from_bits(payload))),
            _ => None,
        }
    }

    /// Whether the mirror matches the dict at `version`. Call with the dict locked.
    #[inline]
    pub fn matches(&self, version: u64) -> bool {
        self.synced.load(Ordering::Relaxed) == version
    }

    /// Rewrites slot `i` for the entry `name: value`. Call with the dict locked, between a
    /// version bump and [`AttrMirror::publish`].
    #[inline]
    pub fn write(&self, i: usize, name: &Arc<PyStr>, value: &Value) {
        if let Some(slot) = self.slots.get(i) {
            let (key, payload) = encode(name, value);
            slot.key.store(key, Ordering::Relaxed);
            slot.payload.store(payload, Ordering::Relaxed);
        }
    }

    /// Rewrites every slot from `map`. Call with the dict locked, then publish.
    pub fn rebuild(&self, map: &KeyMap<Value>) {
        let mut entries = map.iter();
        for slot in &self.slots {
            let (key, payload) = match entries.next() {
                Some((k, v)) => match &k.value {
                    Value::Str(name) => encode(name, v),
                    // Only string keys are attribute names.
                    _ => (0, 0),
                },
                None => (0, 0),
            };
            slot.key.store(key, Ordering::Relaxed);
            slot.payload.store(payload, Ordering::Relaxed);
        }
    }

    /// Declares the slots to match the dict at `version`. Call with the dict locked, after
    /// the slot writes.
    #[inline]
    pub fn publish(&self, version: u64) {
        self.synced.store(version, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

    use crate::vm::object::value::{PyStr, Value, intern};
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

    /// Each change is seen by the next read, through the mirror or the lock, in whichever
    /// state the mirror is (in step, behind after a generic change, rebuilt).
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
        // A generic change (no mirror upkeep), then a removal that shifts `y` to index 0.
        o.dict.set_str("x", Value::Int(4));
        assert_eq!(int(o.get_attr_hinted(&x, &hx)), 4);
        o.dict.remove_str("x");
        assert!(o.get_attr_hinted(&x, &hx).is_none());
        assert!(matches!(o.get_attr_hinted(&y, &hx), Some(Value::Float(f)) if f == 2.5));
        // A key equal to `x` but another object: found through the lock, never missed.
        let other = Arc::new(PyStr::new("x"));
        o.set_attr_hinted(&other, Value::Int(5), &hx);
        assert_eq!(int(o.get_attr_hinted(&x, &hx)), 5);
        assert_eq!(int(o.get_attr_hinted(&other, &hx)), 5);
    }

    /// A writer stores `x = i` then `y = -i` for rising `i`, and now and then changes the
    /// dict behind the mirror's back (an entry before both removed and re-added, shifting
    /// them); readers read `y`, then `x`. Under every interleaving a reader's `x` never
    /// goes down, and the `x` it reads after a `y` is at least that `y`'s `i` (reads are
    /// snapshots of real states, in order).
    #[test]
    fn concurrent_reads_see_real_states_in_order() {
        const N: i64 = if cfg!(miri) { 300 } else { 200_000 };
        let o = instance();
        let (x, y) = (intern("x"), intern("y"));
        o.dict.set_str("first", Value::None);
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
                    o.dict.remove_str("first");
                    o.dict.set_str("first", Value::None);
                }
            }
            done.store(true, Ordering::Relaxed);
        });
        assert_eq!(int(o.get_attr_hinted(&x, &AtomicU32::new(0))), N);
    }
}
