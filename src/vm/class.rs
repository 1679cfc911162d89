//! `class` statements and `type(name, bases, ns)`: `__build_class__` runs the class body,
//! [`new_class`] makes the class (CPython's `type.__new__`: the metaclass, C3, `__slots__`,
//! `__set_name__`, `__init_subclass__`), and `type`'s own methods (`__new__`, `__call__`,
//! `mro`, `__subclasses__`) live here too.

use std::sync::{Arc, LazyLock};

use crate::vm::Vm;
use crate::vm::frame::Frame;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::metaclass_of;
use crate::vm::object::registry::{add_all, type_of, types};
use crate::vm::object::value::Value;
use crate::vm::object::{BuiltinFunction, Class, ClassKind, Dict, KwArgs, PyResult, class_flags};
use crate::vm::types::ctor_args::{ctor_args, native};
use crate::vm::types::function::{
    ClassMethod, MemberDescriptor, StaticMethod, add_class_method, add_static_method,
};

/// `__build_class__`, pushed by `LOAD_BUILD_CLASS`.
pub(crate) static BUILD_CLASS: LazyLock<Value> = LazyLock::new(|| {
    Value::Builtin(Arc::new(BuiltinFunction {
        name: "__build_class__",
        owner: None,
        func: build_class,
    }))
});

/// Whether `meta` is `type` itself (classes made by it carry no metaclass).
fn is_type(meta: &Arc<Class>) -> bool {
    Arc::ptr_eq(meta, &types().type_)
}

/// `__build_class__(func, name, *bases, metaclass=…, **kwds)`: runs the class body in a fresh
/// namespace (from the metaclass's `__prepare__` if it has one) and makes the class from it:
/// through `type.__new__` directly when the metaclass is `type`, else by calling the metaclass.
pub(crate) fn build_class(vm: &mut Vm, args: &[Value], kwargs: &KwArgs) -> PyResult<Value> {
    let (Some(Value::Function(body)), Some(Value::Str(name))) = (args.first(), args.get(1)) else {
        return Err(exc::type_error("__build_class__: func must be a function"));
    };
    let bases = args.get(2..).unwrap_or_default();
    let explicit = kwargs
        .iter()
        .find(|(k, _)| &**k == "metaclass")
        .map(|(_, v)| v.clone());
    let class_kw: Vec<(Arc<str>, Value)> = kwargs
        .iter()
        .filter(|(k, _)| &**k != "metaclass")
        .cloned()
        .collect();
    let base_classes = class_bases_checked(bases, false)?;
    // The metaclass: the explicit one, else the most derived of the bases'.
    let meta = match explicit {
        Some(Value::Class(m)) => Value::Class(winner(m, &base_classes)?),
        Some(other) => other,
        None => Value::Class(winner(types().type_.clone(), &base_classes)?),
    };
    // The namespace: a plain dict the body's name instructions use directly, or any other
    // mapping `__prepare__` returned (a dict subclass such as enum's `_EnumDict`, a user
    // mapping), reached through its `__getitem__`/`__setitem__` (`Frame::ns_map`).
    let ns: Value = match &meta {
        Value::Class(m) if is_type(m) => Value::dict(Dict::new()),
        _ => match vm.getattr_opt(&meta, "__prepare__")? {
            Some(p) => {
                let r = vm.call(
                    &p,
                    &[name_value(name), Value::tuple(bases.to_vec())],
                    &class_kw,
                )?;
                if !matches!(r, Value::Dict(_)) && vm.lookup_special(&r, "__getitem__").is_none() {
                    return Err(prepare_not_mapping(&meta, &r));
                }
                r
            }
            None => Value::dict(Dict::new()),
        },
    };
    let module_name = body
        .globals
        .get_str("__name__")
        .unwrap_or_else(|| Value::str("__main__"));
    let qualname = Value::str(&body.qualname.lock());
    let mut frame = Frame::new(body.code.clone(), body.globals.clone(), None, &body.closure);
    match &ns {
        Value::Dict(d) => {
            d.set_str("__module__", module_name);
            d.set_str("__qualname__", qualname);
            frame.ns = Some(d.clone());
        }
        map => {
            // The body's first instructions store `__module__` and `__qualname__` (through
            // the mapping's `__setitem__`, as in CPython).
            frame.ns_map = Some(map.clone());
        }
    }
    vm.enter_call()?;
    let r = vm.run_frame(&mut frame);
    vm.leave_call();
    let class_cell = r?;
    let cls = match (&meta, &ns) {
        (Value::Class(m), Value::Dict(d)) if is_type(m) => {
            Value::Class(new_class(vm, m, name.as_str(), bases, d, &class_kw)?)
        }
        _ => vm.call(
            &meta,
            &[name_value(name), Value::tuple(bases.to_vec()), ns.clone()],
            &class_kw,
        )?,
    };
    if let Value::Cell(cell) = class_cell {
        cell.set(Some(cls.clone()));
    }
    Ok(cls)
}

