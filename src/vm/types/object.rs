//! `object` and `type`: their constructors and `object`'s methods (`__init__`, `__eq__`, `__setattr__`, …).

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::{Types, add_all, is_object_method, type_of, types};
use crate::vm::object::value::Value;
use crate::vm::object::value::{NOT_IMPLEMENTED, is_not_implemented};
use crate::vm::object::{ClassKind, Dict, Instance, KwArgs, PyResult};

// ----- arguments ---------------------------------------------------------------------------

use crate::vm::types::ctor_args::*;
use crate::vm::types::function::add_static_method;

/// `object()`: a featureless instance.
pub fn object_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let cls = ctor_class(args);
    if ctor_args(args).len() + kw.len() > 0 {
        return Err(exc::type_error(format!(
            "{}() takes no arguments",
            cls.name
        )));
    }
    Ok(Value::instance(Instance::new(cls)))
}

pub(crate) fn dir_names(x: &Value) -> Vec<Value> {
    // A module's `dir()` is its namespace's keys, and nothing else.
    let mut names: Vec<String> = match x {
        Value::Module(_) => Vec::new(),
        _ => vec!["__class__".to_string()],
    };
    let add_dict = |d: &Dict, names: &mut Vec<String>| {
        for k in d.keys() {
            if let Value::Str(s) = k {
                names.push(s.as_str().to_string());
            }
        }
    };
    match x {
        Value::Module(m) => add_dict(&m.dict, &mut names),
        Value::Class(c) => {
            for k in c.mro() {
                add_dict(&k.dict, &mut names);
            }
        }
        _ => {
            if let Value::Instance(i) = x {
                for (k, _) in i.attr_items() {
                    if let Value::Str(s) = k {
                        names.push(s.as_str().to_string());
                    }
                }
            }
            for k in type_of(x).mro() {
                add_dict(&k.dict, &mut names);
            }
        }
    }
    names.sort();
    names.dedup();
    names.into_iter().map(Value::string).collect()
}

// ----- object and BaseException methods ----------------------------------------------------

pub(crate) fn object_init(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(exc::type_error(
            "descriptor '__init__' of 'object' object needs an argument",
        ));
    };
    if args.len() > 1 || !kw.is_empty() {
        // `A(1)` for a class without `__init__` and `object.__init__(a, 1)` both arrive here;
        // the first is by far the more common, so it gets its message.
        let cls = type_of(this);
        let overridden = !is_object_method(&cls.lookup("__init__"), "__init__");
        return Err(exc::type_error(if overridden {
            "object.__init__() takes exactly one argument (the instance to initialize)".to_string()
        } else {
            format!("{}() takes no arguments", cls.name)
        }));
    }
    Ok(Value::None)
}

pub(crate) fn object_new_method(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Class(c)) => {
            if c.kind == ClassKind::Builtin && !Arc::ptr_eq(c, &types().object) && !c.is_exception {
                return Err(exc::type_error(format!(
                    "object.__new__({}) is not safe, use {}.__new__()",
                    c.name, c.name
                )));
            }
            Ok(Value::instance(Instance::new(c.clone())))
        }
        Some(other) => Err(exc::type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            other.type_name()
        ))),
        None => Err(exc::type_error("object.__new__(): not enough arguments")),
    }
}

pub(crate) fn self_and_other<'a>(
    args: &'a [Value],
    name: &str,
) -> PyResult<(&'a Value, &'a Value)> {
    match args {
        [a, b] => Ok((a, b)),
        _ => Err(exc::type_error(format!(
            "expected 1 argument, got {} ({})",
            args.len().saturating_sub(1),
            name
        ))),
    }
}

pub(crate) fn object_eq(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (a, b) = self_and_other(args, "__eq__")?;
    Ok(if a.is(b) {
        Value::Bool(true)
    } else {
        NOT_IMPLEMENTED.clone()
    })
}

pub(crate) fn object_ne(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (a, b) = self_and_other(args, "__ne__")?;
    let eq = match vm.lookup_special(a, "__eq__") {
        Some(m) => vm.call(&m, &[a.clone(), b.clone()], &[])?,
        None => object_eq(vm, args, &[])?,
    };
    if is_not_implemented(&eq) {
        return Ok(eq);
    }
    Ok(Value::Bool(!vm.truthy(&eq)?))
}

/// `<__main__.Foo object at 0x…>`
pub fn default_object_repr(v: &Value) -> String {
    let cls = type_of(v);
    let module = cls.module_name();
    if module == "builtins" {
        format!("<{} object at {:#x}>", cls.qualname, v.id())
    } else {
        format!("<{}.{} object at {:#x}>", module, cls.qualname, v.id())
    }
}

