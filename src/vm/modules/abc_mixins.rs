//! The mixin methods of `collections.abc`'s `Mapping`, `MutableMapping`, `Sequence` and
//! `MutableSequence`, as CPython's `_collections_abc.py` writes them over the abstract
//! methods a subclass defines (`__getitem__`, `__len__`, `__iter__`, `__setitem__`,
//! `__delitem__`, `insert`). The classes are shared by every interpreter, so the methods are
//! native, calling the subclass's methods through the protocols.
//!
//! `keys()`, `items()` and `values()` return views of a snapshot (a dict of the mapping's
//! items when called) where CPython returns live `KeysView(self)` objects.

use std::sync::Arc;

use parking_lot::Mutex;

use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::types;
use crate::vm::object::registry::{Methods, add_method};
use crate::vm::object::value::{NOT_IMPLEMENTED, Value};
use crate::vm::object::{Class, Dict, KwArgs, NativeFn, PyResult};
use crate::vm::types::ctor_args::bind_params;

fn me(args: &[Value]) -> PyResult<&Value> {
    args.first()
        .ok_or_else(|| exc::type_error("mixin method needs self"))
}

fn key_error(e: &exc::PyErr) -> bool {
    e.matches(&types().key_error)
}

fn index_error(e: &exc::PyErr) -> bool {
    e.matches(&types().index_error)
}

/// `clear()` of the mutable mixins: `pop` until it raises the error `empty` recognises (the
/// KeyError of `popitem`, the IndexError of `pop`).
fn pop_until_empty(
    vm: &mut Vm,
    this: &Value,
    pop: NativeFn,
    empty: fn(&exc::PyErr) -> bool,
) -> PyResult<Value> {
    loop {
        match pop(vm, std::slice::from_ref(this), &[]) {
            Ok(_) => {}
            Err(e) if empty(&e) => return Ok(Value::None),
            Err(e) => return Err(e),
        }
    }
}

// ----- Mapping -------------------------------------------------------------------------------

fn mapping_get(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let this = me(args)?;
    let p = bind_params(&args[1..], kw, "get", &["key", "default"], 1)?;
    let key = p[0].clone().unwrap_or(Value::None);
    match vm.getitem(this, &key) {
        Err(e) if key_error(&e) => Ok(p[1].clone().unwrap_or(Value::None)),
        r => r,
    }
}

fn mapping_contains(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [this, key] = args else {
        return Err(exc::type_error("__contains__ expects 1 argument"));
    };
    match vm.getitem(this, key) {
        Err(e) if key_error(&e) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
        Ok(_) => Ok(Value::Bool(true)),
    }
}

/// The mapping's items, in its iteration order, as a dict.
fn snapshot(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let d = Value::dict(Dict::new());
    let Value::Dict(dd) = &d else {
        return Ok(d);
    };
    let it = vm.get_iter(this)?;
    while let Some(k) = vm.next(&it)? {
        let v = vm.getitem(this, &k)?;
        let hk = vm.hash_key(&k)?;
        vm.dict_set(dd, hk, v)?;
    }
    Ok(d)
}

macro_rules! views {
    ($($f:ident, $name:literal;)*) => {$(
        fn $f(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let d = snapshot(vm, me(args)?)?;
            vm.call_method(&d, $name, &[])
        }
    )*};
}

views! {
    mapping_keys, "keys";
    mapping_items, "items";
    mapping_values, "values";
}

/// `Mapping` and `MutableMapping`, kept as `add_mixins` gives them their methods (the ABCs are
/// made once per process), so that [`is_mapping`] needs nothing from `typing.rs`.
static MAPPING_ABCS: Mutex<Vec<Arc<Class>>> = Mutex::new(Vec::new());

/// `isinstance(v, Mapping)`: a dict (the one built-in type registered as a Mapping), a
/// subclass of dict, or a class deriving from `Mapping` or `MutableMapping` (the ABCs' MROs
/// are flat here, so both are asked).
fn is_mapping(v: &Value) -> bool {
    if matches!(v, Value::Dict(_)) {
        return true;
    }
    let cls = crate::vm::object::registry::type_of(v);
    cls.is_subclass_of(&types().dict) || MAPPING_ABCS.lock().iter().any(|m| cls.is_subclass_of(m))
}

