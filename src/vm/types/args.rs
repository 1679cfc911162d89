//! Argument helpers shared by the built-in types' methods: CPython words an argument error
//! according to how the method is declared, so each helper stands for one declaration style.

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::Signed;

use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::{PyStr, Value};
use crate::vm::object::{Dict, KwArgs, PyResult, Set};

// ----- arguments ---------------------------------------------------------------------------
//
// CPython words an argument error according to how the method is declared, so each helper
// below stands for one declaration style and produces that style's messages.

/// The arguments after `self`.
pub(crate) fn rest(args: &[Value]) -> &[Value] {
    args.get(1..).unwrap_or(&[])
}

use crate::vm::args::{given_by_name_and_position, invalid_keyword};
pub(crate) use crate::vm::args::{no_keywords, plural};
use crate::vm::types::ctor_args::at_most;

/// The part of `str.split` after the dot.
pub(crate) fn short_name(qual: &str) -> &str {
    qual.rsplit('.').next().unwrap_or(qual)
}

/// `METH_NOARGS`: "list.clear() takes no arguments (1 given)".
pub(crate) fn no_args(args: &[Value], kw: &KwArgs, qual: &str) -> PyResult<()> {
    crate::vm::args::no_args(rest(args), kw, qual)
}

/// `METH_O`: "list.append() takes exactly one argument (0 given)".
pub(crate) fn one_arg<'a>(args: &'a [Value], kw: &KwArgs, qual: &str) -> PyResult<&'a Value> {
    crate::vm::args::one_arg(rest(args), kw, qual)
}

/// Argument Clinic, positional only: "insert expected 2 arguments, got 1".
pub(crate) fn positional<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    qual: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    crate::vm::args::positional(rest(args), kw, short_name(qual), min, max)
}

/// `PyArg_ParseTuple` style (`str.find`): "find() takes at least 1 argument (0 given)".
pub(crate) fn old_style<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    qual: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    let pos = rest(args);
    let n = pos.len();
    if n >= min && n <= max {
        return Ok(pos);
    }
    let (which, bound) = if n < min {
        ("at least", min)
    } else {
        ("at most", max)
    };
    Err(exc::type_error(format!(
        "{}() takes {} {} argument{} ({} given)",
        short_name(qual),
        which,
        bound,
        plural(bound),
        n
    )))
}

/// Argument Clinic with keywords (`str.split(sep=None, maxsplit=-1)`, `list.sort(*, key=None,
/// reverse=False)`): every parameter optional, the first `maxpos` also positional. Returns one
/// slot per parameter.
pub(crate) fn keywords(
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    params: &[&str],
    maxpos: usize,
) -> PyResult<Vec<Option<Value>>> {
    let pos = rest(args);
    let (nargs, max) = (pos.len(), params.len());
    at_most(nargs, kw.len(), max, name)?;
    if nargs > maxpos {
        return Err(exc::type_error(if maxpos == 0 {
            format!("{}() takes no positional arguments", name)
        } else {
            format!(
                "{}() takes at most {} positional argument{} ({} given)",
                name,
                maxpos,
                plural(maxpos),
                nargs
            )
        }));
    }
    let mut slots: Vec<Option<Value>> = vec![None; max];
    for (slot, v) in slots.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    let mut unexpected = None;
    for (k, v) in kw {
        match params.iter().position(|p| *p == &**k) {
            Some(i) if i < nargs => return Err(given_by_name_and_position(name, k, i)),
            Some(i) => slots[i] = Some(v.clone()),
            None => unexpected = unexpected.or(Some(k)),
        }
    }
    match unexpected {
        Some(k) => Err(invalid_keyword(k, name)),
        None => Ok(slots),
    }
}

