//! The built-in modules: `sys`, `time`, `math`, `random`, `typing`, `collections.abc`, `dis`.
//!
//! [`import`] is what `IMPORT_NAME` calls: it returns the module from `sys.modules` (the
//! interpreter's `modules` map) or builds it on first import. Every module is a plain
//! `Module` whose dict holds native functions and constants; nothing is process-global.

pub mod dis;
pub mod math;
pub mod nogil;
// Enabled once `mt19937.rs` has its real API.
pub mod interp;
pub mod random;
pub mod sys;
pub mod thread;
pub mod time;
pub mod typing;

use std::sync::Arc;

use num_bigint::BigInt;

use crate::vm::Vm;
use crate::vm::exceptions::{self as exc, PyErr};
use crate::vm::object::{BuiltinFunction, Dict, KwArgs, NativeFn, PyResult};
use crate::vm::value::Value;

/// `import name`: the cached module, or a freshly built one (then cached).
pub fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    if let Some(m) = vm.interp.modules.lock().get(name) {
        return Ok(m.clone());
    }
    let module = match name {
        "sys" => sys::build(vm),
        "time" => time::build(vm),
        "math" => math::build(vm),
        "random" => random::build(vm),
        "typing" => typing::build(vm),
        "collections.abc" => typing::build_collections_abc(vm),
        "collections" => {
            let m = vm.new_module("collections");
            let abc = import(vm, "collections.abc")?;
            m.dict.set_str("abc", abc);
            m
        }
        "dis" => dis::build(vm),
        "nogil" => nogil::build(vm),
        "_thread" => thread::build(vm),
        "_gilvm_interp" => interp::build(vm),
        "multiprocessing" => python_module(vm, name, include_str!("py/multiprocessing.py"))?,
        "threading" => python_module(vm, name, include_str!("py/threading.py"))?,
        "queue" => python_module(vm, name, include_str!("py/queue.py"))?,
        "concurrent" => {
            // Its one submodule, so that `from concurrent import futures` finds it.
            let m = vm.new_module("concurrent");
            let futures = import(vm, "concurrent.futures")?;
            m.dict.set_str("futures", futures);
            m
        }
        "concurrent.futures" => python_module(vm, name, include_str!("py/concurrent_futures.py"))?,
        _ => {
            return Err(exc::module_not_found_error(format!(
                "No module named '{}'",
                name
            )));
        }
    };
    let value = Value::Module(module);
    // Another thread may have imported it meanwhile: keep the first one.
    let mut modules = vm.interp.modules.lock();
    let value = modules.entry(name.to_string()).or_insert(value).clone();
    drop(modules);
    if name == "collections.abc" {
        // `import collections.abc` binds `collections`, whose `abc` is this module.
        let parent = import(vm, "collections")?;
        if let Value::Module(p) = &parent
            && p.dict.get_str("abc").is_none()
        {
            p.dict.set_str("abc", value.clone());
        }
    }
    if name == "concurrent.futures" {
        // `import concurrent.futures` binds `concurrent`, whose `futures` is this module.
        let parent = import(vm, "concurrent")?;
        if let Value::Module(p) = &parent
            && p.dict.get_str("futures").is_none()
        {
            p.dict.set_str("futures", value.clone());
        }
    }
    Ok(value)
}

/// A module written in Python and embedded in the binary (`threading`, `queue`): compiled on
/// first import, its source registered so tracebacks show its lines. It is put in
/// `sys.modules` before its body runs, as CPython does.
fn python_module(vm: &mut Vm, name: &str, text: &str) -> PyResult<Arc<crate::vm::object::Module>> {
    use crate::source::SourceFile;
    let src = SourceFile::new(format!("<gilvm>/{name}.py"), text);
    let code = crate::compiler::compile_source(&src, crate::compiler::Mode::Exec).map_err(|e| {
        exc::system_error(format!(
            "gilvm: built-in module {name} does not compile: {}",
            e.msg
        ))
    })?;
    vm.interp.add_source(Arc::new(src));
    let module = vm.new_module(name);
    module.dict.set_str("__file__", Value::str(&code.filename));
    vm.interp
        .modules
        .lock()
        .insert(name.to_string(), Value::Module(module.clone()));
    if let Err(e) = vm.run_code_in(code, module.dict.clone()) {
        vm.interp.modules.lock().remove(name);
        return Err(e);
    }
    Ok(module)
}

/// A native function value (module-level: no owner class).
pub(crate) fn func(name: &'static str, f: NativeFn) -> Value {
    Value::Builtin(Arc::new(BuiltinFunction {
        name,
        owner: None,
        func: f,
    }))
}

/// Registers native functions in a module dict.
pub(crate) fn add_funcs(dict: &Dict, funcs: &[(&'static str, NativeFn)]) {
    for (name, f) in funcs {
        dict.set_str(name, func(name, *f));
    }
}

// ----- argument helpers ---------------------------------------------------------------------

#[cold]
pub(crate) fn no_keywords(name: &str) -> PyErr {
    exc::type_error(format!("{}() takes no keyword arguments", name))
}

/// `METH_O`: "math.sqrt() takes exactly one argument (0 given)".
pub(crate) fn one_arg<'a>(args: &'a [Value], kw: &KwArgs, qual: &str) -> PyResult<&'a Value> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    match args {
        [x] => Ok(x),
        other => Err(exc::type_error(format!(
            "{}() takes exactly one argument ({} given)",
            qual,
            other.len()
        ))),
    }
}

