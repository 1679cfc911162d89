//! `dict` and its views (`dict_keys`, `dict_values`, `dict_items`): methods, view set algebra.

use std::sync::Arc;

use super::args::*;
use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::native_object;
use crate::vm::object::registry::{Types, add_all, types};
use crate::vm::object::set_table::{self, Operand};
use crate::vm::object::value::NOT_IMPLEMENTED;
use crate::vm::object::value::{KeySet, Value};
use crate::vm::object::{Dict, IterObj, KwArgs, NativeObject, PyResult, SeqIter};
use crate::vm::types::ctor_args::*;

// ----- dict ------------------------------------------------------------------------------------

/// `dict.get(key, default=None)`
pub(super) fn dict_get(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "get")?;
    let pos = positional(args, kw, "dict.get", 1, 2)?;
    let key = vm.hash_key(&pos[0])?;
    Ok(vm
        .dict_get(d, &key)?
        .unwrap_or_else(|| pos.get(1).cloned().unwrap_or(Value::None)))
}

/// `dict.setdefault(key, default=None)`
pub(super) fn dict_setdefault(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "setdefault")?;
    let pos = positional(args, kw, "dict.setdefault", 1, 2)?;
    let key = vm.hash_key(&pos[0])?;
    let default = pos.get(1).cloned().unwrap_or(Value::None);
    vm.dict_setdefault(d, key, default)
}

/// `dict.pop(key[, default])`
pub(super) fn dict_pop(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "pop")?;
    let pos = positional(args, kw, "dict.pop", 1, 2)?;
    // Like CPython, an empty dict answers without hashing the key.
    let found = if d.is_empty() {
        None
    } else {
        let key = vm.hash_key(&pos[0])?;
        vm.dict_remove(d, &key)?
    };
    match (found, pos.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(exc::key_error(pos[0].clone())),
    }
}

/// `dict.popitem()`: the last item inserted.
pub(super) fn dict_popitem(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "popitem")?;
    no_args(args, kw, "dict.popitem")?;
    let last = d.lock_mut().pop();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k.value, v])),
        None => Err(exc::key_error(Value::str("popitem(): dictionary is empty"))),
    }
}

/// Merges a mapping or an iterable of pairs into `d` (the positional argument of `update`).
pub(super) fn dict_merge(vm: &mut Vm, d: &Dict, other: &Value) -> PyResult<()> {
    if let Value::Dict(o) = other
        && !o.holds_user_eq_keys()
        && !d.holds_user_eq_keys()
    {
        let items: Vec<_> = o
            .map
            .lock()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut map = d.lock_mut();
        for (k, v) in items {
            d.note_insert(k.hash, &v);
            map.insert(k, v);
        }
        return Ok(());
    }
    if let Some(keys) = vm.getattr_opt(other, "keys")? {
        let keys = vm.call(&keys, &[], &[])?;
        let keys = vm.collect(&keys)?;
        for k in keys {
            let v = vm.getitem(other, &k)?;
            let hk = vm.hash_key(&k)?;
            vm.dict_set(d, hk, v)?;
        }
        return Ok(());
    }
    let it = vm.get_iter(other)?;
    let mut n = 0;
    while let Some(item) = vm.next(&it)? {
        let pair = match vm.collect(&item) {
            Ok(p) => p,
            Err(e) if e.matches(&types().type_error) => {
                return Err(exc::type_error(format!(
                    "cannot convert dictionary update sequence element #{} to a sequence",
                    n
                )));
            }
            Err(e) => return Err(e),
        };
        let [k, v] = <[Value; 2]>::try_from(pair).map_err(|p| {
            exc::value_error(format!(
                "dictionary update sequence element #{} has length {}; 2 is required",
                n,
                p.len()
            ))
        })?;
        let hk = vm.hash_key(&k)?;
        vm.dict_set(d, hk, v)?;
        n += 1;
    }
    Ok(())
}

/// `dict.update([other], **kwargs)`
pub(super) fn dict_update(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "update")?;
    let pos = positional(args, &[], "dict.update", 0, 1)?;
    if let Some(other) = pos.first() {
        dict_merge(vm, d, other)?;
    }
    for (k, v) in kw {
        d.set_str(k, v.clone());
    }
    Ok(Value::None)
}

/// `dict.copy()`
pub(super) fn dict_copy(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "copy")?;
    no_args(args, kw, "dict.copy")?;
    Ok(Value::dict(d.copy()))
}

/// `dict.clear()`: the entries are dropped after the lock is released.
pub(super) fn dict_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "clear")?;
    no_args(args, kw, "dict.clear")?;
    let old = std::mem::take(&mut *d.lock_mut());
    drop(old);
    Ok(Value::None)
}

