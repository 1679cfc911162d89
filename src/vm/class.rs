//! `class` statements: `__build_class__` runs the class body and makes the class.

use std::sync::{Arc, LazyLock};

use crate::vm::Vm;
use crate::vm::exceptions::{self as exc};
use crate::vm::frame::Frame;
use crate::vm::object::{BuiltinFunction, Class, ClassKind, Dict, KwArgs, PyResult};
use crate::vm::types::types;
use crate::vm::value::Value;

/// `__build_class__`, pushed by `LOAD_BUILD_CLASS`.
pub(crate) static BUILD_CLASS: LazyLock<Value> = LazyLock::new(|| {
    Value::Builtin(Arc::new(BuiltinFunction {
        name: "__build_class__",
        owner: None,
        func: build_class,
    }))
});

/// `__build_class__(func, name, *bases)`: runs the class body in a fresh namespace and makes
/// the class from it.
pub(crate) fn build_class(vm: &mut Vm, args: &[Value], kwargs: &KwArgs) -> PyResult<Value> {
    let (Some(Value::Function(body)), Some(Value::Str(name))) = (args.first(), args.get(1)) else {
        return Err(exc::type_error("__build_class__: func must be a function"));
    };
    if let Some((k, _)) = kwargs.iter().find(|(k, _)| &**k != "metaclass") {
        return Err(exc::type_error(format!(
            "__init_subclass__() takes no keyword arguments ({})",
            k
        )));
    }
    let bases = &args[2..];
    if bases.len() > 1 {
        return Err(exc::type_error(
            "gilvm supports single inheritance only: a class may have one base",
        ));
    }
    let base = match bases.first() {
        None => types().object.clone(),
        Some(Value::Class(c)) => c.clone(),
        Some(other) => {
            return Err(exc::type_error(format!(
                "bases must be types, not {}",
                other.type_name()
            )));
        }
    };
    if base.kind == ClassKind::Builtin && !base.is_exception && !Arc::ptr_eq(&base, &types().object)
    {
        return Err(exc::type_error(format!(
            "gilvm cannot subclass the built-in type '{}' (only object and exception classes)",
            base.name
        )));
    }
    let ns = Arc::new(Dict::new());
    let module_name = body
        .globals
        .get_str("__name__")
        .unwrap_or_else(|| Value::str("__main__"));
    ns.set_str("__module__", module_name.clone());
    ns.set_str("__qualname__", Value::str(&body.qualname.lock()));
    let mut frame = Frame::new(
        body.code.clone(),
        body.globals.clone(),
        Some(ns.clone()),
        &body.closure,
    );
    vm.enter_call()?;
    let r = vm.run_frame(&mut frame);
    vm.leave_call();
    let class_cell = r?;
    let qualname = ns
        .get_str("__qualname__")
        .and_then(|q| q.as_str().map(String::from))
        .unwrap_or_else(|| name.to_string());
    let module = module_name.as_str().unwrap_or("__main__").to_string();
    ns.remove_str("__qualname__");
    let cls = Class::new_user(name.as_str(), qualname, module, base, ns.copy());
    if let Value::Cell(cell) = class_cell {
        cell.set(Some(Value::Class(cls.clone())));
    }
    Ok(Value::Class(cls))
}