/// `METH_NOARGS`: "time.time() takes no arguments (1 given)".
pub(crate) fn no_args(args: &[Value], kw: &KwArgs, qual: &str) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    if args.is_empty() {
        Ok(())
    } else {
        Err(exc::type_error(format!(
            "{}() takes no arguments ({} given)",
            qual,
            args.len()
        )))
    }
}

/// Argument Clinic, positional only: "pow expected 2 arguments, got 1".
pub(crate) fn positional<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(no_keywords(name));
    }
    let n = args.len();
    let (bound, which) = if n < min {
        (min, "at least ")
    } else if n > max {
        (max, "at most ")
    } else {
        return Ok(args);
    };
    let which = if min == max { "" } else { which };
    Err(exc::type_error(format!(
        "{} expected {}{} argument{}, got {}",
        name,
        which,
        bound,
        if bound == 1 { "" } else { "s" },
        n
    )))
}

/// Binds positional and keyword arguments to named parameters (a Python-defined function's
/// rules, with its messages): `params` in order, the first `required` of them mandatory;
/// `self_offset` is 1 for a method (its counts include `self`).
pub(crate) fn bind_args(
    args: &[Value],
    kw: &KwArgs,
    fname: &str,
    params: &[&str],
    required: usize,
    max_positional: usize,
    self_offset: usize,
) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; params.len()];
    if args.len() > max_positional {
        let given = args.len() + self_offset;
        let (lo, hi) = (required + self_offset, max_positional + self_offset);
        let takes = if lo == hi {
            format!("{}", hi)
        } else {
            format!("from {} to {}", lo, hi)
        };
        return Err(exc::type_error(format!(
            "{}() takes {} positional argument{} but {} {} given",
            fname,
            takes,
            if hi == 1 { "" } else { "s" },
            given,
            if given == 1 { "was" } else { "were" }
        )));
    }
    for (slot, a) in out.iter_mut().zip(args) {
        *slot = Some(a.clone());
    }
    for (k, v) in kw {
        match params.iter().position(|p| *p == &**k) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(exc::type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        fname, k
                    )));
                }
                out[i] = Some(v.clone());
            }
            None => {
                return Err(exc::type_error(format!(
                    "{}() got an unexpected keyword argument '{}'",
                    fname, k
                )));
            }
        }
    }
    let missing: Vec<&str> = params[..required]
        .iter()
        .zip(&out)
        .filter(|(_, v)| v.is_none())
        .map(|(p, _)| *p)
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|m| format!("'{}'", m)).collect();
        let list = match names.len() {
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            _ => format!(
                "{}, and {}",
                names[..names.len() - 1].join(", "),
                names[names.len() - 1]
            ),
        };
        return Err(exc::type_error(format!(
            "{}() missing {} required positional argument{}: {}",
            fname,
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            list
        )));
    }
    Ok(out)
}

/// An int argument (`__index__`): "'float' object cannot be interpreted as an integer".
pub(crate) fn arg_bigint(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = crate::vm::ops::to_bigint(v) {
        return Ok(b);
    }
    if let Some(r) = vm.call_special(v, "__index__", &[])?
        && let Some(b) = crate::vm::ops::to_bigint(&r)
    {
        return Ok(b);
    }
    Err(exc::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        v.type_name()
    )))
}

/// A float argument (`__float__`, then `__index__`): "must be real number, not str".
pub(crate) fn arg_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(r) = crate::vm::ops::to_f64(v) {
        return r;
    }
    if let Some(r) = vm.call_special(v, "__float__", &[])? {
        return match r {
            Value::Float(x) => Ok(x),
            other => Err(exc::type_error(format!(
                "{}.__float__ returned non-float (type {})",
                v.type_name(),
                other.type_name()
            ))),
        };
    }
    if let Some(r) = vm.call_special(v, "__index__", &[])?
        && let Some(x) = crate::vm::ops::to_f64(&r)
    {
        return x;
    }
    Err(exc::type_error(format!(
        "must be real number, not {}",
        v.type_name()
    )))
}

/// A built-in class for objects a module implements natively (`_io.TextIOWrapper`, …);
/// methods are added with `types::add_method`.
pub(crate) fn native_class(name: &str, module: &str) -> Arc<crate::vm::object::Class> {
    use crate::vm::object::{Class, ClassKind};
    Arc::new(Class {
        name: name.to_string(),
        qualname: name.to_string(),
        module: module.to_string(),
        base: Some(crate::vm::types::types().object.clone()),
        dict: Dict::new(),
        kind: ClassKind::Builtin,
        is_exception: false,
        constructor: None,
    })
}

#[cfg(test)]
mod tests;
