//! The hash table of `set` and `frozenset`, slot for slot as CPython 3.11's
//! `Objects/setobject.c`, so that a set iterates (and prints, and pops) in the same order
//! as CPython's whenever the hashes of its elements are the same as CPython's (ints, floats,
//! bools, tuples of those, frozensets of those).
//!
//! What is emulated: the table (8 slots to start with), `fill`/`used`, dummy slots left by
//! deletions, the probe sequence of `set_add_entry` (up to `LINEAR_PROBES` neighbours, then
//! `perturb`), the growth rule and the re-insertion order of `set_table_resize`,
//! `set_merge`'s copies, the `finger` of `set.pop()`, and the iteration orders of the set
//! algebra (`set_intersection`, `set_difference`, `set_symmetric_difference_update`, …).
//!
//! The operands of the algebra are [`Operand`]s: CPython takes different paths for another
//! set, an exact dict and any other iterable, and the paths lay the result out differently.

use crate::bytecode::Instruction;
use crate::vm::Vm;
use crate::vm::object::PyResult;
use crate::vm::object::value::{HashKey, Value, eq_runs_code, key_eq};

/// `PySet_MINSIZE`: the size of a fresh table.
const MINSIZE: usize = 8;
/// Neighbouring slots looked at before the next perturbed probe.
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone, Debug, Default)]
enum Slot {
    #[default]
    Empty,
    /// A deleted entry (CPython's `dummy`): lookups go on past it, insertions may reuse it.
    Dummy,
    Active(HashKey),
}