/// CPython's message for a `__prepare__` whose result has no `__getitem__`.
#[cold]
fn prepare_not_mapping(meta: &Value, got: &Value) -> exc::PyErr {
    let who = match meta {
        Value::Class(m) => m.name.to_string(),
        _ => "<metaclass>".to_string(),
    };
    exc::type_error(format!(
        "{who}.__prepare__() must return a mapping, not {}",
        got.type_name()
    ))
}

/// `LOAD_NAME` in a class body whose namespace is a mapping object: its `__getitem__`, a
/// `KeyError` meaning "not here" (the caller then looks in the globals and builtins).
#[cold]
pub(crate) fn ns_map_load(
    vm: &mut Vm,
    map: &Value,
    code: &crate::vm::object::code::Code,
    i: u32,
) -> PyResult<Option<Value>> {
    let key = code.name_values[i as usize].clone();
    ns_map_get_key(vm, map, &key)
}

/// `LOAD_CLASSDEREF`'s look in a mapping namespace (a `KeyError` means "not here").
#[cold]
pub(crate) fn ns_map_get(vm: &mut Vm, map: &Value, name: &str) -> PyResult<Option<Value>> {
    ns_map_get_key(vm, map, &Value::str(name))
}

fn ns_map_get_key(vm: &mut Vm, map: &Value, key: &Value) -> PyResult<Option<Value>> {
    match vm.getitem(map, key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&types().key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `STORE_NAME` into a mapping namespace: its `__setitem__`.
#[cold]
pub(crate) fn ns_map_store(
    vm: &mut Vm,
    map: &Value,
    code: &crate::vm::object::code::Code,
    i: u32,
    v: Value,
) -> PyResult<()> {
    let key = code.name_values[i as usize].clone();
    vm.setitem(map, &key, v)
}

/// `DELETE_NAME` in a mapping namespace: whether its `__delitem__` succeeded (CPython
/// reports any failure as the name not being defined).
#[cold]
pub(crate) fn ns_map_delete(
    vm: &mut Vm,
    map: &Value,
    code: &crate::vm::object::code::Code,
    i: u32,
) -> bool {
    let key = code.name_values[i as usize].clone();
    vm.delitem(map, &key).is_ok()
}

/// `SETUP_ANNOTATIONS` in a mapping namespace: `__annotations__` made unless the mapping
/// has one.
#[cold]
pub(crate) fn ns_map_setup_annotations(vm: &mut Vm, map: &Value) -> PyResult<()> {
    let key = Value::str("__annotations__");
    if ns_map_get_key(vm, map, &key)?.is_none() {
        vm.setitem(map, &key, Value::dict(Dict::new()))?;
    }
    Ok(())
}

/// `from m import *` in a class body whose namespace is a mapping object.
#[cold]
pub(crate) fn ns_map_import_star(vm: &mut Vm, map: &Value, from: &Dict) -> PyResult<()> {
    for (k, v) in from.items() {
        if k.as_str().is_some_and(|s| !s.starts_with('_')) {
            vm.setitem(map, &k, v)?;
        }
    }
    Ok(())
}

/// The dict a `type.__new__` namespace argument is: a `dict`, or the dict a subclass
/// instance of `dict` carries (`_EnumDict`); `None` for anything else.
fn ns_dict(ns: &Value) -> Option<Arc<Dict>> {
    match ns {
        Value::Dict(d) => Some(d.clone()),
        Value::Instance(i) => match i.base() {
            Some(Value::Dict(d)) => Some(d.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn name_value(name: &Arc<crate::vm::object::value::PyStr>) -> Value {
    Value::Str(name.clone())
}

/// The bases as classes, with CPython's message for a base that is not one, and gilvm's for
/// the built-in types it cannot subclass yet.
fn class_bases(bases: &[Value]) -> PyResult<Vec<Arc<Class>>> {
    class_bases_checked(bases, true)
}

/// [`class_bases`]; unless `strict`, built-in types pass: `__build_class__` lets a
/// metaclass see them (an enum's `__new__` replaces `str` in `class S(str, Enum)`), and
/// `type.__new__` still refuses them.
fn class_bases_checked(bases: &[Value], strict: bool) -> PyResult<Vec<Arc<Class>>> {
    let mut out = Vec::with_capacity(bases.len());
    for b in bases {
        let Value::Class(c) = b else {
            return Err(exc::type_error(format!(
                "bases must be types, not {}",
                b.type_name()
            )));
        };
        let t = types();
        if strict
            && c.kind == ClassKind::Builtin
            && !c.is_exception
            && !crate::vm::object::registry::is_value_type(c)
            // typing's `Generic` and `Protocol`, and the `collections.abc` classes.
            && !matches!(c.module.as_str(), "typing" | "collections.abc")
            && !Arc::ptr_eq(c, &t.object)
            && !Arc::ptr_eq(c, &t.type_)
        {
            // The types CPython lets a class extend but gilvm does not yet get gilvm's
            // message; the others CPython's.
            const GILVM_ONLY: [&str; 10] = [
                "property",
                "staticmethod",
                "classmethod",
                "super",
                "enumerate",
                "zip",
                "map",
                "filter",
                "reversed",
                "module",
            ];
            if c.module == "builtins" && !GILVM_ONLY.contains(&c.name.as_str()) {
                return Err(exc::type_error(format!(
                    "type '{}' is not an acceptable base type",
                    c.name
                )));
            }
            return Err(exc::type_error(format!(
                "gilvm cannot subclass the built-in type '{}' (only object, type, exception \
                 classes and int, float, str, tuple, list, dict, set, frozenset)",
                c.name
            )));
        }
        out.push(c.clone());
    }
    // CPython's "lay-out conflict": two built-in value types, or one and an exception.
    if strict {
        let layouts: Vec<&Arc<Class>> = out.iter().filter_map(|c| c.value_base()).collect();
        let conflict = layouts
            .windows(2)
            .any(|w| !w[0].is_subclass_of(w[1]) && !w[1].is_subclass_of(w[0]))
            || (!layouts.is_empty() && out.iter().any(|c| c.is_exception));
        if conflict {
            return Err(exc::type_error(
                "multiple bases have instance lay-out conflict",
            ));
        }
    }
    Ok(out)
}

/// CPython's `_PyType_CalculateMetaclass`: the most derived of `meta` and the bases'
/// metaclasses, or the "metaclass conflict" TypeError.
fn winner(meta: Arc<Class>, bases: &[Arc<Class>]) -> PyResult<Arc<Class>> {
    let mut win = meta;
    for b in bases {
        let bm = metaclass_of(b);
        if win.is_subclass_of(&bm) {
            continue;
        }
        if bm.is_subclass_of(&win) {
            win = bm;
            continue;
        }
        return Err(metaclass_conflict());
    }
    Ok(win)
}

#[cold]
fn metaclass_conflict() -> crate::vm::object::exceptions::PyErr {
    exc::type_error(
        "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
         subclass of the metaclasses of all its bases",
    )
}

/// `type.__new__(meta, name, bases, ns, **kwds)`: makes the class, then calls `__set_name__`
/// on its attributes and the parent's `__init_subclass__(**kwds)`, as CPython's `type_new`.
pub(crate) fn new_class(
    vm: &mut Vm,
    meta: &Arc<Class>,
    name: &str,
    bases: &[Value],
    ns: &Dict,
    kwargs: &KwArgs,
) -> PyResult<Arc<Class>> {
    let mut base_classes = class_bases(bases)?;
    let meta = winner(meta.clone(), &base_classes)?;
    if base_classes.is_empty() {
        base_classes.push(types().object.clone());
    }
    let dict = ns.copy();
    let module = match dict.get_str("__module__") {
        Some(m) => vm.to_str(&m)?,
        None => {
            dict.set_str("__module__", Value::str("__main__"));
            "__main__".to_string()
        }
    };
    let qualname = match dict.remove_str("__qualname__") {
        Some(q) => vm.to_str(&q)?,
        None => name.to_string(),
    };
    // A class without a docstring has `__doc__ = None` of its own, as CPython's `type_new`
    // gives it, so that it does not show its base's.
    if dict.get_str("__doc__").is_none() {
        dict.set_str("__doc__", Value::None);
    }
    let (slots, has_members) = slots_of(vm, name, &base_classes, &dict)?;
    // A class that defines `__eq__` and not `__hash__` gets `__hash__ = None`, as CPython's
    // `type_new` does (`inherit_slots`): its instances are unhashable and `obj.__hash__` is None.
    if dict.get_str("__eq__").is_some() && dict.get_str("__hash__").is_none() {
        dict.set_str("__hash__", Value::None);
    }
    // CPython makes these implicit static/class methods.
    if let Some(f @ Value::Function(_)) = dict.get_str("__new__") {
        dict.set_str("__new__", native(StaticMethod::new(f)));
    }
    for n in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f @ Value::Function(_)) = dict.get_str(n) {
            dict.set_str(n, native(ClassMethod::new(f)));
        }
    }
    let metaclass = (!is_type(&meta)).then_some(meta);
    let cls = Class::new_user(name, qualname, module, base_classes, metaclass, dict, slots)
        .map_err(exc::type_error)?;
    if has_members {
        cls.set_flag(class_flags::MEMBERS);
    }
    note_builtin_bases(vm, &cls);
    let cls_value = Value::Class(cls.clone());
    // `__set_name__(owner, name)` on each attribute that has one.
    for (k, v) in cls.dict.items() {
        if let Some(m) = vm.lookup_special(&v, "__set_name__")
            && let Err(e) = vm.call(&m, &[v.clone(), cls_value.clone(), k.clone()], &[])
        {
            // CPython 3.11 wraps the error, the original as its cause.
            let name = match &k {
                Value::Str(s) => s.as_str().to_string(),
                other => vm.repr(other)?,
            };
            let err = exc::runtime_error(format!(
                "Error calling __set_name__ on '{}' instance '{}' in '{}'",
                v.type_name(),
                name,
                cls.name
            ));
            if let Some(st) = err.exc.exc() {
                *st.cause.lock() = Some(e.value());
                st.suppress_context
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
            return Err(err);
        }
    }
    // The parent's `__init_subclass__` (`super(cls, cls).__init_subclass__(**kwds)`).
    let init_subclass = cls
        .mro()
        .skip(1)
        .find_map(|c| c.dict.get_str("__init_subclass__"));
    match init_subclass {
        Some(Value::Native(n)) if n.as_any().downcast_ref::<ClassMethod>().is_some() => {
            let f = n
                .as_any()
                .downcast_ref::<ClassMethod>()
                .map(|cm| cm.func.clone())
                .unwrap_or(Value::None);
            vm.call(&f, std::slice::from_ref(&cls_value), kwargs)?;
        }
        Some(other) => {
            vm.call(&other, std::slice::from_ref(&cls_value), kwargs)?;
        }
        None => {
            if !kwargs.is_empty() {
                return Err(exc::type_error(format!(
                    "{}.__init_subclass__() takes no keyword arguments",
                    cls.name
                )));
            }
        }
    }
    Ok(cls)
}

/// `__slots__`: `None` when the instances get a `__dict__` (no `__slots__`, `'__dict__'`
/// among them, or a base without slots); else every slot name of the MRO. Each of the
/// class's own slots becomes a member descriptor in its dict.
fn slots_of(
    vm: &mut Vm,
    class_name: &str,
    bases: &[Arc<Class>],
    dict: &Dict,
) -> PyResult<(Option<Vec<Arc<str>>>, bool)> {
    let Some(decl) = dict.get_str("__slots__") else {
        return Ok((None, false));
    };
    let items = match &decl {
        Value::Str(_) => vec![decl.clone()],
        other => vm.collect(other)?,
    };
    let mut own: Vec<Arc<str>> = Vec::with_capacity(items.len());
    let mut with_dict = false;
    for it in &items {
        let Value::Str(s) = it else {
            return Err(exc::type_error(format!(
                "__slots__ items must be strings, not '{}'",
                it.type_name()
            )));
        };
        if !is_identifier(s.as_str()) {
            return Err(exc::type_error("__slots__ must be identifiers"));
        }
        if s.as_str() == "__dict__" {
            with_dict = true;
            continue;
        }
        if dict.get_str(s.as_str()).is_some() {
            return Err(exc::value_error(format!(
                "'{}' in __slots__ conflicts with class variable",
                s.as_str()
            )));
        }
        own.push(Arc::from(s.as_str()));
    }
    for s in &own {
        dict.set_str(
            s,
            native(MemberDescriptor {
                name: s.clone(),
                owner: Arc::from(class_name),
            }),
        );
    }
    let t = types();
    let mut all: Vec<Arc<str>> = Vec::new();
    for b in bases {
        // `object` and the built-in value types give their instances no `__dict__`.
        if Arc::ptr_eq(b, &t.object) || crate::vm::object::registry::is_value_type(b) {
            continue;
        }
        match &b.slots {
            Some(s) => all.extend(s.iter().cloned()),
            None => return Ok((None, !own.is_empty())),
        }
    }
    if with_dict {
        return Ok((None, !own.is_empty()));
    }
    let has_members = !own.is_empty();
    all.extend(own);
    Ok((Some(all), has_members))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

// ----- type's methods ----------------------------------------------------------------------

/// `type.__new__(meta, name, bases, ns, **kwds)` (a static method, reached by
/// `super().__new__(mcls, name, bases, ns)` in a metaclass).
fn type_dunder_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let Some(Value::Class(meta)) = args.first() else {
        return Err(exc::type_error("type.__new__(X): X is not a type object"));
    };
    if !meta.is_subclass_of(&types().type_) {
        return Err(exc::type_error(format!(
            "type.__new__({}): {} is not a subtype of type",
            meta.name, meta.name
        )));
    }
    match args.get(1..).unwrap_or_default() {
        [Value::Str(name), Value::Tuple(bases), ns] if ns_dict(ns).is_some() => {
            let ns = ns_dict(ns).unwrap_or_default();
            Ok(Value::Class(new_class(
                vm,
                meta,
                name.as_str(),
                &bases.0,
                &ns,
                kw,
            )?))
        }
        [Value::Str(_), Value::Tuple(_), ns] => Err(exc::type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            ns.type_name()
        ))),
        _ => Err(exc::type_error(
            "type.__new__() takes exactly 3 arguments (name, bases, dict)",
        )),
    }
}

/// `type(x)` → its class; `type(name, bases, dict)` → a new class.
pub fn type_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ctor_args(args);
    match a {
        [x] if kw.is_empty() => Ok(Value::Class(type_of(x))),
        [name, bases, ns] => type_call3(vm, name, bases, ns),
        _ => Err(exc::type_error("type() takes 1 or 3 arguments")),
    }
}

/// `type(name, bases, ns)`: through the most derived metaclass of the bases.
pub(crate) fn type_call3(vm: &mut Vm, name: &Value, bases: &Value, ns: &Value) -> PyResult<Value> {
    let arg_error = |i: usize, want: &str, got: &Value| {
        exc::type_error(format!(
            "type.__new__() argument {} must be {}, not {}",
            i,
            want,
            got.type_name()
        ))
    };
    let Value::Str(n) = name else {
        return Err(arg_error(1, "str", name));
    };
    let Value::Tuple(b) = bases else {
        return Err(arg_error(2, "tuple", bases));
    };
    let Some(d) = ns_dict(ns) else {
        return Err(arg_error(3, "dict", ns));
    };
    if b.0.iter().any(|x| !matches!(x, Value::Class(_))) {
        // CPython asks each base for its metaclass first: `int` is no subtype of `type`.
        return Err(metaclass_conflict());
    }
    let meta = winner(types().type_.clone(), &class_bases(&b.0)?)?;
    if is_type(&meta) {
        return Ok(Value::Class(new_class(
            vm,
            &meta,
            n.as_str(),
            &b.0,
            &d,
            &[],
        )?));
    }
    vm.call(
        &Value::Class(meta),
        &[name.clone(), bases.clone(), ns.clone()],
        &[],
    )
}

/// `type.__init__`: accepts what `type.__new__` did.
fn type_init(_vm: &mut Vm, _args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::None)
}

/// `type.__call__(cls, *args, **kwds)`: `__new__` then `__init__` (what a metaclass's
/// `__call__` reaches through `super().__call__(...)`).
fn type_dunder_call(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Class(cls)) => vm.call_class(cls, args.get(1..).unwrap_or_default(), kw),
        _ => Err(exc::type_error(
            "descriptor '__call__' requires a 'type' object",
        )),
    }
}

