//! `range`: its methods (`index`, `count`).

use super::args::*;
use crate::vm::Vm;
use crate::vm::object::RangeObj;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::{Types, add_all};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::ctor_args::*;
use num_traits::ToPrimitive;
use std::sync::Arc;

/// Where the int `i` is in the range, if it is.
pub(super) fn range_position(r: &crate::vm::object::RangeObj, i: i64) -> Option<i64> {
    let (start, stop, step, i) = (r.start as i128, r.stop as i128, r.step as i128, i as i128);
    let inside = if step > 0 {
        start <= i && i < stop
    } else {
        stop < i && i <= start
    };
    (inside && (i - start) % step == 0).then(|| ((i - start) / step) as i64)
}

/// `range.count(x)`: arithmetic for ints, comparison for anything else.
pub(super) fn range_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = this_range(args, "count")?;
    let x = one_arg(args, kw, "range.count")?;
    match x {
        Value::Int(i) => Ok(Value::Int(range_position(r, *i).is_some() as i64)),
        Value::Bool(b) => Ok(Value::Int(range_position(r, *b as i64).is_some() as i64)),
        Value::BigInt(_) => Ok(Value::Int(0)),
        _ => {
            let mut n = 0;
            for k in 0..r.len_usize() {
                if vm.eq(&Value::Int(r.item(k)), x)? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
    }
}

/// `range.index(x)`
pub(super) fn range_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = this_range(args, "index")?;
    let x = one_arg(args, kw, "range.index")?;
    let int = match x {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    };
    if let Some(p) = int.and_then(|i| range_position(r, i)) {
        return Ok(Value::Int(p));
    }
    if int.is_some() || matches!(x, Value::BigInt(_)) {
        return Err(exc::value_error(format!("{} is not in range", vm.repr(x)?)));
    }
    for k in 0..r.len_usize() {
        if vm.eq(&Value::Int(r.item(k)), x)? {
            return Ok(Value::Int(k as i64));
        }
    }
    Err(exc::value_error("sequence.index(x): x not in sequence"))
}

/// Registers the methods of `range` in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub(crate) fn register(t: &Types) {
    add_all(&t.range, &[("count", range_count), ("index", range_index)]);
}

/// `range(stop)`, `range(start, stop[, step])`.
pub fn range_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "range", 1, 3)?;
    let mut n = [0i64; 3];
    for (slot, v) in n.iter_mut().zip(a) {
        let b = index_bigint(vm, v)?;
        *slot = b
            .to_i64()
            .ok_or_else(|| exc::overflow_error("Python int too large to convert to C ssize_t"))?;
    }
    let (start, stop, step) = match a.len() {
        1 => (0, n[0], 1),
        2 => (n[0], n[1], 1),
        _ => (n[0], n[1], n[2]),
    };
    if step == 0 {
        return Err(exc::value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Arc::new(RangeObj { start, stop, step })))
}
