//! `list`: its methods (`append`, `sort`, …).

use super::args::*;
use crate::vm::Vm;
use crate::vm::exceptions::{self as exc};
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::ctor_args::*;
use crate::vm::types::{Types, add_all};
use crate::vm::value::Value;

// ----- list ------------------------------------------------------------------------------------

/// `list.append(x)`
pub(super) fn list_append(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "append")?;
    let x = one_arg(args, kw, "list.append")?;
    l.push(x.clone());
    Ok(Value::None)
}

/// `list.extend(iterable)`
pub(super) fn list_extend(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "extend")?;
    let items = vm.collect(one_arg(args, kw, "list.extend")?)?;
    l.items.lock().extend(items);
    Ok(Value::None)
}

/// `list.insert(index, x)`: the index is clamped to the list.
pub(super) fn list_insert(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "insert")?;
    let pos = positional(args, kw, "list.insert", 2, 2)?;
    let i = arg_ssize(vm, &pos[0])?;
    let mut items = l.items.lock();
    let n = items.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(i as usize, pos[1].clone());
    Ok(Value::None)
}

/// `list.pop(index=-1)`
pub(super) fn list_pop(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "pop")?;
    let pos = positional(args, kw, "list.pop", 0, 1)?;
    let i = match pos.first() {
        Some(v) => arg_ssize(vm, v)?,
        None => -1,
    };
    let mut items = l.items.lock();
    if items.is_empty() {
        return Err(exc::index_error("pop from empty list"));
    }
    let n = items.len() as i64;
    let i = if i < 0 { i + n } else { i };
    if i < 0 || i >= n {
        return Err(exc::index_error("pop index out of range"));
    }
    Ok(items.remove(i as usize))
}

/// The first index in `start..stop` of the live list whose item equals `x`. The list is
/// re-read at each step because `__eq__` may change it.
pub(super) fn list_find(
    vm: &mut Vm,
    l: &crate::vm::object::List,
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop {
        let Some(item) = l.get(i) else { break };
        if same_or_eq(vm, &item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

/// `list.remove(x)`
pub(super) fn list_remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "remove")?;
    let x = one_arg(args, kw, "list.remove")?;
    if let Some(i) = list_find(vm, l, x, 0, usize::MAX)? {
        let mut items = l.items.lock();
        if i < items.len() {
            items.remove(i);
            return Ok(Value::None);
        }
    }
    Err(exc::value_error("list.remove(x): x not in list"))
}

/// `start` and `stop` of `list.index` / `tuple.index`, made non-negative.
pub(super) fn index_bounds(vm: &mut Vm, pos: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let len = len as i64;
    let mut bound = |v: Option<&Value>, default: i64| -> PyResult<usize> {
        let i = match v {
            Some(v) => slice_arg(vm, v, false)?.unwrap_or(default),
            None => default,
        };
        Ok(if i < 0 { (i + len).max(0) } else { i } as usize)
    };
    let start = bound(pos.get(1), 0)?;
    let stop = bound(pos.get(2), i64::MAX)?;
    Ok((start, stop))
}

/// `list.index(x, start=0, stop=sys.maxsize)`
pub(super) fn list_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "index")?;
    let pos = positional(args, kw, "list.index", 1, 3)?;
    let (start, stop) = index_bounds(vm, pos, l.len())?;
    match list_find(vm, l, &pos[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(exc::value_error(format!(
            "{} is not in list",
            vm.repr(&pos[0])?
        ))),
    }
}

/// `list.count(x)`
pub(super) fn list_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "count")?;
    let x = one_arg(args, kw, "list.count")?;
    let mut n = 0;
    let mut i = 0;
    while let Some(item) = l.get(i) {
        if same_or_eq(vm, &item, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}

/// `list.sort(*, key=None, reverse=False)`: stable. While it runs the list looks empty, as in
/// CPython, and a change made meanwhile is reported.
pub(super) fn list_sort(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "sort")?;
    let a = keywords(args, kw, "sort", &["key", "reverse"], 0)?;
    let key = a[0].clone().filter(|k| !k.is_none());
    let reverse = match &a[1] {
        Some(v) => arg_flag(vm, v)?,
        None => false,
    };
    let mut items = std::mem::take(&mut *l.items.lock());
    let result = crate::vm::builtins::sort_values(vm, &mut items, key.as_ref(), reverse);
    let modified = {
        let mut slot = l.items.lock();
        let modified = !slot.is_empty();
        *slot = items;
        modified
    };
    result?;
    if modified {
        return Err(exc::value_error("list modified during sort"));
    }
    Ok(Value::None)
}

/// `list.reverse()`
pub(super) fn list_reverse(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "reverse")?;
    no_args(args, kw, "list.reverse")?;
    l.items.lock().reverse();
    Ok(Value::None)
}

/// `list.copy()`
pub(super) fn list_copy(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "copy")?;
    no_args(args, kw, "list.copy")?;
    Ok(Value::list(l.snapshot()))
}

/// `list.clear()`: the items are dropped after the lock is released.
pub(super) fn list_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "clear")?;
    no_args(args, kw, "list.clear")?;
    let old = std::mem::take(&mut *l.items.lock());
    drop(old);
    Ok(Value::None)
}

container_slot!(len list_len, this_list, |s| s.len());

container_slot!(getitem list_getitem, this_list, "list.__getitem__");

container_slot!(contains list_contains, this_list);

/// Registers the methods of `list` in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub(super) fn register(t: &Types) {
    add_all(
        &t.list,
        &[
            ("append", list_append),
            ("extend", list_extend),
            ("insert", list_insert),
            ("pop", list_pop),
            ("remove", list_remove),
            ("index", list_index),
            ("count", list_count),
            ("sort", list_sort),
            ("reverse", list_reverse),
            ("copy", list_copy),
            ("clear", list_clear),
            ("__len__", list_len),
            ("__getitem__", list_getitem),
            ("__contains__", list_contains),
        ],
    );
}

/// `list(iterable=())`.
pub fn list_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "list", 0, 1)?;
    match a.first() {
        None => Ok(Value::list(Vec::new())),
        Some(x) => Ok(Value::list(vm.collect(x)?)),
    }
}