/// `dict.fromkeys(iterable, value=None)`: a class method (`args[0]` is the class).
pub(super) fn dict_fromkeys(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let pos = positional(args, kw, "dict.fromkeys", 1, 2)?;
    let value = pos.get(1).cloned().unwrap_or(Value::None);
    let keys = vm.collect(&pos[0])?;
    match args.first() {
        Some(cls @ Value::Class(c)) if !Arc::ptr_eq(c, &types().dict) => {
            // A subclass: build an instance and fill it through `__setitem__`.
            let obj = vm.call(cls, &[], &[])?;
            for k in keys {
                vm.setitem(&obj, &k, value.clone())?;
            }
            Ok(obj)
        }
        _ => {
            let d = Dict::new();
            for k in keys {
                let hk = vm.hash_key(&k)?;
                vm.dict_set(&d, hk, value.clone())?;
            }
            Ok(Value::dict(d))
        }
    }
}

container_slot!(len dict_len, this_dict, |s| s.len());

container_slot!(getitem dict_getitem, this_dict, "dict.__getitem__");

/// `dict.__contains__(key)`
pub(super) fn dict_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "__contains__")?;
    let key = one_arg(args, kw, "dict.__contains__")?;
    let key = vm.hash_key(key)?;
    Ok(Value::Bool(vm.dict_contains(d, &key)?))
}

// ----- dict views --------------------------------------------------------------------------------

pub(super) const KEYS: u8 = 0;
pub(super) const VALUES: u8 = 1;
pub(super) const ITEMS: u8 = 2;

/// A live view of a dict's keys, values or items (`d.keys()`): it holds the dict, not a copy,
/// so it sees later changes. `kind` is the `SeqIter::Dict` kind: 0 keys, 1 values, 2 items.
pub(super) struct DictView {
    dict: Arc<Dict>,
    kind: u8,
}

native_object!(
    DictView,
    |this| {
        match this.kind {
            KEYS => "dict_keys",
            VALUES => "dict_values",
            _ => "dict_items",
        }
    },
    |this| {
        let t = types();
        match this.kind {
            KEYS => t.dict_keys.clone(),
            VALUES => t.dict_values.clone(),
            _ => t.dict_items.clone(),
        }
    }
);

pub(super) fn new_view(args: &[Value], kw: &KwArgs, qual: &str, kind: u8) -> PyResult<Value> {
    let name = short_name(qual);
    let d = this_dict(args, name)?;
    no_args(args, kw, qual)?;
    let view: Box<dyn NativeObject> = Box::new(DictView {
        dict: d.clone(),
        kind,
    });
    Ok(Value::Native(Arc::new(view)))
}

/// `dict.keys()`
pub(super) fn dict_keys(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    new_view(args, kw, "dict.keys", KEYS)
}

/// `dict.values()`
pub(super) fn dict_values(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    new_view(args, kw, "dict.values", VALUES)
}

/// `dict.items()`
pub(super) fn dict_items(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    new_view(args, kw, "dict.items", ITEMS)
}

/// `self` of a set-like view's method (keys or items; values views are not set-like).
fn set_like_view<'a>(args: &'a [Value], name: &str) -> PyResult<&'a DictView> {
    match args.first().and_then(as_view).filter(|v| v.kind != VALUES) {
        Some(view) => Ok(view),
        None => {
            let got = args.first().cloned().unwrap_or(Value::None);
            Err(descriptor_error(name, "dict_keys", &got))
        }
    }
}

/// `self` and the one operand of a set-like view's binary slot.
fn set_like_view_and_other<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<(&'a DictView, &'a Value)> {
    let view = set_like_view(args, name)?;
    Ok((view, &slot_args(args, kw, name, 1)?[0]))
}

pub(super) fn as_view(v: &Value) -> Option<&DictView> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<DictView>(),
        _ => None,
    }
}

pub(super) fn view_name(kind: u8) -> &'static str {
    match kind {
        KEYS => "dict_keys",
        VALUES => "dict_values",
        _ => "dict_items",
    }
}

/// `self` of a view method; the descriptor error names `kind`'s class.
pub(super) fn this_view<'a>(args: &'a [Value], name: &str, kind: u8) -> PyResult<&'a DictView> {
    match args.first() {
        Some(v) => match as_view(v) {
            Some(view) if view.kind == kind => Ok(view),
            _ => Err(descriptor_error(name, view_name(kind), v)),
        },
        None => Err(unbound_error(view_name(kind), name)),
    }
}

