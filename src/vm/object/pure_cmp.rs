//! Comparisons that run no Python code and cannot raise, so that a container may make them
//! under its own lock, without cloning its items: [`pure_lt`] and [`pure_eq`]. `None` from
//! either means "not decidable here": the caller takes the general path (`ops/compare.rs`),
//! which gives the same answer or the error.

use std::sync::Arc;

use crate::vm::object::{ClassKind, Instance, Value, class_flags};

/// `a < b` where it runs no Python code and cannot raise: two ints, two floats (neither a
/// NaN), two strs, or two tuples of such items (Python's order: the first items that differ
/// by `==` decide, else the shorter tuple is less). `None` for anything else: the caller
/// takes the general path, which gives the same answer or the error. Pure, so that a
/// container may compare its items under its own lock without cloning them (heapq).
pub fn pure_lt(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x < y),
        (Value::Float(x), Value::Float(y)) if !x.is_nan() && !y.is_nan() => Some(x < y),
        // UTF-8 orders as code points do.
        (Value::Str(x), Value::Str(y)) => Some(x.as_str() < y.as_str()),
        (Value::Tuple(x), Value::Tuple(y)) => {
            for (p, q) in x.0.iter().zip(y.0.iter()) {
                if !pure_same_kind_eq(p, q)? {
                    return pure_lt(p, q);
                }
            }
            Some(x.0.len() < y.0.len())
        }
        _ => None,
    }
}

/// `a == b` (identity first, as containers compare) where it runs no Python code: strs,
/// ints, floats (no NaN), None and bools among themselves, and tuples of them, as
/// [`pure_same_kind_eq`]; a str against an int, a float, None or a bool is never equal.
/// `None` for anything else.
pub fn pure_eq(a: &Value, b: &Value) -> Option<bool> {
    use Value::*;
    if a.is(b) && !matches!(a, Float(_)) {
        return Some(true);
    }
    match (a, b) {
        (Str(_), Int(_) | Float(_) | None | Bool(_))
        | (Int(_) | Float(_) | None | Bool(_), Str(_)) => Some(false),
        (None, Int(_) | Float(_) | Bool(_)) | (Int(_) | Float(_) | Bool(_), None) => Some(false),
        (None, None) => Some(true),
        (Bool(x), Bool(y)) => Some(x == y),
        // Instances whose `==` is object's: identity (checked above), also against a str,
        // a number or None (both sides' `__eq__` give NotImplemented).
        (Instance(x), Instance(y)) if identity_eq(x) && identity_eq(y) => Some(false),
        (Instance(x), Str(_) | Int(_) | Float(_) | None | Bool(_))
        | (Str(_) | Int(_) | Float(_) | None | Bool(_), Instance(x))
            if identity_eq(x) =>
        {
            Some(false)
        }
        _ => pure_same_kind_eq(a, b),
    }
}

/// Whether an instance's `==` is `object`'s (identity): no built-in value under it (a
/// subclass of `int`, `str`, … compares as its value), no user class of its MRO defines
/// `__eq__`, and no built-in class of it but `object` and the exceptions (which define none)
/// has one.
fn identity_eq(i: &Instance) -> bool {
    i.base().is_none()
        && !i.class.has_flag(class_flags::EQ)
        && std::iter::once(&i.class)
            .chain(i.class.mro_tail())
            .all(|c| {
                c.kind == ClassKind::User
                    || c.is_exception
                    || Arc::ptr_eq(c, &crate::vm::object::registry::types().object)
            })
}

/// `a == b` for the values [`pure_lt`] orders, of the same kind; `None` for anything else.
fn pure_same_kind_eq(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Float(x), Value::Float(y)) if !x.is_nan() && !y.is_nan() => Some(x == y),
        (Value::Str(x), Value::Str(y)) => Some(x.as_str() == y.as_str()),
        (Value::Tuple(x), Value::Tuple(y)) => {
            if x.0.len() != y.0.len() {
                return Some(false);
            }
            for (p, q) in x.0.iter().zip(y.0.iter()) {
                if !pure_same_kind_eq(p, q)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        _ => None,
    }
}
