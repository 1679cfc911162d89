//! `_collections`: the native `deque`, which `collections` (written in Python, `py/collections.py`)
//! re-exports.
//!
//! Why native: threaded scripts use a deque as a queue between threads and rely on CPython's
//! promise that `append`, `appendleft`, `pop` and `popleft` are atomic (one C call under the
//! GIL). Here each deque guards its items with its own mutex, so every one of these methods is
//! one critical section in both modes, with the GIL and in free-threaded mode (`-X gil=0`),
//! like CPython 3.13t's per-object critical sections. The mutex is never held while Python code
//! runs (comparisons, `repr` of the items, iteration of an argument): those work on a snapshot
//! taken under the lock, and the lock is never held across a blocking wait, so it cannot
//! deadlock with the GIL. Iterating a deque walks the deque itself and, as in CPython, raises
//! "deque mutated during iteration" when it changed since the iterator was made (also when
//! another thread changed it between two steps of a `for` loop).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use parking_lot::Mutex;

use super::{bind_args, native_class, native_class_with, no_args, one_arg, optional_arg};
use crate::bytecode::{BinaryOp, CompareOp};
use crate::vm::Vm;
use crate::vm::object::exceptions as exc;
use crate::vm::object::registry::add_method;
use crate::vm::object::value::Value;
use crate::vm::object::{Class, KwArgs, PyResult};
use crate::vm::object::{native_object, native_self};

/// `collections.deque`: a double-ended queue, optionally bounded by `maxlen`.
pub struct Deque {
    items: Mutex<VecDeque<Value>>,
    /// Fixed at construction, as in CPython (`maxlen` is read-only).
    maxlen: Option<usize>,
    /// Bumped (under `items`' lock) by every change of length or order, as CPython's
    /// `deque->state`: an iterator that sees it change raises "deque mutated during
    /// iteration", in one thread or across threads.
    state: AtomicU64,
}

impl Deque {
    fn new(items: VecDeque<Value>, maxlen: Option<usize>) -> Deque {
        Deque {
            items: Mutex::new(items),
            maxlen,
            state: AtomicU64::new(0),
        }
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.lock().iter().cloned().collect()
    }

    /// Records a change; called with `items` locked.
    fn mutated(&self) {
        self.state.fetch_add(1, Ordering::Relaxed);
    }

    /// Appends on the right, dropping from the left when full (CPython's bounded deque).
    /// Appends `items` `k` times over (the `maxlen` rule applies to each append).
    fn push_repeated(&self, out: &mut VecDeque<Value>, items: &[Value], k: usize) {
        for _ in 0..k {
            for v in items {
                self.push_back(out, v.clone());
            }
        }
    }

    fn push_back(&self, items: &mut VecDeque<Value>, v: Value) {
        self.push(items, v, End::Right);
    }

    /// Adds `v` at `end`, dropping from the other end when full (CPython's bounded deque).
    fn push(&self, items: &mut VecDeque<Value>, v: Value, end: End) {
        self.mutated();
        if self.maxlen == Some(0) {
            return;
        }
        match end {
            End::Right => items.push_back(v),
            End::Left => items.push_front(v),
        }
        if let Some(m) = self.maxlen
            && items.len() > m
        {
            match end {
                End::Right => items.pop_front(),
                End::Left => items.pop_back(),
            };
        }
    }
}

/// The end of a deque that `append`, `pop` and `extend` work at (`End::Right`), or their
/// `...left` twins (`End::Left`).
#[derive(Clone, Copy)]
enum End {
    Left,
    Right,
}

