//! `typing`, `collections.abc`, and subscripted built-in classes (`list[int]`).
//!
//! Annotations are evaluated but never checked, so these objects only need to be built,
//! printed and compared: a subscription yields a [`GenericAlias`] whose repr is CPython's
//! (`list[int]`, `typing.List[int]`, `collections.abc.Callable[[int], str]`).

use std::sync::{Arc, LazyLock};

use crate::vm::Vm;
use crate::vm::modules::{add_funcs, native_class, native_class_with};
use crate::vm::object::exceptions as exc;
use crate::vm::object::registry::{Types, add_method, types};
use crate::vm::object::value::ELLIPSIS;
use crate::vm::object::value::Value;
use crate::vm::object::{Class, KwArgs, Module, NativeFn, NativeObject, PyResult};
use crate::vm::object::{class_static, native_object, native_self};
use crate::vm::types::function::ClassMethod;

/// How a generic alias prints its origin.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    /// `types.GenericAlias`: `list[int]`.
    Builtin,
    /// `typing.List[int]`.
    Typing(&'static str),
    /// `collections.abc.Callable[[int], str]`.
    Abc,
    /// `types.UnionType`: `int | None` (PEP 604); `origin` is unused (None).
    Union,
}

/// A subscripted class or typing form.
pub struct GenericAlias {
    pub origin: Value,
    pub args: Vec<Value>,
    pub style: Style,
}

/// `typing.List`, `typing.Optional`, …: a form waiting to be subscripted.
pub struct SpecialForm {
    pub name: &'static str,
    /// The class it stands for, if any (`List` → `list`), called when the form is.
    pub origin: Option<Value>,
}

/// `typing.TypeVar("T")`.
pub struct TypeVar {
    pub name: String,
}

class_static!(ALIAS_CLASS = native_class_with("GenericAlias", "types", Some(alias_new));
    "__repr__" => alias_repr, "__call__" => alias_call, "__eq__" => alias_eq,
    "__getitem__" => alias_getitem, "__or__" => union_or, "__ror__" => union_ror,
);

class_static!(UNION_CLASS = native_class("UnionType", "types");
    "__repr__" => alias_repr, "__eq__" => alias_eq, "__or__" => union_or,
    "__ror__" => union_ror, "__hash__" => union_hash,
);

class_static!(FORM_CLASS = native_class("_SpecialForm", "typing");
    "__repr__" => form_repr, "__getitem__" => form_getitem, "__call__" => form_call,
);

class_static!(TYPEVAR_CLASS = native_class("TypeVar", "typing");
    "__repr__" => typevar_repr,
);

native_object!(
    GenericAlias,
    |this| match this.style {
        Style::Builtin => "types.GenericAlias",
        Style::Typing(_) => "_GenericAlias",
        Style::Abc => "_CallableGenericAlias",
        Style::Union => "types.UnionType",
    },
    |this| if this.style == Style::Union {
        UNION_CLASS.clone()
    } else {
        ALIAS_CLASS.clone()
    },
    {
        fn shareable(&self) -> bool {
            true
        }
        /// Two unions with the same members are one key (`{int | str: 1}[str | int]`), as
        /// `__eq__` and `__hash__` say.
        fn key_eq(&self, other: &Value) -> Option<bool> {
            let Value::Native(other) = other else {
                return Some(false);
            };
            let Some(o) = other.as_any().downcast_ref::<GenericAlias>() else {
                return Some(false);
            };
            if self.style != Style::Union || o.style != Style::Union {
                return Some(false);
            }
            let within = |xs: &[Value], ys: &[Value]| {
                xs.iter()
                    .all(|x| ys.iter().any(|y| crate::vm::object::value::key_eq(x, y)))
            };
            Some(within(&self.args, &o.args) && within(&o.args, &self.args))
        }
        fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
            match name {
                "__origin__" => Some(Ok(self.origin.clone())),
                "__args__" => Some(Ok(Value::tuple(flat_args(&self.args)))),
                // CPython's (what `inspect.formatannotation` reads to drop `typing.`).
                "__module__" => Some(Ok(Value::str(match self.style {
                    Style::Builtin => "builtins",
                    Style::Typing(_) => "typing",
                    Style::Abc => "collections.abc",
                    Style::Union => "types",
                }))),
                _ => None,
            }
        }
    }
);

