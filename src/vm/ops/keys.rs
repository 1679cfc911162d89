//! Dict and set keys under Python's `==`, with the user's `__eq__` run outside the lock.
//!
//! A dict or set compares keys in Rust while it holds its lock (`value::key_eq`: equal
//! hashes, then the same object or equal by value). That is Python's `==` for every key whose
//! `==` runs no user code. For the others — an instance of a class that defines `__eq__`, or a
//! tuple holding one (`value::eq_runs_code`) — `key_eq` is identity only, and the lookups here
//! add what CPython's `lookdict` does, in the way of CPython 3.13t's free-threaded dict:
//!
//! 1. with the lock held, probe for the key: an entry that is the same object (or equal
//!    without user code) settles it; entries with the same hash whose `==` needs user code
//!    are copied out as candidates, and the container's version is noted;
//! 2. with the lock released, compare each candidate, `stored == key` (CPython's order: the
//!    stored key's `__eq__` is asked first); an exception propagates;
//! 3. take the lock again: if the container changed meanwhile (the `__eq__` mutated it, or
//!    another thread did while it ran), start again, as `lookdict` restarts; otherwise act on
//!    the matching entry, or on none, under that same lock, so no other thread can slip an
//!    equal key in between the lookup and the store.
//!
//! No lock is ever held while Python code runs, so an `__eq__` that reads or writes the same
//! dict cannot deadlock, in either mode. The cost falls on such keys only: a container
//! remembers whether it ever held one, and a plain key in a container that never did takes
//! the ordinary path.
//!
//! The set algebra (`|`, `&`, `-`, `^`, `<=`, `==`, `set(iterable)`, `update`) works on
//! snapshots, by identity. [`Vm::canonical`] first replaces each element of the other operand
//! by the equal element already present (in the set, or earlier in the operand), calling
//! `__eq__` as the lookups above do; after that, identity is Python's `==`, and the table
//! code, which lays sets out slot for slot as CPython does, needs no change.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};

use crate::vm::Vm;
use crate::vm::object::set_table::Operand;
use crate::vm::object::value::{HashKey, KeyMap, KeySet, Value, eq_runs_code, key_eq};
use crate::vm::object::{Dict, PyResult, Set};

/// A probe of a dict's map that answers "equal" only without user code, and collects the
/// entries that need it (see the module comment).
struct Probe<'a> {
    key: &'a HashKey,
    user_eq: bool,
    candidates: RefCell<Vec<HashKey>>,
}

impl Hash for Probe<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.key.hash)
    }
}

impl indexmap::Equivalent<HashKey> for Probe<'_> {
    fn equivalent(&self, stored: &HashKey) -> bool {
        if stored.hash != self.key.hash {
            return false;
        }
        if key_eq(&stored.value, &self.key.value) {
            return true;
        }
        if self.user_eq || eq_runs_code(&stored.value) {
            self.candidates.borrow_mut().push(stored.clone());
        }
        false
    }
}

/// A probe for the very key object `0` (an entry found by an earlier [`Probe`]).
struct Same<'a>(&'a HashKey);

impl Hash for Same<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.0.hash)
    }
}

impl indexmap::Equivalent<HashKey> for Same<'_> {
    fn equivalent(&self, stored: &HashKey) -> bool {
        stored.value.is(&self.0.value)
    }
}

/// Whether `key` in `d` compares without user code (the ordinary path).
#[inline]
fn plain(d: &Dict, key: &HashKey) -> bool {
    !d.holds_user_eq_keys() && !eq_runs_code(&key.value)
}

