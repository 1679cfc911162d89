//! `ConcurrentDict`: a dict that guards itself.

use super::*;

/// `ft_utils.concurrency.ConcurrentDict`: a dict, which guards itself with its own lock, so
/// each item operation is one atomic step.
pub struct ConcurrentDict {
    pub(super) dict: Arc<Dict>,
}

native_object!(
    ConcurrentDict,
    "_concurrency.ConcurrentDict",
    CONCURRENT_DICT_CLASS
);

class_static!(pub(super) CONCURRENT_DICT_CLASS = class_with("ConcurrentDict", "_concurrency", concurrent_dict_new);
    "__getitem__" => cd_getitem, "__setitem__" => cd_setitem, "__delitem__" => cd_delitem,
    "__contains__" => cd_contains, "__len__" => cd_len, "as_dict" => cd_as_dict,
    "get" => |vm, args, kw| cd_delegate(vm, args, kw, "get"),
    "setdefault" => |vm, args, kw| cd_delegate(vm, args, kw, "setdefault"),
    "update" => |vm, args, kw| cd_delegate(vm, args, kw, "update"),
    "clear" => |vm, args, kw| cd_delegate(vm, args, kw, "clear"),
    "keys" => |vm, args, kw| cd_listed(vm, args, kw, "keys"),
    "values" => |vm, args, kw| cd_listed(vm, args, kw, "values"),
    "items" => |vm, args, kw| cd_listed(vm, args, kw, "items"),
    "__iter__" => cd_iter,
);

/// `ConcurrentDict(initial_capacity=None)` (older releases called it `scaling`); the
/// capacity is only a hint, and ignored.
pub(super) fn concurrent_dict_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(exc::type_error(format!(
            "ConcurrentDict() takes at most 1 argument ({} given)",
            args.len() - 1
        )));
    }
    let cap = match (args.get(1), kw) {
        (Some(v), []) => Some(v.clone()),
        (None, [(k, v)]) if &**k == "initial_capacity" || &**k == "scaling" => Some(v.clone()),
        (None, []) => None,
        _ => {
            return Err(exc::type_error(
                "ConcurrentDict() got an unexpected keyword argument",
            ));
        }
    };
    if let Some(v) = cap
        && !v.is_none()
    {
        to_i64(vm, &v)?;
    }
    Ok(native(ConcurrentDict {
        dict: Arc::new(Dict::new()),
    }))
}

pub(super) fn cd(args: &[Value]) -> PyResult<Value> {
    let d = native_self::<ConcurrentDict>(args, "_concurrency.ConcurrentDict")?;
    Ok(Value::Dict(d.dict.clone()))
}

pub(super) fn cd_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = cd(args)?;
    let key = method_arg(args, kw, "__getitem__")?;
    vm.getitem(&d, key)
}

pub(super) fn cd_setitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let d = cd(args)?;
    let [_, key, value] = args else {
        return Err(exc::type_error("expected 2 arguments"));
    };
    vm.setitem(&d, key, value.clone())?;
    Ok(Value::None)
}

pub(super) fn cd_delitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = cd(args)?;
    let key = method_arg(args, kw, "__delitem__")?;
    vm.delitem(&d, key)?;
    Ok(Value::None)
}

pub(super) fn cd_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = cd(args)?;
    let key = method_arg(args, kw, "__contains__")?;
    Ok(Value::Bool(vm.contains(&d, key)?))
}

pub(super) fn cd_len(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let d = native_self::<ConcurrentDict>(args, "_concurrency.ConcurrentDict")?;
    Ok(Value::Int(d.dict.len() as i64))
}

/// `as_dict()`: a plain dict copied from this one.
pub(super) fn cd_as_dict(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = native_self::<ConcurrentDict>(args, "_concurrency.ConcurrentDict")?;
    no_args(args.get(1..).unwrap_or_default(), kw, "as_dict")?;
    Ok(Value::dict(d.dict.copy()))
}

/// The dict's own method `name`, called on the inner dict: `get`, `setdefault`, `update`
/// and `clear` are each one step under the dict's lock, as they are per shard in the library.
pub(super) fn cd_delegate(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Value> {
    let d = cd(args)?;
    let m = vm.getattr(&d, name)?;
    vm.call(&m, args.get(1..).unwrap_or_default(), kw)
}

/// `keys()`, `values()`, `items()`: lists (as the library returns), copied under the lock.
pub(super) fn cd_listed(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Value> {
    let view = cd_delegate(vm, args, kw, name)?;
    Ok(Value::list(vm.collect(&view)?))
}

/// Iteration over a snapshot of the keys: safe while other threads update the dict (the
/// library's iterator is not thread consistent either).
pub(super) fn cd_iter(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let keys = cd_listed(vm, args, kw, "keys")?;
    vm.get_iter(&keys)
}