native_object!(SpecialForm, "_SpecialForm", FORM_CLASS, {
    fn shareable(&self) -> bool {
        true
    }
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "_name" | "__name__" => Some(Ok(Value::str(self.name))),
            "__module__" => Some(Ok(Value::str("typing"))),
            "__origin__" => self.origin.clone().map(Ok),
            _ => None,
        }
    }
});

native_object!(TypeVar, "TypeVar", TYPEVAR_CLASS, {
    fn shareable(&self) -> bool {
        true
    }
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__name__" => Some(Ok(Value::str(&self.name))),
            _ => None,
        }
    }
});

fn native(obj: impl NativeObject) -> Value {
    let b: Box<dyn NativeObject> = Box::new(obj);
    Value::Native(Arc::new(b))
}

/// `__args__`: a Callable's parameter list is spliced in (`Callable[[int], str]` → `(int, str)`).
fn flat_args(args: &[Value]) -> Vec<Value> {
    let mut out = Vec::new();
    for a in args {
        match a {
            Value::List(l) => out.extend(l.snapshot()),
            other => out.push(other.clone()),
        }
    }
    out
}

/// The arguments of a subscription: a tuple key is several arguments.
fn key_args(key: &Value) -> Vec<Value> {
    match key {
        Value::Tuple(t) if !t.0.is_empty() => t.0.clone(),
        other => vec![other.clone()],
    }
}

/// `typing._type_repr` (and `types.GenericAlias`'s, which differs only for `None`).
fn type_repr(vm: &mut Vm, v: &Value, style: Style) -> PyResult<String> {
    Ok(match v {
        Value::Class(c) => {
            if c.module == "builtins" {
                c.qualname.clone()
            } else {
                format!("{}.{}", c.module, c.qualname)
            }
        }
        Value::None => match style {
            Style::Builtin => "None".into(),
            _ => "NoneType".into(),
        },
        Value::List(l) => {
            let items = l.snapshot();
            let mut parts = Vec::with_capacity(items.len());
            for i in &items {
                parts.push(type_repr(vm, i, style)?);
            }
            format!("[{}]", parts.join(", "))
        }
        Value::Function(f) => f.name.lock().to_string(),
        _ if v.is(&ELLIPSIS) => "...".into(),
        other => vm.repr(other)?,
    })
}

fn alias_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = native_self::<GenericAlias>(args, "GenericAlias")?;
    if a.style == Style::Union {
        let mut parts = Vec::with_capacity(a.args.len());
        for x in &a.args {
            parts.push(match x {
                Value::Class(c) if Arc::ptr_eq(c, &types().none_type) => "None".to_string(),
                _ => type_repr(vm, x, Style::Builtin)?,
            });
        }
        return Ok(Value::string(parts.join(" | ")));
    }
    let head = match a.style {
        Style::Builtin => type_repr(vm, &a.origin, a.style)?,
        Style::Typing(name) => format!("typing.{}", name),
        Style::Abc | Style::Union => type_repr(vm, &a.origin, a.style)?,
    };
    let mut parts = Vec::with_capacity(a.args.len());
    for x in &a.args {
        parts.push(type_repr(vm, x, a.style)?);
    }
    let body = if parts.is_empty() {
        "()".to_string()
    } else {
        parts.join(", ")
    };
    Ok(Value::string(format!("{}[{}]", head, body)))
}

/// `types.GenericAlias(origin, args)`: what `origin[args]` makes.
fn alias_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(exc::type_error("GenericAlias() takes no keyword arguments"));
    }
    let [origin, key] = args.get(1..).unwrap_or_default() else {
        return Err(exc::type_error(format!(
            "GenericAlias expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    Ok(native(GenericAlias {
        origin: origin.clone(),
        args: key_args(key),
        style: Style::Builtin,
    }))
}

fn alias_call(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = native_self::<GenericAlias>(args, "GenericAlias")?;
    let origin = a.origin.clone();
    if let Value::Native(n) = &origin
        && let Some(f) = n.as_any().downcast_ref::<SpecialForm>()
    {
        return match &f.origin {
            Some(o) => vm.call(&o.clone(), args.get(1..).unwrap_or_default(), kw),
            None => Err(exc::type_error(format!(
                "Type {} cannot be instantiated",
                f.name
            ))),
        };
    }
    vm.call(&origin, args.get(1..).unwrap_or_default(), kw)
}

