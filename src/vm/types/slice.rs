//! `slice`: its constructor and `slice.indices`.

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::{Types, add_method};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult, SliceObj};

// ----- arguments ---------------------------------------------------------------------------

use crate::vm::args::one_arg as one;
/// Argument Clinic / `_PyArg_CheckPositional`: "getattr expected at least 2 arguments, got 1".
use crate::vm::args::positional as clinic;
use crate::vm::types::ctor_args::*;

/// `slice(stop)`, `slice(start, stop[, step])`.
pub fn slice_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "slice", 1, 3)?;
    let (start, stop, step) = match a {
        [stop] => (Value::None, stop.clone(), Value::None),
        [start, stop] => (start.clone(), stop.clone(), Value::None),
        [start, stop, step, ..] => (start.clone(), stop.clone(), step.clone()),
        [] => (Value::None, Value::None, Value::None),
    };
    Ok(Value::Slice(Arc::new(SliceObj { start, stop, step })))
}

impl Vm {
    /// A slice's start, stop or step (CPython's `_PyEval_SliceIndex`): an int too large for
    /// an index is clamped to the largest one of its sign, not an error, so `xs[::10**30]`
    /// is `xs[:1]`.
    fn slice_index(&mut self, v: &Value) -> PyResult<i64> {
        let clamp = |b: &num_bigint::BigInt| {
            if b.sign() == num_bigint::Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            }
        };
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(b) => Ok(clamp(b)),
            _ => match self.call_special(v, "__index__", &[])? {
                Some(Value::Int(i)) => Ok(i),
                Some(Value::Bool(b)) => Ok(b as i64),
                Some(Value::BigInt(b)) => Ok(clamp(&b)),
                _ => Err(exc::type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            },
        }
    }
}

/// `slice.indices(len)`: (start, stop, step, slicelength): [`unpack_slice`] then
/// [`adjust_indices`].
pub fn slice_indices(vm: &mut Vm, s: &SliceObj, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let (start, stop, step) = unpack_slice(vm, s)?;
    adjust_indices(start, stop, step, len)
}

/// A slice's bounds as integers (None stays None), CPython's PySlice_Unpack: the step first
/// (zero refused), then the start and the stop, each through `__index__` if it is not an int
/// (which may run Python code: call it with no lock held). A step of -2**63 is taken as
/// -(2**63 - 1), as CPython does, so that `-step` cannot overflow.
pub fn unpack_slice(vm: &mut Vm, s: &SliceObj) -> PyResult<(Option<i64>, Option<i64>, i64)> {
    let step = if s.step.is_none() {
        1
    } else {
        vm.slice_index(&s.step)?
    };
    if step == 0 {
        return Err(exc::value_error("slice step cannot be zero"));
    }
    let step = step.max(-i64::MAX);
    let start = if s.start.is_none() {
        None
    } else {
        Some(vm.slice_index(&s.start)?)
    };
    let stop = if s.stop.is_none() {
        None
    } else {
        Some(vm.slice_index(&s.stop)?)
    };
    Ok((start, stop, step))
}

/// The unpacked bounds fitted to a sequence of `len` items, CPython's PySlice_AdjustIndices:
/// (start, stop, step, slicelength). Pure, so that a container can fit them to its length
/// under its own lock.
pub fn adjust_indices(
    start: Option<i64>,
    stop: Option<i64>,
    step: i64,
    len: usize,
) -> PyResult<(i64, i64, i64, usize)> {
    // Only a range can be this long (`range(-2**63, 2**63 - 1)`); CPython's `len` of it
    // overflows too.
    let len = i64::try_from(len)
        .map_err(|_| exc::overflow_error("Python int too large to convert to C ssize_t"))?;
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let adjust = |v: i64| -> i64 {
        if v < 0 {
            (v + len).max(lower)
        } else {
            v.min(upper)
        }
    };
    let start = match start {
        None if step < 0 => upper,
        None => lower,
        Some(v) => adjust(v),
    };
    let stop = match stop {
        None if step < 0 => lower,
        None => upper,
        Some(v) => adjust(v),
    };
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, n as usize))
}

