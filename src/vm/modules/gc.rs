//! `gc`: the cycle collector's controls (the collector itself is `vm/object/gc.rs`).

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::args::{no_args, one_arg, positional};
use crate::vm::modules::add_funcs;
use crate::vm::object::exceptions as exc;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("gc");
    add_funcs(
        &m.dict,
        &[
            ("collect", collect),
            ("enable", enable),
            ("disable", disable),
            ("isenabled", isenabled),
            ("get_count", get_count),
            ("get_threshold", get_threshold),
            ("set_threshold", set_threshold),
            ("get_objects", get_objects),
        ],
    );
    m
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => vm.to_index(v),
        other => Err(exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// `gc.collect(generation=2)`: the number of unreachable objects found.
fn collect(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let generation = match (args, kw) {
        ([], []) => 2,
        ([g], []) => int_arg(vm, g)?,
        ([], [(k, g)]) if &**k == "generation" => int_arg(vm, g)?,
        _ => {
            let a = positional(args, kw, "collect", 0, 1)?;
            int_arg(vm, &a[0])?
        }
    };
    if !(0..=2).contains(&generation) {
        return Err(exc::value_error("invalid generation"));
    }
    let heap = vm.interp.heap.clone();
    Ok(Value::Int(
        heap.collect(generation as usize, Some(vm)) as i64
    ))
}

fn enable(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "enable")?;
    vm.interp.heap.set_enabled(true);
    Ok(Value::None)
}

fn disable(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "disable")?;
    vm.interp.heap.set_enabled(false);
    Ok(Value::None)
}

fn isenabled(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "isenabled")?;
    Ok(Value::Bool(vm.interp.heap.is_enabled()))
}

fn triple(t: [usize; 3]) -> Value {
    Value::tuple(t.iter().map(|&n| Value::Int(n as i64)).collect())
}

fn get_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "get_count")?;
    crate::vm::object::gc::flush();
    Ok(triple(vm.interp.heap.counts()))
}

fn get_threshold(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "get_threshold")?;
    Ok(triple(vm.interp.heap.thresholds()))
}

/// `gc.set_threshold(threshold0[, threshold1[, threshold2]])`
fn set_threshold(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "set_threshold", 1, 3)?;
    let mut t = vm.interp.heap.thresholds();
    for (i, v) in a.iter().enumerate() {
        let n = int_arg(vm, v)?;
        t[i] = n.max(0) as usize;
    }
    vm.interp.heap.set_thresholds(t);
    Ok(Value::None)
}

/// `gc.get_objects(generation=None)`: the tracked containers still alive.
fn get_objects(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !args.is_empty() || !kw.is_empty() {
        let g = one_arg(args, kw, "get_objects")?;
        if !g.is_none() {
            return Err(exc::type_error(
                "gilvm's gc.get_objects() lists every generation together: pass no argument",
            ));
        }
    }
    Ok(Value::list(vm.interp.heap.objects()))
}