fn this_class(args: &[Value], what: &str) -> PyResult<Arc<Class>> {
    match args.first() {
        Some(Value::Class(c)) => Ok(c.clone()),
        _ => Err(exc::type_error(format!(
            "descriptor '{}' requires a 'type' object",
            what
        ))),
    }
}

/// `type.__setattr__(cls, name, value)` (a metaclass's `super().__setattr__`).
fn type_setattr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args {
        [Value::Class(c), name, value] => {
            let name = crate::vm::types::object::attr_name(name)?;
            c.set_attr(name, value.clone())?;
            Ok(Value::None)
        }
        _ => Err(exc::type_error(
            "descriptor '__setattr__' requires a 'type' object and 2 arguments",
        )),
    }
}

/// `type.__delattr__(cls, name)`.
fn type_delattr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args {
        [c @ Value::Class(_), name] => {
            let name = crate::vm::types::object::attr_name(name)?;
            vm.delattr_plain(c, name)?;
            Ok(Value::None)
        }
        _ => Err(exc::type_error(
            "descriptor '__delattr__' requires a 'type' object and 1 argument",
        )),
    }
}

/// `type.__getattribute__(cls, name)`: the class's attribute as a class finds it, without
/// the metaclass's `__getattribute__` (a metaclass's `super().__getattribute__(name)`).
fn type_getattribute(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args {
        [this @ Value::Class(c), name] => {
            let name = crate::vm::types::object::attr_name(name)?;
            match vm.class_getattr_outlined(this, c, name, false)? {
                Some(v) => Ok(v),
                None => Err(exc::with_attribute_context(
                    vm.attribute_error(this, name),
                    this,
                    name,
                )),
            }
        }
        _ => Err(exc::type_error(
            "descriptor '__getattribute__' requires a 'type' object and 1 argument",
        )),
    }
}