fn mapping_eq(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [this, other] = args else {
        return Err(exc::type_error("__eq__ expects 1 argument"));
    };
    if !is_mapping(other) {
        return Ok(NOT_IMPLEMENTED.clone());
    }
    let a = snapshot(vm, this)?;
    let b = match other {
        Value::Dict(_) => other.clone(),
        _ => snapshot(vm, other)?,
    };
    Ok(Value::Bool(vm.eq(&a, &b)?))
}

// ----- MutableMapping --------------------------------------------------------------------

fn mapping_pop(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let this = me(args)?;
    let (Some(key), default) = (args.get(1), args.get(2)) else {
        return Err(exc::type_error(
            "pop() missing 1 required positional argument: 'key'",
        ));
    };
    match vm.getitem(this, key) {
        Ok(v) => {
            vm.delitem(this, key)?;
            Ok(v)
        }
        Err(e) if key_error(&e) => match default {
            Some(d) => Ok(d.clone()),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}

fn mapping_popitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let this = me(args)?;
    let it = vm.get_iter(this)?;
    let Some(key) = vm.next(&it)? else {
        return Err(exc::PyErr::with_args(&types().key_error, vec![]));
    };
    let v = vm.getitem(this, &key)?;
    vm.delitem(this, &key)?;
    Ok(Value::tuple(vec![key, v]))
}

fn mapping_clear(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    pop_until_empty(vm, me(args)?, mapping_popitem, key_error)
}

fn mapping_update(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let this = me(args)?;
    if args.len() > 2 {
        return Err(exc::type_error(format!(
            "update expected at most 1 argument, got {}",
            args.len() - 1
        )));
    }
    if let Some(other) = args.get(1) {
        let pairs: Vec<(Value, Value)> = if is_mapping(other) {
            let keys = vm.collect(other)?;
            let mut out = Vec::with_capacity(keys.len());
            for k in keys {
                let v = vm.getitem(other, &k)?;
                out.push((k, v));
            }
            out
        } else if vm.getattr_opt(other, "keys")?.is_some() {
            let keys = vm.call_method(other, "keys", &[])?;
            let keys = vm.collect(&keys)?;
            let mut out = Vec::with_capacity(keys.len());
            for k in keys {
                let v = vm.getitem(other, &k)?;
                out.push((k, v));
            }
            out
        } else {
            let mut out = Vec::new();
            for pair in vm.collect(other)? {
                let kv = vm.collect(&pair)?;
                let [k, v] = <[Value; 2]>::try_from(kv).map_err(|_| {
                    exc::value_error("dictionary update sequence element has the wrong length")
                })?;
                out.push((k, v));
            }
            out
        };
        for (k, v) in pairs {
            vm.setitem(this, &k, v)?;
        }
    }
    for (k, v) in kw {
        vm.setitem(this, &Value::str(k), v.clone())?;
    }
    Ok(Value::None)
}

fn mapping_setdefault(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let this = me(args)?;
    let p = bind_params(&args[1..], kw, "setdefault", &["key", "default"], 1)?;
    let key = p[0].clone().unwrap_or(Value::None);
    let default = p[1].clone().unwrap_or(Value::None);
    match vm.getitem(this, &key) {
        Err(e) if key_error(&e) => {
            vm.setitem(this, &key, default.clone())?;
            Ok(default)
        }
        r => r,
    }
}

// ----- Sequence ----------------------------------------------------------------------------

/// `self[i]` for `i` from 0 until IndexError, as `Sequence.__iter__`.
fn items(vm: &mut Vm, this: &Value) -> PyResult<Vec<Value>> {
    let mut out = Vec::new();
    let mut i = 0i64;
    loop {
        match vm.getitem(this, &Value::Int(i)) {
            Ok(v) => out.push(v),
            Err(e) if index_error(&e) => return Ok(out),
            Err(e) => return Err(e),
        }
        i += 1;
    }
}

fn seq_iter(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let all = items(vm, me(args)?)?;
    vm.get_iter(&Value::list(all))
}

fn seq_reversed(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let mut all = items(vm, me(args)?)?;
    all.reverse();
    vm.get_iter(&Value::list(all))
}

fn seq_contains(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [this, x] = args else {
        return Err(exc::type_error("__contains__ expects 1 argument"));
    };
    for v in items(vm, this)? {
        if v.is(x) || vm.eq(&v, x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn seq_index(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (Some(this), Some(x)) = (args.first(), args.get(1)) else {
        return Err(exc::type_error(
            "index() missing 1 required positional argument: 'value'",
        ));
    };
    let all = items(vm, this)?;
    let n = all.len() as i64;
    let bound = |vm: &mut Vm, v: Option<&Value>, dflt: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(dflt),
            Some(v) => {
                let i = vm.to_index(v)?;
                Ok(if i < 0 { (i + n).max(0) } else { i })
            }
        }
    };
    let start = bound(vm, args.get(2), 0)?;
    let stop = bound(vm, args.get(3), n)?.min(n);
    for i in start..stop {
        let v = &all[i as usize];
        if v.is(x) || vm.eq(v, x)? {
            return Ok(Value::Int(i));
        }
    }
    Err(exc::PyErr::with_args(&types().value_error, vec![]))
}

fn seq_count(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [this, x] = args else {
        return Err(exc::type_error("count() takes exactly one argument"));
    };
    let mut n = 0;
    for v in items(vm, this)? {
        if v.is(x) || vm.eq(&v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

// ----- MutableSequence ---------------------------------------------------------------------

fn seq_append(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [this, x] = args else {
        return Err(exc::type_error("append() takes exactly one argument"));
    };
    let n = vm.len(this)? as i64;
    vm.call_method(this, "insert", &[Value::Int(n), x.clone()])?;
    Ok(Value::None)
}

fn seq_extend(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [this, xs] = args else {
        return Err(exc::type_error("extend() takes exactly one argument"));
    };
    let values = if this.is(xs) {
        items(vm, xs)?
    } else {
        vm.collect(xs)?
    };
    for v in values {
        vm.call_method(this, "append", &[v])?;
    }
    Ok(Value::None)
}

fn seq_iadd(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    seq_extend(vm, args, kw)?;
    Ok(me(args)?.clone())
}

fn seq_pop(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let this = me(args)?;
    let i = args.get(1).cloned().unwrap_or(Value::Int(-1));
    let v = vm.getitem(this, &i)?;
    vm.delitem(this, &i)?;
    Ok(v)
}

fn seq_remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let i = seq_index(vm, args, kw)?;
    vm.delitem(me(args)?, &i)?;
    Ok(Value::None)
}

fn seq_clear(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    pop_until_empty(vm, me(args)?, seq_pop, index_error)
}

fn seq_reverse(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let this = me(args)?;
    let n = vm.len(this)? as i64;
    for i in 0..n / 2 {
        let (a, b) = (Value::Int(i), Value::Int(n - i - 1));
        let x = vm.getitem(this, &a)?;
        let y = vm.getitem(this, &b)?;
        vm.setitem(this, &a, y)?;
        vm.setitem(this, &b, x)?;
    }
    Ok(Value::None)
}

/// Adds the mixin methods of the ABC `cls` (by name) and of the ABCs it derives from.
pub(crate) fn add_mixins(cls: &Arc<Class>) {
    const MAPPING: Methods = &[
        ("get", mapping_get),
        ("__contains__", mapping_contains),
        ("keys", mapping_keys),
        ("items", mapping_items),
        ("values", mapping_values),
        ("__eq__", mapping_eq),
    ];
    const MUTABLE_MAPPING: Methods = &[
        ("pop", mapping_pop),
        ("popitem", mapping_popitem),
        ("clear", mapping_clear),
        ("update", mapping_update),
        ("setdefault", mapping_setdefault),
    ];
    const SEQUENCE: Methods = &[
        ("__iter__", seq_iter),
        ("__reversed__", seq_reversed),
        ("__contains__", seq_contains),
        ("index", seq_index),
        ("count", seq_count),
    ];
    const MUTABLE_SEQUENCE: Methods = &[
        ("append", seq_append),
        ("extend", seq_extend),
        ("__iadd__", seq_iadd),
        ("pop", seq_pop),
        ("remove", seq_remove),
        ("clear", seq_clear),
        ("reverse", seq_reverse),
    ];
    let groups: &[Methods] = match cls.name.as_str() {
        "Mapping" => &[MAPPING],
        "MutableMapping" => &[MAPPING, MUTABLE_MAPPING],
        "Sequence" => &[SEQUENCE],
        "MutableSequence" => &[SEQUENCE, MUTABLE_SEQUENCE],
        _ => &[],
    };
    for group in groups {
        for &(name, f) in group.iter() {
            add_method(cls, name, f);
        }
    }
    // CPython: `Mapping.__reversed__ = None`, and its `__eq__` leaves it unhashable.
    if matches!(cls.name.as_str(), "Mapping" | "MutableMapping") {
        cls.dict.set_str("__hash__", Value::None);
        MAPPING_ABCS.lock().push(cls.clone());
    }
}
