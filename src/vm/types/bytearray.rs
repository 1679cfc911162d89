//! `bytearray`'s own methods, the ones that change it: item and slice assignment and
//! deletion, `append`, `extend`, `pop`, `insert`, `remove`, `clear`, `reverse`, `+=`, `*=`.
//! Each takes the bytearray's lock once, after any Python code its arguments run.

use super::args::*;
use super::bytes::*;
use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc, check_alloc};
use crate::vm::object::registry::types;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::slice::{adjust_indices as fit_slice, unpack_slice};

// ----- bytearray's mutations ------------------------------------------------------------------

/// CPython's `PyByteArray_Resize` check: while a `memoryview` exports the data, a change of
/// length is a BufferError (one that keeps the length is allowed). Called with the data's lock
/// held, so no view is made between the check and the change (a view counts itself under
/// the same lock).
fn resizable(a: &ByteArray, old: usize, new: usize) -> PyResult<()> {
    if old != new && a.exports.load(std::sync::atomic::Ordering::Acquire) > 0 {
        return Err(resize_error());
    }
    Ok(())
}

#[cold]
fn resize_error() -> crate::vm::object::exceptions::PyErr {
    crate::vm::object::exceptions::PyErr::new(
        &types().buffer_error,
        "Existing exports of data: object cannot be re-sized",
    )
}

pub(super) fn ba_setitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "__setitem__")?;
    let p = slot_args(args, kw, "__setitem__", 2)?;
    let (key, value) = (&p[0], &p[1]);
    if let Value::Slice(s) = key {
        let new = match bytes_like(value) {
            Some(b) => b,
            None if matches!(value, Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) => {
                return Err(exc::type_error(
                    "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                ));
            }
            None => {
                let items = vm.collect(value)?;
                let mut out = Vec::with_capacity(items.len());
                for item in &items {
                    out.push(byte_value(vm, item).map_err(|e| {
                        if e.matches(&types().value_error) {
                            exc::value_error("byte must be in range(0, 256)")
                        } else {
                            e
                        }
                    })?);
                }
                out
            }
        };
        let (lo, hi, step) = unpack_slice(vm, s)?;
        let mut data = a.data.lock();
        let (start, stop, step, n) = fit_slice(lo, hi, step, data.len())?;
        if step == 1 {
            let stop = stop.max(start) as usize;
            let old = data.len();
            resizable(a, old, old - (stop - start as usize) + new.len())?;
            data.splice(start as usize..stop, new);
        } else if new.len() != n {
            return Err(exc::value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {n}",
                new.len()
            )));
        } else {
            for (k, b) in new.into_iter().enumerate() {
                data[(start + k as i64 * step) as usize] = b;
            }
        }
        return Ok(Value::None);
    }
    let i = index_of(vm, key, Kind::ByteArray)?;
    let b = byte_value(vm, value)?;
    let mut data = a.data.lock();
    match norm(i, data.len()) {
        Some(i) => {
            data[i] = b;
            Ok(Value::None)
        }
        None => Err(exc::index_error("bytearray index out of range")),
    }
}

pub(super) fn ba_delitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "__delitem__")?;
    let key = &slot_args(args, kw, "__delitem__", 1)?[0];
    if let Value::Slice(s) = key {
        let (lo, hi, step) = unpack_slice(vm, s)?;
        let mut data = a.data.lock();
        let (start, _, step, n) = fit_slice(lo, hi, step, data.len())?;
        resizable(a, data.len(), data.len() - n)?;
        let mut gone: Vec<usize> = (0..n).map(|k| (start + k as i64 * step) as usize).collect();
        gone.sort_unstable();
        let mut k = 0;
        let mut idx = 0;
        data.retain(|_| {
            let keep = gone.get(k) != Some(&idx);
            if !keep {
                k += 1;
            }
            idx += 1;
            keep
        });
        return Ok(Value::None);
    }
    let i = index_of(vm, key, Kind::ByteArray)?;
    let mut data = a.data.lock();
    match norm(i, data.len()) {
        Some(i) => {
            resizable(a, data.len(), data.len() - 1)?;
            data.remove(i);
            Ok(Value::None)
        }
        None => Err(exc::index_error("bytearray index out of range")),
    }
}