static DEQUE_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = native_class_with("deque", "collections", Some(deque_new));
    let methods: &[(&'static str, crate::vm::object::NativeFn)] = &[
        ("append", |_, a, kw| {
            deque_append(a, kw, "deque.append", End::Right)
        }),
        ("appendleft", |_, a, kw| {
            deque_append(a, kw, "deque.appendleft", End::Left)
        }),
        ("pop", |_, a, kw| deque_pop(a, kw, "deque.pop", End::Right)),
        ("popleft", |_, a, kw| {
            deque_pop(a, kw, "deque.popleft", End::Left)
        }),
        ("extend", |vm, a, kw| {
            deque_extend(vm, a, kw, "deque.extend", End::Right)
        }),
        ("extendleft", |vm, a, kw| {
            deque_extend(vm, a, kw, "deque.extendleft", End::Left)
        }),
        ("rotate", deque_rotate),
        ("clear", deque_clear),
        ("count", deque_count),
        ("remove", deque_remove),
        ("index", deque_index),
        ("reverse", deque_reverse),
        ("copy", deque_copy),
        ("__copy__", deque_copy),
        ("__len__", deque_len),
        ("__bool__", deque_bool),
        ("__iter__", deque_iter),
        ("__reversed__", deque_reversed),
        ("__contains__", deque_contains),
        ("__getitem__", deque_getitem),
        ("__setitem__", deque_setitem),
        ("__delitem__", deque_delitem),
        ("insert", deque_insert),
        ("__add__", deque_add),
        ("__iadd__", deque_iadd),
        ("__eq__", deque_eq),
        ("__lt__", |vm, a, kw| deque_order(vm, a, kw, CompareOp::Lt)),
        ("__le__", |vm, a, kw| deque_order(vm, a, kw, CompareOp::Le)),
        ("__gt__", |vm, a, kw| deque_order(vm, a, kw, CompareOp::Gt)),
        ("__ge__", |vm, a, kw| deque_order(vm, a, kw, CompareOp::Ge)),
        ("__mul__", deque_mul),
        ("__rmul__", deque_mul),
        ("__imul__", deque_imul),
        ("__repr__", deque_repr),
    ];
    for (n, f) in methods {
        add_method(&c, n, *f);
    }
    // Mutable, so unhashable (`hash(deque())` is a TypeError, as in CPython).
    c.dict.set_str("__hash__", Value::None);
    c
});

native_object!(Deque, "collections.deque", DEQUE_CLASS, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "maxlen" => Some(Ok(self
                .maxlen
                .map_or(Value::None, |m| Value::Int(m as i64)))),
            _ => None,
        }
    }
});

/// The `_collections` module.
pub fn build(vm: &mut Vm) -> Arc<crate::vm::object::Module> {
    let m = vm.new_module("_collections");
    m.dict.set_str("deque", Value::Class(DEQUE_CLASS.clone()));
    super::add_funcs(&m.dict, &[("_count_elements", count_elements)]);
    m
}

/// `_count_elements(mapping, iterable)`: `mapping[elem] = mapping.get(elem, 0) + 1` for each
/// element (what `Counter(iterable)` and `Counter.update` do), as CPython's C helper: on the
/// dict itself (one hash per element) when `mapping` is a dict whose `get` and `__setitem__`
/// are dict's own, through those methods otherwise.
fn count_elements(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = crate::vm::args::positional(args, kw, "_count_elements", 2, 2)?;
    let (mapping, iterable) = (&a[0], &a[1]);
    let one = Value::Int(1);
    let it = vm.get_iter(iterable)?;
    let dict = match mapping.builtin_base() {
        Value::Dict(d) if dicts_own(mapping) => Some(d.clone()),
        _ => None,
    };
    if let Some(d) = dict {
        while let Some(elem) = vm.next(&it)? {
            let key = vm.hash_key(&elem)?;
            let new = match vm.dict_get(&d, &key)? {
                Some(old) => vm.binary_op(&old, &one, BinaryOp::Add)?,
                None => one.clone(),
            };
            vm.dict_set(&d, key, new)?;
        }
        return Ok(Value::None);
    }
    let get = vm.getattr(mapping, "get")?;
    let zero = Value::Int(0);
    while let Some(elem) = vm.next(&it)? {
        let old = vm.call(&get, &[elem.clone(), zero.clone()], &[])?;
        let new = vm.binary_op(&old, &one, BinaryOp::Add)?;
        vm.setitem(mapping, &elem, new)?;
    }
    Ok(Value::None)
}

/// Whether a dict or a dict subclass instance keeps dict's own `get` and `__setitem__`.
fn dicts_own(mapping: &Value) -> bool {
    let Value::Instance(i) = mapping else {
        return true;
    };
    let dict = &crate::vm::object::registry::types().dict;
    let own_get = matches!(
        (i.class.lookup("get"), dict.dict.get_str("get")),
        (Some(Value::Builtin(x)), Some(Value::Builtin(y))) if Arc::ptr_eq(&x, &y)
    );
    own_get
        && i.class
            .lookup("__setitem__")
            .is_some_and(|m| crate::vm::ops::slots::is_slot(&m, crate::vm::ops::slots::setitem))
}

fn this(args: &[Value]) -> PyResult<&Deque> {
    native_self::<Deque>(args, "collections.deque")
}

fn new_deque(items: VecDeque<Value>, maxlen: Option<usize>) -> Value {
    Value::Native(Arc::new(Box::new(Deque::new(items, maxlen))))
}

