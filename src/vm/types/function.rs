//! Descriptors: `staticmethod`, `classmethod`, `property`, and `super`.

use std::sync::{Arc, LazyLock};

use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::{add_method, method_of, type_of, types};
use crate::vm::object::value::Value;
use crate::vm::object::{Class, Dict, KwArgs, NativeFn, NativeObject, PyResult};

// ----- arguments ---------------------------------------------------------------------------

/// Argument Clinic / `_PyArg_CheckPositional`: "getattr expected at least 2 arguments, got 1".
use crate::vm::args::positional as clinic;
use crate::vm::args::{no_keywords, one_arg as one};
use crate::vm::object::native_object;
use crate::vm::types::ctor_args::*;

// ----- staticmethod, classmethod, property, super ------------------------------------------

/// A built-in class whose instances are `Native` objects made here. `types()` has classes of
/// these names too, but without constructors; these are the ones the builtins expose, so
/// that `property(f)` is a class call and `isinstance(p, property)` works. Never touched while
/// `types()` is being built (they need `object`).
pub(crate) fn descriptor_class(
    name: &str,
    ctor: NativeFn,
    methods: &[(&'static str, NativeFn)],
) -> Arc<Class> {
    let c = Class::new_native(name, "builtins", Some(types().object.clone()), Some(ctor));
    for (n, f) in methods {
        add_method(&c, n, *f);
    }
    c
}

pub(crate) static PROPERTY_CLASS: std::sync::LazyLock<Arc<Class>> =
    std::sync::LazyLock::new(|| {
        descriptor_class(
            "property",
            property_ctor,
            &[
                ("getter", property_getter),
                ("setter", property_setter),
                ("deleter", property_deleter),
                ("__get__", property_dunder_get),
                ("__set__", property_dunder_set),
                ("__set_name__", property_set_name),
            ],
        )
    });

pub(crate) static STATICMETHOD_CLASS: std::sync::LazyLock<Arc<Class>> =
    std::sync::LazyLock::new(|| {
        descriptor_class(
            "staticmethod",
            staticmethod_ctor,
            &[("__call__", staticmethod_call)],
        )
    });

pub(crate) static CLASSMETHOD_CLASS: std::sync::LazyLock<Arc<Class>> =
    std::sync::LazyLock::new(|| descriptor_class("classmethod", classmethod_ctor, &[]));

pub(crate) fn staticmethod_ctor(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    staticmethod_fn(vm, ctor_args(args), kw)
}

pub(crate) fn classmethod_ctor(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    classmethod_fn(vm, ctor_args(args), kw)
}

pub(crate) fn property_ctor(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    property_fn(vm, ctor_args(args), kw)
}

/// A descriptor that wraps one function, which `__func__` and `__wrapped__` give back. As in
/// CPython 3.10+, it has a `__dict__`, into which it copies the function's `__module__`,
/// `__name__`, `__qualname__`, `__doc__` and `__annotations__` when made (`functools_wraps`
/// in `Objects/funcobject.c`), and which takes any other attribute.
macro_rules! function_wrapper {
    ($(#[$doc:meta])* $ty:ident, $name:literal, $class:ident) => {
        $(#[$doc])*
        pub struct $ty {
            pub func: Value,
            /// Its `__dict__` (a `Value::Dict`).
            pub dict: Value,
        }

        impl $ty {
            pub fn new(func: Value) -> Self {
                $ty { func, dict: Value::dict(Dict::new()) }
            }
        }

        native_object!($ty, $name, $class, {
            fn referents(&self, f: &mut dyn FnMut(&Value)) {
                f(&self.func);
                f(&self.dict);
            }
            fn getattr(&self, vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
                wrapper_getattr(vm, &self.func, &self.dict, name)
            }
            fn setattr(&self, _vm: &mut Vm, name: &str, value: Value) -> Option<PyResult<()>> {
                Some(wrapper_setattr(&self.dict, $name, name, value))
            }
        });
    };
}

fn wrapper_getattr(vm: &mut Vm, func: &Value, dict: &Value, name: &str) -> Option<PyResult<Value>> {
    match name {
        "__func__" | "__wrapped__" => Some(Ok(func.clone())),
        "__dict__" => Some(Ok(dict.clone())),
        "__isabstractmethod__" => Some(match vm.getattr_opt(func, name) {
            Ok(Some(v)) => vm.truthy(&v).map(Value::Bool),
            Ok(None) => Ok(Value::Bool(false)),
            Err(e) => Err(e),
        }),
        _ => match dict {
            Value::Dict(d) => d.get_str(name).map(Ok),
            _ => None,
        },
    }
}

#[cold]
fn wrapper_setattr(dict: &Value, type_name: &str, name: &str, value: Value) -> PyResult<()> {
    match name {
        "__func__" | "__wrapped__" => Err(exc::attribute_error("readonly attribute")),
        "__dict__" | "__isabstractmethod__" => Err(exc::attribute_error(format!(
            "attribute '{name}' of '{type_name}' objects is not writable"
        ))),
        _ => {
            if let Value::Dict(d) = dict {
                d.set_str(name, value);
            }
            Ok(())
        }
    }
}

/// `del w.name` on a `staticmethod` or `classmethod` `w`: whether `name` was in its dict.
pub(crate) fn wrapper_delattr(n: &dyn NativeObject, name: &str) -> bool {
    let any = n.as_any();
    let dict = match (
        any.downcast_ref::<StaticMethod>(),
        any.downcast_ref::<ClassMethod>(),
    ) {
        (Some(s), _) => &s.dict,
        (_, Some(c)) => &c.dict,
        _ => return false,
    };
    matches!(dict, Value::Dict(d) if d.remove_str(name).is_some())
}

/// `staticmethod(func)` and `classmethod(func)` copy these attributes of `func` into their
/// dict, as CPython's `sm_init`/`cm_init` do (a missing one is left out).
fn wraps(vm: &mut Vm, dict: &Value, func: &Value) -> PyResult<()> {
    let Value::Dict(d) = dict else { return Ok(()) };
    for name in [
        "__module__",
        "__name__",
        "__qualname__",
        "__doc__",
        "__annotations__",
    ] {
        if let Some(v) = vm.getattr_opt(func, name)? {
            d.set_str(name, v);
        }
    }
    Ok(())
}

function_wrapper!(
    /// `staticmethod(f)`: a function that does not bind.
    StaticMethod,
    "staticmethod",
    STATICMETHOD_CLASS
);
function_wrapper!(
    /// `classmethod(f)`: a function bound to the class.
    ClassMethod,
    "classmethod",
    CLASSMETHOD_CLASS
);

/// Registers a native function as a static method of a built-in class (`__new__`), owned by
/// the class as [`add_method`]'s are.
pub(crate) fn add_static_method(cls: &Arc<Class>, name: &'static str, func: NativeFn) {
    let func = method_of(cls, name, func);
    cls.dict.set_str(name, native(StaticMethod::new(func)));
}

/// Registers a native function as a class method of a built-in class.
pub(crate) fn add_class_method(cls: &Arc<Class>, name: &'static str, func: NativeFn) {
    let func = method_of(cls, name, func);
    cls.dict.set_str(name, native(ClassMethod::new(func)));
}

/// `property(fget, fset, fdel, doc)`.
#[derive(Clone)]
pub struct Property {
    pub fget: Option<Value>,
    pub fset: Option<Value>,
    pub fdel: Option<Value>,
    pub doc: Option<Value>,
    /// The name the class gave it (`__set_name__`), for messages, as CPython 3.11's
    /// `prop_name`; `getter`/`setter`/`deleter` copies keep it.
    pub name: PropName,
}

/// A property's name, set once its class is made: a lock, since the property is shared.
#[derive(Default)]
pub struct PropName(parking_lot::Mutex<Option<String>>);

impl PropName {
    pub fn new(name: Option<String>) -> Self {
        PropName(parking_lot::Mutex::new(name))
    }
    pub fn get(&self) -> Option<String> {
        self.0.lock().clone()
    }
}

impl Clone for PropName {
    fn clone(&self) -> Self {
        PropName::new(self.get())
    }
}

native_object!(Property, "property", PROPERTY_CLASS, {
    fn referents(&self, f: &mut dyn FnMut(&Value)) {
        for v in [&self.fget, &self.fset, &self.fdel, &self.doc]
            .into_iter()
            .flatten()
        {
            f(v)
        }
    }
    fn getattr(&self, vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        let v = |o: &Option<Value>| Some(Ok(o.clone().unwrap_or(Value::None)));
        match name {
            "fget" => v(&self.fget),
            "fset" => v(&self.fset),
            "fdel" => v(&self.fdel),
            "__doc__" => match (&self.doc, &self.fget) {
                (Some(d), _) => Some(Ok(d.clone())),
                (None, Some(f)) => Some(
                    vm.getattr_opt(f, "__doc__")
                        .map(|d| d.unwrap_or(Value::None)),
                ),
                _ => Some(Ok(Value::None)),
            },
            "__isabstractmethod__" => Some(Ok(Value::Bool(false))),
            _ => None,
        }
    }
});

pub(crate) fn as_property(v: &Value) -> Option<&Property> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Property>(),
        _ => None,
    }
}

/// The bound method a `classmethod` object gives when looked up on `owner` (a class).
pub fn unwrap_classmethod(v: &Value, owner: &Value) -> Option<Value> {
    let Value::Native(n) = v else { return None };
    let cm = n.as_any().downcast_ref::<ClassMethod>()?;
    let owner = match owner {
        Value::Class(_) => owner.clone(),
        other => Value::Class(type_of(other)),
    };
    Some(Value::method(cm.func.clone(), owner))
}

/// The function inside a `staticmethod` object.
pub fn unwrap_staticmethod(v: &Value) -> Option<Value> {
    let Value::Native(n) = v else { return None };
    n.as_any()
        .downcast_ref::<StaticMethod>()
        .map(|s| s.func.clone())
}

/// Wraps a function as a [`function_wrapper`] wrapped its own.
pub(crate) type Rewrap = fn(Value) -> Box<dyn NativeObject>;

/// The function a `staticmethod` or `classmethod` wraps, and how to wrap another the same way
/// (a copy into another interpreter wraps its copy of the function).
pub(crate) fn function_wrapper(n: &dyn NativeObject) -> Option<(&Value, Rewrap)> {
    let any = n.as_any();
    if let Some(s) = any.downcast_ref::<StaticMethod>() {
        return Some((&s.func, |func| Box::new(StaticMethod::new(func))));
    }
    let c = any.downcast_ref::<ClassMethod>()?;
    Some((&c.func, |func| Box::new(ClassMethod::new(func))))
}

/// `obj.x` where `x` is a property of `obj`'s class.
pub fn property_get(vm: &mut Vm, prop: &Value, obj: &Value) -> PyResult<Value> {
    let Some(p) = as_property(prop) else {
        return Ok(prop.clone());
    };
    match &p.fget {
        Some(f) => {
            let f = f.clone();
            vm.call(&f, std::slice::from_ref(obj), &[])
        }
        None => Err(property_error(vm, p, obj, "getter")),
    }
}

/// `obj.x = value` where `x` is a property of `obj`'s class.
pub fn property_set(vm: &mut Vm, prop: &Value, obj: &Value, value: Value) -> PyResult<()> {
    let Some(p) = as_property(prop) else {
        return Err(exc::attribute_error("can't set attribute"));
    };
    match &p.fset {
        Some(f) => {
            let f = f.clone();
            vm.call(&f, &[obj.clone(), value], &[])?;
            Ok(())
        }
        None => Err(property_error(vm, p, obj, "setter")),
    }
}

/// `del obj.x` where `x` is a property of `obj`'s class.
pub fn property_delete(vm: &mut Vm, prop: &Value, obj: &Value) -> PyResult<()> {
    let Some(p) = as_property(prop) else {
        return Err(exc::attribute_error("can't delete attribute"));
    };
    match &p.fdel {
        Some(f) => {
            let f = f.clone();
            vm.call(&f, std::slice::from_ref(obj), &[])?;
            Ok(())
        }
        None => Err(property_error(vm, p, obj, "deleter")),
    }
}

/// CPython 3.11's message: the property's name as its class gave it (none for a property
/// stored on a class after the class was made) and the object's type by qualified name.
#[cold]
pub(crate) fn property_error(vm: &mut Vm, p: &Property, obj: &Value, what: &str) -> PyErr {
    let qualname = type_of(obj).qualname.clone();
    match p.name.get() {
        Some(name) => {
            let name = vm
                .repr(&Value::str(&name))
                .unwrap_or_else(|_| format!("'{name}'"));
            exc::attribute_error(format!(
                "property {name} of '{qualname}' object has no {what}"
            ))
        }
        None => exc::attribute_error(format!("property of '{qualname}' object has no {what}")),
    }
}

/// `property.__set_name__(owner, name)`: remembers the name for messages.
pub(crate) fn property_set_name(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let p = this_property(args, "__set_name__")?;
    if args.len() != 3 {
        return Err(exc::type_error(format!(
            "__set_name__ expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    }
    let name = vm.to_str(&args[2])?;
    *p.name.0.lock() = Some(name);
    Ok(Value::None)
}

pub(crate) fn staticmethod_fn(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "staticmethod", 1, 1)?;
    let w = StaticMethod::new(a[0].clone());
    wraps(vm, &w.dict, &a[0])?;
    Ok(native(w))
}

pub(crate) fn classmethod_fn(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "classmethod", 1, 1)?;
    let w = ClassMethod::new(a[0].clone());
    wraps(vm, &w.dict, &a[0])?;
    Ok(native(w))
}

pub(crate) fn property_fn(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if args.len() + kw.len() > 4 {
        return Err(exc::type_error(format!(
            "property() takes at most 4 arguments ({} given)",
            args.len() + kw.len()
        )));
    }
    let s = bind_params(args, kw, "property", &["fget", "fset", "fdel", "doc"], 0)?;
    let some = |v: &Option<Value>| v.clone().filter(|v| !v.is_none());
    Ok(native(Property {
        fget: some(&s[0]),
        fset: some(&s[1]),
        fdel: some(&s[2]),
        doc: some(&s[3]),
        name: PropName::default(),
    }))
}

pub(crate) fn this_property<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Property> {
    match args.first().and_then(as_property) {
        Some(p) => Ok(p),
        None => Err(exc::type_error(format!(
            "descriptor '{}' for 'property' objects doesn't apply to a '{}' object",
            name,
            args.first()
                .map_or("NoneType".to_string(), |a| a.type_name())
        ))),
    }
}

pub(crate) fn property_with(
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    which: usize,
) -> PyResult<Value> {
    let p = this_property(args, name)?;
    let a = one(args.get(1..).unwrap_or_default(), kw, name)?;
    let mut q = p.clone();
    let f = Some(a.clone()).filter(|v| !v.is_none());
    match which {
        0 => q.fget = f,
        1 => q.fset = f,
        _ => q.fdel = f,
    }
    Ok(native(q))
}

pub(crate) fn property_getter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    property_with(args, kw, "getter", 0)
}

pub(crate) fn property_setter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    property_with(args, kw, "setter", 1)
}

pub(crate) fn property_deleter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    property_with(args, kw, "deleter", 2)
}

pub(crate) fn property_dunder_get(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let p = args.first().cloned().unwrap_or(Value::None);
    match args.get(1) {
        None | Some(Value::None) => Ok(p),
        Some(obj) => property_get(vm, &p, obj),
    }
}

pub(crate) fn property_dunder_set(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args {
        [p, obj, v] => property_set(vm, p, obj, v.clone()).map(|_| Value::None),
        _ => Err(exc::type_error(format!(
            "expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        ))),
    }
}

pub(crate) fn staticmethod_call(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let f = args
        .first()
        .and_then(unwrap_staticmethod)
        .unwrap_or(Value::None);
    vm.call(&f, args.get(1..).unwrap_or_default(), kw)
}

/// `super(type, obj)`: attribute lookup along `obj`'s MRO after `type`.
pub struct Super {
    pub start: Arc<Class>,
    pub obj: Value,
    pub obj_type: Arc<Class>,
    /// `obj` is a class reached as a subtype of `start` (`super()` in a classmethod or
    /// `__new__`): functions found are not bound. Else `obj` is an instance of `obj_type`
    /// (a class is one when `obj_type` is its metaclass).
    pub obj_is_subtype: bool,
}

/// The class `super` objects report. Unlike `types().super_` it has no base and no methods, so
/// that method lookup on the class (`LOAD_METHOD`'s fast path) never finds `object`'s methods
/// in place of the ones `super` must find along the MRO.
pub(crate) static SUPER_CLASS: std::sync::LazyLock<Arc<Class>> = std::sync::LazyLock::new(|| {
    let c = Class::new_native("super", "builtins", None, Some(super_new));
    // Stored as a staticmethod, not a builtin function: `LOAD_METHOD`'s fast path takes only
    // functions from the class, so `super().__repr__()` still goes through `Super::getattr`,
    // while `repr(super_obj)` calls this with the object as its argument.
    c.dict.set_str(
        "__repr__",
        native(StaticMethod::new(builtin("__repr__", super_repr))),
    );
    c
});

native_object!(Super, "super", SUPER_CLASS, {
    fn getattr(&self, vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        let mut past = false;
        for c in self.obj_type.mro() {
            if past {
                if let Some(v) = c.dict.get_str(name) {
                    return Some(self.bind(vm, v));
                }
            } else if Arc::ptr_eq(c, &self.start) {
                past = true;
            }
        }
        match name {
            "__thisclass__" => Some(Ok(Value::Class(self.start.clone()))),
            "__self__" => Some(Ok(self.obj.clone())),
            "__self_class__" => Some(Ok(Value::Class(self.obj_type.clone()))),
            _ => None,
        }
    }
});

impl Super {
    fn bind(&self, vm: &mut Vm, v: Value) -> PyResult<Value> {
        let obj_is_class = self.obj_is_subtype;
        Ok(match &v {
            Value::Function(_) | Value::Builtin(_) if !obj_is_class => {
                Value::method(v, self.obj.clone())
            }
            Value::Native(n) => match n.type_name() {
                "staticmethod" => unwrap_staticmethod(&v).unwrap_or(v),
                "classmethod" => {
                    unwrap_classmethod(&v, &Value::Class(self.obj_type.clone())).unwrap_or(v)
                }
                "property" if !obj_is_class => return property_get(vm, &v, &self.obj),
                _ => v,
            },
            _ => v,
        })
    }
}

pub(crate) fn super_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let sup = match args.first() {
        Some(Value::Native(n)) => n.as_any().downcast_ref::<Super>(),
        _ => None,
    };
    let Some(sup) = sup else {
        return Err(exc::type_error(
            "descriptor '__repr__' requires a 'super' object",
        ));
    };
    Ok(Value::string(format!(
        "<super: {}, <{} object>>",
        sup.start.repr(),
        sup.obj_type.name
    )))
}

/// `super(type, obj)` (the compiler turns `super()` into `super(__class__, first_arg)`).
pub fn super_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(no_keywords("super"));
    }
    let a = ctor_args(args);
    if a.is_empty() {
        return Err(exc::runtime_error("super(): no arguments"));
    }
    if a.len() > 2 {
        // `_PyArg_CheckPositional("super", ...)` in CPython 3.11.
        return Err(exc::type_error(format!(
            "super() expected at most 2 arguments, got {}",
            a.len()
        )));
    }
    let Value::Class(start) = &a[0] else {
        return Err(exc::type_error(format!(
            "super() argument 1 must be a type, not {}",
            a[0].type_name()
        )));
    };
    let Some(obj) = a.get(1) else {
        return Err(exc::runtime_error(
            "gilvm does not support unbound super objects: pass an instance",
        ));
    };
    let obj_is_subtype = matches!(obj, Value::Class(c) if c.is_subclass_of(start));
    let obj_type = match obj {
        Value::Class(c) if obj_is_subtype => c.clone(),
        other => {
            let t = type_of(other);
            if !t.is_subclass_of(start) {
                return Err(exc::type_error(
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
            t
        }
    };
    Ok(native(Super {
        start: start.clone(),
        obj: obj.clone(),
        obj_type,
        obj_is_subtype,
    }))
}

/// A slot's descriptor on its class (`S.a`: `<member 'a' of 'S' objects>`). The values live
/// in the instance's dict, so loads keep their fast path; the descriptor answers for a slot
/// that is unset.
pub struct MemberDescriptor {
    pub name: Arc<str>,
    pub owner: Arc<str>,
}

pub(crate) static MEMBER_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = Class::new_native("member_descriptor", "builtins", None, None);
    add_method(&c, "__repr__", member_repr);
    c
});

native_object!(MemberDescriptor, "member_descriptor", MEMBER_CLASS, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__name__" => Some(Ok(Value::str(&self.name))),
            _ => None,
        }
    }
});