pub(super) fn ba_append(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "append")?;
    let b = byte_value(vm, one_arg(args, kw, "bytearray.append")?)?;
    let mut data = a.data.lock();
    resizable(a, data.len(), data.len() + 1)?;
    data.push(b);
    Ok(Value::None)
}

pub(super) fn ba_extend(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "extend")?;
    let src = one_arg(args, kw, "bytearray.extend")?;
    let more = match bytes_like(src) {
        Some(b) => b,
        None => {
            let items = match vm.collect(src) {
                Ok(items) => items,
                Err(e) if e.matches(&types().type_error) => {
                    return Err(exc::type_error(format!(
                        "can't extend bytearray with {}",
                        src.type_name()
                    )));
                }
                Err(e) => return Err(e),
            };
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                out.push(byte_value(vm, item)?);
            }
            out
        }
    };
    let mut data = a.data.lock();
    resizable(a, data.len(), data.len() + more.len())?;
    data.extend(more);
    Ok(Value::None)
}

pub(super) fn ba_iadd(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "__iadd__")?;
    let other = args.get(1).unwrap_or(&Value::None);
    match bytes_like(other) {
        Some(more) => {
            let mut data = a.data.lock();
            resizable(a, data.len(), data.len() + more.len())?;
            data.extend(more);
            Ok(args[0].clone())
        }
        None => Err(exc::type_error(format!(
            "can't concat {} to bytearray",
            other.type_name()
        ))),
    }
}

pub(super) fn ba_imul(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "__imul__")?;
    let n = count_arg(vm, args.get(1).unwrap_or(&Value::None))?;
    let mut data = a.data.lock();
    check_alloc(data.len(), n)?;
    resizable(a, data.len(), data.len() * n)?;
    *data = data.repeat(n);
    drop(data);
    Ok(args[0].clone())
}

pub(super) fn ba_pop(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "pop")?;
    let pos = positional(args, kw, "pop", 0, 1)?;
    let i = match pos.first() {
        Some(v) => arg_ssize(vm, v)?,
        None => -1,
    };
    let mut data = a.data.lock();
    if data.is_empty() {
        return Err(exc::index_error("pop from empty bytearray"));
    }
    match norm(i, data.len()) {
        Some(i) => {
            resizable(a, data.len(), data.len() - 1)?;
            Ok(Value::Int(data.remove(i) as i64))
        }
        None => Err(exc::index_error("pop index out of range")),
    }
}

pub(super) fn ba_insert(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "insert")?;
    let pos = positional(args, kw, "insert", 2, 2)?;
    let i = arg_ssize(vm, &pos[0])?;
    let b = byte_value(vm, &pos[1])?;
    let mut data = a.data.lock();
    let len = data.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    resizable(a, data.len(), data.len() + 1)?;
    data.insert(at as usize, b);
    Ok(Value::None)
}

pub(super) fn ba_remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "remove")?;
    let b = byte_value(vm, one_arg(args, kw, "bytearray.remove")?)?;
    let mut data = a.data.lock();
    match data.iter().position(|&x| x == b) {
        Some(p) => {
            resizable(a, data.len(), data.len() - 1)?;
            data.remove(p);
            Ok(Value::None)
        }
        None => Err(exc::value_error("value not found in bytearray")),
    }
}

pub(super) fn ba_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "clear")?;
    no_args(args, kw, "bytearray.clear")?;
    let mut data = a.data.lock();
    resizable(a, data.len(), 0)?;
    data.clear();
    Ok(Value::None)
}

pub(super) fn ba_reverse(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "reverse")?;
    no_args(args, kw, "bytearray.reverse")?;
    a.data.lock().reverse();
    Ok(Value::None)
}

pub(super) fn ba_copy(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = this_array(args, "copy")?;
    no_args(args, kw, "bytearray.copy")?;
    let data = a.data.lock().clone();
    Ok(bytearray(data))
}
