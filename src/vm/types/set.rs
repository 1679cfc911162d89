//! `set` and `frozenset`: their methods and algebra. The hash table is `set_table.rs`.

use std::sync::Arc;

use super::args::*;
use super::dict::{keys_of, new_set, set_operand};
use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::{Types, add_all};
use crate::vm::object::set_table::Operand;
use crate::vm::object::value::{KeySet, Value};
use crate::vm::object::{KwArgs, PyResult, Set};
use crate::vm::types::ctor_args::*;

// ----- set and frozenset -------------------------------------------------------------------------

/// A set element's key; an unhashable `set` is looked up as the equal frozenset, as CPython's
/// `set.remove` and `set.discard` do.
pub(super) fn elem_key(vm: &mut Vm, x: &Value) -> PyResult<crate::vm::object::value::HashKey> {
    match x {
        Value::Set(s) if !s.frozen => {
            let frozen = new_set(s.items.lock().clone(), true);
            vm.hash_key(&frozen)
        }
        _ => vm.hash_key(x),
    }
}

pub(super) fn qual<const FROZEN: bool>(name: &str) -> String {
    format!("{}.{}", if FROZEN { "frozenset" } else { "set" }, name)
}

/// `set.add(x)`
pub(super) fn set_add(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "add")?;
    let key = vm.hash_key(one_arg(args, kw, "set.add")?)?;
    vm.set_add(s, key)?;
    Ok(Value::None)
}

/// `set.remove(x)`: KeyError if absent.
pub(super) fn set_remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "remove")?;
    let x = one_arg(args, kw, "set.remove")?;
    let key = elem_key(vm, x)?;
    if vm.set_discard(s, &key)? {
        Ok(Value::None)
    } else {
        Err(exc::key_error(x.clone()))
    }
}

/// `set.discard(x)`
pub(super) fn set_discard(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "discard")?;
    let key = elem_key(vm, one_arg(args, kw, "set.discard")?)?;
    vm.set_discard(s, &key)?;
    Ok(Value::None)
}

/// `set.pop()`: the first element in iteration order.
pub(super) fn set_pop(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "pop")?;
    no_args(args, kw, "set.pop")?;
    let first = s.items.lock().pop();
    match first {
        Some(k) => Ok(k.value),
        None => Err(exc::key_error(Value::str("pop from an empty set"))),
    }
}

/// `set.clear()`
pub(super) fn set_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "clear")?;
    no_args(args, kw, "set.clear")?;
    let old = s.items.lock().take();
    drop(old);
    Ok(Value::None)
}

/// `set.copy()` / `frozenset.copy()` (a frozenset is its own copy).
pub(super) fn set_copy<const FROZEN: bool>(
    _vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
) -> PyResult<Value> {
    let s = this_set::<FROZEN>(args, "copy")?;
    no_args(args, kw, &qual::<FROZEN>("copy"))?;
    if FROZEN {
        return Ok(args[0].clone());
    }
    let copy = s.items.lock().copy();
    Ok(new_set(copy, false))
}

/// The operands of a multi-argument operation, each with whether it is the set itself.
pub(super) type Others = Vec<(Operand, bool)>;

/// The operands of every positional argument (the `*others` of `union` and friends).
pub(super) fn others_keys(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    qual: &str,
) -> PyResult<Others> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    // Cannot fail: both callers have checked `self` with `this_set` first.
    let me = &args[0];
    let mut out = Vec::new();
    // Elements equal under a user's `__eq__` are made the same object across the set and
    // all the operands (`ops/keys.rs`), the set's own first.
    let mut base: Option<KeySet> = None;
    for o in rest(args) {
        let mut operand = set_operand(vm, o)?;
        if let Value::Set(s) = me {
            let b = base.get_or_insert_with(|| s.items.lock().clone());
            operand = vm.canonical(b, operand)?;
            if b.holds_user_eq() || operand.runs_user_eq() {
                b.update(&operand);
            }
        }
        out.push((operand, o.is(me)));
    }
    Ok(out)
}

