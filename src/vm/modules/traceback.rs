//! `_traceback`: the interpreter's own traceback printer (`exceptions.rs`) handed to the
//! `traceback` module (`py/traceback.py`), so that `traceback.print_exc()` prints exactly what
//! an uncaught exception prints.

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::args::positional;
use crate::vm::modules::add_funcs;
use crate::vm::object::exceptions::{exception_line, format_exception, format_exception_unchained};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("_traceback");
    add_funcs(&m.dict, &[("format", format), ("format_only", format_only)]);
    m
}

/// `_traceback.format(exc, chain)`: the whole report, as the interpreter prints it.
fn format(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "format", 2, 2)?;
    let chain = vm.truthy(&a[1])?;
    let text = if chain {
        format_exception(vm, &a[0])
    } else {
        format_exception_unchained(vm, &a[0])
    };
    Ok(Value::string(text))
}

/// `_traceback.format_only(exc)`: its last line, `ValueError: x`.
fn format_only(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "format_only", 1, 1)?;
    Ok(Value::string(format!("{}\n", exception_line(vm, &a[0]))))
}
