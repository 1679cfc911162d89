//! `_traceback`: the interpreter's own traceback printer (`exceptions.rs`) handed to the
//! `traceback` module (`py/traceback.py`), so that `traceback.print_exc()` prints exactly what
//! an uncaught exception prints.

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::args::positional;
use crate::vm::modules::add_funcs;
use crate::vm::object::exceptions::{
    exception_line, format_exception, format_exception_unchained, format_tb_entry, implemented_in_c,
};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};
use crate::vm::types::exceptions::Traceback;

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("_traceback");
    add_funcs(
        &m.dict,
        &[
            ("format", format),
            ("format_only", format_only),
            ("tb_entries", tb_entries),
            ("line", line),
            ("hidden", hidden),
        ],
    );
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

/// `_traceback.tb_entries(tb)`: `(filename, lineno, name, line, text)` for each frame of a
/// traceback object from `tb` on (None: none), `text` as the interpreter prints the frame (with
/// CPython 3.11's caret lines); gilvm's own module frames are left out, as the printer does.
fn tb_entries(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "tb_entries", 1, 1)?;
    let tb = match &a[0] {
        Value::None => return Ok(Value::list(Vec::new())),
        Value::Native(n) => n.as_any().downcast_ref::<Traceback>(),
        _ => None,
    };
    let Some(tb) = tb else {
        return Err(crate::vm::object::exceptions::type_error(format!(
            "'{}' object is not a traceback",
            a[0].type_name()
        )));
    };
    let mut rows = Vec::new();
    for e in tb.entries.get(tb.at..).unwrap_or_default() {
        if implemented_in_c(&e.code.filename) {
            continue;
        }
        let mut text = String::new();
        format_tb_entry(vm, e, &mut text);
        let line = text.lines().nth(1).map(str::trim).unwrap_or("").to_string();
        rows.push(Value::tuple(vec![
            Value::str(&e.code.filename),
            Value::Int(e.code.line_at(e.index as usize) as i64),
            Value::str(&e.code.name),
            Value::string(line),
            Value::string(text),
        ]));
    }
    Ok(Value::list(rows))
}

/// `_traceback.line(filename, lineno)`: that source line, stripped (None: no source).
fn line(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "line", 2, 2)?;
    let (Value::Str(f), Value::Int(n)) = (&a[0], &a[1]) else {
        return Ok(Value::None);
    };
    let Some(src) = vm.interp.source(f.as_str()) else {
        return Ok(Value::None);
    };
    let Ok(n) = u32::try_from(*n) else {
        return Ok(Value::None);
    };
    Ok(Value::str(src.line_text(n).trim()))
}

/// `_traceback.hidden(filename)`: whether frames of that file are left out of reports
/// (gilvm's own modules, which CPython implements in C).
fn hidden(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "hidden", 1, 1)?;
    Ok(Value::Bool(match &a[0] {
        Value::Str(f) => implemented_in_c(f.as_str()),
        _ => false,
    }))
}