impl Vm {
    /// Runs `op` on `d`'s map, locked (as a change, counted in the version, when `write`),
    /// with the index of the entry whose key equals `key` under Python's `==`, or `None`.
    /// Out of line and cold: the wrappers below take the ordinary path themselves.
    #[cold]
    #[inline(never)]
    pub fn dict_at<R>(
        &mut self,
        d: &Dict,
        key: &HashKey,
        write: bool,
        op: impl FnOnce(&mut KeyMap<Value>, Option<usize>) -> R,
    ) -> PyResult<R> {
        let user_eq = eq_runs_code(&key.value);
        if !user_eq && !d.holds_user_eq_keys() {
            let mut map = if write { d.lock_mut() } else { d.map.lock() };
            let i = map.get_index_of(key);
            return Ok(op(&mut map, i));
        }
        if user_eq && write {
            d.note_user_eq_key();
        }
        'lookup: loop {
            let probe = Probe {
                key,
                user_eq,
                candidates: RefCell::new(Vec::new()),
            };
            let (version, direct) = {
                let map = d.map.lock();
                (d.version_relaxed(), map.get_index_of(&probe))
            };
            let mut hit = None;
            if direct.is_none() {
                for cand in probe.candidates.into_inner() {
                    if self.eq(&cand.value, &key.value)? {
                        hit = Some(cand);
                        break;
                    }
                    if d.version() != version {
                        continue 'lookup;
                    }
                }
            }
            let guard = if write {
                d.lock_mut_if(version)
            } else {
                d.lock_if(version)
            };
            let Some(mut map) = guard else {
                continue 'lookup;
            };
            let i = direct.or_else(|| hit.and_then(|k| map.get_index_of(&Same(&k))));
            return Ok(op(&mut map, i));
        }
    }

    /// `d[key]`, or `None` when absent.
    #[inline]
    pub fn dict_get(&mut self, d: &Dict, key: &HashKey) -> PyResult<Option<Value>> {
        if plain(d, key) {
            return Ok(d.get(key));
        }
        self.dict_at(d, key, false, |map, i| {
            i.and_then(|i| map.get_index(i)).map(|(_, v)| v.clone())
        })
    }

    /// `key in d`
    #[inline]
    pub fn dict_contains(&mut self, d: &Dict, key: &HashKey) -> PyResult<bool> {
        if plain(d, key) {
            return Ok(d.contains(key));
        }
        self.dict_at(d, key, false, |_, i| i.is_some())
    }

    /// `d[key] = value`: an existing entry keeps its key object, as in CPython.
    #[inline]
    pub fn dict_set(&mut self, d: &Dict, key: HashKey, value: Value) -> PyResult<()> {
        if plain(d, &key) {
            d.insert(key, value);
            return Ok(());
        }
        let old = self.dict_at(d, &key, true, |map, i| {
            d.note_insert(key.hash, &value);
            match i.and_then(|i| map.get_index_mut(i)) {
                Some((_, slot)) => Some(std::mem::replace(slot, value)),
                None => {
                    map.insert(key.clone(), value);
                    None
                }
            }
        })?;
        // The value replaced is dropped here, with the lock released.
        drop(old);
        Ok(())
    }

    /// `d.setdefault(key, default)`: the value now stored under `key`.
    pub fn dict_setdefault(&mut self, d: &Dict, key: HashKey, default: Value) -> PyResult<Value> {
        self.dict_at(d, &key, true, |map, i| {
            match i.and_then(|i| map.get_index(i)) {
                Some((_, v)) => v.clone(),
                None => {
                    d.note_insert(key.hash, &default);
                    map.insert(key.clone(), default.clone());
                    default
                }
            }
        })
    }

    /// `del d[key]` / `d.pop(key)`: the value removed, or `None` when absent.
    #[inline]
    pub fn dict_remove(&mut self, d: &Dict, key: &HashKey) -> PyResult<Option<Value>> {
        if plain(d, key) {
            return Ok(d.remove(key));
        }
        self.dict_at(d, key, true, |map, i| {
            i.and_then(|i| map.shift_remove_index(i)).map(|(_, v)| v)
        })
    }

    /// Runs `op` on `s`'s table, locked, with the element equal to `key` under Python's
    /// `==`, or `None` (the protocol of [`Vm::dict_at`]).
    #[cold]
    #[inline(never)]
    pub fn set_at<R>(
        &mut self,
        s: &Set,
        key: &HashKey,
        op: impl FnOnce(&mut KeySet, Option<HashKey>) -> R,
    ) -> PyResult<R> {
        'lookup: loop {
            let (version, found) = {
                let table = s.items.lock();
                if !table.holds_user_eq() && !eq_runs_code(&key.value) {
                    let mut table = table;
                    let found = table.get(key).cloned();
                    return Ok(op(&mut table, found));
                }
                (table.version(), table.find_or_candidates(key))
            };
            let hit = match found {
                Ok(hit) => hit,
                Err(candidates) => {
                    let mut hit = None;
                    for cand in candidates {
                        if self.eq(&cand.value, &key.value)? {
                            hit = Some(cand);
                            break;
                        }
                        if s.items.lock().version() != version {
                            continue 'lookup;
                        }
                    }
                    hit
                }
            };
            let mut table = s.items.lock();
            if table.version() != version {
                continue 'lookup;
            }
            return Ok(op(&mut table, hit));
        }
    }

    /// `key in s`
    #[inline]
    pub fn set_contains(&mut self, s: &Set, key: &HashKey) -> PyResult<bool> {
        if !eq_runs_code(&key.value) {
            let table = s.items.lock();
            if !table.holds_user_eq() {
                return Ok(table.contains(key));
            }
        }
        self.set_at(s, key, |_, found| found.is_some())
    }

    /// `s.add(key)`
    #[inline]
    pub fn set_add(&mut self, s: &Set, key: HashKey) -> PyResult<()> {
        if !eq_runs_code(&key.value) {
            let mut table = s.items.lock();
            if !table.holds_user_eq() {
                table.insert(key);
                return Ok(());
            }
        }
        self.set_at(s, &key, |table, found| {
            if found.is_none() {
                table.insert(key.clone());
            }
        })
    }

    /// `s.discard(key)`: whether it was there.
    #[inline]
    pub fn set_discard(&mut self, s: &Set, key: &HashKey) -> PyResult<bool> {
        if !eq_runs_code(&key.value) {
            let mut table = s.items.lock();
            if !table.holds_user_eq() {
                return Ok(table.remove(key));
            }
        }
        self.set_at(s, key, |table, found| match found {
            Some(k) => table.remove(&k),
            None => false,
        })
    }

    /// The element of `table` (a snapshot, not locked) equal to `key` under Python's `==`.
    fn find_equal(&mut self, table: &KeySet, key: &HashKey) -> PyResult<Option<HashKey>> {
        match table.find_or_candidates(key) {
            Ok(hit) => Ok(hit),
            Err(candidates) => {
                for cand in candidates {
                    if self.eq(&cand.value, &key.value)? {
                        return Ok(Some(cand));
                    }
                }
                Ok(None)
            }
        }
    }

    /// [`Vm::canonical`] against the live set `s` (a snapshot is taken only when needed).
    pub fn canonical_for(&mut self, s: &Set, other: Operand) -> PyResult<Operand> {
        let base = {
            let table = s.items.lock();
            if !table.holds_user_eq() && !other.runs_user_eq() {
                return Ok(other);
            }
            table.clone()
        };
        self.canonical(&base, other)
    }

    /// [`Vm::canonical`] of a whole set.
    pub fn canonical_set(&mut self, base: &KeySet, other: KeySet) -> PyResult<KeySet> {
        Ok(match self.canonical(base, Operand::Set(other))? {
            Operand::Set(s) => s,
            other => KeySet::from_operand(&other),
        })
    }

    /// `other` made ready for the set algebra with `base` (a snapshot): each of its elements
    /// whose `==` may run user code is replaced by the equal element of `base`, or else by
    /// the equal element met earlier in `other`, so that identity is Python's `==` between
    /// the two (see the module comment). Operands with no such element come back as they are.
    pub fn canonical(&mut self, base: &KeySet, other: Operand) -> PyResult<Operand> {
        if !base.holds_user_eq() && !other.runs_user_eq() {
            return Ok(other);
        }
        let mut seen = KeySet::new();
        let mut canon = |vm: &mut Vm, k: &HashKey| -> PyResult<HashKey> {
            if let Some(b) = vm.find_equal(base, k)? {
                return Ok(b);
            }
            if let Some(s) = vm.find_equal(&seen, k)? {
                return Ok(s);
            }
            seen.insert(k.clone());
            Ok(k.clone())
        };
        Ok(match other {
            Operand::Set(mut s) => {
                s.map_keys(|k| canon(self, k))?;
                Operand::Set(s)
            }
            Operand::Dict(keys) => Operand::Dict(
                keys.iter()
                    .map(|k| canon(self, k))
                    .collect::<PyResult<_>>()?,
            ),
            Operand::Seq(keys) => Operand::Seq(
                keys.iter()
                    .map(|k| canon(self, k))
                    .collect::<PyResult<_>>()?,
            ),
        })
    }
}