/// `self` and the operands of a multi-argument operation (`symmetric_difference` and its
/// `_update` take exactly one).
fn self_and_others<'a, const FROZEN: bool>(
    vm: &mut Vm,
    args: &'a [Value],
    kw: &KwArgs,
    name: &str,
    op: SetOp,
) -> PyResult<(&'a Arc<Set>, Others)> {
    let s = this_set::<FROZEN>(args, name)?;
    let q = qual::<FROZEN>(name);
    if let SetOp::SymmetricDifference = op {
        one_arg(args, kw, &q)?;
    }
    Ok((s, others_keys(vm, args, kw, &q)?))
}

/// What a multi-argument set operation does to the running result with each other set.
#[derive(Clone, Copy)]
pub(super) enum SetOp {
    Union,
    Intersection,
    Difference,
    SymmetricDifference,
}

/// `set_intersection_multi`: `set & o1 & o2 ...` (a copy with no others).
pub(super) fn intersection_multi(items: &KeySet, others: &[(Operand, bool)]) -> KeySet {
    let mut acc: Option<KeySet> = None;
    for (other, same) in others {
        let cur = acc.as_ref().unwrap_or(items);
        acc = Some(if *same && acc.is_none() {
            cur.copy()
        } else {
            cur.intersection(other)
        });
    }
    acc.unwrap_or_else(|| items.copy())
}

/// `union`, `intersection`, `difference`, `symmetric_difference`: a new set of self's type,
/// computed along CPython's paths (which decide the order of the result).
pub(super) fn set_new_op<const FROZEN: bool>(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    op: SetOp,
) -> PyResult<Value> {
    let (s, others) = self_and_others::<FROZEN>(vm, args, kw, name, op)?;
    let items = s.items.lock().clone();
    let r = match op {
        SetOp::Union => {
            let mut acc = items.copy();
            for (other, same) in &others {
                if !same {
                    acc.update(other);
                }
            }
            acc
        }
        SetOp::Intersection => intersection_multi(&items, &others),
        SetOp::Difference => match others.split_first() {
            None => items.copy(),
            Some(((first, _), more)) => {
                let mut acc = items.difference(first);
                for (other, _) in more {
                    acc.difference_update(other);
                }
                acc
            }
        },
        SetOp::SymmetricDifference => match others.first() {
            Some((other, _)) => items.symmetric_difference(other),
            None => items.copy(),
        },
    };
    Ok(new_set(r, FROZEN))
}

/// `*_update` methods: the same operations, in place.
pub(super) fn set_update_op(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    op: SetOp,
) -> PyResult<Value> {
    let (s, others) = self_and_others::<false>(vm, args, kw, name, op)?;
    let mut items = s.items.lock();
    match op {
        SetOp::Intersection => {
            let r = intersection_multi(&items, &others);
            items.swap_body(r);
        }
        _ => {
            for (other, same) in &others {
                match op {
                    SetOp::Union if *same => {}
                    SetOp::Union => items.update(other),
                    _ if *same => items.clear(),
                    SetOp::Difference => items.difference_update(other),
                    _ => items.symmetric_difference_update(other),
                }
            }
        }
    }
    Ok(Value::None)
}

/// Defines set methods that delegate to a shared implementation.
macro_rules! set_ops {
    ($($fn_name:ident = $imp:ident $(::<$frozen:literal>)? ($name:literal, $op:ident);)*) => {
        $(
            #[doc = concat!("`set.", $name, "(...)`")]
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                $imp$(::<$frozen>)?(vm, args, kw, $name, SetOp::$op)
            }
        )*
    };
}

set_ops! {
    set_union = set_new_op::<false>("union", Union);
    set_intersection = set_new_op::<false>("intersection", Intersection);
    set_difference = set_new_op::<false>("difference", Difference);
    set_symmetric_difference = set_new_op::<false>("symmetric_difference", SymmetricDifference);
    frozenset_union = set_new_op::<true>("union", Union);
    frozenset_intersection = set_new_op::<true>("intersection", Intersection);
    frozenset_difference = set_new_op::<true>("difference", Difference);
    frozenset_symmetric_difference = set_new_op::<true>("symmetric_difference", SymmetricDifference);
    set_update = set_update_op("update", Union);
    set_intersection_update = set_update_op("intersection_update", Intersection);
    set_difference_update = set_update_op("difference_update", Difference);
    set_symmetric_difference_update = set_update_op("symmetric_difference_update", SymmetricDifference);
}