/// The view's elements right now.
pub(super) fn view_items(view: &DictView) -> Vec<Value> {
    match view.kind {
        KEYS => view.dict.keys(),
        VALUES => view.dict.values(),
        _ => view
            .dict
            .items()
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
    }
}

/// Defines the methods every view kind has, for one kind.
macro_rules! view_methods {
    ($len:ident, $iter:ident, $contains:ident, $repr:ident, $kind:expr) => {
        /// `view.__len__()`
        fn $len(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let view = this_view(args, "__len__", $kind)?;
            slot_args(args, kw, "__len__", 0)?;
            Ok(Value::Int(view.dict.len() as i64))
        }
        /// `view.__iter__()`: a live iterator over the dict.
        fn $iter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let view = this_view(args, "__iter__", $kind)?;
            slot_args(args, kw, "__iter__", 0)?;
            let (dict, len) = (view.dict.clone(), view.dict.len());
            Ok(Value::Iter(Arc::new(IterObj::seq(SeqIter::Dict {
                dict,
                index: 0,
                len,
                kind: $kind,
            }))))
        }
        /// `x in view`
        fn $contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let view = this_view(args, "__contains__", $kind)?;
            let x = &slot_args(args, kw, "__contains__", 1)?[0];
            view_contains(vm, view, x).map(Value::Bool)
        }
        /// `repr(view)`: `dict_keys(['a', 'b'])`
        fn $repr(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let view = this_view(args, "__repr__", $kind)?;
            slot_args(args, kw, "__repr__", 0)?;
            view_repr(vm, &args[0], view)
        }
    };
}

view_methods!(keys_len, keys_iter, keys_contains, keys_repr, KEYS);
view_methods!(
    values_len,
    values_iter,
    values_contains,
    values_repr,
    VALUES
);
view_methods!(items_len, items_iter, items_contains, items_repr, ITEMS);