pub(crate) fn object_hash(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(exc::type_error(
            "descriptor '__hash__' of 'object' object needs an argument",
        ));
    };
    // The built-in types that hash by value have no `__hash__` of their own here, so
    // `(1).__hash__()` reaches this one: answer with the value's hash, as `int.__hash__`
    // and the others do in CPython.
    if let Value::Int(_)
    | Value::Bool(_)
    | Value::BigInt(_)
    | Value::Float(_)
    | Value::Str(_)
    | Value::Tuple(_)
    | Value::None = this
    {
        return Ok(Value::Int(vm.hash_key(this)?.hash));
    }
    if let Value::Set(s) = this
        && s.frozen
    {
        return Ok(Value::Int(vm.hash_key(this)?.hash));
    }
    let cls = type_of(this);
    // A class that defines `__eq__` without `__hash__` is unhashable (CPython sets its
    // `__hash__` to None).
    if cls.kind == ClassKind::User && !is_object_method(&cls.lookup("__eq__"), "__eq__") {
        let defines_hash = cls
            .mro()
            .take_while(|c| c.kind == ClassKind::User)
            .any(|c| c.dict.get_str("__hash__").is_some());
        if !defines_hash {
            return Err(exc::type_error(format!("unhashable type: '{}'", cls.name)));
        }
    }
    Ok(Value::Int((this.id() >> 4) as i64))
}

pub(crate) fn object_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(v) => Ok(Value::string(default_object_repr(v))),
        None => Err(exc::type_error(
            "descriptor '__repr__' of 'object' object needs an argument",
        )),
    }
}

pub(crate) fn object_str(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(v) => Ok(Value::string(vm.repr(v)?)),
        None => Err(exc::type_error(
            "descriptor '__str__' of 'object' object needs an argument",
        )),
    }
}

/// The arguments of a `__format__` method: `self` and the spec, a str.
pub(crate) fn format_args(args: &[Value]) -> PyResult<(&Value, &str)> {
    match self_and_other(args, "__format__")? {
        (this, Value::Str(spec)) => Ok((this, spec.as_str())),
        (_, spec) => Err(exc::type_error(format!(
            "__format__() argument must be str, not {}",
            spec.type_name()
        ))),
    }
}

pub(crate) fn object_format(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (this, spec) = format_args(args)?;
    if !spec.is_empty() {
        return Err(exc::type_error(format!(
            "unsupported format string passed to {}.__format__",
            this.type_name()
        )));
    }
    vm.to_str_value(this)
}

pub(crate) fn attr_name(v: &Value) -> PyResult<&str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(exc::type_error(format!(
            "attribute name must be string, not '{}'",
            other.type_name()
        ))),
    }
}

pub(crate) fn object_setattr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [this, name, value] = args else {
        return Err(exc::type_error(format!(
            "expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    let name = attr_name(name)?;
    if let Value::Instance(inst) = this {
        vm.generic_setattr(this, inst, name, value.clone())?;
        return Ok(Value::None);
    }
    vm.setattr(this, name, value.clone())?;
    Ok(Value::None)
}

pub(crate) fn object_getattribute(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (this, name) = self_and_other(args, "__getattribute__")?;
    let name = attr_name(name)?;
    if let Value::Instance(inst) = this {
        return match vm.generic_getattr(this, inst, name)? {
            Some(v) => Ok(v),
            None => Err(vm.attribute_error(this, name)),
        };
    }
    if let Value::Class(cls) = this {
        // Past a metaclass's `__getattribute__`, which may be what called this.
        return match vm.class_getattr_outlined(this, cls, name, false)? {
            Some(v) => Ok(v),
            None => Err(vm.attribute_error(this, name)),
        };
    }
    vm.getattr(this, name)
}

pub(crate) fn object_delattr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (this, name) = self_and_other(args, "__delattr__")?;
    let name = attr_name(name)?;
    match this {
        Value::Instance(inst) => vm.generic_delattr(this, inst, name)?,
        _ => vm.delattr(this, name)?,
    }
    Ok(Value::None)
}

/// `delattr(obj, name)` and `del obj.name`.
pub(crate) fn delattr_impl(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<()> {
    vm.delattr(obj, name)
}

pub(crate) fn object_dir(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(v) => Ok(Value::list(dir_names(v))),
        None => Err(exc::type_error(
            "descriptor '__dir__' of 'object' object needs an argument",
        )),
    }
}

/// Registers `object`'s methods.
pub(crate) fn register(t: &Types) {
    let o = &t.object;
    add_all(
        o,
        &[
            ("__init__", object_init),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__hash__", object_hash),
            ("__repr__", object_repr),
            ("__str__", object_str),
            ("__format__", object_format),
            ("__setattr__", object_setattr),
            ("__getattribute__", object_getattribute),
            ("__delattr__", object_delattr),
            ("__dir__", object_dir),
        ],
    );
    add_static_method(o, "__new__", object_new_method);
}