fn member_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Native(n)) => match n.as_any().downcast_ref::<MemberDescriptor>() {
            Some(m) => Ok(Value::string(format!(
                "<member '{}' of '{}' objects>",
                m.name, m.owner
            ))),
            None => Err(exc::type_error("descriptor '__repr__' needs a member")),
        },
        _ => Err(exc::type_error("descriptor '__repr__' needs a member")),
    }
}

/// Whether `v` is a slot's descriptor.
pub(crate) fn is_member(v: &Value) -> bool {
    matches!(v, Value::Native(n) if n.as_any().is::<MemberDescriptor>())
}

/// Registers `function.__get__`, and `__call__` of the function, built-in function and
/// method types (`hasattr(len, "__call__")` is True, as in CPython).
pub(crate) fn register(t: &crate::vm::object::registry::Types) {
    add_method(&t.function, "__get__", function_get);
    for cls in [&t.function, &t.builtin_function, &t.method] {
        add_method(cls, "__call__", call_self);
    }
}

/// `types.MethodType(func, obj)`: `func` bound to `obj`. Messages as CPython 3.11's.
pub(crate) fn method_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(no_keywords("method"));
    }
    match ctor_args(args) {
        [func, obj] => {
            if !func.is_callable() {
                Err(exc::type_error("first argument must be callable"))
            } else if obj.is_none() {
                Err(exc::type_error("instance must not be None"))
            } else {
                Ok(Value::method(func.clone(), obj.clone()))
            }
        }
        rest => Err(exc::type_error(format!(
            "method expected 2 arguments, got {}",
            rest.len()
        ))),
    }
}

/// `f.__call__(*args, **kwargs)`: calls `f`.
fn call_self(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let Some((f, rest)) = args.split_first() else {
        return Err(exc::type_error("descriptor '__call__' needs an argument"));
    };
    vm.call(f, rest, kw)
}

/// `function.__get__(obj, type=None)`, the descriptor protocol made explicit (attribute lookup
/// binds functions itself): bound to `obj`, or the function itself when `obj` is None and a
/// type is given (looked up on a class). Messages as CPython 3.11's slot wrapper's.
fn function_get(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(crate::vm::args::no_keywords("wrapper __get__"));
    }
    let Some((f, rest)) = args.split_first() else {
        return Err(exc::type_error(" expected at least 1 argument, got 0"));
    };
    match rest {
        [] => Err(exc::type_error(" expected at least 1 argument, got 0")),
        [obj] | [obj, _] if !obj.is_none() => Ok(Value::method(f.clone(), obj.clone())),
        [_, ty] if !ty.is_none() => Ok(f.clone()),
        [_] | [_, _] => Err(exc::type_error("__get__(None, None) is invalid")),
        _ => Err(exc::type_error(format!(
            " expected at most 2 arguments, got {}",
            rest.len()
        ))),
    }
}
