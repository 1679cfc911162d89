//! `_functools`: the native helper of `functools` (written in Python, `py/functools.py`).
//!
//! `lru_cache` counts hits and misses on every call. CPython's C wrapper does that under the
//! GIL; here a Python lock around each count doubled the cost of a cache hit, so the counts
//! are atomic integers instead: exact under threads, with or without the GIL, and never a
//! lock to wait on.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, LazyLock};

use super::{native_class, no_args};
use crate::vm::Vm;
use crate::vm::exceptions as exc;
use crate::vm::object::native_object;
use crate::vm::object::{Class, KwArgs, PyResult};
use crate::vm::types::add_method;
use crate::vm::value::Value;

/// An integer that threads can increment without losing updates.
#[derive(Default)]
pub struct Counter(AtomicI64);

static COUNTER_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = native_class("counter", "_functools");
    add_method(&c, "incr", counter_incr);
    add_method(&c, "get", counter_get);
    add_method(&c, "reset", counter_reset);
    c
});

native_object!(Counter, "_functools.counter", COUNTER_CLASS);

/// The `_functools` module.
pub fn build(vm: &mut Vm) -> Arc<crate::vm::object::Module> {
    let m = vm.new_module("_functools");
    super::add_funcs(&m.dict, &[("counter", new_counter)]);
    m
}

fn this(args: &[Value]) -> PyResult<&Counter> {
    if let Some(Value::Native(n)) = args.first()
        && let Some(c) = n.as_any().downcast_ref::<Counter>()
    {
        return Ok(c);
    }
    Err(exc::type_error(
        "descriptor requires a '_functools.counter' object",
    ))
}

/// `counter()`: a new counter at 0.
fn new_counter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "counter")?;
    Ok(Value::Native(Arc::new(Box::new(Counter::default()))))
}

/// `c.incr()`: adds one.
fn counter_incr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    this(args)?.0.fetch_add(1, Ordering::Relaxed);
    Ok(Value::None)
}

fn counter_get(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(this(args)?.0.load(Ordering::Relaxed)))
}

fn counter_reset(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    this(args)?.0.store(0, Ordering::Relaxed);
    Ok(Value::None)
}