fn alias_eq(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = native_self::<GenericAlias>(args, "GenericAlias")?;
    let Some(Value::Native(n)) = args.get(1) else {
        return Ok(crate::vm::object::value::NOT_IMPLEMENTED.clone());
    };
    let Some(b) = n.as_any().downcast_ref::<GenericAlias>() else {
        return Ok(crate::vm::object::value::NOT_IMPLEMENTED.clone());
    };
    if a.style == Style::Union && b.style == Style::Union {
        // Compared as sets, as CPython's `unionobject.c` does: `int | str == str | int`.
        let contains = |xs: &[Value], y: &Value| xs.iter().any(|x| x.is(y));
        return Ok(Value::Bool(
            a.args.iter().all(|x| contains(&b.args, x))
                && b.args.iter().all(|y| contains(&a.args, y)),
        ));
    }
    if a.style != b.style || !a.origin.is(&b.origin) || a.args.len() != b.args.len() {
        return Ok(Value::Bool(false));
    }
    let (x, y) = (flat_args(&a.args), flat_args(&b.args));
    Ok(Value::Bool(vm.seq_eq(&x, &y)?))
}

/// The members of a `types.UnionType` value (`int | None`: `int`, `NoneType`), for
/// `isinstance` and `issubclass`.
pub(crate) fn union_args(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Native(n) => match n.as_any().downcast_ref::<GenericAlias>() {
            Some(g) if g.style == Style::Union => Some(g.args.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The members `x | ...` contributes to a union: a class (`None` as `NoneType`), a built-in
/// generic alias (`list[int]`), or another union's members; else `x` is no type (the
/// operator gives NotImplemented).
fn union_members(x: &Value) -> Option<Vec<Value>> {
    match x {
        Value::Class(_) => Some(vec![x.clone()]),
        Value::None => Some(vec![Value::Class(types().none_type.clone())]),
        Value::Native(n) => match n.as_any().downcast_ref::<GenericAlias>() {
            Some(g) if g.style == Style::Union => Some(g.args.clone()),
            Some(g) if g.style == Style::Builtin => Some(vec![x.clone()]),
            _ => None,
        },
        _ => None,
    }
}

/// `a | b` for types (`type.__or__`, `GenericAlias.__or__`, `UnionType.__or__`): a
/// `types.UnionType` with the members of both, duplicates dropped; one member is itself.
pub(crate) fn make_union(a: &Value, b: &Value) -> Value {
    let (Some(xs), Some(ys)) = (union_members(a), union_members(b)) else {
        return crate::vm::object::value::NOT_IMPLEMENTED.clone();
    };
    let mut flat: Vec<Value> = Vec::with_capacity(xs.len() + ys.len());
    for p in xs.into_iter().chain(ys) {
        if !flat.iter().any(|q| q.is(&p)) {
            flat.push(p);
        }
    }
    if flat.len() == 1 {
        return flat.remove(0);
    }
    native(GenericAlias {
        origin: Value::None,
        args: flat,
        style: Style::Union,
    })
}

fn union_or(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args {
        [a, b] => Ok(make_union(a, b)),
        _ => Err(exc::type_error("expected 1 argument")),
    }
}

fn union_ror(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args {
        [a, b] => Ok(make_union(b, a)),
        _ => Err(exc::type_error("expected 1 argument")),
    }
}

fn union_hash(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = native_self::<GenericAlias>(args, "UnionType")?;
    // Order-independent, as equality is.
    let mut h: i64 = 0;
    for x in &a.args {
        h ^= vm.hash_key(x)?.hash;
    }
    Ok(Value::Int(if h == -1 { -2 } else { h }))
}

fn alias_getitem(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = native_self::<GenericAlias>(args, "GenericAlias")?;
    let key = args.get(1).cloned().unwrap_or(Value::None);
    // Substituting type variables is not modelled: `Dict[str, T][int]` keeps its arguments
    // but takes the new ones when all of the old ones were type variables.
    let all_vars = a.args.iter().all(|x| match x {
        Value::Native(n) => n.as_any().is::<TypeVar>(),
        _ => false,
    });
    Ok(native(GenericAlias {
        origin: a.origin.clone(),
        args: if all_vars {
            key_args(&key)
        } else {
            a.args.clone()
        },
        style: a.style,
    }))
}

fn form_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let f = native_self::<SpecialForm>(args, "_SpecialForm")?;
    Ok(Value::string(format!("typing.{}", f.name)))
}

fn form_call(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let f = native_self::<SpecialForm>(args, "_SpecialForm")?;
    Err(exc::type_error(format!(
        "Cannot instantiate typing.{}",
        f.name
    )))
}

fn form_getitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let f = native_self::<SpecialForm>(args, "_SpecialForm")?;
    let key = args.get(1).cloned().unwrap_or(Value::None);
    let mut items = key_args(&key);
    let name = f.name;
    match name {
        "Any" | "NoReturn" | "Never" => {
            return Err(exc::type_error(format!(
                "typing.{} is not subscriptable",
                name
            )));
        }
        "Optional" => {
            if items.len() != 1 {
                return Err(exc::type_error("typing.Optional requires a single type."));
            }
            if items[0].is_none() {
                return Ok(Value::Class(types().none_type.clone()));
            }
        }
        "Union" => {
            // Flatten, drop duplicates; `None` becomes NoneType.
            let mut flat: Vec<Value> = Vec::new();
            for it in items {
                let parts = match &it {
                    Value::Native(n) => match n.as_any().downcast_ref::<GenericAlias>() {
                        Some(g) if g.style == Style::Typing("Union") => g.args.clone(),
                        Some(g) if g.style == Style::Typing("Optional") => {
                            vec![g.args[0].clone(), Value::None]
                        }
                        _ => vec![it.clone()],
                    },
                    _ => vec![it.clone()],
                };
                for p in parts {
                    let mut dup = false;
                    for q in &flat {
                        if p.is(q) || (p.is_none() && q.is_none()) {
                            dup = true;
                            break;
                        }
                    }
                    if !dup {
                        flat.push(p);
                    }
                }
            }
            if flat.len() == 1 {
                return Ok(flat.remove(0));
            }
            if flat.len() == 2 && flat[1].is_none() {
                flat.truncate(1);
                return Ok(native(GenericAlias {
                    origin: args[0].clone(),
                    args: flat,
                    style: Style::Typing("Optional"),
                }));
            }
            items = flat;
        }
        "Callable" => check_callable_args(&items, &key)?,
        _ => {}
    }
    let _ = vm;
    Ok(native(GenericAlias {
        origin: args[0].clone(),
        args: items,
        style: Style::Typing(name),
    }))
}

fn check_callable_args(items: &[Value], key: &Value) -> PyResult<()> {
    let ok = matches!(key, Value::Tuple(t) if t.0.len() == 2)
        && (matches!(items[0], Value::List(_)) || items[0].is(&ELLIPSIS));
    if !ok {
        return Err(exc::type_error(
            "Callable must be used as Callable[[arg, ...], result].",
        ));
    }
    Ok(())
}

fn typevar_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let t = native_self::<TypeVar>(args, "TypeVar")?;
    Ok(Value::string(format!("~{}", t.name)))
}