/// A slot wrapper (`[].__len__`, `"".__contains__`): "expected 1 argument, got 0".
pub(crate) fn slot_args<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    name: &str,
    n: usize,
) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(exc::type_error(format!(
            "wrapper {}() takes no keyword arguments",
            name
        )));
    }
    let pos = rest(args);
    if pos.len() != n {
        return Err(exc::type_error(format!(
            "expected {} argument{}, got {}",
            n,
            plural(n),
            pos.len()
        )));
    }
    Ok(pos)
}

/// Whether CPython exposes `owner.name` as a slot wrapper rather than a method: the dunders
/// registered here are slot wrappers except these few, which their types define as methods.
pub(crate) fn is_slot(owner: &str, name: &str) -> bool {
    name.starts_with("__")
        && !matches!(
            (owner, name),
            ("list" | "dict", "__getitem__") | ("dict" | "set" | "frozenset", "__contains__")
        )
}

#[cold]
pub(crate) fn descriptor_error(name: &str, owner: &str, got: &Value) -> PyErr {
    let ty = got.type_name();
    exc::type_error(if is_slot(owner, name) {
        format!(
            "descriptor '{}' requires a '{}' object but received a '{}'",
            name, owner, ty
        )
    } else {
        format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            name, owner, ty
        )
    })
}

#[cold]
pub(crate) fn unbound_error(owner: &str, name: &str) -> PyErr {
    exc::type_error(if is_slot(owner, name) {
        format!(
            "descriptor '{}' of '{}' object needs an argument",
            name, owner
        )
    } else {
        format!("unbound method {}.{}() needs an argument", owner, name)
    })
}

/// Defines one of a built-in container's `__len__`, `__getitem__`, `__contains__`: each checks
/// `self` with the type's getter, parses its argument as CPython declares that slot, then defers
/// to the protocol (`len`, [`Vm::getitem`], [`Vm::contains`]). A `getitem` given a qualified
/// name is one CPython declares as a method, whose errors name it (`list.__getitem__`).
macro_rules! container_slot {
    (len $name:ident, $this:ident, |$s:ident| $n:expr) => {
        pub(super) fn $name(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let $s = $this(args, "__len__")?;
            slot_args(args, kw, "__len__", 0)?;
            Ok(Value::Int($n as i64))
        }
    };
    (getitem $name:ident, $this:ident) => {
        pub(super) fn $name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            $this(args, "__getitem__")?;
            let key = &slot_args(args, kw, "__getitem__", 1)?[0];
            vm.getitem(&args[0], key)
        }
    };
    (getitem $name:ident, $this:ident, $qual:literal) => {
        pub(super) fn $name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            $this(args, "__getitem__")?;
            let key = one_arg(args, kw, $qual)?;
            vm.getitem(&args[0], key)
        }
    };
    (contains $name:ident, $this:ident) => {
        pub(super) fn $name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            $this(args, "__contains__")?;
            let x = &slot_args(args, kw, "__contains__", 1)?[0];
            Ok(Value::Bool(vm.contains(&args[0], x)?))
        }
    };
}
pub(crate) use container_slot;

/// The `add_all` entries of a sequence's `__len__`, `__getitem__` and `__contains__`, each as
/// [`container_slot!`] defines it: `self` checked by `$this`, the length `$n`, and the
/// `getitem` qualified where CPython declares it as a method.
macro_rules! sequence_slots {
    ($this:ident, |$s:ident| $n:expr $(, $qual:literal)?) => {{
        container_slot!(len len, $this, |$s| $n);
        container_slot!(getitem getitem, $this $(, $qual)?);
        container_slot!(contains contains, $this);
        [
            ("__len__", len as crate::vm::object::NativeFn),
            ("__getitem__", getitem),
            ("__contains__", contains),
        ]
    }};
}
pub(crate) use sequence_slots;

