//! `BaseException` and its subclasses: which are builtins, the constructor, `args`,
//! `__str__`/`__repr__`, `with_traceback`, `StopIteration.value`, `SystemExit.code`. (Raising
//! and tracebacks are `vm/exceptions.rs`.)

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::exceptions::{self as exc};
use crate::vm::object::{Class, Instance, KwArgs, NativeFn, PyResult};
use crate::vm::types::{Types, add_method, types};
use crate::vm::value::Value;

// ----- arguments ---------------------------------------------------------------------------

use crate::vm::args::no_keywords;
use crate::vm::types::ctor_args::*;
use crate::vm::types::function::Property;

/// `BaseException(*args)` and every built-in exception class.
pub fn exception_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let cls = match args.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().exception.clone(),
    };
    if !kw.is_empty() {
        return Err(no_keywords(&cls.name));
    }
    let inst = Instance::new(cls);
    if let Some(st) = &inst.exc {
        *st.args.lock() = ctor_args(args).to_vec();
    }
    Ok(Value::instance(inst))
}

pub(crate) fn exc_args(v: &Value) -> Vec<Value> {
    match v {
        Value::Instance(i) => i
            .exc
            .as_ref()
            .map(|s| s.args.lock().clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

pub(crate) fn this_exception<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Arc<Instance>> {
    match args.first() {
        Some(Value::Instance(i)) if i.exc.is_some() => Ok(i),
        Some(other) => Err(exc::type_error(format!(
            "descriptor '{}' requires a 'BaseException' object but received a '{}'",
            name,
            other.type_name()
        ))),
        None => Err(exc::type_error(format!(
            "descriptor '{}' of 'BaseException' object needs an argument",
            name
        ))),
    }
}

pub(crate) fn exception_init(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "__init__")?;
    if !kw.is_empty() {
        return Err(no_keywords(&inst.class.name));
    }
    if let Some(st) = &inst.exc {
        *st.args.lock() = args.get(1..).unwrap_or_default().to_vec();
    }
    Ok(Value::None)
}

pub(crate) fn exception_str(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "__str__")?;
    let a = exc_args(&args[0]);
    match a.as_slice() {
        [] => Ok(Value::str("")),
        [x] => vm.to_str_value(x),
        _ => Ok(Value::string(vm.repr(&Value::tuple(a))?)),
    }
}

pub(crate) fn key_error_str(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "__str__")?;
    let a = exc_args(&args[0]);
    match a.as_slice() {
        [x] => Ok(Value::string(vm.repr(x)?)),
        _ => exception_str(vm, args, kw),
    }
}

pub(crate) fn exception_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "__repr__")?;
    let a = exc_args(&args[0]);
    let inner = match a.as_slice() {
        [] => String::new(),
        [x] => vm.repr(x)?,
        _ => {
            let r = vm.repr(&Value::tuple(a.clone()))?;
            r[1..r.len() - 1].to_string()
        }
    };
    Ok(Value::string(format!("{}({})", inst.class.name, inner)))
}

pub(crate) fn exception_with_traceback(
    _vm: &mut Vm,
    args: &[Value],
    _kw: &KwArgs,
) -> PyResult<Value> {
    this_exception(args, "with_traceback")?;
    Ok(args[0].clone())
}

pub(crate) fn stop_iteration_value(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = args.first().map(exc_args).unwrap_or_default();
    Ok(a.first().cloned().unwrap_or(Value::None))
}

pub(crate) fn system_exit_code(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = args.first().map(exc_args).unwrap_or_default();
    Ok(match a.len() {
        0 => Value::None,
        1 => a[0].clone(),
        _ => Value::tuple(a),
    })
}

pub(crate) fn readonly_property(name: &'static str, f: NativeFn) -> Value {
    native(Property {
        fget: Some(builtin(name, f)),
        fset: None,
        fdel: None,
        doc: None,
    })
}

/// Registers the methods of `BaseException` and its subclasses.
pub(super) fn register(t: &Types) {
    let be = &t.base_exception;
    add_method(be, "__init__", exception_init);
    add_method(be, "__str__", exception_str);
    add_method(be, "__repr__", exception_repr);
    add_method(be, "with_traceback", exception_with_traceback);
    add_method(&t.key_error, "__str__", key_error_str);
    t.stop_iteration
        .dict
        .set_str("value", readonly_property("value", stop_iteration_value));
    t.system_exit
        .dict
        .set_str("code", readonly_property("code", system_exit_code));
}

impl Types {
    /// The exception classes that are visible as builtins, by name.
    pub fn exception_classes(&self) -> Vec<&Arc<Class>> {
        vec![
            &self.base_exception,
            &self.system_exit,
            &self.keyboard_interrupt,
            &self.generator_exit,
            &self.exception,
            &self.stop_iteration,
            &self.stop_async_iteration,
            &self.arithmetic_error,
            &self.floating_point_error,
            &self.overflow_error,
            &self.zero_division_error,
            &self.assertion_error,
            &self.attribute_error,
            &self.buffer_error,
            &self.eof_error,
            &self.import_error,
            &self.module_not_found_error,
            &self.lookup_error,
            &self.index_error,
            &self.key_error,
            &self.memory_error,
            &self.name_error,
            &self.unbound_local_error,
            &self.os_error,
            &self.timeout_error,
            &self.runtime_error,
            &self.not_implemented_error,
            &self.recursion_error,
            &self.syntax_error,
            &self.indentation_error,
            &self.tab_error,
            &self.system_error,
            &self.type_error,
            &self.value_error,
            &self.unicode_error,
            &self.warning,
            &self.user_warning,
            &self.deprecation_warning,
            &self.runtime_warning,
        ]
    }
}