/// `cls.mro()`.
fn type_mro(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let c = this_class(args, "mro")?;
    Ok(Value::list(c.mro().cloned().map(Value::Class).collect()))
}

/// Records `cls` as a subclass of its built-in bases in this interpreter's list (user
/// classes keep their own, `Class::new_user`).
fn note_builtin_bases(vm: &Vm, cls: &Arc<Class>) {
    let mut builtin = cls
        .bases
        .iter()
        .filter(|b| b.kind != ClassKind::User)
        .peekable();
    if builtin.peek().is_none() {
        return;
    }
    let mut list = vm.interp.builtin_subclasses.lock();
    // Dead entries are dropped as the list doubles (readers skip them), so that making
    // many classes stays linear.
    if list.len().is_power_of_two() {
        list.retain(|(_, w)| w.strong_count() > 0);
    }
    for b in builtin {
        list.push((Arc::as_ptr(b) as usize, Arc::downgrade(cls)));
    }
}

/// `cls.__subclasses__()`: a user class's own list; for a built-in class, the built-in
/// classes of `builtins` that derive from it directly (`bool` for `int`), then this
/// interpreter's live subclasses of it, in the order they were made.
fn type_subclasses(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let c = this_class(args, "__subclasses__")?;
    if c.kind == ClassKind::User {
        return Ok(Value::list(
            c.subclasses().into_iter().map(Value::Class).collect(),
        ));
    }
    let mut out: Vec<Value> = Vec::new();
    for v in vm.interp.builtins.values() {
        if let Value::Class(b) = &v
            && b.kind != ClassKind::User
            && b.bases.iter().any(|x| Arc::ptr_eq(x, &c))
            && !out.iter().any(|o| o.is(&v))
        {
            out.push(v);
        }
    }
    let me = Arc::as_ptr(&c) as usize;
    let subs: Vec<Arc<Class>> = vm
        .interp
        .builtin_subclasses
        .lock()
        .iter()
        .filter(|(b, _)| *b == me)
        .filter_map(|(_, w)| w.upgrade())
        .collect();
    out.extend(subs.into_iter().map(Value::Class));
    Ok(Value::list(out))
}

/// `object.__init_subclass__()`: refuses keyword arguments, as CPython.
fn object_init_subclass(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        let name = match args.first() {
            Some(Value::Class(c)) => c.name.clone(),
            _ => "object".to_string(),
        };
        return Err(exc::type_error(format!(
            "{}.__init_subclass__() takes no keyword arguments",
            name
        )));
    }
    Ok(Value::None)
}

/// Registers `type`'s methods and `object.__init_subclass__`.
pub(crate) fn register(t: &crate::vm::object::registry::Types) {
    let ty = &t.type_;
    // Metaclasses inherit it: calling one goes through `__new__` (`type.__new__` at least).
    ty.set_flag(class_flags::NEW);
    add_all(
        ty,
        &[
            ("__init__", type_init),
            ("__call__", type_dunder_call),
            ("mro", type_mro),
            ("__setattr__", type_setattr),
            ("__getattribute__", type_getattribute),
            ("__delattr__", type_delattr),
            ("__subclasses__", type_subclasses),
        ],
    );
    add_static_method(ty, "__new__", type_dunder_new);
    add_class_method(&t.object, "__init_subclass__", object_init_subclass);
}
