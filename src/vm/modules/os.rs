//! `_os`: the few operating-system facts the `os` module (written in Python, `py/os.py`)
//! needs — the process id, the CPU count, the environment, the working directory, and what
//! exists at a path. Read-only: gilvm's programs do not create, remove or run anything. In a
//! sandboxed interpreter (`Config::sandboxed`: `gilvm web`'s runs) the environment is empty,
//! the working directory is `/` and no path exists.

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::modules::{add_funcs, no_args, one_arg};
use crate::vm::object::exceptions as exc;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("_os");
    add_funcs(
        &m.dict,
        &[
            ("getpid", getpid),
            ("cpu_count", cpu_count),
            ("environ_items", environ_items),
            ("getcwd", getcwd),
            ("stat_kind", stat_kind),
        ],
    );
    m
}

fn getpid(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "getpid")?;
    Ok(Value::Int(i64::from(std::process::id())))
}

fn cpu_count(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "cpu_count")?;
    Ok(Value::Int(
        std::thread::available_parallelism().map_or(1, |n| n.get()) as i64,
    ))
}

/// The environment as a list of `(name, value)` pairs (names or values that are not UTF-8 are
/// left out).
fn environ_items(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "environ_items")?;
    if vm.interp.sandboxed {
        return Ok(Value::list(Vec::new()));
    }
    let items = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .map(|(k, v)| Value::tuple(vec![Value::string(k), Value::string(v)]))
        .collect();
    Ok(Value::list(items))
}

fn getcwd(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "getcwd")?;
    if vm.interp.sandboxed {
        return Ok(Value::str("/"));
    }
    let dir = std::env::current_dir().map_err(|e| exc::os_error_from_io(&e))?;
    Ok(Value::string(dir.to_string_lossy().into_owned()))
}

/// `"file"`, `"dir"`, `"other"`, or None when nothing is there (following symlinks).
fn stat_kind(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = one_arg(args, kw, "stat_kind")?;
    let path = vm.to_str(path)?;
    if vm.interp.sandboxed {
        return Ok(Value::None);
    }
    Ok(match std::fs::metadata(&*path) {
        Ok(m) if m.is_file() => Value::str("file"),
        Ok(m) if m.is_dir() => Value::str("dir"),
        Ok(_) => Value::str("other"),
        Err(_) => Value::None,
    })
}