/// `deque(iterable=(), maxlen=None)`.
fn deque_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(
        args.get(1..).unwrap_or(&[]),
        kw,
        "deque",
        &["iterable", "maxlen"],
        0,
        2,
        0,
    )?;
    let maxlen = match &a[1] {
        None | Some(Value::None) => None,
        Some(v) => {
            let n = vm.to_index(v)?;
            if n < 0 {
                return Err(exc::value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
    };
    let d = Deque::new(VecDeque::new(), maxlen);
    if let Some(it) = &a[0] {
        let values = vm.collect(it)?;
        let mut items = d.items.lock();
        for v in values {
            d.push_back(&mut items, v);
        }
    }
    Ok(Value::Native(Arc::new(Box::new(d))))
}

/// `append(x)` and `appendleft(x)`.
fn deque_append(args: &[Value], kw: &KwArgs, name: &str, end: End) -> PyResult<Value> {
    let d = this(args)?;
    let v = one_arg(args.get(1..).unwrap_or_default(), kw, name)?;
    d.push(&mut d.items.lock(), v.clone(), end);
    Ok(Value::None)
}

/// `pop()` and `popleft()`.
fn deque_pop(args: &[Value], kw: &KwArgs, name: &str, end: End) -> PyResult<Value> {
    let d = this(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, name)?;
    let v = {
        let mut items = d.items.lock();
        d.mutated();
        match end {
            End::Right => items.pop_back(),
            End::Left => items.pop_front(),
        }
    };
    v.ok_or_else(|| exc::index_error("pop from an empty deque"))
}

/// `extend(iterable)` and `extendleft(iterable)`.
fn deque_extend(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str, end: End) -> PyResult<Value> {
    let d = this(args)?;
    let it = one_arg(args.get(1..).unwrap_or_default(), kw, name)?;
    // Collected before locking: iterating may run Python code (a generator, `__iter__`).
    let values = vm.collect(it)?;
    let mut items = d.items.lock();
    for v in values {
        d.push(&mut items, v, end);
    }
    Ok(Value::None)
}

fn deque_rotate(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let n = match &optional_arg(args, kw, "rotate", "n", 0)? {
        Some(v) => vm.to_index(v)?,
        None => 1,
    };
    let mut items = d.items.lock();
    d.mutated();
    let len = items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    Ok(Value::None)
}

fn deque_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "deque.clear")?;
    // Dropped after unlocking: a dropped item's finaliser must not run under the lock.
    let old = {
        let mut items = d.items.lock();
        d.mutated();
        std::mem::take(&mut *items)
    };
    drop(old);
    Ok(Value::None)
}

fn deque_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let x = one_arg(args.get(1..).unwrap_or_default(), kw, "deque.count")?;
    let mut n = 0;
    for v in d.snapshot() {
        if vm.eq(&v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn position(vm: &mut Vm, d: &Deque, x: &Value) -> PyResult<Option<usize>> {
    for (i, v) in d.snapshot().into_iter().enumerate() {
        if vm.eq(&v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn deque_remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let x = one_arg(args.get(1..).unwrap_or_default(), kw, "deque.remove")?;
    match position(vm, d, x)? {
        Some(i) => {
            let mut items = d.items.lock();
            d.mutated();
            if i < items.len() {
                items.remove(i);
            }
            Ok(Value::None)
        }
        None => Err(exc::value_error(format!("{} is not in deque", vm.repr(x)?))),
    }
}

fn deque_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let x = one_arg(args.get(1..).unwrap_or_default(), kw, "deque.index")?;
    match position(vm, d, x)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(exc::value_error(format!("{} is not in deque", vm.repr(x)?))),
    }
}

fn deque_reverse(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "deque.reverse")?;
    d.items.lock().make_contiguous().reverse();
    Ok(Value::None)
}

fn deque_copy(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "deque.copy")?;
    let items = d.items.lock().clone();
    Ok(new_deque(items, d.maxlen))
}

fn deque_len(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(this(args)?.items.lock().len() as i64))
}

fn deque_bool(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(!this(args)?.items.lock().is_empty()))
}

fn deque_iter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    deque_iterator(args, false)
}

fn deque_reversed(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    deque_iterator(args, true)
}

fn deque_iterator(args: &[Value], reversed: bool) -> PyResult<Value> {
    let d = this(args)?;
    let items = d.items.lock();
    let it = DequeIter {
        deque: args[0].clone(),
        state: d.state.load(Ordering::Relaxed),
        next: Mutex::new(0),
        len: items.len(),
        reversed,
    };
    drop(items);
    Ok(Value::Native(Arc::new(Box::new(it))))
}

