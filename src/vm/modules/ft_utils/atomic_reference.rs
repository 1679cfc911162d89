//! `AtomicReference`: one value under its own mutex.

use super::*;

/// A reference swapped atomically (`ft_utils.concurrency.AtomicReference`).
pub struct AtomicReference {
    pub(super) value: Mutex<Value>,
}

native_object!(
    AtomicReference,
    "_concurrency.AtomicReference",
    ATOMIC_REFERENCE_CLASS
);

class_static!(pub(super) ATOMIC_REFERENCE_CLASS = class_with("AtomicReference", "_concurrency", atomic_reference_new);
    "get" => ar_get, "set" => ar_set, "exchange" => ar_exchange,
    "compare_exchange" => ar_compare_exchange,
);

/// `AtomicReference(value=None)`.
pub(super) fn atomic_reference_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(exc::type_error(
            "AtomicReference() takes zero or one argument",
        ));
    }
    let value = optional_arg(args, kw, "AtomicReference", "value", 0)?;
    Ok(native(AtomicReference {
        value: Mutex::new(value.unwrap_or(Value::None)),
    }))
}

pub(super) fn ar(args: &[Value]) -> PyResult<&AtomicReference> {
    native_self::<AtomicReference>(args, "_concurrency.AtomicReference")
}

pub(super) fn ar_get(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = ar(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "get")?;
    Ok(r.value.lock().clone())
}

pub(super) fn ar_set(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = ar(args)?;
    let v = method_arg(args, kw, "set")?.clone();
    // The old value is dropped after the mutex is released.
    let old = std::mem::replace(&mut *r.value.lock(), v);
    drop(old);
    Ok(Value::None)
}

pub(super) fn ar_exchange(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = ar(args)?;
    let v = method_arg(args, kw, "exchange")?.clone();
    Ok(std::mem::replace(&mut *r.value.lock(), v))
}

/// `compare_exchange(expected, value)`: stores `value` if the current value *is*
/// `expected`; says whether it did.
pub(super) fn ar_compare_exchange(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = ar(args)?;
    if !kw.is_empty() {
        return Err(crate::vm::args::no_keywords("compare_exchange"));
    }
    let [_, expected, value] = args else {
        return Err(exc::type_error(format!(
            "compare_exchange expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    let mut cur = r.value.lock();
    if cur.is(expected) {
        let old = std::mem::replace(&mut *cur, value.clone());
        drop(cur);
        drop(old);
        Ok(Value::Bool(true))
    } else {
        Ok(Value::Bool(false))
    }
}