fn typevar_new(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Str(s)) => Ok(native(TypeVar {
            name: s.as_str().to_string(),
        })),
        Some(_) => Err(exc::type_error("TypeVar name must be a string")),
        None => Err(exc::type_error(
            "TypeVar.__init__() missing 1 required positional argument: 'name'",
        )),
    }
}

fn cast(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = crate::vm::modules::bind_args(args, kw, "cast", &["typ", "val"], 2, 2, 0)?;
    Ok(p[1].clone().unwrap_or(Value::None))
}

fn identity(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(args.first().cloned().unwrap_or(Value::None))
}

/// `typing.get_type_hints`: written in Python (`py/_typing_hints.py`), as it evaluates
/// string annotations with `eval` in the right namespaces.
fn get_type_hints(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = crate::vm::modules::import(vm, "_typing_hints")?;
    let f = vm.getattr(&m, "get_type_hints")?;
    vm.call(&f, args, kw)
}

/// Classes that `class C(Generic[T])` can derive from: subscripting them yields the class.
fn marker_class(name: &str) -> Value {
    let c = native_class(name, "typing");
    if matches!(name, "Generic" | "Protocol") {
        set_class_getitem(&c, marker_class_getitem);
    }
    Value::Class(c)
}

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("typing");
    let d = &m.dict;
    let t = types();
    let forms: [(&'static str, Option<&Arc<Class>>); 24] = [
        ("Any", None),
        ("Callable", None),
        ("List", Some(&t.list)),
        ("Dict", Some(&t.dict)),
        ("Tuple", Some(&t.tuple)),
        ("Set", Some(&t.set)),
        ("FrozenSet", Some(&t.frozenset)),
        ("Type", Some(&t.type_)),
        ("Optional", None),
        ("Union", None),
        ("Iterable", None),
        ("Iterator", None),
        ("Generator", None),
        ("Sequence", None),
        ("MutableSequence", None),
        ("Mapping", None),
        ("MutableMapping", None),
        ("AbstractSet", None),
        ("NoReturn", None),
        ("Never", None),
        ("ClassVar", None),
        ("Final", None),
        ("Literal", None),
        ("Awaitable", None),
    ];
    for (name, origin) in forms {
        d.set_str(
            name,
            native(SpecialForm {
                name,
                origin: origin.map(|c| Value::Class(c.clone())),
            }),
        );
    }
    let _ = m.lazy_attr.set(lazy_attr);
    for name in ["Generic", "Protocol", "TypedDict"] {
        d.set_str(name, marker_class(name));
    }
    d.set_str("TYPE_CHECKING", Value::Bool(false));
    add_funcs(
        d,
        &[
            ("TypeVar", typevar_new),
            ("cast", cast),
            ("overload", identity),
            ("final", identity),
            ("no_type_check", identity),
            ("runtime_checkable", identity),
            ("get_type_hints", get_type_hints),
        ],
    );
    m
}

