//! `list`: its constructor, its methods (`append`, `sort`, …) and the stable sort behind
//! `list.sort` and `sorted`.

use super::args::*;
use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::{Types, add_all};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::ctor_args::*;

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
    // Under the lock while every comparison is pure (no clone of each item); item by item
    // from the first that may run code.
    {
        let items = l.items.lock();
        while i < stop && i < items.len() {
            match crate::vm::ops::pure_eq(&items[i], x) {
                Some(true) => return Ok(Some(i)),
                Some(false) => i += 1,
                None => break,
            }
        }
        if i >= stop || i >= items.len() {
            return Ok(None);
        }
    }
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
    let result = sort_values(vm, &mut items, key.as_ref(), reverse);
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
    // Last item first, as CPython's `list_clear` (the order `__del__` methods see).
    old.into_iter().rev().for_each(drop);
    Ok(Value::None)
}

/// Registers the methods of `list` in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub(crate) fn register(t: &Types) {
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
        ],
    );
    add_all(
        &t.list,
        &sequence_slots!(this_list, |s| s.len(), "list.__getitem__"),
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

// ----- sorting -------------------------------------------------------------------------------

/// A stable sort by `vm.lt` (or by `key(item)`), as `list.sort` and `sorted`: the first error
/// stops the sort and is returned; `reverse` keeps equal items in their original order.
pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    if items.len() < 2 && key.is_none() {
        return Ok(());
    }
    let keys: Vec<Value> = match key {
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for it in items.iter() {
                ks.push(vm.call1(f, it.clone())?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut pairs: Vec<(Value, Value)> = keys.into_iter().zip(items.drain(..)).collect();
    if reverse {
        pairs.reverse();
    }
    let r = sort_pairs(vm, &mut pairs);
    if reverse {
        pairs.reverse();
    }
    items.extend(pairs.into_iter().map(|(_, v)| v));
    r
}

pub(crate) fn sort_pairs(vm: &mut Vm, pairs: &mut Vec<(Value, Value)>) -> PyResult<()> {
    // Fast paths: keys all ints, or all strings (no user code can run).
    if pairs.iter().all(|(k, _)| matches!(k, Value::Int(_))) {
        pairs.sort_by_key(|(k, _)| match k {
            Value::Int(i) => *i,
            _ => 0,
        });
        return Ok(());
    }
    if pairs.iter().all(|(k, _)| matches!(k, Value::Str(_))) {
        pairs.sort_by(|(a, _), (b, _)| a.as_str().cmp(&b.as_str()));
        return Ok(());
    }
    if pairs
        .iter()
        .all(|(k, _)| matches!(k, Value::Float(x) if !x.is_nan()))
    {
        pairs.sort_by(|(a, _), (b, _)| match (a, b) {
            (Value::Float(x), Value::Float(y)) => {
                x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal)
            }
            _ => std::cmp::Ordering::Equal,
        });
        return Ok(());
    }
    merge_sort(vm, pairs)
}

/// Top-down merge sort with binary insertion sort for short runs; stable, and it stops at the
/// first comparison that raises.
pub(crate) fn merge_sort(vm: &mut Vm, v: &mut Vec<(Value, Value)>) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    if n <= 16 {
        for i in 1..n {
            // Find the insertion point: after every element <= v[i].
            let (mut lo, mut hi) = (0, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if vm.lt(&v[i].0, &v[mid].0)? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            let item = v.remove(i);
            v.insert(lo, item);
        }
        return Ok(());
    }
    let mut right = v.split_off(n / 2);
    let r1 = merge_sort(vm, v);
    let r2 = if r1.is_ok() {
        merge_sort(vm, &mut right)
    } else {
        Ok(())
    };
    let left = std::mem::take(v);
    if let Err(e) = r1.and(r2) {
        v.extend(left);
        v.extend(right);
        return Err(e);
    }
    let mut out = Vec::with_capacity(n);
    let mut li = left.into_iter().peekable();
    let mut ri = right.into_iter().peekable();
    let mut err = None;
    while let (Some(l), Some(r)) = (li.peek(), ri.peek()) {
        // Take from the right only when it is strictly less (stability).
        match vm.lt(&r.0, &l.0) {
            Ok(true) => out.extend(ri.next()),
            Ok(false) => out.extend(li.next()),
            Err(e) => {
                err = Some(e);
                break;
            }
        }
    }
    out.extend(li);
    out.extend(ri);
    *v = out;
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
