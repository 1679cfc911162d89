//! `ConcurrentDeque`: a deque under its own mutex.

use super::*;

/// `ft_utils.concurrency.ConcurrentDeque`: a deque under its own mutex. Appends and pops at
/// either end, `extend`, `clear` and `rotate` are each one atomic step; comparisons, `in`,
/// `remove` and iteration work on a snapshot, because they run Python code (`__eq__`), which
/// must never run under the mutex (the library's are not atomic either).
#[derive(Default)]
pub struct ConcurrentDeque {
    pub(super) items: Mutex<std::collections::VecDeque<Value>>,
}

impl ConcurrentDeque {
    pub(super) fn snapshot(&self) -> Vec<Value> {
        self.items.lock().iter().cloned().collect()
    }
}

native_object!(ConcurrentDeque, "_concurrency.ConcurrentDeque", DEQUE_CLASS);

class_static!(pub(super) DEQUE_CLASS =
    with_comparisons!(class_with("ConcurrentDeque", "_concurrency", deque_new), dq_compare);
    "append" => dq_append,
    "appendleft" => dq_appendleft,
    "clear" => dq_clear,
    "extend" => dq_extend,
    "extendleft" => dq_extendleft,
    "pop" => dq_pop,
    "popleft" => dq_popleft,
    "remove" => dq_remove,
    "rotate" => dq_rotate,
    "__len__" => dq_len,
    "__getitem__" => dq_getitem,
    "__contains__" => dq_contains,
    "__iter__" => dq_iter,
    "__repr__" => dq_repr,
);

/// `ConcurrentDeque(iterable=None)`.
pub(super) fn deque_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let items = match &optional_arg(args, kw, "ConcurrentDeque", "iterable", 0)? {
        None | Some(Value::None) => Vec::new(),
        Some(v) => vm.collect(v)?,
    };
    Ok(native(ConcurrentDeque {
        items: Mutex::new(items.into()),
    }))
}

pub(super) fn dq(args: &[Value]) -> PyResult<&ConcurrentDeque> {
    native_self::<ConcurrentDeque>(args, "_concurrency.ConcurrentDeque")
}

pub(super) fn dq_append(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let v = method_arg(args, kw, "append")?.clone();
    d.items.lock().push_back(v);
    Ok(Value::None)
}

pub(super) fn dq_appendleft(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let v = method_arg(args, kw, "appendleft")?.clone();
    d.items.lock().push_front(v);
    Ok(Value::None)
}

pub(super) fn dq_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "clear")?;
    // The items are dropped after the mutex is released.
    let old = std::mem::take(&mut *d.items.lock());
    drop(old);
    Ok(Value::None)
}

/// The items of `extend`'s argument, gathered before the deque is locked (iterating may run
/// Python code; a deque extended with itself is copied first).
pub(super) fn dq_gather(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<Vec<Value>> {
    let it = method_arg(args, kw, name)?;
    if let (Value::Native(a), Value::Native(b)) = (&args[0], it)
        && Arc::ptr_eq(a, b)
    {
        return Ok(dq(args)?.snapshot());
    }
    vm.collect(it)
}

pub(super) fn dq_extend(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let items = dq_gather(vm, args, kw, "extend")?;
    dq(args)?.items.lock().extend(items);
    Ok(Value::None)
}

pub(super) fn dq_extendleft(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let items = dq_gather(vm, args, kw, "extendleft")?;
    let d = dq(args)?;
    let mut q = d.items.lock();
    for v in items {
        q.push_front(v);
    }
    Ok(Value::None)
}

pub(super) fn dq_pop(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "pop")?;
    let v = d.items.lock().pop_back();
    v.ok_or_else(|| exc::runtime_error("pop from an empty ConcurrentDeque"))
}

pub(super) fn dq_popleft(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "popleft")?;
    let v = d.items.lock().pop_front();
    v.ok_or_else(|| exc::runtime_error("pop from an empty ConcurrentDeque"))
}

/// `remove(value)`: the first item equal to `value`, found on a snapshot, then removed
/// (that very item) under the mutex.
pub(super) fn dq_remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let value = method_arg(args, kw, "remove")?;
    for item in d.snapshot() {
        if item.is(value) || vm.eq(&item, value)? {
            let mut q = d.items.lock();
            if let Some(i) = q.iter().position(|x| x.is(&item)) {
                let removed = q.remove(i);
                drop(q);
                drop(removed);
                return Ok(Value::None);
            }
        }
    }
    Err(exc::value_error(
        "ConcurrentDeque.remove(x): x not in ConcurrentDeque",
    ))
}

/// `rotate(n=1)`: n steps to the right (left if negative), in one step.
pub(super) fn dq_rotate(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let n = match &optional_arg(args, kw, "rotate", "n", 1)? {
        None => 1,
        Some(v) => to_i64(vm, v)?,
    };
    let mut q = d.items.lock();
    let len = q.len() as i64;
    if len > 0 {
        let k = n.rem_euclid(len) as usize;
        q.rotate_right(k);
    }
    Ok(Value::None)
}

pub(super) fn dq_len(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(dq(args)?.items.lock().len() as i64))
}

pub(super) fn dq_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let key = method_arg(args, kw, "__getitem__")?;
    let i = match key {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => i64::MAX,
        _ if vm.lookup_special(key, "__index__").is_some() => to_i64(vm, key)?,
        other => {
            return Err(exc::type_error(format!(
                "sequence index must be integer, not '{}'",
                other.type_name()
            )));
        }
    };
    let q = d.items.lock();
    let len = q.len() as i64;
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return Err(exc::index_error("ConcurrentDeque index out of range"));
    }
    Ok(q[i as usize].clone())
}

pub(super) fn dq_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let value = method_arg(args, kw, "__contains__")?;
    for item in d.snapshot() {
        if item.is(value) || vm.eq(&item, value)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// Iteration over a snapshot (the library's iterator walks a snapshot too).
pub(super) fn dq_iter(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let items = Value::list(dq(args)?.snapshot());
    vm.get_iter(&items)
}

pub(super) fn dq_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let items = Value::list(dq(args)?.snapshot());
    Ok(Value::string(format!(
        "ConcurrentDeque({})",
        vm.repr(&items)?
    )))
}

/// Comparisons: both deques, compared as lists are (item by item, then by length);
/// NotImplemented for anything else.
pub(super) fn dq_compare(vm: &mut Vm, args: &[Value], op: CompareOp) -> PyResult<Value> {
    let a = dq(args)?;
    let b = match args.get(1) {
        Some(Value::Native(n)) => n.as_any().downcast_ref::<ConcurrentDeque>(),
        _ => None,
    };
    let Some(b) = b else {
        return Ok(NOT_IMPLEMENTED.clone());
    };
    let (x, y) = (Value::list(a.snapshot()), Value::list(b.snapshot()));
    vm.compare(&x, &y, op)
}