/// `typing.NamedTuple`, made on first access (`typing`'s `Module::lazy_attr`): the class
/// whose metaclass turns `class P(NamedTuple)` into a `collections.namedtuple`, written in
/// Python in `collections.py`, so that `import typing` runs no Python code.
fn lazy_attr(vm: &mut Vm, m: &Arc<Module>, name: &str) -> PyResult<Option<Value>> {
    if name != "NamedTuple" {
        return Ok(None);
    }
    let collections = crate::vm::modules::import(vm, "collections")?;
    let value = vm.getattr(&collections, "_NamedTuple")?;
    m.dict.set_str(name, value.clone());
    Ok(Some(value))
}

/// The classes of `collections.abc`, created once per process (they are immutable).
static ABC_CLASSES: LazyLock<Vec<Arc<Class>>> = LazyLock::new(|| {
    [
        "Callable",
        "Iterable",
        "Iterator",
        "Generator",
        "Reversible",
        "Container",
        "Collection",
        "Sized",
        "Hashable",
        "Sequence",
        "MutableSequence",
        "Mapping",
        "MutableMapping",
        "Set",
        "MutableSet",
        "Awaitable",
        "Coroutine",
        "AsyncIterable",
        "AsyncIterator",
        "KeysView",
        "ValuesView",
        "ItemsView",
    ]
    .iter()
    .map(|n| {
        let c = native_class(n, "collections.abc");
        set_class_getitem(&c, abc_class_getitem);
        super::abc_mixins::add_mixins(&c);
        c
    })
    .collect()
});

pub fn build_collections_abc(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("collections.abc");
    for c in ABC_CLASSES.iter() {
        m.dict.set_str(&c.name, Value::Class(c.clone()));
    }
    m
}

/// `__class_getitem__`, a classmethod as in CPython, of the built-in containers (`list[int]`):
/// `register` puts it in their classes. CPython's abstract layer answers `type[int]` with the
/// same function, so `ops/subscript.rs` borrows `list`'s for it.
fn builtin_class_getitem(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [cls, key] = args else {
        return Err(exc::type_error(
            "__class_getitem__ expects a class and one argument",
        ));
    };
    Ok(native(GenericAlias {
        origin: cls.clone(),
        args: key_args(key),
        style: Style::Builtin,
    }))
}

/// `__class_getitem__` of the `collections.abc` classes (`Iterable[int]`, `Callable[[int], str]`).
fn abc_class_getitem(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [cls, key] = args else {
        return Err(exc::type_error(
            "__class_getitem__ expects a class and one argument",
        ));
    };
    let args = key_args(key);
    if matches!(cls, Value::Class(c) if c.name == "Callable" && c.module == "collections.abc") {
        check_callable_args(&args, key)?;
    }
    Ok(native(GenericAlias {
        origin: cls.clone(),
        args,
        style: Style::Abc,
    }))
}

