//! The built-in iterator types: `enumerate`, `zip`, `map`, `filter`, `reversed`.

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::Zero;

use crate::vm::Vm;
use crate::vm::object::exceptions::check_alloc;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;
use crate::vm::object::{IterObj, KwArgs, PyResult, SeqIter};

// ----- arguments ---------------------------------------------------------------------------

use crate::vm::args::no_keywords;
/// Argument Clinic / `_PyArg_CheckPositional`: "getattr expected at least 2 arguments, got 1".
use crate::vm::args::positional as clinic;
use crate::vm::types::ctor_args::*;

pub(crate) fn seq_iter(s: SeqIter) -> Value {
    Value::Iter(Arc::new(IterObj::seq(s)))
}

/// `enumerate(iterable, start=0)`.
pub fn enumerate_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let slots = bind_params(ctor_args(args), kw, "enumerate", &["iterable", "start"], 0)?;
    let Some(src) = &slots[0] else {
        return Err(exc::type_error(
            "enumerate() missing required argument 'iterable'",
        ));
    };
    let count = match &slots[1] {
        None => BigInt::zero(),
        Some(v) => index_bigint(vm, v)?,
    };
    let inner = vm.get_iter(src)?;
    Ok(seq_iter(SeqIter::Enumerate { inner, count }))
}

/// `zip(*iterables, strict=False)`.
pub fn zip_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let slots = kwslots(kw, &["strict"], "zip")?;
    let strict = match &slots[0] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut inners = Vec::new();
    for v in ctor_args(args) {
        inners.push(vm.get_iter(v)?);
    }
    Ok(seq_iter(SeqIter::Zip { inners, strict }))
}

/// `map(func, *iterables)`.
pub fn map_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(no_keywords("map"));
    }
    let a = ctor_args(args);
    if a.len() < 2 {
        return Err(exc::type_error("map() must have at least two arguments."));
    }
    let mut inners = Vec::new();
    for v in &a[1..] {
        inners.push(vm.get_iter(v)?);
    }
    Ok(seq_iter(SeqIter::Map {
        func: a[0].clone(),
        inners,
    }))
}

/// `filter(function or None, iterable)`.
pub fn filter_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "filter", 2, 2)?;
    let inner = vm.get_iter(&a[1])?;
    Ok(seq_iter(SeqIter::Filter {
        func: a[0].clone(),
        inner,
    }))
}

/// `reversed(sequence)`.
pub fn reversed_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "reversed", 1, 1)?;
    let seq = &a[0];
    let items = match seq {
        Value::List(l) => l.snapshot(),
        Value::Tuple(t) => t.0.clone(),
        Value::Str(s) => s
            .as_str()
            .chars()
            .map(|c| Value::string(c.to_string()))
            .collect(),
        Value::Range(r) => {
            let n = r.len_usize();
            if n == 0 {
                return Ok(Value::Iter(Arc::new(IterObj::range(0, 0, 1))));
            }
            let last = r.item(n - 1);
            // One step before `start`, clamped to i64 (the iterator stops at the bound).
            let stop = (r.start as i128 - r.step as i128).clamp(i64::MIN as i128, i64::MAX as i128);
            return Ok(Value::Iter(Arc::new(IterObj::range(
                last,
                stop as i64,
                // A step of -2**63 reversed: the first step already leaves every i64 range.
                r.step.checked_neg().unwrap_or(i64::MAX),
            ))));
        }
        Value::Dict(d) => d.keys(),
        // A class: its metaclass's `__reversed__` (an enum's members, last first).
        Value::Instance(_) | Value::Native(_) | Value::Bytes(_) | Value::Class(_) => {
            if let Some(r) = vm.call_special(seq, "__reversed__", &[])? {
                return Ok(r);
            }
            if vm.lookup_special(seq, "__getitem__").is_some()
                && vm.lookup_special(seq, "__len__").is_some()
            {
                let n = vm.len(seq)?;
                check_alloc(n, 1)?;
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    out.push(vm.getitem(seq, &Value::Int(i as i64))?);
                }
                out
            } else {
                return Err(not_reversible(seq));
            }
        }
        _ => return Err(not_reversible(seq)),
    };
    let index = items.len();
    Ok(seq_iter(SeqIter::Reversed { list: items, index }))
}

#[cold]
pub(crate) fn not_reversible(v: &Value) -> PyErr {
    exc::type_error(format!("'{}' object is not reversible", v.type_name()))
}