/// `iter(deque)` / `reversed(deque)`: walks the deque itself, and raises CPython's
/// RuntimeError if the deque changed since the iterator was made.
pub struct DequeIter {
    deque: Value,
    state: u64,
    /// How many items were produced.
    next: Mutex<usize>,
    len: usize,
    reversed: bool,
}

fn deque_iter_class(name: &str) -> Arc<Class> {
    let c = native_class(name, "_collections");
    add_method(&c, "__iter__", deque_iter_iter);
    add_method(&c, "__next__", deque_iter_next);
    c
}

static DEQUE_ITER_CLASS: LazyLock<Arc<Class>> =
    LazyLock::new(|| deque_iter_class("_deque_iterator"));
static DEQUE_REVERSE_ITER_CLASS: LazyLock<Arc<Class>> =
    LazyLock::new(|| deque_iter_class("_deque_reverse_iterator"));

native_object!(
    DequeIter,
    |this| {
        if this.reversed {
            "_collections._deque_reverse_iterator"
        } else {
            "_collections._deque_iterator"
        }
    },
    |this| {
        if this.reversed {
            DEQUE_REVERSE_ITER_CLASS.clone()
        } else {
            DEQUE_ITER_CLASS.clone()
        }
    }
);

fn deque_iter_iter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    // Checked: `type(iter(d)).__iter__()` calls it without `self`.
    match args.first() {
        Some(v @ Value::Native(n)) if n.as_any().is::<DequeIter>() => Ok(v.clone()),
        _ => Err(exc::type_error(
            "descriptor '__iter__' requires a '_collections._deque_iterator' object",
        )),
    }
}

fn deque_iter_next(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let Some(Value::Native(n)) = args.first() else {
        return Err(exc::type_error("descriptor requires a deque iterator"));
    };
    let Some(it) = n.as_any().downcast_ref::<DequeIter>() else {
        return Err(exc::type_error("descriptor requires a deque iterator"));
    };
    let d = this(std::slice::from_ref(&it.deque))?;
    let mut next = it.next.lock();
    let items = d.items.lock();
    // The change is checked first, so a changed deque raises on every later call too.
    if d.state.load(Ordering::Relaxed) != it.state || items.len() != it.len {
        *next = it.len;
        return Err(exc::runtime_error("deque mutated during iteration"));
    }
    if *next >= it.len {
        return Err(exc::stop_iteration(None));
    }
    let i = if it.reversed {
        it.len - 1 - *next
    } else {
        *next
    };
    *next += 1;
    items
        .get(i)
        .cloned()
        .ok_or_else(|| exc::stop_iteration(None))
}

fn deque_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let x = one_arg(args.get(1..).unwrap_or_default(), kw, "deque.__contains__")?;
    Ok(Value::Bool(position(vm, d, x)?.is_some()))
}

fn index_of(vm: &mut Vm, len: usize, i: &Value) -> PyResult<usize> {
    let i = vm.to_index(i)?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(exc::index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn deque_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let i = one_arg(args.get(1..).unwrap_or_default(), kw, "deque.__getitem__")?;
    if matches!(i, Value::Slice(_)) {
        return Err(exc::type_error(
            "sequence index must be integer, not 'slice'",
        ));
    }
    let len = d.items.lock().len();
    let j = index_of(vm, len, i)?;
    d.items
        .lock()
        .get(j)
        .cloned()
        .ok_or_else(|| exc::index_error("deque index out of range"))
}

fn deque_setitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let a = super::positional(
        args.get(1..).unwrap_or_default(),
        kw,
        "deque.__setitem__",
        2,
        2,
    )?;
    let len = d.items.lock().len();
    let j = index_of(vm, len, &a[0])?;
    match d.items.lock().get_mut(j) {
        Some(slot) => *slot = a[1].clone(),
        None => return Err(exc::index_error("deque index out of range")),
    }
    Ok(Value::None)
}

fn deque_delitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let i = one_arg(args.get(1..).unwrap_or_default(), kw, "deque.__delitem__")?;
    let len = d.items.lock().len();
    let j = index_of(vm, len, i)?;
    let mut items = d.items.lock();
    d.mutated();
    if j < items.len() {
        items.remove(j);
    }
    Ok(Value::None)
}