/// Defines `fn $name(args, method_name) -> PyResult<$ty>`: `self` of the right type, or the
/// error CPython gives when a method is called through its class on something else.
macro_rules! self_getter {
    ($fn_name:ident, $owner:expr, $ty:ty, $pat:pat => $out:expr) => {
        pub(crate) fn $fn_name<'a>(args: &'a [Value], name: &str) -> PyResult<$ty> {
            match args.first() {
                Some($pat) => Ok($out),
                Some(other) => Err(descriptor_error(name, $owner, other)),
                None => Err(unbound_error($owner, name)),
            }
        }
    };
}

self_getter!(this_str, "str", &'a Arc<PyStr>, Value::Str(s) => s);
self_getter!(this_list, "list", &'a Arc<crate::vm::object::List>, Value::List(l) => l);
self_getter!(this_tuple, "tuple", &'a [Value], Value::Tuple(t) => &t.0);
self_getter!(this_dict, "dict", &'a Arc<Dict>, Value::Dict(d) => d);
self_getter!(this_range, "range", &'a crate::vm::object::RangeObj, Value::Range(r) => r);

/// `self` of a `float` method.
pub(crate) fn this_float(args: &[Value], name: &str) -> PyResult<f64> {
    match args.first() {
        Some(Value::Float(x)) => Ok(*x),
        Some(other) => Err(descriptor_error(name, "float", other)),
        None => Err(unbound_error("float", name)),
    }
}

/// `self` of `set` (`FROZEN = false`) or `frozenset` methods.
pub(crate) fn this_set<'a, const FROZEN: bool>(
    args: &'a [Value],
    name: &str,
) -> PyResult<&'a Arc<Set>> {
    let owner = if FROZEN { "frozenset" } else { "set" };
    match args.first() {
        Some(Value::Set(s)) if s.frozen == FROZEN => Ok(s),
        Some(other) => Err(descriptor_error(name, owner, other)),
        None => Err(unbound_error(owner, name)),
    }
}

/// `self` of an `int` method, as a BigInt (bool is an int).
pub(crate) fn this_int(args: &[Value], name: &str) -> PyResult<BigInt> {
    match args.first() {
        Some(Value::Int(i)) => Ok(BigInt::from(*i)),
        Some(Value::Bool(b)) => Ok(BigInt::from(*b as i64)),
        Some(Value::BigInt(b)) => Ok((**b).clone()),
        Some(other) => Err(descriptor_error(name, "int", other)),
        None => Err(unbound_error("int", name)),
    }
}

/// An argument converted like Argument Clinic's `Py_ssize_t`.
pub(crate) fn arg_ssize(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(_) => Err(exc::overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
        _ => vm.to_index(v),
    }
}

/// An argument converted like Argument Clinic's `bool(accept={int})`.
pub(crate) fn arg_flag(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    match v {
        Value::BigInt(_) => Err(exc::overflow_error(
            "Python int too large to convert to C int",
        )),
        _ => Ok(vm.to_index(v)? != 0),
    }
}

/// A `start`/`end` argument (`_PyEval_SliceIndex`): huge ints clamp, `None` means absent
/// where `allow_none`.
pub(crate) fn slice_arg(vm: &mut Vm, v: &Value, allow_none: bool) -> PyResult<Option<i64>> {
    match v {
        Value::None if allow_none => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::BigInt(b) => Ok(Some(if b.is_negative() { i64::MIN } else { i64::MAX })),
        _ if vm.lookup_special(v, "__index__").is_some() => vm.to_index(v).map(Some),
        _ => Err(exc::type_error(if allow_none {
            "slice indices must be integers or None or have an __index__ method"
        } else {
            "slice indices must be integers or have an __index__ method"
        })),
    }
}

/// CPython's `ADJUST_INDICES`: negative indices count from the end, then clamp to `0..=len`
/// (only `end` is clamped above; a `start` past the end stays past it).
pub(crate) fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start, end)
}

/// `x is y or x == y`, the comparison containers use.
pub(crate) fn same_or_eq(vm: &mut Vm, x: &Value, y: &Value) -> PyResult<bool> {
    Ok(x.is(y) || vm.eq(x, y)?)
}