pub(super) fn view_contains(vm: &mut Vm, view: &DictView, x: &Value) -> PyResult<bool> {
    match view.kind {
        KEYS => {
            let key = vm.hash_key(x)?;
            vm.dict_contains(&view.dict, &key)
        }
        VALUES => {
            for v in view.dict.values() {
                if same_or_eq(vm, &v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            let Value::Tuple(t) = x else { return Ok(false) };
            let [k, v] = t.0.as_slice() else {
                return Ok(false);
            };
            let key = vm.hash_key(k)?;
            match vm.dict_get(&view.dict, &key)? {
                Some(found) => same_or_eq(vm, &found, v),
                None => Ok(false),
            }
        }
    }
}

pub(super) fn view_repr(vm: &mut Vm, this: &Value, view: &DictView) -> PyResult<Value> {
    let name = view_name(view.kind);
    // A view inside its own dict prints as `...`, like a list inside itself.
    let id = this.id();
    if vm.repr_guard.contains(&id) {
        return Ok(Value::str("..."));
    }
    vm.repr_guard.push(id);
    let inner = vm.repr(&Value::list(view_items(view)));
    vm.repr_guard.pop();
    Ok(Value::string(format!("{}({})", name, inner?)))
}

/// The elements of any iterable as set keys (hashing them; sets and dicts need no hashing).
pub(super) fn keys_of(vm: &mut Vm, v: &Value) -> PyResult<KeySet> {
    match v {
        Value::Set(s) => Ok(s.items.lock().clone()),
        Value::Dict(d) => Ok(d.map.lock().keys().cloned().collect()),
        _ => {
            let items = match as_view(v) {
                Some(view) => view_items(view),
                None => vm.collect(v)?,
            };
            let mut keys = Vec::with_capacity(items.len());
            for x in &items {
                keys.push(vm.hash_key(x)?);
            }
            let keys = vm.canonical(&KeySet::new(), Operand::Seq(keys))?;
            Ok(KeySet::from_operand(&keys))
        }
    }
}

pub(super) fn new_set(items: KeySet, frozen: bool) -> Value {
    Value::set(items, frozen)
}

/// The operand of a set operation (see `set_table::operand`); a view is a plain iterable.
pub(super) fn set_operand(vm: &mut Vm, v: &Value) -> PyResult<Operand> {
    match as_view(v) {
        Some(view) => {
            let mut keys = Vec::new();
            for x in &view_items(view) {
                keys.push(vm.hash_key(x)?);
            }
            Ok(Operand::Seq(keys))
        }
        None => set_table::operand(vm, v),
    }
}

/// CPython's `dictviews_to_set`: `set(view)`, made from the dict itself for a keys view.
pub(super) fn view_to_set(vm: &mut Vm, v: &Value) -> PyResult<KeySet> {
    if let Some(view) = as_view(v)
        && view.kind == KEYS
    {
        return Ok(KeySet::from_operand(&Operand::Dict(
            view.dict.map.lock().keys().cloned().collect(),
        )));
    }
    Ok(KeySet::from_operand(&set_operand(vm, v)?))
}

/// The set algebra of keys and items views: `set(left) op right`. For the reflected
/// operators (`{1} & d.keys()`) the view is the right operand.
pub(super) fn view_setop(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    op: u8,
    reflected: bool,
) -> PyResult<Value> {
    let (view, other) = set_like_view_and_other(args, kw, name)?;
    if op == b'&' {
        // `_PyDictView_Intersect`: the view is `self` whichever side it was on.
        let mine = set_operand(vm, &args[0])?;
        if let Value::Set(o) = other
            && !o.frozen
            && view_items(view).len() <= o.len()
        {
            let o = o.items.lock().clone();
            return Ok(new_set(o.intersection(&mine), false));
        }
        let theirs = set_operand(vm, other)?;
        let bigger_view = as_view(other)
            .filter(|v| v.kind != VALUES)
            .is_some_and(|v| view_items(v).len() > view_items(view).len());
        let (container, walked) = if bigger_view {
            (theirs, mine)
        } else {
            (mine, theirs)
        };
        let container = KeySet::from_operand(&container);
        let mut r = KeySet::default();
        for k in walked.iter() {
            if container.contains(k) {
                r.insert(k.clone());
            }
        }
        return Ok(new_set(r, false));
    }
    let (left, right) = if reflected {
        (other, &args[0])
    } else {
        (&args[0], other)
    };
    let mut r = view_to_set(vm, left)?;
    let right = set_operand(vm, right)?;
    match op {
        b'|' => r.update(&right),
        b'-' => r.difference_update(&right),
        _ => r.symmetric_difference_update(&right),
    }
    Ok(new_set(r, false))
}

/// Defines the set operators of views.
macro_rules! view_ops {
    ($($fn_name:ident, $dunder:literal, $op:literal, $reflected:literal;)*) => {
        $(
            #[doc = concat!("`view.", $dunder, "(other)`")]
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                view_setop(vm, args, kw, $dunder, $op, $reflected)
            }
        )*
    };
}

view_ops! {
    view_and, "__and__", b'&', false;
    view_or, "__or__", b'|', false;
    view_sub, "__sub__", b'-', false;
    view_xor, "__xor__", b'^', false;
    view_rand, "__rand__", b'&', true;
    view_ror, "__ror__", b'|', true;
    view_rsub, "__rsub__", b'-', true;
    view_rxor, "__rxor__", b'^', true;
}

/// Comparisons of keys/items views with sets and other such views, as sets;
/// NotImplemented for anything else.
pub(super) fn view_compare(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<Value> {
    let (view, other) = set_like_view_and_other(args, kw, name)?;
    let comparable =
        matches!(other, Value::Set(_)) || as_view(other).is_some_and(|v| v.kind != VALUES);
    if !comparable {
        return Ok(NOT_IMPLEMENTED.clone());
    }
    let a = keys_of(vm, &Value::list(view_items(view)))?;
    let b = keys_of(vm, other)?;
    Ok(Value::Bool(match name {
        "__eq__" => a.len() == b.len() && a.is_subset(&b),
        "__ne__" => !(a.len() == b.len() && a.is_subset(&b)),
        "__le__" => a.is_subset(&b),
        "__lt__" => a.len() < b.len() && a.is_subset(&b),
        "__ge__" => a.is_superset(&b),
        _ => a.len() > b.len() && a.is_superset(&b),
    }))
}

/// Defines the comparison methods of views.
macro_rules! view_cmps {
    ($($fn_name:ident, $dunder:literal;)*) => {
        $(
            #[doc = concat!("`view.", $dunder, "(other)`")]
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                view_compare(vm, args, kw, $dunder)
            }
        )*
    };
}

view_cmps! {
    view_eq, "__eq__";
    view_ne, "__ne__";
    view_lt, "__lt__";
    view_le, "__le__";
    view_gt, "__gt__";
    view_ge, "__ge__";
}

/// `view.isdisjoint(iterable)`
pub(super) fn view_isdisjoint(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let view = set_like_view(args, "isdisjoint")?;
    let qual = if view.kind == KEYS {
        "dict_keys.isdisjoint"
    } else {
        "dict_items.isdisjoint"
    };
    let other = one_arg(args, kw, qual)?;
    let view = DictView {
        dict: view.dict.clone(),
        kind: view.kind,
    };
    for x in vm.collect(other)? {
        if view_contains(vm, &view, &x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// Registers the methods of `dict` in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub(crate) fn register(t: &Types) {
    add_all(
        &t.dict,
        &[
            ("get", dict_get),
            ("items", dict_items),
            ("keys", dict_keys),
            ("values", dict_values),
            ("setdefault", dict_setdefault),
            ("update", dict_update),
            ("pop", dict_pop),
            ("popitem", dict_popitem),
            ("copy", dict_copy),
            ("clear", dict_clear),
            ("__len__", dict_len),
            ("__getitem__", dict_getitem),
            ("__contains__", dict_contains),
        ],
    );
    // A class method, bound to the class it is looked up on, so that a subclass's
    // `fromkeys` builds an instance of the subclass.
    crate::vm::types::function::add_class_method(&t.dict, "fromkeys", dict_fromkeys);

    add_all(
        &t.dict_keys,
        &[
            ("__len__", keys_len),
            ("__iter__", keys_iter),
            ("__contains__", keys_contains),
            ("__repr__", keys_repr),
        ],
    );
    add_all(
        &t.dict_values,
        &[
            ("__len__", values_len),
            ("__iter__", values_iter),
            ("__contains__", values_contains),
            ("__repr__", values_repr),
        ],
    );
    add_all(
        &t.dict_items,
        &[
            ("__len__", items_len),
            ("__iter__", items_iter),
            ("__contains__", items_contains),
            ("__repr__", items_repr),
        ],
    );
    for cls in [&t.dict_keys, &t.dict_items] {
        add_all(
            cls,
            &[
                ("__and__", view_and),
                ("__or__", view_or),
                ("__sub__", view_sub),
                ("__xor__", view_xor),
                ("__rand__", view_rand),
                ("__ror__", view_ror),
                ("__rsub__", view_rsub),
                ("__rxor__", view_rxor),
                ("__eq__", view_eq),
                ("__ne__", view_ne),
                ("__lt__", view_lt),
                ("__le__", view_le),
                ("__gt__", view_gt),
                ("__ge__", view_ge),
                ("isdisjoint", view_isdisjoint),
            ],
        );
    }
}

/// `dict()`, `dict(mapping)`, `dict(pairs)`, `dict(**kw)`.
pub fn dict_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ctor_args(args);
    if a.len() > 1 {
        return Err(exc::type_error(format!(
            "dict expected at most 1 argument, got {}",
            a.len()
        )));
    }
    let d = Arc::new(Dict::new());
    if let Some(src) = a.first() {
        dict_update_from(vm, &d, src)?;
    }
    for (k, v) in kw {
        d.set_str(k, v.clone());
    }
    Ok(Value::Dict(d))
}

/// `d.update(src)` for a mapping (`keys()` + `[]`) or an iterable of pairs.
pub fn dict_update_from(vm: &mut Vm, d: &Dict, src: &Value) -> PyResult<()> {
    if let Value::Dict(s) = src {
        for (k, v) in s.items() {
            let key = vm.hash_key(&k)?;
            vm.dict_set(d, key, v)?;
        }
        return Ok(());
    }
    if matches!(src, Value::Instance(_) | Value::Native(_))
        && vm.getattr_opt(src, "keys")?.is_some()
    {
        let keys = vm.call_method(src, "keys", &[])?;
        for k in vm.collect(&keys)? {
            let v = vm.getitem(src, &k)?;
            let key = vm.hash_key(&k)?;
            vm.dict_set(d, key, v)?;
        }
        return Ok(());
    }
    let it = vm.get_iter(src)?;
    let mut i = 0usize;
    while let Some(item) = vm.next(&it)? {
        let pair = match &item {
            Value::Tuple(t) => t.0.clone(),
            Value::List(l) => l.snapshot(),
            Value::Str(_) | Value::Instance(_) | Value::Native(_) | Value::Set(_) => {
                vm.collect(&item)?
            }
            Value::Dict(_) | Value::Range(_) | Value::Iter(_) => vm.collect(&item)?,
            _ => {
                return Err(exc::type_error(format!(
                    "cannot convert dictionary update sequence element #{} to a sequence",
                    i
                )));
            }
        };
        if pair.len() != 2 {
            return Err(exc::value_error(format!(
                "dictionary update sequence element #{} has length {}; 2 is required",
                i,
                pair.len()
            )));
        }
        let key = vm.hash_key(&pair[0])?;
        vm.dict_set(d, key, pair[1].clone())?;
        i += 1;
    }
    Ok(())
}
