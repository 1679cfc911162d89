//! `BaseException` and its subclasses: which are builtins, the constructor, `args`,
//! `__str__`/`__repr__`, `with_traceback`, `StopIteration.value`, `SystemExit.code`. (Raising
//! and tracebacks are `vm/exceptions.rs`.)

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::exceptions::{self as exc, errno_class};
use crate::vm::object::{Class, Instance, KwArgs, NativeFn, PyResult};
use crate::vm::types::{Types, add_method, types};
use crate::vm::value::Value;

// ----- arguments ---------------------------------------------------------------------------

use crate::vm::args::no_keywords;
use crate::vm::types::ctor_args::*;
use crate::vm::types::function::Property;

/// `BaseException(*args)` and every built-in exception class. `OSError(errno, strerror)`
/// makes the subclass that errno maps to, as CPython's `OSError.__new__` does.
pub fn exception_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let mut cls = match args.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().exception.clone(),
    };
    let a = ctor_args(args);
    if Arc::ptr_eq(&cls, &types().os_error)
        && (2..=5).contains(&a.len())
        && let Some(mapped) = errno_class(&a[0])
    {
        cls = mapped.clone();
    }
    let inst = Instance::new(cls);
    set_state(&inst, a, kw)?;
    Ok(Value::instance(inst))
}