/// `__class_getitem__` of typing's `Generic` and `Protocol`: `Generic[T]` is the class itself.
fn marker_class_getitem(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(cls) => Ok(cls.clone()),
        None => Err(exc::type_error("__class_getitem__ expects a class")),
    }
}

/// Puts `func` in `cls` as its `__class_getitem__` classmethod.
fn set_class_getitem(cls: &Arc<Class>, func: NativeFn) {
    add_method(cls, "__class_getitem__", func);
    if let Some(f) = cls.dict.get_str("__class_getitem__") {
        cls.dict
            .set_str("__class_getitem__", native(ClassMethod::new(f)));
    }
}

/// Registers `__class_getitem__` in the built-in containers (`boot.rs` calls it).
pub(crate) fn register(t: &Types) {
    // PEP 604: `type.__or__`/`__ror__` (`int | None`); `binary_op` calls `__or__` for
    // classes, since special methods of a class are otherwise looked up on its metaclass.
    add_method(&t.type_, "__or__", union_or);
    add_method(&t.type_, "__ror__", union_ror);
    // `BaseExceptionGroup.__class_getitem__` too (`ExceptionGroup[ValueError]`), inherited.
    for cls in [
        &t.list,
        &t.dict,
        &t.tuple,
        &t.set,
        &t.frozenset,
        &t.base_exception_group,
    ] {
        set_class_getitem(cls, builtin_class_getitem);
    }
}

// ----- isinstance / issubclass with the collections.abc classes ----------------------------

/// The built-in types CPython registers with (or which inherit) each ABC of
/// `collections.abc`, by type name. The structural ABCs (those with a `__subclasshook__`:
/// `Iterable`, `Sized`, …) list the built-in types here too, and check a user class's methods.
fn abc_builtins(abc: &str) -> &'static [&'static str] {
    const ITERATORS: &[&str] = &[
        "range_iterator",
        "list_iterator",
        "tuple_iterator",
        "str_iterator",
        "dict_keyiterator",
        "dict_valueiterator",
        "dict_itemiterator",
        "set_iterator",
        "list_reverseiterator",
        "callable_iterator",
        "iterator",
        "enumerate",
        "zip",
        "map",
        "filter",
        "reversed",
        "generator",
    ];
    match abc {
        "Sequence" => &["str", "tuple", "list", "range"],
        "MutableSequence" => &["list"],
        "Mapping" | "MutableMapping" => &["dict"],
        "Set" => &["set", "frozenset", "dict_keys", "dict_items"],
        "MutableSet" => &["set"],
        "KeysView" => &["dict_keys"],
        "ValuesView" => &["dict_values"],
        "ItemsView" => &["dict_items"],
        "Sized" | "Container" | "Collection" | "Iterable" => &[
            "str",
            "tuple",
            "list",
            "range",
            "dict",
            "set",
            "frozenset",
            "dict_keys",
            "dict_values",
            "dict_items",
        ],
        "Reversible" => &[
            "str",
            "tuple",
            "list",
            "range",
            "dict",
            "dict_keys",
            "dict_values",
            "dict_items",
        ],
        "Iterator" => ITERATORS,
        "Generator" => &["generator"],
        "Awaitable" | "Coroutine" => &["coroutine"],
        "Callable" => &[
            "function",
            "builtin_function_or_method",
            "method",
            "type",
            "staticmethod",
        ],
        _ => &[],
    }
}

/// The methods a class must have for a structural ABC (CPython's `__subclasshook__`s), or
/// `None` for the ABCs a class must derive from or be registered with.
fn abc_methods(abc: &str) -> Option<&'static [&'static str]> {
    Some(match abc {
        "Hashable" => &["__hash__"],
        "Iterable" => &["__iter__"],
        "Iterator" => &["__iter__", "__next__"],
        "Reversible" => &["__reversed__", "__iter__"],
        "Generator" => &["__iter__", "__next__", "send", "throw", "close"],
        "Sized" => &["__len__"],
        "Container" => &["__contains__"],
        "Collection" => &["__len__", "__iter__", "__contains__"],
        "Callable" => &["__call__"],
        "Awaitable" => &["__await__"],
        "Coroutine" => &["__await__", "send", "throw", "close"],
        "AsyncIterable" => &["__aiter__"],
        "AsyncIterator" => &["__aiter__", "__anext__"],
        _ => return None,
    })
}