/// `insert(i, x)`: as `list.insert`; a full bounded deque refuses.
fn deque_insert(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let a = super::positional(args.get(1..).unwrap_or_default(), kw, "insert", 2, 2)?;
    let i = vm.to_index(&a[0])?;
    let mut items = d.items.lock();
    if d.maxlen.is_some_and(|m| items.len() >= m) {
        return Err(exc::index_error("deque already at its maximum size"));
    }
    d.mutated();
    let len = items.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    items.insert(at as usize, a[1].clone());
    Ok(Value::None)
}

/// `d + other`: a new deque (with `d`'s maxlen); `other` must be a deque.
fn deque_add(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let other = one_arg(args.get(1..).unwrap_or_default(), kw, "deque.__add__")?;
    let Ok(o) = this(std::slice::from_ref(other)) else {
        let name = other.type_name();
        return Err(exc::type_error(format!(
            "can only concatenate deque (not \"{name}\") to deque"
        )));
    };
    let new = Deque::new(VecDeque::new(), d.maxlen);
    {
        let mut items = new.items.lock();
        for v in d.snapshot().into_iter().chain(o.snapshot()) {
            new.push_back(&mut items, v);
        }
    }
    Ok(Value::Native(Arc::new(Box::new(new))))
}

/// `d += iterable`: extends in place.
fn deque_iadd(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    deque_extend(vm, args, kw, "deque.extend", End::Right)?;
    Ok(args[0].clone())
}

fn deque_eq(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let other = one_arg(args.get(1..).unwrap_or_default(), kw, "deque.__eq__")?;
    let Ok(o) = this(std::slice::from_ref(other)) else {
        return Ok(crate::vm::object::value::NOT_IMPLEMENTED.clone());
    };
    let (a, b) = (d.snapshot(), o.snapshot());
    Ok(Value::Bool(vm.seq_eq(&a, &b)?))
}

/// `d < other` and the other orderings: item by item, as lists compare (`NotImplemented`
/// unless `other` is a deque too).
fn deque_order(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    op: crate::bytecode::CompareOp,
) -> PyResult<Value> {
    let d = this(args)?;
    let other = one_arg(args.get(1..).unwrap_or_default(), kw, "deque comparison")?;
    let Ok(o) = this(std::slice::from_ref(other)) else {
        return Ok(crate::vm::object::value::NOT_IMPLEMENTED.clone());
    };
    let (a, b) = (d.snapshot(), o.snapshot());
    vm.seq_order(&a, &b, op)
}

/// The count of `d * n`: an int (CPython's sequence-repeat error otherwise); a negative count
/// is zero.
fn repeat_count(vm: &mut Vm, n: &Value) -> PyResult<usize> {
    match n {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let k = vm.to_index(n)?;
            Ok(usize::try_from(k).unwrap_or(0))
        }
        other => Err(exc::type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            other.type_name()
        ))),
    }
}

/// The deque, its items and the count of `d * n` or `d *= n` (the method `name`).
fn repeat_args<'a>(
    vm: &mut Vm,
    args: &'a [Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<(&'a Deque, Vec<Value>, usize)> {
    let d = this(args)?;
    let n = one_arg(args.get(1..).unwrap_or_default(), kw, name)?;
    let k = repeat_count(vm, n)?;
    let items = d.snapshot();
    crate::vm::object::exceptions::check_alloc(items.len(), k)?;
    Ok((d, items, k))
}

/// `d * n` and `n * d`: a new deque (with `d`'s maxlen) of `d`'s items `n` times over.
fn deque_mul(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (d, items, k) = repeat_args(vm, args, kw, "deque.__mul__")?;
    let new = Deque::new(VecDeque::new(), d.maxlen);
    new.push_repeated(&mut new.items.lock(), &items, k);
    Ok(Value::Native(Arc::new(Box::new(new))))
}

/// `d *= n`: repeats in place (`n <= 0` empties it).
fn deque_imul(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (d, items, k) = repeat_args(vm, args, kw, "deque.__imul__")?;
    {
        let mut out = d.items.lock();
        d.mutated();
        out.clear();
        d.push_repeated(&mut out, &items, k);
    }
    Ok(args[0].clone())
}

/// `deque([1, 2])`, `deque([1, 2], maxlen=3)`; `[...]` for a deque that contains itself.
fn deque_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let d = this(args)?;
    let mut parts = Vec::new();
    for v in d.snapshot() {
        if v.is(&args[0]) {
            parts.push("[...]".to_string());
        } else {
            parts.push(vm.repr(&v)?);
        }
    }
    let body = parts.join(", ");
    Ok(Value::string(match d.maxlen {
        Some(m) => format!("deque([{body}], maxlen={m})"),
        None => format!("deque([{body}])"),
    }))
}