/// The keyword arguments a built-in exception class accepts (`AttributeError(name=, obj=)`,
/// `NameError(name=)`, `ImportError(name=, path=)`), with the name CPython's message uses.
fn keywords_of(cls: &Arc<Class>) -> Option<(&'static str, &'static [&'static str])> {
    let t = types();
    if cls.is_subclass_of(&t.attribute_error) {
        Some(("AttributeError", &["name", "obj"]))
    } else if cls.is_subclass_of(&t.name_error) {
        Some(("NameError", &["name"]))
    } else if cls.is_subclass_of(&t.import_error) {
        Some(("ImportError", &["name", "path"]))
    } else {
        None
    }
}

/// What `__new__`/`__init__` store: `args`, the keyword members, and OSError's
/// `errno`/`strerror`/`filename`/`filename2` (which CPython takes out of `args`).
fn set_state(inst: &Instance, a: &[Value], kw: &KwArgs) -> PyResult<()> {
    let Some(st) = &inst.exc else {
        return Ok(());
    };
    if !kw.is_empty() {
        let Some((owner, allowed)) = keywords_of(&inst.class) else {
            return Err(no_keywords(&inst.class.name));
        };
        for (k, v) in kw {
            match allowed.iter().find(|n| ***n == **k) {
                Some(n) => st.set_field(n, Some(v.clone())),
                None => {
                    return Err(exc::type_error(format!(
                        "'{k}' is an invalid keyword argument for {owner}()"
                    )));
                }
            }
        }
    }
    let mut args = a.to_vec();
    if inst.class.is_subclass_of(&types().os_error) {
        for f in ["errno", "strerror", "filename", "filename2"] {
            st.set_field(f, None);
        }
        if (2..=5).contains(&a.len()) {
            st.set_field("errno", Some(a[0].clone()));
            st.set_field("strerror", Some(a[1].clone()));
            if let Some(f) = a.get(2).filter(|f| !f.is_none()) {
                st.set_field("filename", Some(f.clone()));
                if let Some(f2) = a.get(4).filter(|f| !f.is_none()) {
                    st.set_field("filename2", Some(f2.clone()));
                }
                args.truncate(2);
            }
        }
    }
    *st.args.lock() = args;
    Ok(())
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
    set_state(inst, args.get(1..).unwrap_or_default(), kw)?;
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

/// `str(OSError(...))`: `[Errno 2] No such file or directory: 'x'`.
pub(crate) fn os_error_str(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "__str__")?;
    let Some(st) = &inst.exc else {
        return exception_str(vm, args, kw);
    };
    let (errno, strerror) = (st.field("errno"), st.field("strerror"));
    if let Some(filename) = st.field("filename") {
        let e = vm.to_str(&errno.unwrap_or(Value::None))?;
        let s = vm.to_str(&strerror.unwrap_or(Value::None))?;
        let f = vm.repr(&filename)?;
        return Ok(Value::string(match st.field("filename2") {
            Some(f2) => format!("[Errno {e}] {s}: {f} -> {}", vm.repr(&f2)?),
            None => format!("[Errno {e}] {s}: {f}"),
        }));
    }
    if let (Some(e), Some(s)) = (errno, strerror) {
        let e = vm.to_str(&e)?;
        let s = vm.to_str(&s)?;
        return Ok(Value::string(format!("[Errno {e}] {s}")));
    }
    exception_str(vm, args, kw)
}

/// `BaseException.add_note(note)` (3.11): appends to `__notes__`, a list it creates.
pub(crate) fn exception_add_note(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "add_note")?;
    if !kw.is_empty() {
        return Err(no_keywords("BaseException.add_note"));
    }
    let note = match args.get(1..).unwrap_or_default() {
        [n] => n,
        a => {
            return Err(exc::type_error(format!(
                "BaseException.add_note() takes exactly one argument ({} given)",
                a.len()
            )));
        }
    };
    if !matches!(note, Value::Str(_)) {
        return Err(exc::type_error(format!(
            "note must be a str, not '{}'",
            note.type_name()
        )));
    }
    let notes = match vm.getattr_opt(&args[0], "__notes__")? {
        Some(n) => n,
        None => {
            let n = Value::list(Vec::new());
            vm.setattr(&args[0], "__notes__", n.clone())?;
            n
        }
    };
    match &notes {
        Value::List(l) => {
            l.push(note.clone());
            Ok(Value::None)
        }
        _ => Err(exc::type_error("Cannot add note: __notes__ is not a list")),
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

/// A member of a built-in exception class (`AttributeError.name`, `OSError.errno`, …):
/// a property over the instance's `ExcState::fields`, None until set.
macro_rules! members {
    ($($get:ident, $set:ident => $name:literal;)*) => {
        $(
            fn $get(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
                let inst = this_exception(args, $name)?;
                Ok(inst.exc.as_ref().and_then(|s| s.field($name)).unwrap_or(Value::None))
            }
            fn $set(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
                let inst = this_exception(args, $name)?;
                if let Some(st) = &inst.exc {
                    st.set_field($name, args.get(1).cloned());
                }
                Ok(Value::None)
            }
        )*
    };
}

members! {
    get_name, set_name => "name";
    get_obj, set_obj => "obj";
    get_path, set_path => "path";
    get_errno, set_errno => "errno";
    get_strerror, set_strerror => "strerror";
    get_filename, set_filename => "filename";
    get_filename2, set_filename2 => "filename2";
}

fn member(cls: &Arc<Class>, name: &'static str, get: NativeFn, set: NativeFn) {
    cls.dict.set_str(
        name,
        native(Property {
            fget: Some(builtin(name, get)),
            fset: Some(builtin(name, set)),
            fdel: None,
            doc: None,
        }),
    );
}

/// Registers the methods of `BaseException` and its subclasses.
pub(crate) fn register(t: &Types) {
    let be = &t.base_exception;
    add_method(be, "__init__", exception_init);
    add_method(be, "__str__", exception_str);
    add_method(be, "__repr__", exception_repr);
    add_method(be, "with_traceback", exception_with_traceback);
    add_method(be, "add_note", exception_add_note);
    add_method(&t.os_error, "__str__", os_error_str);
    member(&t.attribute_error, "name", get_name, set_name);
    member(&t.attribute_error, "obj", get_obj, set_obj);
    member(&t.name_error, "name", get_name, set_name);
    member(&t.import_error, "name", get_name, set_name);
    member(&t.import_error, "path", get_path, set_path);
    member(&t.os_error, "errno", get_errno, set_errno);
    member(&t.os_error, "strerror", get_strerror, set_strerror);
    member(&t.os_error, "filename", get_filename, set_filename);
    member(&t.os_error, "filename2", get_filename2, set_filename2);
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
            &self.blocking_io_error,
            &self.child_process_error,
            &self.connection_error,
            &self.broken_pipe_error,
            &self.connection_aborted_error,
            &self.connection_refused_error,
            &self.connection_reset_error,
            &self.file_exists_error,
            &self.file_not_found_error,
            &self.interrupted_error,
            &self.is_a_directory_error,
            &self.not_a_directory_error,
            &self.permission_error,
            &self.process_lookup_error,
            &self.reference_error,
            &self.unicode_decode_error,
            &self.unicode_encode_error,
            &self.unicode_translate_error,
            &self.pending_deprecation_warning,
            &self.syntax_warning,
            &self.future_warning,
            &self.import_warning,
            &self.unicode_warning,
            &self.bytes_warning,
            &self.resource_warning,
            &self.encoding_warning,
        ]
    }
}