/// The `n` items of `items[start::step]` (bounds from [`adjust_indices`]).
pub fn slice_vec<T: Clone>(items: &[T], start: i64, step: i64, n: usize) -> Vec<T> {
    (0..n)
        .map(|k| items[(start + k as i64 * step) as usize].clone())
        .collect()
}

/// `items[start:stop:step] = new`, the bounds from [`adjust_indices`] (`n` items): the
/// items replaced, for the caller to drop once it has let go of the list's lock (a drop may
/// queue Python code), or `Err(new.len())` when an extended slice has another size.
pub fn assign_slice(
    items: &mut Vec<Value>,
    (start, stop, step, n): (i64, i64, i64, usize),
    new: Vec<Value>,
) -> Result<Vec<Value>, usize> {
    if step == 1 {
        let stop = stop.max(start) as usize;
        let start = start as usize;
        let (start, stop) = (start.min(items.len()), stop.min(items.len()));
        Ok(items.splice(start..stop, new).collect())
    } else if new.len() != n {
        Err(new.len())
    } else {
        Ok(new
            .into_iter()
            .enumerate()
            .map(|(k, v)| std::mem::replace(&mut items[(start + k as i64 * step) as usize], v))
            .collect())
    }
}

/// A slice bound as an exact integer (CPython's `PyNumber_Index` in `_PySlice_GetLongIndices`).
fn long_bound(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = crate::vm::num::to_bigint(v) {
        return Ok(b);
    }
    match vm.call_special(v, "__index__", &[])? {
        Some(r) => crate::vm::num::to_bigint(&r).ok_or_else(|| {
            exc::type_error(format!(
                "__index__ returned non-int (type {})",
                r.type_name()
            ))
        }),
        None => Err(exc::type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// `(start, stop, step)` of `s` fitted to `length` with exact integers (CPython's
/// `_PySlice_GetLongIndices`): bounds beyond 2**63 are clamped, not refused, and the step is
/// kept as it is. For `slice.indices` and a range's slice.
pub fn long_indices(vm: &mut Vm, s: &SliceObj, length: &BigInt) -> PyResult<[BigInt; 3]> {
    let step = if s.step.is_none() {
        BigInt::from(1)
    } else {
        long_bound(vm, &s.step)?
    };
    if step.is_zero() {
        return Err(exc::value_error("slice step cannot be zero"));
    }
    let negative = step.is_negative();
    let (lower, upper) = if negative {
        (BigInt::from(-1), length - 1)
    } else {
        (BigInt::from(0), length.clone())
    };
    let mut fit = |v: &Value, default: &BigInt| -> PyResult<BigInt> {
        if v.is_none() {
            return Ok(default.clone());
        }
        let mut b = long_bound(vm, v)?;
        if b.is_negative() {
            b += length;
            if b < lower {
                b = lower.clone();
            }
        } else if b > upper {
            b = upper.clone();
        }
        Ok(b)
    };
    let start = fit(&s.start, if negative { &upper } else { &lower })?;
    let stop = fit(&s.stop, if negative { &lower } else { &upper })?;
    Ok([start, stop, step])
}

/// `slice.indices(length)`.
pub(crate) fn slice_indices_method(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let Some(Value::Slice(sl)) = args.first() else {
        return Err(exc::type_error(
            "descriptor 'indices' for 'slice' objects doesn't apply to a different type",
        ));
    };
    let n = one(args.get(1..).unwrap_or_default(), kw, "indices")?;
    let n = index_bigint(vm, n)?;
    if n.is_negative() {
        return Err(exc::value_error("length should not be negative"));
    }
    let [start, stop, step] = long_indices(vm, sl, &n)?;
    Ok(Value::tuple(vec![
        Value::from_bigint(start),
        Value::from_bigint(stop),
        Value::from_bigint(step),
    ]))
}

/// Registers `slice.indices`.
pub(crate) fn register(t: &Types) {
    if t.slice.dict.get_str("indices").is_none() {
        add_method(&t.slice, "indices", slice_indices_method);
    }
}
