//! `_functools`: the native helper of `functools` (written in Python, `py/functools.py`).
//!
//! `lru_cache` counts hits and misses on every call. CPython's C wrapper does that under the
//! GIL; here a Python lock around each count doubled the cost of a cache hit, so the counts
//! are atomic integers instead: exact under threads, with or without the GIL, and never a
//! lock to wait on.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use super::{native_class, no_args};
use crate::vm::Vm;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::object::{class_static, native_object, native_self};

/// An integer that threads can increment without losing updates.
#[derive(Default)]
pub struct Counter(AtomicI64);

class_static!(COUNTER_CLASS = native_class("counter", "_functools");
    "incr" => counter_incr, "get" => counter_get, "reset" => counter_reset,
);

native_object!(Counter, "_functools.counter", COUNTER_CLASS);

/// The `_functools` module.
pub fn build(vm: &mut Vm) -> Arc<crate::vm::object::Module> {
    let m = vm.new_module("_functools");
    super::add_funcs(&m.dict, &[("counter", new_counter)]);
    m
}

fn this(args: &[Value]) -> PyResult<&Counter> {
    native_self::<Counter>(args, "_functools.counter")
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