/// The ABCs each ABC derives from in CPython (`Sequence` is a `Reversible` `Collection`).
fn abc_parents(abc: &str) -> &'static [&'static str] {
    match abc {
        "Iterator" => &["Iterable"],
        "Reversible" => &["Iterable"],
        "Generator" => &["Iterator", "Iterable"],
        "Collection" => &["Sized", "Iterable", "Container"],
        "Sequence" => &["Reversible", "Collection", "Sized", "Iterable", "Container"],
        "MutableSequence" => &[
            "Sequence",
            "Reversible",
            "Collection",
            "Sized",
            "Iterable",
            "Container",
        ],
        "Mapping" | "Set" | "KeysView" | "ValuesView" | "ItemsView" => {
            &["Collection", "Sized", "Iterable", "Container"]
        }
        "MutableMapping" => &["Mapping", "Collection", "Sized", "Iterable", "Container"],
        "MutableSet" => &["Set", "Collection", "Sized", "Iterable", "Container"],
        "Coroutine" => &["Awaitable"],
        "AsyncIterator" => &["AsyncIterable"],
        _ => &[],
    }
}

/// Whether `cls` is one of `collections.abc`'s classes.
pub(crate) fn is_abc(cls: &Arc<Class>) -> bool {
    cls.module == "collections.abc" && ABC_CLASSES.iter().any(|c| Arc::ptr_eq(c, cls))
}

/// `issubclass(c, abc)` for an ABC of `collections.abc`, as CPython's `ABCMeta` answers it:
/// derived (from the ABC, or from an ABC deriving from it), registered (the built-in types),
/// or, for the structural ABCs, by the methods the class's MRO defines (a method set to
/// `None` says no).
pub(crate) fn abc_subclass(c: &Arc<Class>, abc: &Arc<Class>) -> bool {
    let name = abc.name.as_str();
    if c.is_subclass_of(abc) {
        return true;
    }
    // A class deriving from a more specific ABC (`class M(Mapping)` is `Sized`).
    if c.mro()
        .any(|k| is_abc(k) && abc_parents(&k.name).contains(&name))
    {
        return true;
    }
    // A built-in type registered with this ABC, or with one deriving from it (an iterator
    // is `Iterable`).
    let registered = |k: &Arc<Class>| {
        k.kind == crate::vm::object::ClassKind::Builtin
            && ABC_CLASSES.iter().any(|x| {
                (x.name == name || abc_parents(&x.name).contains(&name))
                    && abc_builtins(&x.name).contains(&k.name.as_str())
            })
    };
    if c.mro().any(registered) {
        return true;
    }
    if name == "Hashable" {
        // Unhashable: the built-in mutable containers, and a user class that defines
        // `__eq__` without `__hash__` (its `__hash__` is None in CPython).
        for k in c.mro() {
            if let Some(h) = k.dict.get_str("__hash__") {
                return !h.is_none();
            }
            if k.kind == crate::vm::object::ClassKind::User && k.dict.get_str("__eq__").is_some() {
                return false;
            }
            if k.kind == crate::vm::object::ClassKind::Builtin
                && ["list", "dict", "set", "dict_keys", "dict_items"].contains(&k.name.as_str())
            {
                return false;
            }
        }
        return true;
    }
    let Some(methods) = abc_methods(name) else {
        return false;
    };
    if c.kind != crate::vm::object::ClassKind::User {
        return false;
    }
    methods.iter().all(|m| {
        c.mro()
            .find_map(|k| k.dict.get_str(m))
            .is_some_and(|v| !v.is_none())
    })
}

/// The class `isinstance` checks against for a bare typing alias (`typing.Iterable` is
/// `collections.abc.Iterable`, `typing.List` is `list`), as in CPython 3.11.
/// `list[int]`, `typing.List[int]`: what `isinstance` refuses as a parameterized generic.
pub(crate) fn is_parameterized(v: &Value) -> bool {
    matches!(v, Value::Native(n) if n.as_any().is::<GenericAlias>())
}

pub(crate) fn special_form_class(v: &Value) -> Option<Arc<Class>> {
    let Value::Native(n) = v else {
        return None;
    };
    let f = n.as_any().downcast_ref::<SpecialForm>()?;
    if let Some(Value::Class(c)) = &f.origin {
        return Some(c.clone());
    }
    let name = match f.name {
        "AbstractSet" => "Set",
        other => other,
    };
    ABC_CLASSES.iter().find(|c| c.name == name).cloned()
}