/// `issubset`, `issuperset`, `isdisjoint` against any iterable.
pub(super) fn set_relation<const FROZEN: bool>(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<Value> {
    let s = this_set::<FROZEN>(args, name)?;
    let other = keys_of(vm, one_arg(args, kw, &qual::<FROZEN>(name))?)?;
    let mine = s.items.lock().clone();
    let other = vm.canonical_set(&mine, other)?;
    Ok(Value::Bool(match name {
        "issubset" => mine.is_subset(&other),
        "issuperset" => mine.is_superset(&other),
        _ => mine.is_disjoint(&other),
    }))
}

/// Defines the set relations (for `set` and `frozenset`), which share [`set_relation`].
macro_rules! set_relations {
    ($($fn_name:ident = $name:literal;)*) => {
        $(
            #[doc = concat!("`set.", $name, "(other)`")]
            pub(super) fn $fn_name<const FROZEN: bool>(
                vm: &mut Vm,
                args: &[Value],
                kw: &KwArgs,
            ) -> PyResult<Value> {
                set_relation::<FROZEN>(vm, args, kw, $name)
            }
        )*
    };
}

set_relations! {
    set_issubset = "issubset";
    set_issuperset = "issuperset";
    set_isdisjoint = "isdisjoint";
}

/// `set.__len__()`
pub(super) fn set_len<const FROZEN: bool>(
    _vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
) -> PyResult<Value> {
    let s = this_set::<FROZEN>(args, "__len__")?;
    slot_args(args, kw, "__len__", 0)?;
    Ok(Value::Int(s.len() as i64))
}

/// `set.__contains__(x)`
pub(super) fn set_contains<const FROZEN: bool>(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
) -> PyResult<Value> {
    let s = this_set::<FROZEN>(args, "__contains__")?;
    let key = elem_key(vm, one_arg(args, kw, &qual::<FROZEN>("__contains__"))?)?;
    Ok(Value::Bool(s.contains(&key)))
}

/// Registers the methods of `set` in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub(crate) fn register(t: &Types) {
    add_all(
        &t.set,
        &[
            ("add", set_add),
            ("remove", set_remove),
            ("discard", set_discard),
            ("pop", set_pop),
            ("clear", set_clear),
            ("copy", set_copy::<false>),
            ("update", set_update),
            ("union", set_union),
            ("intersection", set_intersection),
            ("difference", set_difference),
            ("symmetric_difference", set_symmetric_difference),
            ("intersection_update", set_intersection_update),
            ("difference_update", set_difference_update),
            (
                "symmetric_difference_update",
                set_symmetric_difference_update,
            ),
            ("issubset", set_issubset::<false>),
            ("issuperset", set_issuperset::<false>),
            ("isdisjoint", set_isdisjoint::<false>),
            ("__len__", set_len::<false>),
            ("__contains__", set_contains::<false>),
        ],
    );
    add_all(
        &t.frozenset,
        &[
            ("copy", set_copy::<true>),
            ("union", frozenset_union),
            ("intersection", frozenset_intersection),
            ("difference", frozenset_difference),
            ("symmetric_difference", frozenset_symmetric_difference),
            ("issubset", set_issubset::<true>),
            ("issuperset", set_issuperset::<true>),
            ("isdisjoint", set_isdisjoint::<true>),
            ("__len__", set_len::<true>),
            ("__contains__", set_contains::<true>),
        ],
    );
}

pub(crate) fn make_set(vm: &mut Vm, args: &[Value], kw: &KwArgs, frozen: bool) -> PyResult<Value> {
    let name = if frozen { "frozenset" } else { "set" };
    let a = clinic(ctor_args(args), kw, name, 0, 1)?;
    let mut keys = KeySet::default();
    if let Some(src) = a.first() {
        if frozen
            && let Value::Set(s) = src
            && s.frozen
        {
            return Ok(src.clone());
        }
        keys.update(&crate::vm::object::set_table::operand(vm, src)?);
    }
    Ok(Value::set(keys, frozen))
}

/// `set(iterable=())`.
pub fn set_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    make_set(vm, args, kw, false)
}

/// `frozenset(iterable=())`.
pub fn frozenset_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    make_set(vm, args, kw, true)
}