/// A set's hash table. An empty `table` stands for a fresh 8-slot table (so that empty sets
/// allocate nothing).
#[derive(Clone, Debug, Default)]
pub struct PySet {
    table: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop` starts looking.
    finger: usize,
    /// Counts the changes to the elements: `ops/keys.rs` compares it before and after the
    /// user's `__eq__` runs, with the set's lock released.
    version: u64,
    /// Whether an element whose `==` may run user code was ever added (`ops/keys.rs`).
    user_eq: bool,
}

/// The other operand of a set operation, as CPython tells them apart.
#[derive(Clone, Debug)]
pub enum Operand {
    /// A `set` or `frozenset`.
    Set(PySet),
    /// The keys of an exact `dict`, in its order.
    Dict(Vec<HashKey>),
    /// The elements of any other iterable, in iteration order.
    Seq(Vec<HashKey>),
}

impl Operand {
    /// Whether `==` on one of the elements may run user code (`ops/keys.rs`).
    pub fn runs_user_eq(&self) -> bool {
        match self {
            Operand::Set(s) => s.holds_user_eq(),
            Operand::Dict(keys) | Operand::Seq(keys) => keys.iter().any(|k| eq_runs_code(&k.value)),
        }
    }

    /// The elements in the order CPython walks them (a set's in table order).
    pub fn iter(&self) -> Box<dyn Iterator<Item = &HashKey> + '_> {
        match self {
            Operand::Set(s) => Box::new(s.iter()),
            Operand::Dict(k) | Operand::Seq(k) => Box::new(k.iter()),
        }
    }

    /// The operand's elements as a set (for membership tests).
    fn to_set(&self) -> PySet {
        match self {
            Operand::Set(s) => s.clone(),
            Operand::Dict(k) | Operand::Seq(k) => k.iter().cloned().collect(),
        }
    }
}

/// The operand for `v`: a set's table, a dict's keys, or the hashed items of an iterable.
pub fn operand(vm: &mut Vm, v: &Value) -> PyResult<Operand> {
    Ok(match v {
        Value::Set(s) => Operand::Set(s.items.lock().clone()),
        Value::Dict(d) => Operand::Dict(d.map.lock().keys().cloned().collect()),
        _ => {
            let items = vm.collect(v)?;
            let mut keys = Vec::with_capacity(items.len());
            for x in &items {
                keys.push(vm.hash_key(x)?);
            }
            // Equal elements (under a user's `__eq__`) made one object (`ops/keys.rs`).
            vm.canonical(&PySet::new(), Operand::Seq(keys))?
        }
    })
}

/// A `BUILD_SET n` at `end` that made `set`, laid out as CPython would have made it.
///
/// CPython folds a display of constants into a frozenset constant: in `for x in {...}` (and a
/// comprehension's iterable) the set is that frozenset, elsewhere a display of more than two
/// constants is `BUILD_SET 0; LOAD_CONST frozenset; SET_UPDATE 1`, a merge into a new set.
/// The compiler's constant merging also rebuilds every frozenset constant from its own
/// iteration order.
pub fn fold_display(set: PySet, instrs: &[Instruction], end: usize, n: usize) -> PySet {
    let iterated = matches!(instrs.get(end + 1), Some(Instruction::GetIter));
    if !(iterated || n > 2) || !constant_operands(instrs, end, n) {
        return set;
    }
    let frozen: PySet = set.iter().cloned().collect();
    if iterated { frozen } else { frozen.copy() }
}

/// Whether the `n` values under the instruction at `end` are all constant expressions (which
/// CPython's AST optimizer folds): constants and the operators it folds.
fn constant_operands(instrs: &[Instruction], end: usize, n: usize) -> bool {
    let mut needed = n;
    let mut at = end;
    while needed > 0 {
        let Some(prev) = at.checked_sub(1) else {
            return false;
        };
        at = prev;
        match instrs.get(at) {
            Some(Instruction::LoadConst(_)) => needed -= 1,
            Some(
                Instruction::UnaryNegative
                | Instruction::UnaryPositive
                | Instruction::UnaryInvert
                | Instruction::UnaryNot,
            ) => {}
            Some(Instruction::Binary(_) | Instruction::BinarySubscr) => needed += 1,
            _ => return false,
        }
    }
    true
}

/// The probe sequence of `set_add_entry`, `set_lookkey` and `set_insert_clean` for `hash` in a
/// table of `mask + 1` slots: each start and up to `LINEAR_PROBES` neighbours after it (none
/// where they would run past the end), then the next start from the perturbed recurrence.
/// `visit` sees the slots' indices in that order until it answers; it must answer at an empty
/// slot, and a table always holds one.
#[inline]
fn probe_sequence<R>(mask: usize, hash: u64, mut visit: impl FnMut(usize) -> Option<R>) -> R {
    let mut perturb = hash;
    let mut i = (hash & mask as u64) as usize;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in i..=i + probes {
            if let Some(r) = visit(j) {
                return r;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = ((i as u64)
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb)
            & mask as u64) as usize;
    }
}

/// `set_insert_clean`: puts a key known to be absent into a table without dummies.
fn insert_clean(table: &mut [Slot], key: HashKey) {
    let mask = table.len() - 1;
    let empty = probe_sequence(mask, key.hash as u64, |j| {
        matches!(table[j], Slot::Empty).then_some(j)
    });
    table[empty] = Slot::Active(key);
}

/// Where a probe for a key ended.
enum Probe {
    Found(usize),
    /// Not present: the first empty slot met, and the last dummy before it, if any.
    Missing(usize, Option<usize>),
}

impl PySet {
    pub fn new() -> PySet {
        PySet::default()
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len().max(MINSIZE) - 1
    }

    fn ensure_table(&mut self) {
        if self.table.is_empty() {
            self.table = vec![Slot::Empty; MINSIZE];
        }
    }

    /// The probe of `set_add_entry` / `set_lookkey`.
    fn probe(&self, key: &HashKey) -> Probe {
        let mut freeslot = None;
        probe_sequence(self.table.len() - 1, key.hash as u64, |j| {
            match &self.table[j] {
                Slot::Empty => Some(Probe::Missing(j, freeslot)),
                Slot::Active(k) => {
                    (k.hash == key.hash && key_eq(&k.value, &key.value)).then_some(Probe::Found(j))
                }
                // CPython 3.11 keeps the last dummy seen, not the first.
                Slot::Dummy => {
                    freeslot = Some(j);
                    None
                }
            }
        })
    }

    fn find(&self, key: &HashKey) -> Option<usize> {
        if self.used == 0 {
            return None;
        }
        match self.probe(key) {
            Probe::Found(j) => Some(j),
            Probe::Missing(..) => None,
        }
    }

    pub fn contains(&self, key: &HashKey) -> bool {
        self.find(key).is_some()
    }

    /// The element equal to `key`, if any.
    pub fn get(&self, key: &HashKey) -> Option<&HashKey> {
        match self.find(key).map(|j| &self.table[j]) {
            Some(Slot::Active(k)) => Some(k),
            _ => None,
        }
    }

    /// `set_add_entry`: false (keeping the element already there) if an equal key is present.
    pub fn insert(&mut self, key: HashKey) -> bool {
        self.ensure_table();
        let user_eq = eq_runs_code(&key.value);
        match self.probe(&key) {
            Probe::Found(_) => false,
            Probe::Missing(_, Some(dummy)) => {
                self.table[dummy] = Slot::Active(key);
                self.used += 1;
                self.version += 1;
                self.user_eq |= user_eq;
                true
            }
            Probe::Missing(empty, None) => {
                self.table[empty] = Slot::Active(key);
                self.fill += 1;
                self.used += 1;
                self.version += 1;
                self.user_eq |= user_eq;
                if self.fill * 5 >= self.mask() * 3 {
                    self.resize(self.grown_size());
                }
                true
            }
        }
    }

    /// The count of changes to the elements so far.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Whether an element whose `==` may run user code was ever added.
    pub fn holds_user_eq(&self) -> bool {
        self.user_eq
    }

    /// `set_lookkey` for a key whose `==` may run user code, without running it: `Ok` with
    /// the element that settles it without user code (the same object, or equal by value),
    /// else `Err` with the elements of the same hash whose `==` needs user code, in probe
    /// order, for the caller to compare with the lock released (`ops/keys.rs`).
    pub fn find_or_candidates(&self, key: &HashKey) -> Result<Option<HashKey>, Vec<HashKey>> {
        let mut candidates = Vec::new();
        if self.used == 0 {
            return Ok(None);
        }
        let user_eq = eq_runs_code(&key.value);
        probe_sequence(self.table.len() - 1, key.hash as u64, |j| {
            match &self.table[j] {
                Slot::Empty if candidates.is_empty() => Some(Ok(None)),
                Slot::Empty => Some(Err(std::mem::take(&mut candidates))),
                Slot::Active(k) if k.hash == key.hash => {
                    if key_eq(&k.value, &key.value) {
                        return Some(Ok(Some(k.clone())));
                    }
                    if user_eq || eq_runs_code(&k.value) {
                        candidates.push(k.clone());
                    }
                    None
                }
                _ => None,
            }
        })
    }

    /// Replaces each element by `canon(element)`, which must be an equal key with the same
    /// hash, keeping the layout (so the iteration order stays CPython's).
    pub fn map_keys<E>(
        &mut self,
        mut canon: impl FnMut(&HashKey) -> Result<HashKey, E>,
    ) -> Result<(), E> {
        for slot in self.table.iter_mut() {
            if let Slot::Active(k) = slot {
                let c = canon(k)?;
                if c.hash == k.hash {
                    *k = c;
                }
            }
        }
        let user_eq = self.iter().any(|k| eq_runs_code(&k.value));
        self.user_eq = user_eq;
        Ok(())
    }

    fn grown_size(&self) -> usize {
        if self.used > 50000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// `set_table_resize`: a table of the smallest power of two above `minused`, filled by
    /// re-inserting the active entries in the old table's order.
    fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        if newsize == MINSIZE && self.table.len() <= MINSIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; newsize]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(k) = slot {
                insert_clean(&mut self.table, k);
            }
        }
    }

    /// `set_discard_entry`: leaves a dummy; true if the key was there.
    pub fn remove(&mut self, key: &HashKey) -> bool {
        match self.find(key) {
            Some(j) => {
                self.table[j] = Slot::Dummy;
                self.used -= 1;
                self.version += 1;
                true
            }
            None => false,
        }
    }

    /// The same as [`PySet::remove`] (for call sites written for `IndexSet`).
    pub fn shift_remove(&mut self, key: &HashKey) -> bool {
        self.remove(key)
    }

    /// The same as [`PySet::remove`] (for call sites written for `IndexSet`).
    pub fn swap_remove(&mut self, key: &HashKey) -> bool {
        self.remove(key)
    }

    /// `set.pop()`: the first element from the finger on, wrapping around.
    pub fn pop(&mut self) -> Option<HashKey> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut j = self.finger & mask;
        while !matches!(self.table[j], Slot::Active(_)) {
            j = (j + 1) & mask;
        }
        match std::mem::replace(&mut self.table[j], Slot::Dummy) {
            Slot::Active(k) => {
                self.used -= 1;
                self.version += 1;
                self.finger = j + 1;
                Some(k)
            }
            other => {
                self.table[j] = other;
                None
            }
        }
    }

    /// `set.clear()`: back to an empty 8-slot table (the pop finger stays, as in CPython).
    pub fn clear(&mut self) {
        drop(self.take());
    }

    /// Empties the set as [`PySet::clear`] does and returns the old contents (to be dropped
    /// outside a lock).
    pub fn take(&mut self) -> PySet {
        let (finger, version) = (self.finger, self.version);
        let old = std::mem::take(self);
        self.finger = finger;
        self.version = version + 1;
        old
    }

    /// The elements in table order (CPython's iteration order).
    pub fn iter(&self) -> impl Iterator<Item = &HashKey> + '_ {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(k) => Some(k),
            _ => None,
        })
    }

    /// The first element in iteration order.
    pub fn first(&self) -> Option<&HashKey> {
        self.iter().next()
    }

    /// Removes (leaving dummies) the elements for which `keep` is false.
    pub fn retain(&mut self, mut keep: impl FnMut(&HashKey) -> bool) {
        for slot in self.table.iter_mut() {
            if let Slot::Active(k) = slot
                && !keep(k)
            {
                *slot = Slot::Dummy;
                self.used -= 1;
                self.version += 1;
            }
        }
    }

    // ----- bulk updates ------------------------------------------------------------------

    /// `set_merge`: adds another set's elements.
    pub fn merge(&mut self, other: &PySet) {
        if other.used == 0 {
            return;
        }
        self.version += 1;
        self.user_eq |= other.user_eq;
        self.ensure_table();
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            for (dst, src) in self.table.iter_mut().zip(&other.table) {
                if let Slot::Active(k) = src {
                    *dst = Slot::Active(k.clone());
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for k in other.iter() {
                insert_clean(&mut self.table, k.clone());
            }
            return;
        }
        for k in other.iter() {
            self.insert(k.clone());
        }
    }

    /// `set_update_internal` with an exact dict: one resize up front, then the keys in order.
    pub fn update_from_dict(&mut self, keys: &[HashKey]) {
        self.ensure_table();
        if (self.fill + keys.len()) * 5 >= self.mask() * 3 {
            self.resize((self.used + keys.len()) * 2);
        }
        for k in keys {
            self.insert(k.clone());
        }
    }

    /// `set_update_internal`: `set.update(other)`, `s |= other`.
    pub fn update(&mut self, other: &Operand) {
        match other {
            Operand::Set(o) => self.merge(o),
            Operand::Dict(keys) => self.update_from_dict(keys),
            Operand::Seq(keys) => self.extend(keys.iter().cloned()),
        }
    }

    /// `make_new_set(type, iterable)`: a new set holding `other`'s elements.
    pub fn from_operand(other: &Operand) -> PySet {
        let mut s = PySet::new();
        s.update(other);
        s
    }

    /// `set.copy()` (through `set_merge`, which may lay the table out afresh).
    pub fn copy(&self) -> PySet {
        let mut s = PySet::new();
        s.merge(self);
        s
    }

    // ----- the algebra -------------------------------------------------------------------

    /// `self | other` and `set.union`.
    pub fn union(&self, other: &Operand) -> PySet {
        let mut s = self.copy();
        s.update(other);
        s
    }

    /// `set_intersection`: with a set, walks the smaller one (the other on a tie) and keeps
    /// its elements; with an iterable, keeps the iterable's elements that are in `self`.
    pub fn intersection(&self, other: &Operand) -> PySet {
        let mut r = PySet::new();
        match other {
            Operand::Set(o) => {
                let (big, small) = if o.used > self.used {
                    (o, self)
                } else {
                    (self, o)
                };
                for k in small.iter() {
                    if big.contains(k) {
                        r.insert(k.clone());
                    }
                }
            }
            Operand::Dict(keys) | Operand::Seq(keys) => {
                for k in keys {
                    if self.contains(k) {
                        r.insert(k.clone());
                    }
                }
            }
        }
        r
    }

    /// `set_difference`.
    pub fn difference(&self, other: &Operand) -> PySet {
        let other_size = match other {
            Operand::Set(o) => o.used,
            Operand::Dict(keys) => keys.len(),
            Operand::Seq(_) => return self.copy_and_difference(other),
        };
        if (self.used >> 2) > other_size {
            return self.copy_and_difference(other);
        }
        let mut r = PySet::new();
        let members;
        let o = match other {
            Operand::Set(o) => o,
            _ => {
                members = other.to_set();
                &members
            }
        };
        for k in self.iter() {
            if !o.contains(k) {
                r.insert(k.clone());
            }
        }
        r
    }

    fn copy_and_difference(&self, other: &Operand) -> PySet {
        let mut r = self.copy();
        r.difference_update(other);
        r
    }

    /// `set_difference_update_internal`: discards, then drops the dummies if they are more
    /// than a quarter of the table.
    pub fn difference_update(&mut self, other: &Operand) {
        match other {
            Operand::Set(o) => {
                for k in o.iter() {
                    self.remove(k);
                }
            }
            Operand::Dict(keys) | Operand::Seq(keys) => {
                for k in keys {
                    self.remove(k);
                }
            }
        }
        if self.fill - self.used > self.mask() / 4 {
            self.resize(self.grown_size());
        }
    }

    /// `set_intersection_update`: the set becomes `self & other`.
    pub fn intersection_update(&mut self, other: &Operand) {
        let r = self.intersection(other);
        self.swap_body(r);
    }

    /// `set_swap_bodies`: takes `body`'s table (keeping the pop finger).
    pub fn swap_body(&mut self, body: PySet) {
        let (finger, version) = (self.finger, self.version);
        *self = body;
        self.finger = finger;
        self.version = version + 1;
    }

    fn symmetric_update_keys<'a>(&mut self, keys: impl Iterator<Item = &'a HashKey>) {
        for k in keys {
            if !self.remove(k) {
                self.insert(k.clone());
            }
        }
    }

    /// `set_symmetric_difference_update`: an iterable is made into a set first.
    pub fn symmetric_difference_update(&mut self, other: &Operand) {
        match other {
            Operand::Set(o) => self.symmetric_update_keys(o.iter()),
            Operand::Dict(keys) => self.symmetric_update_keys(keys.iter()),
            Operand::Seq(keys) => {
                let o: PySet = keys.iter().cloned().collect();
                self.symmetric_update_keys(o.iter());
            }
        }
    }

    /// `set_symmetric_difference`: `set(other)` updated with `self`.
    pub fn symmetric_difference(&self, other: &Operand) -> PySet {
        let mut r = PySet::from_operand(other);
        r.symmetric_update_keys(self.iter());
        r
    }

    pub fn is_subset(&self, other: &PySet) -> bool {
        self.used <= other.used && self.iter().all(|k| other.contains(k))
    }

    pub fn is_superset(&self, other: &PySet) -> bool {
        other.is_subset(self)
    }

    pub fn is_disjoint(&self, other: &PySet) -> bool {
        let (big, small) = if other.used > self.used {
            (other, self)
        } else {
            (self, other)
        };
        !small.iter().any(|k| big.contains(k))
    }

    /// `frozenset_hash`: independent of the order (and of dummies).
    pub fn frozen_hash(&self) -> i64 {
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
        }
        let mut hash: u64 = 0;
        for k in self.iter() {
            hash ^= shuffle(k.hash as u64);
        }
        hash ^= (self.used as u64 + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == u64::MAX {
            hash = 590923713;
        }
        hash as i64
    }
}

impl FromIterator<HashKey> for PySet {
    /// `set(iterable)` for an iterable that is neither a set nor a dict.
    fn from_iter<I: IntoIterator<Item = HashKey>>(iter: I) -> PySet {
        let mut s = PySet::new();
        s.extend(iter);
        s
    }
}

impl Extend<HashKey> for PySet {
    /// Adds the keys one by one, as `set.add` does.
    fn extend<I: IntoIterator<Item = HashKey>>(&mut self, iter: I) {
        for k in iter {
            self.insert(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::ConstIdx;
    use crate::vm::object::value::self_hash_key;

    fn key(v: Value) -> HashKey {
        self_hash_key(&v).expect("hashable")
    }

    fn ints(xs: impl IntoIterator<Item = i64>) -> Vec<HashKey> {
        xs.into_iter().map(|i| key(Value::Int(i))).collect()
    }

    /// `set(iterable)` for a list of ints.
    fn set_of(xs: impl IntoIterator<Item = i64>) -> PySet {
        ints(xs).into_iter().collect()
    }

    fn order(s: &PySet) -> Vec<String> {
        s.iter()
            .map(|k| crate::vm::object::value::const_repr(&k.value))
            .collect()
    }

    fn int_order(s: &PySet) -> Vec<i64> {
        s.iter()
            .map(|k| match k.value {
                Value::Int(i) => i,
                _ => panic!("not an int"),
            })
            .collect()
    }

    /// A `BUILD_SET` of `xs.len()` constants, as the VM sees it.
    fn display(xs: &[i64], iterated: bool) -> PySet {
        let mut instrs: Vec<Instruction> = (0..xs.len())
            .map(|i| Instruction::LoadConst(ConstIdx(i as _)))
            .collect();
        instrs.push(Instruction::BuildSet(xs.len() as _));
        if iterated {
            instrs.push(Instruction::GetIter);
        }
        fold_display(set_of(xs.iter().copied()), &instrs, xs.len(), xs.len())
    }

    #[test]
    fn constructor_order() {
        assert_eq!(int_order(&set_of([3, 3, 1, 2, 1])), [1, 2, 3]);
        assert_eq!(int_order(&display(&[10, 2, 33, 4], false)), [33, 10, 2, 4]);
        assert_eq!(
            int_order(&display(&[5, 13, 21, 29, 37, 45], false)),
            [13, 29, 5, 37, 21, 45]
        );
        assert_eq!(int_order(&display(&[1, 9], false)), [1, 9]);
    }

    #[test]
    fn discard_then_add() {
        let mut s = set_of(0..20);
        for i in (0..20).step_by(2) {
            assert!(s.remove(&key(Value::Int(i))));
        }
        for i in [100, 57, -1] {
            assert!(s.insert(key(Value::Int(i))));
        }
        assert_eq!(
            int_order(&s),
            [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 57, 100, -1]
        );
        assert_eq!(s.len(), 13);
        assert!(!s.insert(key(Value::Int(57))));
    }

    #[test]
    fn mixed_keys() {
        let items = [
            Value::tuple(vec![Value::Int(1), Value::Int(2)]),
            Value::tuple(vec![Value::Int(3), Value::Int(4)]),
            Value::Float(5.5),
            Value::Bool(true),
            Value::Float(2.0),
            Value::Int(-7),
        ];
        let s: PySet = items.into_iter().map(key).collect();
        assert_eq!(order(&s), ["True", "2.0", "(1, 2)", "5.5", "(3, 4)", "-7"]);
        // 1 == True: the first one stays.
        assert!(s.contains(&key(Value::Int(1))));
        assert!(s.contains(&key(Value::Int(2))));
    }

    #[test]
    fn many_resizes() {
        let s = set_of((0..1000).step_by(7));
        let got = int_order(&s);
        let mut expected = Vec::new();
        for i in 0..74 {
            expected.push(7 * i);
            if 7 * i + 518 < 1000 {
                expected.push(7 * i + 518);
            }
        }
        assert_eq!(&got[..10], [0, 518, 7, 525, 14, 532, 21, 539, 28, 546]);
        assert_eq!(&got[got.len() - 6..], [994, 483, 490, 497, 504, 511]);
        assert_eq!(got.len(), 143);
        assert_eq!(got, expected);
    }

    #[test]
    fn pop_uses_the_finger() {
        let mut s = set_of((0..100).step_by(3));
        let first: Vec<i64> = (0..5).map(|_| pop_int(&mut s)).collect();
        assert_eq!(first, [0, 3, 6, 9, 12]);
        s.insert(key(Value::Int(1)));
        s.insert(key(Value::Int(2)));
        let next: Vec<i64> = (0..5).map(|_| pop_int(&mut s)).collect();
        assert_eq!(next, [15, 18, 21, 24, 27]);
        let mut e = PySet::new();
        assert!(e.pop().is_none());
    }

    fn pop_int(s: &mut PySet) -> i64 {
        match s.pop().map(|k| k.value) {
            Some(Value::Int(i)) => i,
            _ => panic!("no int"),
        }
    }

    #[test]
    fn dummies_reuse_the_last_one_seen() {
        let s = set_of(0..40);
        let mut s = s.symmetric_difference(&Operand::Set(s.clone()));
        assert!(s.is_empty());
        for k in [
            key(Value::Int(1280)),
            key(Value::Int(12)),
            key(Value::Float(0.5)),
        ] {
            s.insert(k);
        }
        assert_eq!(order(&s), ["1280", "12", "0.5"]);
    }

    #[test]
    fn algebra_order() {
        let mut a = set_of(0..50);
        a.difference_update(&Operand::Seq(ints((0..50).step_by(2))));
        assert_eq!(int_order(&a), (1..50).step_by(2).collect::<Vec<_>>());
        let x = set_of([1, 9, 17, 25, 33]);
        let y = set_of([5, 13, 21, 1]);
        assert_eq!(
            int_order(&x.symmetric_difference(&Operand::Set(y))),
            [33, 5, 9, 13, 17, 21, 25]
        );
        assert_eq!(int_order(&x.copy()), [1, 33, 17, 9, 25]);
        let i = x.intersection(&Operand::Seq(ints([33, 1, 9])));
        assert_eq!(int_order(&i), [33, 1, 9]);
        assert!(i.is_subset(&x) && x.is_superset(&i) && !x.is_disjoint(&i));
    }

    #[test]
    fn frozenset_hash_is_cpythons() {
        assert_eq!(PySet::new().frozen_hash(), 133146708735736);
        assert_eq!(set_of(0..100).frozen_hash(), 4411996150312757951);
        let mut s = set_of(0..120);
        for i in 100..120 {
            s.remove(&key(Value::Int(i)));
        }
        assert_eq!(s.frozen_hash(), 4411996150312757951);
    }
}
